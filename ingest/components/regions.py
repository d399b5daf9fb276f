"""`edukg_regions`: region names and short forms, resolved to adcodes.

Writes span group `regions` (label = level, `span._.adcode`).
"""

from __future__ import annotations

from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc, Span

from ingest.components.matching import build_automaton, longest_matches, teach_jieba, text_of
from ingest.gazetteer import LEVELS, Gazetteer, Region, load_gazetteer

if not Span.has_extension("adcode"):
    Span.set_extension("adcode", default=None)


class RegionFinder:
    """Region names and short forms in the text, resolved to adcodes.

    A short form or two-character name counts only where jieba made it a whole word
    (福田 in 福田教育 but not 中山 in 中山大学, 新县 in 创新县), and a county's short
    form only when its province is named too. A name shared by several regions is
    resolved by the other regions of the document: the candidate that is itself or sits
    under a region named elsewhere, then the one in the province most named, then the
    higher level, then the more prominent one.
    """

    def __init__(self, gazetteer: Gazetteer, spans_key: str, short_forms: bool) -> None:
        self.gazetteer = gazetteer
        self.spans_key = spans_key
        forms = [
            form
            for form in gazetteer.surface_forms()
            if short_forms or not gazetteer.is_short_form(form)
        ]
        self.automaton = build_automaton((form, form) for form in forms)
        teach_jieba(frozenset(f for f in forms if not gazetteer.is_short_form(f)))

    def __call__(self, doc: Doc) -> Doc:
        mentions = []
        for start, end, name in longest_matches(self.automaton, text_of(doc)):
            short = self.gazetteer.is_short_form(name)
            whole_word = short or end - start <= 2  # 新县 is not in 创新县
            span = doc.char_span(start, end, alignment_mode="strict" if whole_word else "expand")
            if span is not None:
                mentions.append((span, self.gazetteer.by_name(name), short))
        known = [c[0] for _, c, _ in mentions if len(c) == 1]
        named = {r.adcode for r in known}
        provinces = Counter(r.province for r in known)
        resolved = [
            (span, self._resolve(candidates, named, provinces), short)
            for span, candidates, short in mentions
        ]
        # A county's short form (景东 in 景东学区) needs its province named some other way.
        supported = {r.province for _, r, short in resolved if not (short and r.level == "county")}
        spans = []
        for span, region, short in resolved:
            if short and region.level == "county" and region.province not in supported:
                continue
            mention = Span(doc, span.start, span.end, label=region.level)
            mention._.adcode = region.adcode
            spans.append(mention)
        doc.spans[self.spans_key] = spans
        return doc

    def _resolve(self, candidates: list[Region], named: set[str], provinces: Counter) -> Region:
        def rank(region: Region) -> tuple:
            lineage = {region.adcode} | {a.adcode for a in self.gazetteer.ancestors(region.adcode)}
            return (
                region.adcode not in named,
                not lineage & named,
                -provinces[region.province],
                LEVELS.index(region.level),
                not self._prominent(region),
                region.adcode,
            )

        return min(candidates, key=rank)

    def _prominent(self, region: Region) -> bool:
        """Regions of a municipality or a provincial capital (prefecture xx01) are the
        default reading of a shared name: 朝阳区 is Beijing's unless context says."""
        return self.gazetteer.in_municipality(region.adcode) or region.adcode[2:4] == "01"


@Language.factory("edukg_regions", default_config={"spans_key": "regions", "short_forms": True})
def make_region_finder(nlp: Language, name: str, spans_key: str, short_forms: bool) -> RegionFinder:
    return RegionFinder(load_gazetteer(), spans_key, short_forms)
