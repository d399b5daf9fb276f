"""`edukg_years`: years (19xx/20xx年) and how the text uses them.

Writes span group `years` (`span._.year`, label = period / since / deadline / year).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from edukg.ingest.components.matching import char_span, text_of

if not Span.has_extension("year"):
    Span.set_extension("year", default=None)

YEAR = re.compile(r"(?<![\d.])((?:19|20)\d{2})\s*年")
_SINCE_AFTER = re.compile(r"(?:底|初|末)?(?:起|以来|开始|至今)")
_SINCE_BEFORE = re.compile(r"(?:自|从|截至|截止|截止到)$")
# A goal's year: 到2025年, and a year a plan commits to (计划2012年实现…, 力争2025年建成…,
# 应在2013年实现…).
_DEADLINE_BEFORE = re.compile(
    r"(?<!截)(?:到|至)$|(?:计划|力争|确保|争取|拟|[应要将须需]在)[”\"’]?$"
)
_DEADLINE_AFTER = re.compile(r"(?:底|末)?前")
# One end of a period: （2023—2025年）, 2018年至2035年.
_PERIOD_BEFORE = re.compile(r"\d{4}年?\s*[—–\-~～至到]\s*$")
_PERIOD_AFTER = re.compile(r"\s*[—–\-~～至到]\s*\d{4}")


def year_kind(text: str, start: int, end: int) -> str:
    """How the year at text[start:end] (the digits and 年) is used: "period" for an end of
    a plan's period ((2023—2025年)), "since" for a start or a reported state (自2021年起,
    截至2017年底), "deadline" for a goal (到2025年, 力争2025年), else "year"."""
    before, after = text[max(0, start - 8) : start], text[end : end + 8]
    if _PERIOD_BEFORE.search(before) or _PERIOD_AFTER.match(after):
        return "period"
    before, after = before[-4:], after[:4]
    if _SINCE_AFTER.match(after) or _SINCE_BEFORE.search(before):
        return "since"
    if _DEADLINE_BEFORE.search(before) or _DEADLINE_AFTER.match(after):
        return "deadline"
    return "year"


def find_years(doc: Doc, spans_key: str) -> Doc:
    spans = []
    text = text_of(doc)
    for match in YEAR.finditer(text):
        span = char_span(doc, *match.span(), label=year_kind(text, *match.span()))
        if span is not None:
            span._.year = int(match.group(1))
            spans.append(span)
    doc.spans[spans_key] = spans
    return doc


@Language.factory("edukg_years", default_config={"spans_key": "years"})
def make_year_finder(nlp: Language, name: str, spans_key: str):
    return lambda doc: find_years(doc, spans_key)
