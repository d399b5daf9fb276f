"""`edukg_policies`: 《》 titles, the policy documents among them, and 文号 numbers.

Writes span groups `titles` (every 《》 title; `span._.title` is it without the marks),
`policies` (those that name a policy document, label = kind: 意见, 方案, …) and
`doc_numbers` (`span._.doc_number`, 京教基一〔2024〕6号). A title naming others inside it
(关于印发〈X〉和〈Y〉的通知, 关于实施《X》的意见) is a policy itself and so is each one it
names; what a notice issues (印发〈X〉) is a policy whatever its kind (a report, a list).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span

from edukg.ingest.components.matching import HAN, char_span, text_of
from edukg.ingest.doc_number import DOC_NUMBER, ISSUER_CHARS, NUMBER_YEAR

for _name in ("doc_number", "title"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)

POLICY_KINDS = (
    "意见", "方案", "规划", "通知", "办法", "规定", "决定", "纲要", "计划", "条例", "细则",
    "标准", "指南", "规程", "措施", "要点", "规范", "准则", "章程", "决议", "批复", "法",
)  # fmt: skip
# Titles ending in 法 that are not laws.
_NOT_LAWS = ("方法", "做法", "想法", "看法", "说法", "写法", "用法", "算法")
# A government's work report: its people's congress adopts it as the year's programme
# (monitoring and evaluation reports stay titles).
_WORK_REPORT = "政府工作报告"
# A trailing (试行) / （2018年—2035年） qualifies a title without changing its kind.
_TRAILING_QUALIFIER = re.compile(r"[(（][^()（）]*[)）]$")
# Strategy documents named after their horizon: 中国教育现代化2035.
_HORIZON_TITLE = re.compile(r"\D(?:20|19)\d{2}$")
# What no policy title holds: links, page markup, more Latin letters than hanzi.
_JUNK = re.compile(r"https?:|www\.|\.(?:com|cn|html?)\b|[|@#=]")
_LATIN = re.compile(r"[A-Za-z]")
_HAN = re.compile(f"[{HAN}]")
# A title, with titles nested one level inside it: 《关于实施《X》的意见》, and broken
# over two lines at most (a line end inside a title, in text with fixed-width lines).
_TITLE = re.compile(r"《((?:[^《》\n]|《[^《》\n]*》|\n(?=[^\n。]*》)){1,150})》")
# A title marked inside a title: 〈X〉, <X>, 《X》.
INNER_TITLE = re.compile(r"[〈<《]([^〈〉<>《》\n]{2,150})[〉>》]")
# A notice issuing the documents it marks: 关于印发〈X〉的通知, 关于发布〈X〉和〈Y〉的通知
# (`edukg_document` reads unmarked and 征求意见 notices of the text's own header too).
_ISSUING_MARKED = re.compile(r"关于(?:印发|发布|颁布)[〈<《].*的通知$")
# The kind of a document a notice issues that names no policy kind (a report, a list).
ISSUED_KIND = "文件"
_DOC_NUMBER = re.compile(DOC_NUMBER)
# What every 文号 holds after its issuer: its year in brackets, or 令第. Found first, it tells
# where 文号 can start: ruling the whole pattern out at every hanzi before is slow.
_DOC_NUMBER_MARK = re.compile(f"{NUMBER_YEAR}|令第")
# Words that can stand before a 文号 but never inside its issuer abbreviation (a title
# run into its 文号 line ends in a policy kind: …的通知京教基〔2023〕12号).
_BEFORE_DOC_NUMBER = re.compile(
    r"^.*(?:印发|转发|根据|依据|按照|落实|贯彻|执行|文号|通知|意见|方案|办法|规定|决定"
    r"|[的了和与及在据照为是将对把被于即见])"
)


def find_doc_numbers(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, number) of every 文号 in `text`, the number without whitespace."""
    mark = _DOC_NUMBER_MARK.search(text)
    if mark is None:
        return
    for match in _DOC_NUMBER.finditer(text, max(0, mark.start() - ISSUER_CHARS)):
        lead = _BEFORE_DOC_NUMBER.match(match.group())
        start = match.start() + (lead.end() if lead else 0)
        if _HAN.match(text, start):
            yield start, match.end(), re.sub(r"\s+", "", text[start : match.end()])


def policy_kind(title: str) -> str | None:
    """The kind of policy document a title names (意见, 方案, 法, 政府工作报告, …), or None
    for other reports, books, newspapers, other titles and page junk in 《》 (mostly Latin
    letters, links)."""
    core = title.strip()
    if _JUNK.search(core) or len(_LATIN.findall(core)) > len(_HAN.findall(core)):
        return None
    while _TRAILING_QUALIFIER.search(core):
        core = _TRAILING_QUALIFIER.sub("", core).strip()
    if core.endswith(_NOT_LAWS):
        return None
    if core.endswith(_WORK_REPORT):
        return "报告"
    kind = next((k for k in POLICY_KINDS if core.endswith(k)), None)
    if kind is None and _HORIZON_TITLE.search(core):
        return "规划"
    return kind


class PolicyFinder:
    """《》 titles, the policy documents among them, and 文号 document numbers."""

    def __init__(self, titles_key: str, policies_key: str, numbers_key: str) -> None:
        self.titles_key = titles_key
        self.policies_key = policies_key
        self.numbers_key = numbers_key

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        titles, policies = [], []
        for match in _TITLE.finditer(text):
            title = match.group(1).replace("\n", "")
            span = self._title(doc, match.start(1), match.end(1), title, policy_kind(title))
            if span is None:
                continue
            titles.append(span)
            if span.label_ != "title":
                policies.append(span)
            issued = _ISSUING_MARKED.search(title) is not None
            for inner in INNER_TITLE.finditer(match.group(1)):
                kind = policy_kind(inner.group(1)) or (ISSUED_KIND if issued else None)
                start = match.start(1) + inner.start(1)
                if kind and (span := self._title(doc, start, start + len(inner.group(1)),
                                                 inner.group(1), kind)):  # fmt: skip
                    policies.append(span)
        doc.spans[self.titles_key] = titles
        doc.spans[self.policies_key] = policies
        doc.spans[self.numbers_key] = list(self._doc_numbers(doc, text))
        return doc

    @staticmethod
    def _title(doc: Doc, start: int, end: int, title: str, kind: str | None) -> Span | None:
        span = char_span(doc, start, end, label=kind or "title")
        if span is not None:
            span._.title = title
        return span

    @staticmethod
    def _doc_numbers(doc: Doc, text: str) -> Iterator[Span]:
        for start, end, number in find_doc_numbers(text):
            span = char_span(doc, start, end, label="doc_number")
            if span is not None:  # the span may take in a token's head; the number is exact
                span._.doc_number = number
                yield span


@Language.factory(
    "edukg_policies",
    default_config={
        "titles_key": "titles",
        "policies_key": "policies",
        "numbers_key": "doc_numbers",
    },
)
def make_policy_finder(
    nlp: Language, name: str, titles_key: str, policies_key: str, numbers_key: str
) -> PolicyFinder:
    return PolicyFinder(titles_key, policies_key, numbers_key)
