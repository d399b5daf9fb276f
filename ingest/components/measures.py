"""`edukg_measures`: every surface form of every taxonomy measure.

Writes span group `measures` (`span._.measure_key`, label = the key). The longest match
wins, and quotation marks inside a form do not hide it (“五育”并举, “双师”课堂).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ingest.components.matching import (
    build_automaton,
    char_span,
    longest_matches,
    teach_jieba,
    text_of,
    with_quotes,
    without_quotes,
)
from ingest.taxonomy import load_taxonomy

if not Span.has_extension("measure_key"):
    Span.set_extension("measure_key", default=None)


class MeasureFinder:
    def __init__(self, spans_key: str) -> None:
        self.spans_key = spans_key
        entries = [(form, c.key) for c in load_taxonomy() for form in c.surface_forms]
        self.automaton = build_automaton(entries)
        teach_jieba(frozenset(form for form, _ in entries))

    def __call__(self, doc: Doc) -> Doc:
        text, marks = without_quotes(text_of(doc))
        spans = []
        for start, end, key in longest_matches(self.automaton, text):
            span = char_span(doc, *with_quotes(marks, start, end), label=key)
            if span is not None:
                span._.measure_key = key
                spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc


@Language.factory("edukg_measures", default_config={"spans_key": "measures"})
def make_measure_finder(nlp: Language, name: str, spans_key: str) -> MeasureFinder:
    return MeasureFinder(spans_key)
