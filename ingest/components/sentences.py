"""`edukg_sentences`: sentence starts, as spaCy's `sentencizer` sets them, read from arrays.

The same rule as spaCy's: a sentence ends at a token that is one of `punct_chars` and takes
the punctuation after it (。” closes one sentence); the next starts at the first token after
that is neither. spaCy's component makes a Python Token object for every token to test it,
the largest cost left in the pipeline; this one reads each token's ORTH and IS_PUNCT as one
array and sets every token's SENT_START from one array.
"""

from __future__ import annotations

import numpy
from spacy.attrs import IS_PUNCT, ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc


class Sentences:
    def __init__(self, nlp: Language, punct_chars: list[str]) -> None:
        self.stops = {nlp.vocab.strings.add(char) for char in punct_chars}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        tokens = doc.to_array([ORTH, IS_PUNCT]).tolist()
        starts = [-1] * len(tokens)
        starts[0] = 1
        stopped = False
        for i, (orth, is_punct) in enumerate(tokens):
            is_stop = orth in self.stops
            if stopped and not is_punct and not is_stop:
                starts[i] = 1
                stopped = False
            elif is_stop:
                stopped = True
        # spaCy's arrays are uint64: -1 ("not a start") wraps round, as its own to_array gives it
        return doc.from_array([SENT_START], numpy.array(starts).astype("uint64"))


STOPS = ["。", "！", "？", "；", "!", "?", ";", "\n"]


@Language.factory("edukg_sentences", default_config={"punct_chars": STOPS})
def make_sentences(nlp: Language, name: str, punct_chars: list[str]) -> Sentences:
    return Sentences(nlp, punct_chars)
