"""Search for the pages: the store's full-text `search` (names, aliases in both languages,
document text), cached, and the sentences of the documents found, with the hit marked.

Input may be Traditional (東城區) or Simplified; `edukg.store.search` converts it with OpenCC
(t2s) and cuts it into words with jieba, as the loader cut the graph's text.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

import streamlit as st

from edukg.explorer import data
from edukg.explorer.evidence import MARK_STYLE, documents
from edukg.store.search import SearchHit, highlights, sentences_with, simplified

__all__ = ["SearchHit", "Sentence", "marked", "search", "sentences", "simplified"]

HITS_PER_KIND = 20
SENTENCE_DOCUMENTS = 10  # documents whose sentences are shown (the best ones found)
SENTENCES_PER_DOCUMENT = 5


@dataclass(frozen=True)
class Sentence:
    doc_id: str
    title: str
    published: str | None
    text: str
    start: int
    end: int


@st.cache_data(ttl=data.CACHE_TTL_S, show_spinner=False, max_entries=500)
def _search(
    key: str, text: str, kinds: tuple[str, ...] | None, limit: int, prefix: bool
) -> list[SearchHit]:
    return data.store().search(text, kinds=kinds, limit=limit, prefix=prefix)


def search(
    text: str,
    *,
    kinds: Sequence[str] | None = None,
    limit: int = HITS_PER_KIND,
    prefix: bool = False,
) -> list[SearchHit]:
    """Nodes found for `text`, grouped by kind and ranked (at most `limit` of each kind)."""
    if not text.strip():
        return []
    chosen = tuple(kinds) if kinds is not None else None
    return _search(data.store_key(), text.strip(), chosen, limit, prefix)


def sentences(text: str, hits: list[SearchHit]) -> list[Sentence]:
    """The sentences holding `text` in the best documents among `hits`, in their order."""
    doc_ids = [hit.id for hit in hits if hit.kind == "Document"][:SENTENCE_DOCUMENTS]
    texts = documents(set(doc_ids)) if doc_ids else {}
    found = []
    for doc_id in doc_ids:
        document = texts.get(doc_id)
        if document is None:
            continue
        body = document["text"] or ""
        for start, end in sentences_with(body, text)[:SENTENCES_PER_DOCUMENT]:
            found.append(
                Sentence(
                    doc_id, document["title"], document["published"], body[start:end], start, end
                )
            )
    return found


def marked(sentence: str, text: str) -> str:
    """The sentence as safe HTML, every hit of `text` marked: the document's own characters
    are escaped, so nothing in it is read as HTML or Markdown."""
    return "".join(
        f'<mark style="{MARK_STYLE}">{html.escape(piece)}</mark>' if hit else html.escape(piece)
        for piece, hit in highlights(sentence, text)
    )
