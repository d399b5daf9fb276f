"""`edukg_regions`: region names and short forms, resolved to adcodes.

Writes span group `regions` (label = level, `span._.adcode`).
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc, Span

from edukg.ingest.components.matching import (
    HAN,
    Automaton,
    longest_matches,
    text_of,
)
from edukg.ingest.gazetteer import LEVELS, Gazetteer, Region, load_gazetteer
from edukg.ingest.segmenter import teach

# What joins the regions of a list: 鼓楼、栖霞和江宁.
_LIST_JOINERS = frozenset("、和及")
# A short form that opens a school's name (南宁师范大学, 百色学院, 拉萨师专) names the
# school, not a place; its schools at large (福田中小学, 上城各小学) or what it does to
# them (杭州新建小学) do not count here.
_SCHOOL_AFTER = re.compile(
    rf"(?![{HAN}]{{0,4}}中小学)"
    rf"(?:(?!新建|改建|扩建|建设|建成|创办|开办|举办|推进)"
    rf"(?![的将还要在和与及等了是对把被从向为以也都各全所有])[{HAN}]){{0,4}}?"
    r"(?:大学|学院|中学|小学|高中|附中|附小|师专|幼儿园)(?!生)"
)
# A short form right after a post is a person's name (厅长尼玛次仁, 记者白朗).
_POSTS = frozenset(
    {"厅长", "局长", "校长", "院长", "园长", "县长", "市长", "区长", "州长", "部长", "处长",
     "科长", "主任", "书记", "委员", "记者", "主席", "教授", "老师"}
)  # fmt: skip

if not Span.has_extension("adcode"):
    Span.set_extension("adcode", default=None)


class RegionFinder:
    """Region names and short forms in the text, resolved to adcodes.

    A short form or two-character name counts only where the segmenter made it a whole word
    (福田 in 福田教育 but not 中山 in 中山大学, 新县 in 创新县), not as the start of a
    school's name (南宁师范大学) or a person's after a post (厅长尼玛次仁), and a county's
    short form only when its province is named too. A short form that is an ordinary
    word (鼓楼, 朝阳) counts only listed next to a region of its province. A name shared
    by several regions is resolved by the other regions of the document: the candidate
    that is itself or sits under a region named elsewhere, then the one in the province
    most named, then the higher level, then the more prominent one.
    """

    def __init__(self, gazetteer: Gazetteer, spans_key: str, short_forms: bool) -> None:
        self.gazetteer = gazetteer
        self.spans_key = spans_key
        forms = [
            form
            for form in gazetteer.surface_forms()
            if short_forms or not gazetteer.is_short_form(form)
        ]
        self.automaton = Automaton((form, form) for form in forms)
        teach(frozenset(f for f in forms if not gazetteer.is_short_form(f)))

    def __call__(self, doc: Doc) -> Doc:
        mentions = []
        text = text_of(doc)
        for start, end, name in longest_matches(self.automaton, text):
            short = self.gazetteer.is_short_form(name)
            if short and (text[start - 2 : start] in _POSTS or _SCHOOL_AFTER.match(text, end)):
                continue
            # 新县 is not in 创新县, nor 河南县 (an autonomous county's) in 河南县域
            whole_word = short or end - start <= 2 or self.gazetteer.is_suffixed_form(name)
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
            spans.append(self._mention(doc, span.start, span.end, region))
        spans += self._listed_words(doc, spans, named, provinces)
        doc.spans[self.spans_key] = sorted(spans, key=lambda s: s.start)
        return doc

    @staticmethod
    def _mention(doc: Doc, start: int, end: int, region: Region) -> Span:
        mention = Span(doc, start, end, label=region.level)
        mention._.adcode = region.adcode
        return mention

    def _listed_words(
        self, doc: Doc, spans: list[Span], named: set[str], provinces: Counter
    ) -> list[Span]:
        """Short forms that are ordinary words (鼓楼, 朝阳), found only as a whole token
        listed next to a region of the same province (鼓楼、栖霞、江宁等区), and so on
        along the list."""
        found: list[Span] = []
        queue = list(spans)
        while queue:
            neighbour = queue.pop()
            province = self.gazetteer.by_adcode(neighbour._.adcode).province
            for joiner, word in ((neighbour.end, neighbour.end + 1),
                                 (neighbour.start - 1, neighbour.start - 2)):  # fmt: skip
                if not (0 <= word < len(doc) and 0 <= joiner < len(doc)):
                    continue
                if doc[joiner].text not in _LIST_JOINERS or any(s.start == word for s in found):
                    continue
                candidates = [
                    r for r in self.gazetteer.by_word_name(doc[word].text)
                    if r.province == province
                ]  # fmt: skip
                if candidates:
                    region = self._resolve(candidates, named, provinces)
                    found.append(self._mention(doc, word, word + 1, region))
                    queue.append(found[-1])
        return found

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
