"""The segmenter (jieba-rs through rjieba) cuts our texts exactly as jieba does, with and
without the words the components teach it (and in search mode, as the search index does),
and keeps its dictionary to itself."""

from __future__ import annotations

import logging
from pathlib import Path

import jieba
import pytest
import rjieba

from edukg.ingest import segmenter
from edukg.ingest.normalise import normalise
from edukg.ingest.readers import read_document
from edukg.ingest.taxonomy import load_taxonomy

DEMO = Path(__file__).resolve().parents[1] / "examples" / "corpus"
TEXTS = sorted(p for p in DEMO.iterdir() if p.suffix != ".csv")


def words_of_the_taxonomy() -> list[str]:
    return sorted({form for concept in load_taxonomy() for form in concept.surface_forms})


@pytest.fixture(scope="module")
def both() -> list[tuple[rjieba.Jieba, jieba.Tokenizer]]:
    """Fresh segmenters of both libraries: as they come, and taught the taxonomy's words."""
    jieba.setLogLevel(logging.WARNING)
    plain = (rjieba.Jieba(), jieba.Tokenizer())
    taught = (rjieba.Jieba(), jieba.Tokenizer())
    for word in words_of_the_taxonomy():
        taught[0].add_word(word, None, None)
        taught[1].add_word(word)
    return [plain, taught]


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_our_texts_are_cut_as_jieba_cuts_them(path, both):
    text = normalise(read_document(path).text).text
    for rust, python in both:
        assert rust.cut(text, False) == list(python.cut(text, HMM=False))
    rust, python = both[0]  # the search index's segmenter (store/search.py) is never taught
    assert rust.cut_for_search(text, False) == list(python.cut_for_search(text, HMM=False))


def test_the_pipelines_words_stay_in_its_own_segmenter():
    from edukg.ingest.nlp import load_pipeline

    load_pipeline()  # its components teach the segmenter the taxonomy's words
    sentence = "东城区推行集团化办学"
    assert "集团化办学" in segmenter.cut(sentence)
    assert "集团化办学" not in jieba.lcut(sentence, HMM=False)  # jieba's own dictionary untouched
