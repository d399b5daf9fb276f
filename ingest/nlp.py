"""The spaCy pipeline: blank Chinese with jieba, a sentencizer and edukg's components.

Each component is registered by name and configured through spaCy's config, so it can
be added to any `zh` pipeline alone. They scan `doc.text` in one pass (Aho-Corasick
automata and regular expressions) and map character offsets to spans, instead of
looping over tokens in Python. Results go to span groups:

- `regions`: region mentions, `span._.adcode`, label = level
- `titles`: every 《》 title (without the marks); `policies`: those that are policy
  documents, label = kind (意见, 方案, …); `doc_numbers`: 文号 (`span._.doc_number`,
  京教基一〔2024〕6号)
- `measures`: taxonomy aliases, `span._.measure_key`
- `years`: 19xx/20xx年, `span._.year`, label = since / deadline / year
"""

from __future__ import annotations

import bisect
import logging
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import lru_cache

import ahocorasick
import jieba
import spacy
from spacy.lang.zh import ChineseTokenizer
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import registry

from ingest.gazetteer import LEVELS, Gazetteer, Region, load_gazetteer
from ingest.taxonomy import load_taxonomy

jieba.setLogLevel(logging.WARNING)  # its dictionary-loading chatter is not the user's business

SENTENCE_ENDS = ["。", "！", "？", "；", "!", "?", ";", "\n"]

POLICY_KINDS = (
    "意见", "方案", "规划", "通知", "办法", "规定", "决定", "纲要", "计划", "条例", "细则",
    "标准", "指南", "规程", "措施", "要点", "规范", "准则", "章程", "决议", "批复", "法",
)  # fmt: skip
# Titles ending in 法 that are not laws.
_NOT_LAWS = ("方法", "做法", "想法", "看法", "说法", "写法", "用法", "算法")
# A trailing (试行) / （2018年—2035年） qualifies a title without changing its kind.
_TRAILING_QUALIFIER = re.compile(r"[(（][^()（）]*[)）]$")
# Strategy documents named after their horizon: 中国教育现代化2035.
_HORIZON_TITLE = re.compile(r"\D(?:20|19)\d{2}$")

_TITLE = re.compile(r"《([^《》\n]{1,150})》")
_DOC_NUMBER = re.compile(
    r"[\u4e00-\u9fff]{1,12}"
    r"(?:[〔\[［【（(]\s*(?:19|20)\d{2}\s*[〕\]］】）)]\s*第?\s*\d{1,5}\s*号|令第\s*\d{1,5}\s*号)"
)
# Words that can stand before a 文号 but never inside its issuer abbreviation (a title
# run into its 文号 line ends in a policy kind: …的通知京教基〔2023〕12号).
_BEFORE_DOC_NUMBER = re.compile(
    r"^.*(?:印发|转发|根据|依据|按照|落实|贯彻|执行|文号|通知|意见|方案|办法|规定|决定"
    r"|[的了和与及在据照为是将对把被于即见])"
)

_YEAR = re.compile(r"(?<![\d.])((?:19|20)\d{2})\s*年")
_SINCE_AFTER = re.compile(r"(?:底|初|末)?(?:起|以来|开始|至今)")
_SINCE_BEFORE = re.compile(r"(?:自|从|截至|截止|截止到)$")
_DEADLINE_BEFORE = re.compile(r"(?<!截)(?:到|至)$")
_DEADLINE_AFTER = re.compile(r"(?:底|末)?前")

for _name in ("adcode", "measure_key", "year", "doc_number"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)


def build_automaton(entries: Iterable[tuple[str, object]]) -> ahocorasick.Automaton:
    """An Aho-Corasick automaton mapping each surface form to its value."""
    automaton = ahocorasick.Automaton()
    for form, value in entries:
        automaton.add_word(form, (form, value))
    automaton.make_automaton()
    return automaton


def longest_matches(
    automaton: ahocorasick.Automaton, text: str
) -> Iterator[tuple[int, int, object]]:
    """(start, end, value) of the longest non-overlapping matches, left to right."""
    if len(automaton) == 0:
        return
    for last, (form, value) in automaton.iter_long(text):
        yield last + 1 - len(form), last + 1, value


@lru_cache(maxsize=8)
def teach_jieba(words: frozenset[str]) -> None:
    """Make jieba keep these words whole, so spans align with tokens (once per word set)."""
    for word in sorted(words):
        jieba.add_word(word)


def find_doc_numbers(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, number) of every 文号 in `text`, the number without whitespace."""
    for match in _DOC_NUMBER.finditer(text):
        lead = _BEFORE_DOC_NUMBER.match(match.group())
        start = match.start() + (lead.end() if lead else 0)
        if re.match(r"[\u4e00-\u9fff]", text[start]):
            yield start, match.end(), re.sub(r"\s+", "", text[start : match.end()])


def policy_kind(title: str) -> str | None:
    """The kind of policy document a title names (意见, 方案, 法, …), or None for reports,
    books, newspapers and other titles."""
    core = title.strip()
    while _TRAILING_QUALIFIER.search(core):
        core = _TRAILING_QUALIFIER.sub("", core).strip()
    if core.endswith(_NOT_LAWS):
        return None
    kind = next((k for k in POLICY_KINDS if core.endswith(k)), None)
    if kind is None and _HORIZON_TITLE.search(core):
        return "规划"
    return kind


# ---------------------------------------------------------------------------- regions


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
        for start, end, name in longest_matches(self.automaton, doc.text):
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


# --------------------------------------------------------------------------- policies


class PolicyFinder:
    """《》 titles, the policy documents among them, and 文号 document numbers."""

    def __init__(self, titles_key: str, policies_key: str, numbers_key: str) -> None:
        self.titles_key = titles_key
        self.policies_key = policies_key
        self.numbers_key = numbers_key

    def __call__(self, doc: Doc) -> Doc:
        titles, policies = [], []
        for match in _TITLE.finditer(doc.text):
            kind = policy_kind(match.group(1))
            span = doc.char_span(*match.span(1), label=kind or "title", alignment_mode="expand")
            if span is not None:
                titles.append(span)
                if kind:
                    policies.append(span)
        doc.spans[self.titles_key] = titles
        doc.spans[self.policies_key] = policies
        doc.spans[self.numbers_key] = list(self._doc_numbers(doc))
        return doc

    @staticmethod
    def _doc_numbers(doc: Doc) -> Iterator[Span]:
        for start, end, number in find_doc_numbers(doc.text):
            span = doc.char_span(start, end, label="doc_number", alignment_mode="expand")
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


# --------------------------------------------------------------------------- measures


_QUOTE = re.compile(r"[“”‘’\"'「」『』]")


def without_quotes(text: str) -> tuple[str, list[int]]:
    """`text` without quotation marks, and where each removed mark stood in the result."""
    marks = [match.start() - i for i, match in enumerate(_QUOTE.finditer(text))]
    return _QUOTE.sub("", text), marks


class MeasureFinder:
    """Every surface form of every taxonomy measure; the longest match wins. Quotation
    marks inside a form do not hide it (“五育”并举, “双师”课堂)."""

    def __init__(self, spans_key: str) -> None:
        self.spans_key = spans_key
        entries = [(form, c.key) for c in load_taxonomy() for form in c.surface_forms]
        self.automaton = build_automaton(entries)
        teach_jieba(frozenset(form for form, _ in entries))

    def __call__(self, doc: Doc) -> Doc:
        text, marks = without_quotes(doc.text)
        spans = []
        for start, end, key in longest_matches(self.automaton, text):
            first = start + bisect.bisect_right(marks, start)
            last = end - 1 + bisect.bisect_right(marks, end - 1)
            span = doc.char_span(first, last + 1, label=key, alignment_mode="expand")
            if span is not None:
                span._.measure_key = key
                spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc


@Language.factory("edukg_measures", default_config={"spans_key": "measures"})
def make_measure_finder(nlp: Language, name: str, spans_key: str) -> MeasureFinder:
    return MeasureFinder(spans_key)


# ------------------------------------------------------------------------------ years


def year_kind(text: str, start: int, end: int) -> str:
    """How the year at text[start:end] (the digits and 年) is used: "since" for a start or
    a reported state (自2021年起, 截至2017年底), "deadline" for a goal (到2025年), else "year"."""
    before, after = text[max(0, start - 4) : start], text[end : end + 4]
    if _SINCE_AFTER.match(after) or _SINCE_BEFORE.search(before):
        return "since"
    if _DEADLINE_BEFORE.search(before) or _DEADLINE_AFTER.match(after):
        return "deadline"
    return "year"


@Language.factory("edukg_years", default_config={"spans_key": "years"})
def make_year_finder(nlp: Language, name: str, spans_key: str):
    def find_years(doc: Doc) -> Doc:
        spans = []
        text = doc.text  # spaCy rebuilds doc.text from the tokens on every access
        for match in _YEAR.finditer(text):
            kind = year_kind(text, *match.span())
            span = doc.char_span(*match.span(), label=kind, alignment_mode="expand")
            if span is not None:
                span._.year = int(match.group(1))
                spans.append(span)
        doc.spans[spans_key] = spans
        return doc

    return find_years


# -------------------------------------------------------------------------- tokenizer


def words_and_spaces(pieces: Iterable[str]) -> tuple[list[str], list[bool]]:
    """spaCy's words and trailing-space flags from jieba's pieces, which cover the text:
    one space after a word is its trailing space, other whitespace runs are tokens."""
    words: list[str] = []
    spaces: list[bool] = []
    for piece in pieces:
        if words and piece.isspace():
            if piece == " " and not spaces[-1] and not words[-1].isspace():
                spaces[-1] = True
                continue
            if words[-1].isspace():
                words[-1] += piece
                continue
        if piece:
            words.append(piece)
            spaces.append(False)
    return words, spaces


class JiebaTokenizer(ChineseTokenizer):
    """spaCy's jieba tokenizer with a one-pass alignment of jieba's output to the text
    (spaCy's own copies the rest of the text for every word: quadratic on long texts)."""

    def __call__(self, text: str) -> Doc:
        words, spaces = words_and_spaces(self.jieba_seg.cut(text, cut_all=False))
        return Doc(self.vocab, words=words, spaces=spaces)


@registry.tokenizers("edukg.jieba_tokenizer.v1")
def create_jieba_tokenizer():
    def make(nlp: Language) -> JiebaTokenizer:
        return JiebaTokenizer(nlp.vocab, segmenter="jieba")

    return make


# --------------------------------------------------------------------------- pipeline

COMPONENTS = ("edukg_regions", "edukg_policies", "edukg_measures", "edukg_years")


@lru_cache(maxsize=1)
def load_pipeline() -> Language:
    """The edukg pipeline (cached: built once per process)."""
    nlp = spacy.blank(
        "zh", config={"nlp": {"tokenizer": {"@tokenizers": "edukg.jieba_tokenizer.v1"}}}
    )
    nlp.add_pipe("sentencizer", config={"punct_chars": SENTENCE_ENDS})
    for component in COMPONENTS:
        nlp.add_pipe(component)
    return nlp
