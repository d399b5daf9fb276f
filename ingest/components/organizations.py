"""`edukg_organizations`: government bodies that issue or carry out education policy.

Writes span group `organizations`, each span with `span._.name` (abbreviations spelled out:
北京市教委 → 北京市教育委员会) and label `national`, `regional` (a region name opens it;
the region is the `edukg_regions` span just before) or `relative` (市教委, 区教委: the body
of the document's own city or district, resolved by the extractor).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from edukg.ingest.components.matching import (
    Automaton,
    char_span,
    longest_matches,
    spans_of,
    text_of,
)
from edukg.ingest.gazetteer import load_gazetteer

for _name in ("name", "adcode"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)

# Body words after a region name, with the full form of abbreviations.
BODIES = {
    "教育委员会": "教育委员会", "教委": "教育委员会", "教育局": "教育局", "教育厅": "教育厅",
    "教育和体育局": "教育和体育局", "教体局": "教育和体育局", "人民政府": "人民政府",
    "政府": "人民政府", "人民政府办公厅": "人民政府办公厅", "政府办公厅": "人民政府办公厅",
    "人民政府办公室": "人民政府办公室", "政府办公室": "人民政府办公室", "财政局": "财政局",
    "财政厅": "财政厅", "发展和改革委员会": "发展和改革委员会", "发展改革委": "发展和改革委员会",
    "发改委": "发展和改革委员会", "人力资源和社会保障局": "人力资源和社会保障局",
    "人力资源社会保障局": "人力资源和社会保障局", "教育督导室": "教育督导室",
    "教育工委": "教育工作委员会", "教育工作委员会": "教育工作委员会",
}  # fmt: skip
NATIONAL = {
    "教育部": "教育部", "国务院": "国务院", "国务院办公厅": "国务院办公厅",
    "中共中央": "中共中央", "中共中央办公厅": "中共中央办公厅", "财政部": "财政部",
    "国家发展改革委": "国家发展和改革委员会", "国家发展和改革委员会": "国家发展和改革委员会",
    "人力资源社会保障部": "人力资源和社会保障部", "人力资源和社会保障部": "人力资源和社会保障部",
    "国家卫生健康委": "国家卫生健康委员会", "民政部": "民政部", "全国人大常委会": "全国人大常委会",
    "国务院教育督导委员会办公室": "国务院教育督导委员会办公室",
}  # fmt: skip


def _relative_lead(text: str, start: int) -> bool:
    """Whether a level word stands alone before the body at `start`: 市教委, 区政府."""
    return start >= 1 and text[start - 1] in "省市区县"


class OrganizationFinder:
    def __init__(self, spans_key: str) -> None:
        self.spans_key = spans_key
        self.gazetteer = load_gazetteer()
        entries = [(w, ("body", full)) for w, full in BODIES.items()]
        entries += [(w, ("national", full)) for w, full in NATIONAL.items()]
        self.automaton = Automaton(entries)

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        # A region span may run on into the body (the segmenter keeps 北京市教委 as one word).
        regions_ending = {
            at: span
            for span in spans_of(doc, "regions")
            for at in range(span.start_char + 2, span.end_char + 1)
        }
        spans = []
        for start, end, (kind, full) in longest_matches(self.automaton, text):
            if kind == "national":
                self._add(doc, spans, start, end, full, "national")
            elif (region := regions_ending.get(start)) is not None and self.gazetteer.by_name(
                text[region.start_char : start]
            ):
                name = text[region.start_char : start] + full
                self._add(doc, spans, region.start_char, end, name, "regional", region._.adcode)
            elif _relative_lead(text, start):
                self._add(doc, spans, start - 1, end, text[start - 1] + full, "relative")
        doc.spans[self.spans_key] = spans
        return doc

    @staticmethod
    def _add(
        doc: Doc,
        spans: list[Span],
        start: int,
        end: int,
        name: str,
        label: str,
        adcode: str | None = None,
    ) -> None:
        span = char_span(doc, start, end, label=label)
        if span is not None:
            span._.name = name
            span._.adcode = adcode
            spans.append(span)


@Language.factory("edukg_organizations", default_config={"spans_key": "organizations"})
def make_organization_finder(nlp: Language, name: str, spans_key: str) -> OrganizationFinder:
    return OrganizationFinder(spans_key)
