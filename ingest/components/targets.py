"""`edukg_targets`: numeric goals (到2025年，普惠性幼儿园覆盖率达到90%以上).

Writes span group `targets`: one span per quantity that states a goal or a reported figure,
with `span._.goal` (a `Goal`: metric, value, unit, comparator, deadline, the stage or
population it concerns, and whether the text marks it as a goal or reports it as reached).
The extractor decides which become TARGETS edges: it knows whether the document is a
policy text, where any figure outside a review section is a goal.

Goals take these shapes, each read inside one clause (between commas):
- rate: 覆盖率达到90%以上, 达标率85%, 比例不低于15%  (metric before the number)
- share: 85%左右的普通高中成为特色学校, 三分之一的…  (metric after 的)
- count: 遴选100所示范校, 新增学位2万个, 扩大到40对  (metric after the unit, or before)
- quota per unit: 每个乡镇建有1所中心幼儿园          (a count of one counts here)
- per region: …任务数如下：A市174家、B市152家, a table of regions and numbers,
  A市、B市分别新建学校18所、15所                    (metric(region))
- respective: A、B和C分别达到90%、95%、92%           (the i-th metric named)
- coverage: 力争到2020年，全区实现X全覆盖              (100%; only with a deadline)
- ratio and bound: 比例不低于1∶15 (15, unit 1∶X), 差异系数不高于0.5 (unit "")
A clause naming only another scope (农村达到85%) or 这一比例 takes the metric before it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

import cn2an
from spacy.language import Language
from spacy.tokens import Doc, Span

from edukg.ingest.components.matching import (
    HAN,
    Automaton,
    char_span,
    longest_matches,
    spans_of,
    text_of,
)

if not Span.has_extension("goal"):
    Span.set_extension("goal", default=None)


@dataclass(frozen=True)
class Goal:
    metric: str
    value: float
    unit: str
    comparator: str  # ">=", ">", "<=", "<", "≈" or "="
    deadline: int | None
    group: str  # the stage or population: 学前教育, 义务教育, 教师, 学生, …
    stated: bool  # the sentence marks it as a goal: a deadline, 力争, 将, 计划…
    reported: bool  # the sentence or its section reports it as reached: 已, 截至, 主要成就…

    def repeats(self, other: Goal) -> bool:
        """The same figure named again (a headline, a lead and the body quote it alike)."""
        same = (self.value, self.unit, self.deadline) == (other.value, other.unit, other.deadline)
        return same and (self.metric in other.metric or other.metric in self.metric)


# Stages and populations a goal concerns, by the words that name them. The last specific
# one in the clause wins (Chinese noun phrases end in their head: 幼儿园专任教师 → 教师);
# 学校 only when no specific one is named, 基础教育 when nothing is.
GROUPS = {
    "学前教育": ("学前教育", "学前", "幼儿园", "幼儿", "公办园", "普惠园", "民办园", "在园", "入园",
                 "托育", "保教"),
    "义务教育": ("义务教育", "小学", "初中", "九年一贯"),
    "普通高中": ("普通高中", "高中", "高中阶段"),
    "特殊教育": ("特殊教育", "特教", "残疾", "融合教育", "孤独症", "随班就读"),
    "职业教育": ("职业教育", "职业学校", "中职", "职业高中", "高职"),
    "教师": ("教师", "校长", "园长", "师资", "教研员", "班主任", "名师", "骨干", "指导服务师",
             "督学", "干部"),
    "学生": ("学生", "儿童", "青少年", "学龄", "少年"),
    "乡村学校": ("乡村学校", "农村学校", "乡镇学校", "乡村", "农村", "乡镇"),
    "家庭教育": ("家庭教育", "家长", "家庭"),
    "中小学": ("中小学", "中小学校"),
}  # fmt: skip
# Groups that are stages of schooling; the others are populations.
STAGES = frozenset(
    {"学前教育", "义务教育", "普通高中", "特殊教育", "职业教育", "中小学", "基础教育"}
)
GENERIC_GROUP = ("学校", ("学校", "校园", "示范校", "集团校", "联盟校", "学位", "校区"))
FALLBACK_GROUP = "基础教育"
_UNSPECIFIC = (GENERIC_GROUP[0], FALLBACK_GROUP)

_NUMBER = r"(\d+(?:\.\d+)?|[零一二两三四五六七八九十百千]+)([万亿])?(?:余|多)?"
_COUNT_UNITS = "所个名项对门节堂家条处座支批间台套场"
_QUANTITY = re.compile(
    # Every quantity opens with a digit or a numeral; testing that first lets the scan pass
    # other characters without trying each alternative (four times quicker).
    r"(?=[\d零一二两三四五六七八九十百千])(?:"
    rf"百分之([零一二两三四五六七八九十百]+)|{_NUMBER}(%|个百分点|人次|小时|[{_COUNT_UNITS}人年]"
    # counties counted without a classifier: 全州4县市实现…
    r"|(?=县|区县))"
    r"|([一二两三四五六七八九十]+)分之([一二两三四五六七八九十]+)"  # 三分之一
    r"|(?<![\d.])1[∶:](\d+(?:\.\d+)?)(?![\d:∶])"  # a ratio to one: 生师比1∶15
    r"|(?<![\d.])(0\.\d{1,3})(?![\d.%‰])"  # a coefficient's bound: 差异系数不高于0.5
    r")"
)
RATIO = "1∶X"
_RATES = ("%", "个百分点", RATIO, "")  # "": a coefficient
_CLAUSE_END = "，,；;。！？!?\n：:"
_OPEN, _CLOSE = "（(", "）)"
# A parenthesis this short is part of a name (县(市), 学校(校区), 市(州)); a longer one is a note.
_SHORT_NOTE = 8
_LONG_NOTE = re.compile(rf"[（(][^（()）]{{{_SHORT_NOTE + 1},}}[）)]")
_SENTENCE_END = "；;。！？!?\n"

_RATE_VERB = re.compile(
    r"(?:小于或等于|小于等于|不大于|小于|达到|提高到|提高至|提升到|提升至|增加到|增长到|扩大到|保持在|稳定在|不低于|不少于|"
    r"超过|高于|低于|不超过|不高于|控制在|降至|降低到|下降到|达)$"
)
_COEFFICIENT = re.compile("系数|指数")
_RATE_NOUN = re.compile(r"(?:率|比例|占比|比重)$")
_CREATE_VERB = re.compile(  # the last such verb before the number
    "^.*(?P<verb>新建|建设|建成|遴选|培育|打造|培养|认定|创建|建立|新增|增加|开设|组建|引进|评选|"
    "命名|扶持|改扩建|扩建|改建|新改建|新改扩建|改造|招聘|招录|选派|资助|配备|举办|创办|补充|"
    "选树|创设|推出|开发|设立|参加|培训)"
    rf"(?P<noun>[{HAN}、()（）]{{0,30}})$"
)
# The last item of a list of counts, its verb whole (改扩建, not 扩建): 新建4所、改扩建.
_LAST_ITEM = re.compile(rf"[{_COUNT_UNITS}][、和及](?P<verb>[{HAN}]{{2,5}})$")
_COVERAGE = re.compile("全覆盖")
# A quota per unit: 每个乡镇建有1所…, 各县(市)至少办1所… (not 每年, 每天: those are rates).
# A scope may come first (农村地区每个乡镇…); 每一所 right before the number is "every",
# 平均每个 an average.
_PER_UNIT = re.compile(
    rf"^(?![{HAN}]*[平人]均)(?:[{HAN}]{{0,6}}每个?|各)(?![年月周天日次节课学时]|$)"
)
_ADVERB = re.compile(r"(?:都|均|至少|应当|要)(?=[建办创设配有开增成])")

_LEADING_NOISE = re.compile(
    r"^(?:[（(]?[一二三四五六七八九十\d]{1,3}[）)、.．]|[①-⑳]|(?:到|至)?\d{4}年(?:底|末)?前?|"
    r"“?十[一二三四五六]五”?(?:时期|期间|末)?|"
    r"《[^《》]{1,40}》|要求|明确|规定|"  # 《方案》要求…: the policy a report quotes
    r"力争|争取|确保|推动|推进|实现|完成|使|让|将|要|其中|并且?|同时|进一步|逐步|基本|全面|每年|"
    r"(?:(?:我|本|该)[省市区县州]|全?自治区)(?!级))+"
)
_DEICTIC = re.compile(
    r"^(?:全市|全区|全县|全省|全国|本市|本区|本县|各区|各县)|(?:全市|全区|全县|全省)$"
)
_JOINING = re.compile(r"[以和与及的等、]")
_AFTER_NOISE = re.compile(r"^(?:及)?(?:以上|以下|以内|左右)?的?")
_TRAILING_NOISE = re.compile(
    r"(?:的任务目标|的目标|的任务|目标|任务|合计|共计|总计|已|将|要|会|还|也|均|都|再|逐步|必?须|不得|"
    r"进一步|力争)+$"
)

_AT_LEAST = re.compile(r"(?:不低于|不少于|至少|以上|及以上)")
_MORE_THAN = re.compile(r"(?:超过|高于|多于)")
_AT_MOST = re.compile(r"(?:不超过|不高于|以下|以内|控制在)")
_ABOUT = re.compile(r"(?:左右|约|大约)")

# The sentence sets a goal / reports a state, judged on its text before the number.
_DEADLINE_YEAR = re.compile(r"(?<!截)(?:到|至)\d{4}年|\d{4}年(?:底|末)?前")
_STATED = re.compile(
    r"(?<!截)(?:到|至)\d{4}年|\d{4}年(?:底|末)?前|力争|争取|确保|将|计划|拟|目标|预计|规划|谋划|"
    r"短期|中长期|近期|今后|下一步|十[一二三四五六]五|"
    # an obligation a policy sets, in a report quoting it (not the noun: 任务要求, 按照要求)
    r"(?<![务署的照据])要求|明确|规定|必?须|不得"
)
_REPORTED = re.compile(
    r"已|截至|截止|目前|现有|累计|至今|先后|共有|[到至增加升高]了|以来|近年|去年|上年|过去"
)
# Encouraged, not committed to: 鼓励学校每天开设1节体育课.
_UNCOMMITTED = re.compile(r"鼓励|支持|引导|倡导|提倡")
_DEADLINE = re.compile(
    r"(?<!截)(?:到|至)(\d{4})年|(\d{4})年(?:底|末)?前|“?十([一二三四五六])五”?(末)?"
    # a plain year, not a date, a since, a period's start or a baseline (比2020年, 2020年基础上)
    r"|(?<![\d比较与在—–\-~～])(\d{4})年(?:底|末)?(?![\d月以起至到初来前基水—–\-~～])"
)
_OPENS_CLAUSE = frozenset(_CLAUSE_END + "“")

# A heading (一、…, （一）…, 1.…) whose text says its section reviews the past.
_HEADING = re.compile(
    r"^(?:([一二三四五六七八九十]{1,3})、|[（(]([一二三四五六七八九十]{1,3})[）)]|(\d{1,2})[.、．])"
    r"([^。\n]{0,40})"
)
_REVIEW = re.compile(
    r"成就|成绩|成效|回顾|现状|背景|形势|进展|基本情况|(?:发展|工作|现实|良好)基础"
)
_FIVE_YEAR_PLAN_NUMBERS = "一二三四五六"
_PLAN = re.compile(r"十([一二三四五六])五")
_PLAN_PERIOD = re.compile(r"十([一二三四五六])五”?(?:期间|时期|以来)")
# A list item (1.…, （一）…, ①…) and how far up its lead line is looked for.
_ITEM = re.compile(r"^(?:[（(]?[一二三四五六七八九十\d]{1,3}[）)、.．]|[①-⑳])")
_LIST_LINES = 12
_HEADING_CHARS = 30
_PROSE = re.compile(r"[，,；;。%]")
_OWN_CLAUSE = re.compile(rf"(?:到|至)?\d{{4}}年(?:底|末)?前?(?![\d月])|(?<=[{HAN}%])[ \u3000]+")
# A list of per-region quotas hangs from a lead clause: 下达各市的任务数如下：A市174家、B市152家.
_LEAD_END = re.compile(r"(?:如下|分别为|分别是|为|是)?\s*[：:]\s*$")
# How the lead says the quotas are handed down (分解下达给各市, 分配到各县的): not the metric.
_HANDED_DOWN = re.compile(r"^.*?(?:下达|分配|分解)(?:给|到|至)?(?:各[省市县区州地校])?的?")
_ITEM_SEPARATORS = "、，,；;\n \t：:"
_QUOTA_ITEMS = 40
_QUOTA_ITEM_CHARS = 24
_DIGIT = re.compile(r"\d")
# Counties or districts to reach a standard: 4县市全部实现…目标, 10个县(市、区)通过…认定.
_REGIONS_REACHING = re.compile(
    r"^(?P<kind>县市|县区|区县|县[(（]市、区[)）]|县|市|区|乡镇)(?:全部|均|都|要|应|须|将)?"
    r"(?:[在于]\d{4}年(?:底|末)?前?)?"
    r"(?P<what>(?:实现|通过|达到|建成|创建|成为)[^，,。；;：:]{2,30})"
)
# A due year after the number (其余31个县应在2013年实现…): a goal whatever came before.
_DUE = re.compile(r"(?:应|要|将|须|力争|确保)(?:在|于)(\d{4})年")
# 对 + the units + an action on them (对…40所幼儿园开展结对帮扶); not 对口, 对照, 对接, 对标.
_ACTION = re.compile(rf"(?:开展|进行|实施)(?P<action>[{HAN}]{{2,8}})$")
_NOT_PREPOSITION = frozenset("口照接标象比")
_ITEM_END = re.compile(r"[和、及与]|开展|进行|实施")
# A table's header cell naming a count and its unit, and a row: a region, then its number.
_TABLE_HEADER = re.compile(
    rf"^(?P<metric>[{HAN}“”]{{2,20}})[（(](?P<unit>万?[{_COUNT_UNITS}人])[）)]$", re.MULTILINE
)
_QUOTA_WORDS = re.compile(r"任务|目标|指标|计划|下达|分解|新增|新建|改扩建|建设|创建")
_TABLE_ROW = re.compile(
    rf"(?P<region>[{HAN}()（）]{{2,12}})(?:\n|[ \t]+)(?P<value>\d+(?:\.\d+)?)[ \t]*(?:\n|$)"
)
# A list of metrics, then 分别 and as many values: A、B和C分别达到90%、95%、92%.
_RESPECTIVE_VERB = re.compile(rf"为|是|{_RATE_VERB.pattern.removesuffix('$')}")
_TRAILING_SCOPE = re.compile(r"(.{2,}?)(小学|初中|高中|幼儿园|城区|城镇|农村|乡村)$")
_AND = re.compile(r"和|及|以及|与")
_SAME_METRIC = re.compile(r"(?:这一|这个|该|此)(?:比例|比率|数字|指标|比重)")
# A clause that names only a scope (县(市)达到30%) borrows the metric of the one before.
_SCOPE_CHARS = 6
_MEASURE = re.compile(r"率|比|数|量|时间|年限|面积|经费|人次")
_SCOPE_PREFIX = re.compile(
    r"^(?:全[省市区县州]|市区|城区|主城区|县[(（][^)）]{1,6}[)）]|县域|城市|城镇|农村|乡村|城乡|"
    r"镇区|小学|初中|高中)"
)


class TargetFinder:
    def __init__(self, spans_key: str) -> None:
        self.spans_key = spans_key
        entries = [(word, (group, True)) for group, words in GROUPS.items() for word in words]
        entries += [(word, (GENERIC_GROUP[0], False)) for word in GENERIC_GROUP[1]]
        self.groups = Automaton(entries)

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        review = _review_lines(text) + _past_plan_periods(text)
        regions = {r.end_char: r.start_char for r in spans_of(doc, "regions")}
        spans = []
        previous: tuple[int, Goal] | None = None  # the last goal and where it ends
        for match in _QUANTITY.finditer(text):
            goal = self._goal(text, match, review, regions)
            if goal is not None:
                if previous is not None:
                    goal = _elided(goal, previous[1], text[previous[0] : match.start()])
                previous = (match.end(), goal)
                span = char_span(doc, match.start(), match.end(), label=goal.unit)
                if span is not None:
                    span._.goal = goal
                    spans.append(span)
        for match in _COVERAGE.finditer(text):
            goal = self._coverage(text, match.start(), review)
            if goal is not None:
                span = char_span(doc, match.start(), match.end(), label="%")
                if span is not None:
                    span._.goal = goal
                    spans.append(span)
        for start, end, goal in self._table_rows(text, regions, review):
            span = char_span(doc, start, end, label=goal.unit)
            if span is not None:
                span._.goal = goal
                spans.append(span)
        doc.spans[self.spans_key] = sorted(spans, key=lambda s: s.start)
        return doc

    def _table_rows(
        self, text: str, regions: dict[int, int], review: list[int]
    ) -> Iterator[tuple[int, int, Goal]]:
        """Per-region quotas in a table, a cell a line (or a row a line) under a header cell
        naming the count and its unit: 新增学位（个） / 杭州市 / 4000 / 宁波市 / 3500 gives
        新增学位(杭州市) 4000 个…, by the year of the table's title."""
        for header in _TABLE_HEADER.finditer(text):
            unit = header["unit"][-1]
            multiplier = 10_000 if header["unit"].startswith("万") else 1
            above = text.rfind("\n", 0, max(header.start() - 1, 0))
            title = text.rfind("\n", 0, max(above, 0)) + 1  # the two lines above the header
            if not _QUOTA_WORDS.search(text, title, header.end()):  # 学校数（所）: a statistic
                continue
            deadline = _deadline_in(text, title, header.start(), header.start(), unit)
            at = header.end() + 1
            while row := _TABLE_ROW.match(text, at):
                if regions.get(row.end("region")) != at:
                    break
                yield (
                    row.start("value"),
                    row.end("value"),
                    Goal(
                        metric=f"{header['metric']}({row['region']})",
                        value=float(row["value"]) * multiplier,
                        unit=unit,
                        comparator="=",
                        deadline=deadline,
                        group=self._group(header["metric"]),
                        stated=deadline is not None,
                        reported=_in_review(review, at),
                    ),
                )
                at = row.end()

    def _goal(
        self, text: str, match: re.Match, review: list[int], regions: dict[int, int]
    ) -> Goal | None:
        start, end = match.span()
        if match.group(4) == "年" and "年限" not in text[max(0, start - 8) : start]:
            return None  # a year or a duration, not years of schooling (受教育年限达到11年)
        value, unit = _value(match)
        if value is None:
            return None
        clause_start, clause_end = _clause(text, start, end)
        if not unit and not _COEFFICIENT.search(text, clause_start, start):
            return None  # a bare decimal is a goal only as a coefficient's bound
        # A year or a headline's space inside the words opens the goal's own clause
        # (…发展目标 2025年高中阶段教育毛入学率达95%, …新规划 普惠率将达90%).
        before = _OWN_CLAUSE.split(_LONG_NOTE.sub("", text[clause_start:start]))[-1]
        after = text[end:clause_end]
        metric = (
            _quota(text, start, regions)
            or _respective(text, start, clause_start, clause_end)
            or _metric(before, after, unit, value)
        )
        if not metric:
            return None
        return self._make(text, start, end, clause_start, clause_end, review, metric, value, unit)

    def _coverage(self, text: str, at: int, review: list[int]) -> Goal | None:
        """X全覆盖 by a stated year is a goal of 100 %: 力争到2020年，全区实现X全覆盖."""
        sentence = text[_last_index(text, _SENTENCE_END, at) + 1 : at]
        if not _DEADLINE_YEAR.search(sentence):
            return None
        end = at + len("全覆盖")
        clause_start, clause_end = _clause(text, at, end)
        subject = _subject(text[clause_start:at])
        if subject is None:
            return None
        metric = subject + "覆盖率"
        return self._make(text, at, end, clause_start, clause_end, review, metric, 100.0, "%")

    def _make(
        self,
        text: str,
        start: int,
        end: int,
        clause_start: int,
        clause_end: int,
        review: list[int],
        metric: str,
        value: float,
        unit: str,
    ) -> Goal | None:
        sentence_start = _last_index(text, _SENTENCE_END, start) + 1
        leading = text[sentence_start:start]
        if _UNCOMMITTED.search(text, clause_start, start):
            return None
        line_start = text.rfind("\n", 0, start) + 1
        due = _DUE.search(text, end, clause_end)
        around = text[max(clause_start, start - 6) : min(clause_end, end + 4)]
        return Goal(
            metric=metric,
            value=value,
            unit=unit,
            comparator=_comparator(around),
            deadline=int(due.group(1))
            if due
            else _deadline(text, line_start, clause_start, end, unit),
            group=self._group(metric, text[clause_start:clause_end]),
            # a goal sentence, or one in a paragraph whose deadline governs it
            stated=bool(
                due or _STATED.search(leading) or _DEADLINE_YEAR.search(text, line_start, start)
            ),
            reported=not due and (bool(_REPORTED.search(leading)) or _in_review(review, start)),
        )

    def _group(self, metric: str, clause: str = "") -> str:
        """The stage or population the metric names, else the one its clause names."""
        group = self._group_in(metric)
        return self._group_in(metric + clause) if group in _UNSPECIFIC else group

    def _group_in(self, clause: str) -> str:
        specific = generic = None
        for _, _, (group, is_specific) in longest_matches(self.groups, clause):
            if is_specific:
                specific = group
            else:
                generic = group
        return specific or generic or FALLBACK_GROUP


def _value(match: re.Match) -> tuple[float | None, str]:
    if match.group(1):  # 百分之九十
        return _number(match.group(1)), "%"
    if match.group(5):  # 三分之一 is a share
        whole, part = _number(match.group(5)), _number(match.group(6))
        return (round(100 * part / whole, 2) if whole and part else None), "%"
    if match.group(7):  # 1∶15 is 15 of the unit 1∶X
        return float(match.group(7)), RATIO
    if match.group(8):  # a bare decimal bounds a coefficient
        return float(match.group(8)), ""
    number, multiplier, unit = match.group(2), match.group(3), match.group(4) or "个"
    value = _number(number)
    if value is not None and multiplier:
        value *= 10_000 if multiplier == "万" else 100_000_000
    return value, unit


def _number(digits: str) -> float | None:
    """Arabic or Chinese numerals (85, 1.8, 十, 千, 两千) as a number."""
    if digits[0].isdecimal():  # Arabic digits (`_NUMBER`): through cn2an, 0.25 of the 1.85 ms
        return float(digits)  # this component spends on a document
    if digits[0] in "百千":  # 千名 is 一千名
        digits = "一" + digits
    try:
        return float(cn2an.cn2an(digits, "smart"))
    except ValueError:
        return None


def _metric(before: str, after: str, unit: str, value: float) -> str | None:
    """What the quantity measures, from the words of its clause; None when the quantity
    is no goal's (a count not created by a verb, a single item)."""
    rate = unit in _RATES
    if unit == "年":  # a duration or a year, unless it is years of schooling (受教育年限11年)
        words = _RATE_VERB.sub("", before)
        return _clean(words) if words.endswith("年限") else None
    if _RATE_VERB.search(before):
        return _clean(_RATE_VERB.sub("", before))
    if rate and _RATE_NOUN.search(before):
        return _clean(before)
    if rate and after.lstrip("以上下内左右及").startswith("的"):
        return _clean((_subject(before) or "") + _AFTER_NOISE.sub("", after))
    for scope in (_subject(before) or "", _clean(before) or ""):  # 全省每个县… / 各区…
        if not rate and _PER_UNIT.match(scope):  # 每个乡镇都建有1所公办中心幼儿园
            return _clean(_ADVERB.sub("", scope) + _AFTER_NOISE.sub("", after))
    if not rate and (reaching := _REGIONS_REACHING.match(after)):  # 4县市实现…目标
        return f"{reaching.group('what')}的{reaching.group('kind')}数"
    if not rate and (acted_on := _acted_on(before, after)):
        return acted_on
    # A single item is no quantity; a count after a list (A、B、C等5项, A、B2项) sums it up.
    listed = before.count("、") >= 2 or "等" in before or unit == "项" and "、" in before
    if rate or (value == 1 and unit != "小时") or listed:
        return None
    # 遴选100所示范校 / 新增公办学位2万个: what is made follows the number or the verb.
    verb = _CREATE_VERB.match(before)
    if verb is None or verb.group("noun").endswith("的"):  # 遴选出的40所…: what it acts on
        return None
    shared = _shared_noun(after)
    made_after = _clean(_AFTER_NOISE.sub("", shared))
    noun = verb.group("noun")
    if _JOINING.search(noun) and made_after:  # 培养对象以及2000名…: the object ended before
        noun = ""
    if not noun and made_after:  # 新建4所、改扩建6所幼儿园: each count its verb's
        if shared is not after:
            return verb.group("verb") + made_after
        if item := _LAST_ITEM.search(before):
            return item.group("verb") + made_after
    if len(noun) <= 2 and made_after:  # 短期快速新建十所…, 遴选首批113名…
        return made_after
    return _clean(noun) or made_after


def _shared_noun(after: str) -> str:
    """What a list of counts makes: in 新建4所、改扩建6所幼儿园 the noun after the last
    (`after` itself when the count ends no list, or ends it)."""
    ends = (
        [m.end() for m in _QUANTITY.finditer(after)] if after.startswith(("、", "和", "及")) else []
    )
    return after[ends[-1] :] if ends else after


def _quota(text: str, start: int, regions: dict[int, int]) -> str | None:
    """The metric of a per-region quota in a list under a lead clause (…任务数如下：A市174家、
    B市152家, or one item a line), with the region it is set for: …任务数(A市). None when
    the number does not follow a region that opens a list item."""
    end = start
    while end > 0 and text[end - 1] in " \t":
        end -= 1
    region_start = regions.get(end)
    if region_start is None:
        return None
    at = region_start
    for _ in range(_QUOTA_ITEMS):  # back over the items before it to the colon
        if at == 0 or text[at - 1] not in _ITEM_SEPARATORS:
            return None
        if text[at - 1] in "：:":
            break
        previous = _last_index(text, _ITEM_SEPARATORS, at - 1) + 1
        item = text[previous : at - 1].strip()
        if item and (len(item) > _QUOTA_ITEM_CHARS or not _DIGIT.search(item)):
            return None
        at = previous
    else:
        return None
    lead_start = _last_index(text, _CLAUSE_END, at - 1) + 1
    lead = _HANDED_DOWN.sub("", _LEAD_END.sub("", text[lead_start:at]))
    verb = _CREATE_VERB.match(lead)
    metric = lead[verb.start("verb") :] if verb else _subject(lead)
    return f"{metric}({text[region_start:end]})" if metric else None


def _elided(goal: Goal, last: Goal, between: str) -> Goal:
    """The goal with the metric its clause leaves out: in 市区…入园率达到50%，县(市)达到30%
    the second clause names only another scope, so its metric is the first one's for it;
    这一比例达到80% is the first one's."""
    if goal.unit == last.unit and _SAME_METRIC.fullmatch(goal.metric) and "\n" not in between:
        return replace(goal, metric=last.metric, group=last.group)
    if (
        goal.unit != last.unit
        or goal.unit not in _RATES  # a count's clause names what it counts
        or len(goal.metric) > _SCOPE_CHARS
        or _MEASURE.search(goal.metric)
        or any(ch in between for ch in "。！？!?\n")
    ):
        return goal
    metric = goal.metric + _SCOPE_PREFIX.sub("", last.metric)
    group = last.group if goal.group == FALLBACK_GROUP else goal.group
    return replace(goal, metric=metric, group=group)


def _respective(text: str, start: int, clause_start: int, clause_end: int) -> str | None:
    """The metric of the i-th value in A、B和C分别达到90%、95%、92%: the i-th one named."""
    at = text.rfind("分别", clause_start, start)
    if at < 0:
        return None
    verb = _RESPECTIVE_VERB.match(text, at + len("分别"))
    values = list(_QUANTITY.finditer(text, verb.end() if verb else at + 2, clause_end))
    index = next((i for i, v in enumerate(values) if v.start() == start), None)
    names = text[clause_start:at].split("、")
    if len(values) == len(names) + 1:  # …、B和C: the last two joined by 和
        names[-1:] = _AND.split(names[-1], maxsplit=1)
    if index is None or len(values) != len(names) or len(values) < 2:
        return None
    # 差异系数小学和初中分别…: the metric, then the scopes it is set for
    if scope := _TRAILING_SCOPE.match(names[0]):
        names[0] = scope.group(2) + scope.group(1)
    name = _subject(names[index])
    # A、B、C分别新建学校80所、60所、70所: what is counted follows 分别, for each name.
    counted = _clean(text[verb.end() if verb else at + 2 : values[0].start()])
    return f"{counted}({name})" if counted and name else name


def _acted_on(before: str, after: str) -> str | None:
    """The units an action is to cover: 对山区30所小学和12所初中开展送教帮扶 →
    送教帮扶的山区小学 (30), 送教帮扶的山区初中 (12)."""
    at = before.rfind("对")
    action = _ACTION.search(after)
    if at < 0 or action is None or before[at + 1 : at + 2] in _NOT_PREPOSITION:
        return None
    scope = _DIGIT.split(before[at + 1 :], maxsplit=1)[0]
    noun = _ITEM_END.split(after, maxsplit=1)[0]
    if len(scope) > _SCOPE_CHARS * 2 or not noun:
        return None
    return f"{action.group('action')}的{scope}{noun}"


def _subject(words: str) -> str | None:
    """The words without what leads into a goal (到2025年, 力争, 实现) or names the
    region as a whole (全区, 全市)."""
    while True:
        stripped = _DEICTIC.sub("", _LEADING_NOISE.sub("", words))
        if stripped == words:
            return _clean(words)
        words = stripped


def _clean(words: str) -> str | None:
    words = _LEADING_NOISE.sub("", words.strip())
    words = _TRAILING_NOISE.sub("", words).strip("“”\"' ")
    return words if len(words) >= 2 else None


def _comparator(around: str) -> str:
    if _AT_LEAST.search(around):
        return ">="
    if _MORE_THAN.search(around):
        return ">"
    if _AT_MOST.search(around):
        return "<="
    if _ABOUT.search(around):
        return "≈"
    return "="


def _deadline(text: str, line_start: int, clause_start: int, end: int, unit: str) -> int | None:
    """The last deadline stated before the goal in its paragraph, else in the lead line or
    heading its list hangs from (到2025年，…： / 二、2025年目标). A deadline is 到2025年,
    2025年前, a plain year opening a sentence or clause (2007年，全市…) or standing in the
    goal's own clause (2021年民生实事项目“新增…1500家”), or the end of a five-year plan
    (“十四五” → 2025) for a level to reach: a count added during the plan has no year."""
    found = _deadline_in(text, line_start, end, clause_start, unit)
    if found is None and (lead := _lead_line(text, line_start)) is not None:
        found = _deadline_in(text, lead, text.find("\n", lead), end, unit)
    return found


def _deadline_in(text: str, start: int, end: int, clause_start: int, unit: str) -> int | None:
    found = None
    for match in _DEADLINE.finditer(text, start, end):
        if match.group(3):  # 十一五 ended in 2010, each plan five years later
            if unit in _RATES or match.group(4):
                found = 2010 + 5 * _FIVE_YEAR_PLAN_NUMBERS.index(match.group(3))
        elif match.group(5):
            at = match.start()
            opens = at == start or text[at - 1] in _OPENS_CLAUSE or at >= clause_start
            if opens and "了" not in text[at : _next_index(text, _CLAUSE_END, at)]:
                found = int(match.group(5))  # 2012年教育部下发了…: the date of a past act
        else:
            found = int(match.group(1) or match.group(2))
    return found


def _lead_line(text: str, line_start: int) -> int | None:
    """The start of the line a list item hangs from: the nearest line above, past other
    items, that ends in a colon or is a heading; None when the paragraph stands alone."""
    at = line_start
    for _ in range(_LIST_LINES):
        if at == 0:
            return None
        at = text.rfind("\n", 0, at - 1) + 1
        line = text[at : text.find("\n", at)].strip()
        if not line:
            continue
        if line.endswith(("：", ":")):
            return at
        if not _ITEM.match(line):
            return None
        if len(line) <= _HEADING_CHARS and not _PROSE.search(line):  # 二、2025年目标
            return at
    return None


def _review_lines(text: str) -> list[int]:
    """[start, end) character ranges, flattened, of sections whose heading says they review
    the past (主要成就, 发展基础, 面临的形势): what they quote has been reached."""
    ranges: list[int] = []
    stack: list[tuple[int, bool]] = []
    position = 0
    open_at: int | None = None
    for line in text.split("\n"):
        heading = _HEADING.match(line)
        if heading:
            level = next(i for i in (1, 2, 3) if heading.group(i))
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, bool(_REVIEW.search(heading.group(4)))))
        in_review = any(flag for _, flag in stack)
        if in_review and open_at is None:
            open_at = position
        elif not in_review and open_at is not None:
            ranges += [open_at, position]
            open_at = None
        position += len(line) + 1
    if open_at is not None:
        ranges += [open_at, position]
    return ranges


def _past_plan_periods(text: str) -> list[int]:
    """[start, end) ranges, flattened, from each mention of a five-year plan's period earlier
    than the latest plan the text names (“十三五”期间 in a “十四五” plan) to the end of its
    sentence: what they quote was reached."""
    numbers = [_FIVE_YEAR_PLAN_NUMBERS.index(m.group(1)) for m in _PLAN.finditer(text)]
    latest = max(numbers, default=0)
    ranges: list[int] = []
    for period in _PLAN_PERIOD.finditer(text):
        if _FIVE_YEAR_PLAN_NUMBERS.index(period.group(1)) < latest:
            ranges += [period.start(), _next_index(text, _SENTENCE_END, period.start())]
    return ranges


def _in_review(ranges: list[int], at: int) -> bool:
    return any(ranges[i] <= at < ranges[i + 1] for i in range(0, len(ranges), 2))


# Clauses and sentences are looked for this far around a quantity.
_REACH = 300


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around text[start:end]: between commas, colons and sentence ends, and
    inside the parenthesis the quantity stands in. A short parenthesis is part of the
    words (县(市)学前三年幼儿入园率, 50%的县(市、区)); a long one after the quantity ends it."""
    lo = _last_index(text, _CLAUSE_END, start) + 1
    hi = _next_index(text, _CLAUSE_END, end)
    depth = 0
    for i in range(start - 1, lo - 1, -1):
        if text[i] in _CLOSE:
            depth += 1
        elif text[i] in _OPEN:
            if depth == 0:
                lo = i + 1
                break
            depth -= 1
    i = end
    while i < hi:
        if text[i] in _CLOSE:
            return lo, i
        if text[i] in _OPEN:
            close = min((j for ch in _CLOSE if (j := text.find(ch, i, hi)) >= 0), default=-1)
            if close < 0 or close - i - 1 > _SHORT_NOTE:
                return lo, i
            i = close
        i += 1
    return lo, hi


def _last_index(text: str, chars: str, before: int) -> int:
    """The index of the last of `chars` before `before` (nearby), or one before the text."""
    floor = max(0, before - _REACH)
    found = max(text.rfind(ch, floor, before) for ch in chars)
    return found if found >= 0 else floor - 1


def _next_index(text: str, chars: str, after: int) -> int:
    found = [i for ch in chars if (i := text.find(ch, after, after + _REACH)) >= 0]
    return min(found, default=min(len(text), after + _REACH))


@Language.factory("edukg_targets", default_config={"spans_key": "targets"})
def make_target_finder(nlp: Language, name: str, spans_key: str) -> TargetFinder:
    return TargetFinder(spans_key)
