"""`edukg_measures`: every surface form of every taxonomy measure.

Writes span group `measures` (`span._.measure_key`, label = the key). The longest match
wins, and quotation marks inside a form do not hide it (“五育”并举, “双师”课堂). A
practice described without any alias is found by the concept's patterns (新增…学位,
普惠…幼儿园), where no alias already matched. `span._.measure_adopted` is False for a
mention that tells of no adoption: in a question, or in what the Party congress or central
leaders stated (党的十九大明确提出，…).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from edukg.ingest.components.matching import (
    CENTRAL_STATEMENT,
    Automaton,
    char_span,
    longest_matches,
    sentence_of,
    text_of,
    with_quotes,
    without_quotes,
)
from edukg.ingest.segmenter import teach
from edukg.ingest.taxonomy import MeasureConcept, load_taxonomy

if not Span.has_extension("measure_key"):
    Span.set_extension("measure_key", default=None)

# `…` in a pattern: a few characters inside one clause (新建、改扩建一批公办园).
GAP = r"[^，,。；;：:！!？?\n《》]{0,12}"

_QUESTION = re.compile(r"[？?][”\"’]?\s*$")


def pattern_regex(concept: MeasureConcept) -> re.Pattern[str] | None:
    """One expression for all the concept's patterns, `…` read as GAP."""
    if not concept.patterns:
        return None
    return re.compile("|".join(f"(?:{p.replace('…', GAP)})" for p in concept.patterns))


class MeasureFinder:
    def __init__(self, spans_key: str) -> None:
        self.spans_key = spans_key
        concepts = load_taxonomy()
        entries = [(form, c.key) for c in concepts for form in c.surface_forms]
        self.automaton = Automaton(entries)
        self.patterns = [(c.key, r) for c in concepts if (r := pattern_regex(c)) is not None]
        teach(frozenset(form for form, _ in entries))

    def matches(self, text: str) -> list[tuple[int, int, str]]:
        """Alias matches, then pattern matches that overlap no alias match of the same
        measure. Measures may overlap each other: in 成立组建集团和学区 the groups and the
        school districts are both set up."""
        found = list(longest_matches(self.automaton, text))
        for key, regex in self.patterns:
            named = [(start, end) for start, end, k in found if k == key]
            for match in regex.finditer(text):
                start, end = match.span()
                if end > start and not any(s < end and start < e for s, e in named):
                    found.append((start, end, key))
        return sorted(found)

    def __call__(self, doc: Doc) -> Doc:
        text, marks = without_quotes(text_of(doc))
        spans = []
        for start, end, key in self.matches(text):
            span = char_span(doc, *with_quotes(marks, start, end), label=key)
            if span is not None:
                span._.measure_key = key
                spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc


def adopted(span: Span) -> bool:
    """Whether the sentence may tell that a region adopts the measure: not a question,
    not a central statement the text quotes (党的十九大提出，…城乡义务教育一体化…).
    Read from the sentence when asked, not when the component runs."""
    text, sentence = text_of(span.doc), sentence_of(span)
    if _QUESTION.search(text, sentence.start_char, sentence.end_char):
        return False
    return not CENTRAL_STATEMENT.match(text, sentence.start_char, span.start_char)


if not Span.has_extension("measure_adopted"):
    Span.set_extension("measure_adopted", getter=adopted)


@Language.factory("edukg_measures", default_config={"spans_key": "measures"})
def make_measure_finder(nlp: Language, name: str, spans_key: str) -> MeasureFinder:
    return MeasureFinder(spans_key)
