"""Chinese word segmentation: one jieba-rs segmenter (rjieba) per process, holding the words
the components teach it.

jieba-rs cuts as jieba does (the same dictionary and algorithm; tests/test_segmenter.py
compares both on our texts) some fifteen times faster. The dictionary lives in this module's
instance, not in a library-wide global, and jieba's HMM guesser of unknown words stays off:
the components find names by their own dictionaries and only need token boundaries.
"""

from __future__ import annotations

from functools import cache

import rjieba


@cache
def segmenter() -> rjieba.Jieba:
    return rjieba.Jieba()


def cut(text: str) -> list[str]:
    """The words of `text`, in order, covering it."""
    return segmenter().cut(text, False)


@cache
def teach(words: frozenset[str]) -> None:
    """Keep these words whole from now on (once per word set)."""
    known = segmenter()
    for word in sorted(words):
        known.add_word(word, None, None)  # no frequency or tag: the suggested ones
