"""`edukg_programs`: named local initiatives (Programs) and reform models the taxonomy lacks.

Writes span groups `programs` and `candidate_measures`, each span with `span._.name`.

- A Program is a quoted name that is, or is followed by, an initiative word: “双十工程”,
  “淘活动”平台, “大先生”培养计划.
- A candidate measure is a reform model named like the taxonomy's own: a quoted short name
  followed by 模式 / 改革 / 制度 (“区管校聘”改革), or a word of the form XX制 (校长职级制) or
  XX化办学 (特色化办学). Forms the taxonomy knows are left to `edukg_measures`.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from edukg.ingest.components.matching import HAN, char_span, text_of
from edukg.ingest.taxonomy import load_taxonomy

if not Span.has_extension("name"):
    Span.set_extension("name", default=None)

PROGRAM_WORDS = (
    "平台", "工程", "计划", "项目", "行动", "战略", "品牌", "基地", "学院", "工作室",
    "工作站", "联盟", "联合体", "共同体", "课堂",
)  # fmt: skip
_WORDS = "|".join(PROGRAM_WORDS)
# A modifier between a quoted name and its initiative word (“觅天使”数字化平台), without the
# words that would make it a phrase of its own (“美好教育”的品牌, “续航工程”等七大工程).
_MODIFIER = rf"(?:(?![的等和与及了在是为把被将对从向一二三四五六七八九十])[{HAN}]){{0,4}}?"
_QUOTED = re.compile(rf"[“「]((?:(?!的)[{HAN}A-Za-z0-9+·]){{2,12}})[”」]({_MODIFIER}(?:{_WORDS}))?")
# After a modified initiative word the phrase must end (“小切口”撬动品牌育人 is no brand).
_PHRASE_END = re.compile(rf"(?:[^{HAN}]|[等和与及的]|$)")
_MODEL_AFTER = re.compile(r"(?:管理)?(?:模式|改革|制度|体制改革)")
# XX制 where 制 means a system of organising schools, not one of these words.
_SYSTEM = re.compile(rf"[{HAN}]{{2,6}}制(?![度定约胜作造订品止衡裁式备成宜])|[{HAN}]{{2,4}}化办学")
_NOT_SYSTEMS = re.compile(
    r"(?:机|体|编|学|法|控|限|强|建|管|研|定|绘|复|抑|遏|节|压|抵|税|专|牵|克|印|录|创|宪|"
    r"预|特|自|[一二三四五六七八九十百\d]年?)制$|[一二三四五六七八九十百千\d]"
)
# What may stand before a system's name but is no part of it.
_LEAD = re.compile(
    r"^.*(?:推行|实行|实施|试行|探索|推进|推广|建立|健全|完善|落实|深化|坚持|开展|"
    r"构建|形成|采取|采用|引入|通过|按照|依据|[的和与及等、以])"
)


class NameFinder:
    def __init__(self, programs_key: str, candidates_key: str) -> None:
        self.programs_key = programs_key
        self.candidates_key = candidates_key
        self.known = frozenset(form for c in load_taxonomy() for form in c.surface_forms)

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        programs, candidates = [], []
        for match in _QUOTED.finditer(text):
            quoted, word = match.group(1), match.group(2) or ""
            name = quoted if quoted.endswith(PROGRAM_WORDS) else quoted + word
            modified = word and not word.startswith(PROGRAM_WORDS)
            if modified and not _PHRASE_END.match(text, match.end()):
                continue
            if (word or quoted.endswith(PROGRAM_WORDS)) and name not in self.known:
                self._add(doc, programs, match.start(), match.end(), name)
            elif _MODEL_AFTER.match(text, match.end()) and not self._is_known(quoted):
                self._add(doc, candidates, match.start(), match.end(), quoted)
        for match in _SYSTEM.finditer(text):
            lead = _LEAD.match(match.group())
            start = match.start() + (lead.end() if lead else 0)
            name = text[start : match.end()]
            if len(name) >= 3 and not _NOT_SYSTEMS.search(name) and not self._is_known(name):
                self._add(doc, candidates, start, match.end(), name)
        doc.spans[self.programs_key] = programs
        doc.spans[self.candidates_key] = sorted(candidates, key=lambda span: span.start)
        return doc

    def _is_known(self, name: str) -> bool:
        return any(form in name or name in form for form in self.known)

    @staticmethod
    def _add(doc: Doc, spans: list[Span], start: int, end: int, name: str) -> None:
        span = char_span(doc, start, end)
        if span is not None:
            span._.name = name
            spans.append(span)


@Language.factory(
    "edukg_programs",
    default_config={"programs_key": "programs", "candidates_key": "candidate_measures"},
)
def make_name_finder(
    nlp: Language, name: str, programs_key: str, candidates_key: str
) -> NameFinder:
    return NameFinder(programs_key, candidates_key)
