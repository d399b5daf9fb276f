"""Text-matching helpers shared by the components: automata, quotes, span lookup."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator

import ahocorasick_rs
from spacy.tokens import Doc, Span

HAN = "\u4e00-\u9fff"
QUOTE = re.compile(r"[“”‘’\"'「」『』]")
# A sentence that opens by quoting a central statement (党的十九大明确提出，…; 习近平总书记…
# 指出，…; 《…》(中发〔2018〕45号)提出，…) tells what the centre asked, not what a region
# did; 按照党中央提出的要求，推进… does not open so and stays the region's.
CENTRAL_STATEMENT = re.compile(
    r"\s*(党的[一二三四五六七八九十]+大|党中央|中共中央|国务院|教育部|习近平总书记|总书记"
    r"|《?[^《》。]{1,60}》\s*[(（](中发|国发|国办发)〔\d{4}〕\d+号[)）])"
    r"[^。；，,]{0,80}?(提出|强调|指出|要求)[，,:：]"
)


TEXT_KEY = "edukg_text"  # in Doc.user_data


def text_of(doc: Doc) -> str:
    """The document's text, read once: spaCy rebuilds `doc.text` from the tokens on every
    access, which costs more than the components' own scans."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def remember_text(doc: Doc, text: str) -> Doc:
    """`doc` with the text its words were cut from (and cover) kept for `text_of`: rebuilding
    it from the tokens cost 0.35 ms a document, 2 % of a worker's time."""
    doc.user_data[TEXT_KEY] = text
    return doc


SENTENCES_KEY = "edukg_sentences"  # in Doc.user_data


def sentence_of(span: Span) -> Span:
    """The sentence holding the start of `span`, as `span.sent` gives it, found by bisection
    among the document's sentences, listed when first asked for:
    `span.sent` walks the tokens to both ends of the sentence each time, and a document asks
    a hundred times."""
    doc = span.doc
    listed = doc.user_data.get(SENTENCES_KEY)
    if listed is None:
        sentences = list(doc.sents)
        listed = doc.user_data[SENTENCES_KEY] = (sentences, [s.start for s in sentences])
    sentences, starts = listed
    return sentences[bisect.bisect_right(starts, span.start) - 1]


SPANS_KEY = "edukg_spans"  # in Doc.user_data


def spans_of(doc: Doc, key: str) -> tuple[Span, ...]:
    """The spans of the document's group `key` (none without the group), made once while the
    group stays: a SpanGroup makes every Span anew each time it is read, and the extractor
    reads the regions five times (in a profile, making Spans took 7 % of a worker's time)."""
    group = doc.spans.get(key)
    if group is None:
        return ()
    made = doc.user_data.setdefault(SPANS_KEY, {})
    kept = made.get(key)
    if kept is None or kept[0] is not group:
        kept = made[key] = (group, tuple(group))
    return kept[1]


class Automaton:
    """Surface forms mapped to values, found in a text by one Aho-Corasick automaton.

    ahocorasick-rs scans Chinese text some ten times faster than pyahocorasick, whose
    nodes look up each character among their branches one by one (thousands at the root
    for the region names)."""

    def __init__(self, entries: Iterable[tuple[str, object]]) -> None:
        values = {form: value for form, value in entries if form}  # a repeated form: the last
        self.values = list(values.values())
        self.automaton = ahocorasick_rs.AhoCorasick(list(values))

    def matches(self, text: str) -> Iterator[tuple[int, int, object]]:
        """(start, end, value) of every occurrence of every form, overlapping ones too."""
        for index, start, end in self.automaton.find_matches_as_indexes(text, overlapping=True):
            yield start, end, self.values[index]


def longest_matches(automaton: Automaton, text: str) -> Iterator[tuple[int, int, object]]:
    """(start, end, value) of non-overlapping matches in text order, longer ones first
    (通州区和顺义区: 顺义区, not the shorter 和顺 that starts earlier)."""
    found = sorted(automaton.matches(text), key=lambda match: (match[0] - match[1], match[0]))
    taken = bytearray(len(text))
    chosen = []
    for start, end, value in found:
        if not any(taken[start:end]):
            taken[start:end] = b"\x01" * (end - start)
            chosen.append((start, end, value))
    yield from sorted(chosen, key=lambda match: match[0])


def without_quotes(text: str) -> tuple[str, list[int]]:
    """`text` without quotation marks, and where each removed mark stood in the result."""
    marks = [match.start() - i for i, match in enumerate(QUOTE.finditer(text))]
    return QUOTE.sub("", text), marks


def with_quotes(marks: list[int], start: int, end: int) -> tuple[int, int]:
    """The span in the quoted text of text[start:end] found in `without_quotes`'s result."""
    first = start + bisect.bisect_right(marks, start)
    last = end - 1 + bisect.bisect_right(marks, end - 1)
    return first, last + 1


def char_span(doc: Doc, start: int, end: int, label: str = "") -> Span | None:
    """The tokens covering text[start:end] (a span may start or end inside a token)."""
    return doc.char_span(start, end, label=label, alignment_mode="expand")
