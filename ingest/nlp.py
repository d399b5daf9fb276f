"""The spaCy pipeline: blank Chinese with jieba, a sentencizer and edukg's components,
assembled from `ingest/config.cfg`.

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

import logging
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import jieba
import spacy
from spacy.lang.zh import ChineseTokenizer
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry

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

jieba.setLogLevel(logging.WARNING)  # its dictionary-loading chatter is not the user's business

CONFIG_PATH = Path(__file__).with_name("config.cfg")


def words_and_spaces(pieces: Iterable[str]) -> tuple[list[str], list[bool]]:
    """spaCy's words and trailing-space flags from jieba's pieces, which cover the text:
    one space after a word is its trailing space, other whitespace runs are tokens."""
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


class JiebaTokenizer(ChineseTokenizer):
    """spaCy's jieba tokenizer with a one-pass alignment of jieba's output to the text
    (spaCy's own copies the rest of the text for every word: quadratic on long texts).

    jieba runs without its HMM guesser of unknown words: the components find names by
    their own dictionaries and only need token boundaries, which the plain dictionary cut
    gives a fifth faster."""

    def __call__(self, text: str) -> Doc:
        words, spaces = words_and_spaces(self.jieba_seg.cut(text, cut_all=False, HMM=False))
        return Doc(self.vocab, words=words, spaces=spaces)


@registry.tokenizers("edukg.jieba_tokenizer.v1")
def create_jieba_tokenizer():
    def make(nlp: Language) -> JiebaTokenizer:
        return JiebaTokenizer(nlp.vocab, segmenter="jieba")

    return make


@lru_cache(maxsize=1)
def load_pipeline() -> Language:
    """The edukg pipeline as `config.cfg` assembles it (cached: built once per process)."""
    return spacy.util.load_model_from_config(spacy.util.load_config(CONFIG_PATH), auto_fill=True)
