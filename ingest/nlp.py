"""The spaCy pipeline: blank Chinese segmented by jieba-rs, a sentencizer and edukg's
components, assembled from `ingest/config.cfg`.

Each component lives in `edukg.ingest.components` (one module each), is registered by name and
configured through spaCy's config, so it can be added to any `zh` pipeline alone. Their
results go to span groups:

- `regions`: region mentions, `span._.adcode`, label = level
- `titles` / `policies` / `doc_numbers`: 《》 titles (`span._.title`), the policy documents
  among them (label = kind), 文号 (`span._.doc_number`)
- `measures`: taxonomy aliases, `span._.measure_key`
- `programs` / `candidate_measures`: named initiatives and untaxonomised reform models,
  `span._.name`
- `organizations`: issuing bodies, `span._.name`, label = national / regional / relative
- `doc._.own_policy`: the policy the document is (titles, 文号, issuer, issue date)
- `years`: 19xx/20xx年, `span._.year`, label = since / deadline / year
- `targets`: numeric goals and reported figures, `span._.goal`
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from edukg.ingest.components import (  # noqa: F401  (importing registers the factories)
    document,
    measures,
    organizations,
    policies,
    programs,
    regions,
    targets,
    years,
)
from edukg.ingest.components.matching import remember_text
from edukg.ingest.segmenter import cut

CONFIG_PATH = Path(__file__).with_name("config.cfg")


def words_and_spaces(pieces: Iterable[str]) -> tuple[list[str], list[bool]]:
    """spaCy's words and trailing-space flags from the segmenter's pieces, which cover the
    text: one space after a word is its trailing space, other whitespace runs are tokens."""
    words: list[str] = []
    spaces: list[bool] = []
    for piece in pieces:
        if words and piece.isspace():
            if piece == " " and not spaces[-1] and not words[-1].isspace():
                spaces[-1] = True
                continue
            if words[-1].isspace():
                words[-1] += piece
                continue
        if piece:
            words.append(piece)
            spaces.append(False)
    return words, spaces


class SegmentingTokenizer:
    """Text to a spaCy Doc whose tokens are the segmenter's words (ingest/segmenter.py),
    aligned to the text in one pass."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words, spaces = words_and_spaces(cut(text))
        return remember_text(Doc(self.vocab, words=words, spaces=spaces), text)


@registry.tokenizers("edukg.segmenting_tokenizer.v1")
def create_segmenting_tokenizer():
    def make(nlp: Language) -> SegmentingTokenizer:
        return SegmentingTokenizer(nlp.vocab)

    return make


@lru_cache(maxsize=1)
def load_pipeline() -> Language:
    """The edukg pipeline as `config.cfg` assembles it (cached: built once per process)."""
    return spacy.util.load_model_from_config(spacy.util.load_config(CONFIG_PATH), auto_fill=True)
