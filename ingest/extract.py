"""One processed document to graph facts: typed nodes and edges, each assertion with the
sentence that supports it.

Reads the span groups and Doc extensions the pipeline in `edukg.ingest.nlp` writes and decides
what they say together: the document's subject region, which region implements which
measure or programme and since when, which policy the document is, who issued it and when,
which policies it cites, and which numeric goals its policies set. `edukg.ingest.resolve` gives
each mention its canonical identity.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from spacy.tokens import Doc, Span

from edukg.ingest.components.document import (
    OwnPolicy,
    has_byline,
    issue_date,
    issued_by,
    reports_policy,
    source_label,
)
from edukg.ingest.components.matching import (
    CENTRAL_STATEMENT,
    Automaton,
    sentence_of,
    spans_of,
    text_of,
)
from edukg.ingest.components.policies import (
    ISSUED_KIND,
    POLICY_KINDS,
    find_doc_numbers,
    policy_kind,
)
from edukg.ingest.components.targets import STAGES, Goal
from edukg.ingest.doc_number import doc_number_year
from edukg.ingest.gazetteer import LEVELS, Region, load_gazetteer
from edukg.ingest.nlp import load_pipeline
from edukg.ingest.normalise import normalise
from edukg.ingest.resolve import (
    doc_number_region,
    known,
    measure_node,
    name_id,
    of_kind,
    org_kind,
    policy_id,
    region_node,
    region_of,
    unqualified,
)
from edukg.ingest.taxonomy import load_taxonomy, measure_by_key
from edukg.store.model import DocumentFacts, Edge, Evidence, Node, edge_key

if TYPE_CHECKING:
    from edukg.ingest.normalise import NormalisedText
    from edukg.ingest.readers import RawDocument

# The document header: where a policy text shows its 文号 and issuer.
HEADER_CHARS = 300

# 《实施方案》, 《意见》, 《总体方案》: a short reference to a policy named in full elsewhere.
_GENERIC_TITLE = re.compile(
    rf"(?:实施|工作|行动|总体|指导|若干|专项|三年行动)?(?:{'|'.join(POLICY_KINDS)})"
)
# A web page's title ends with the site's name: …的通知_某市人民政府, …方案 - 某某网.
_SITE_SUFFIX = re.compile(r"(?:_| - |[|｜]).*$")
# A title this short that ends a longer one named before is its short name (《规划纲要》).
_SHORT_NAME = 6
# A short form introduced for the title before it: （…，以下简称《方案》）.
_SHORT_FORM = re.compile(r"(?:以下)?简称[“\"]?《?$")
# What may stand between a policy title and its 文号: 》(教基〔2023〕4号), 》的通知\n京教….
_BEFORE_NUMBER = re.compile(r"》?(?:的通知)?[\s(（:：]*")
_MAX_GAP_BEFORE_NUMBER = 8
# What may stand between issuing bodies and the title they issued:
# 教育部、财政部《…》, 市教委最新发布的《…》, 国务院办公厅颁发的《…》.
_ISSUED = re.compile(
    r"(?:[、和及与等\s]|联合|最新|近日|日前|今年|发布|印发|出台|颁发|颁布|制定|"
    r"[二三四五六七八九十]部[委门]|有关部门|部门|的|了|关于印发)*"
)
_TITLE_MARKS = re.compile(r"[《》]")
# After a body: the colon that makes it a notice's addressee, or the line break and date
# line that make it a signatory.
_ADDRESSEE = re.compile(r"[^\n，。]{0,12}[:：]\s*$", re.MULTILINE)
_SIGNATURE = re.compile(r"\s*\d{4}年\d{1,2}月\d{1,2}日[ \t]*$", re.MULTILINE)
# An institution named right after a region acts itself: 东城区一七一中学教育集团,
# 海淀区中关村学区 (not the region's schools at large: 东城区中小学, nor a count of
# them: 东城区已划分8个学区, 共有5所学校, nor what the region does to them:
# 红河州推进学区制改革, 东城区新建学校).
_INSTITUTION = re.compile(
    r"(?!中小|各|全|所有|部分|广大|推进|推动|推行|开展|实施|实行|加强|建设|新建|改建|扩建|"
    r"打造|深化|探索|成立|组建|创建|启动|支持|鼓励|完善|建立|提升|提高|优化|规范|办好|举办|"
    r"开办|创办|依托|通过)"
    r"[^，。；、,;\s的将还要在和与及等了是对把被从向为以也都已共现拥有个所划设]{1,6}?"
    r"(?:中学|小学|学校|幼儿园|附中|附小|学区(?![制化]))"
)
# Between an item and the institution it describes: …学校的 (杭州市清河实验学校).
_MODIFIES = re.compile(r"[^，,；;：:。]*的")
# Regions listed together act together: 石景山区、丰台区和平谷区也相继… (与 joins partners),
# also each with its share (任务分解如下：杭州市174家、宁波市152家).
_LIST_JOINER = re.compile(r"(?:\d+(?:\.\d+)?[%％]?[所个家人名项万]{0,2})?(?:[、和及]|以及)")
_PARTNER = re.compile(r"与|同|跟")
# Regions named after these words in the clause that follows the measure are its scope or
# recipients (结对帮扶的主要范围是…防城区、东兴市), not who carries it out.
_SCOPE = re.compile(r"(?:范围|对象|面向|惠及)[^，,；;：:。]*$")
# A sentence announcing a list or table (分解如下：, 见下表), and the short lines after it
# that open with a region, perhaps after a row number (1 南昌市 12): one row per region.
_ROWS_FOLLOW = re.compile(r"如下|下表|[:：]\s*$")
_ROW_OPENING = re.compile(r"(?:\d{1,3}[\s.、．)）]*)?")
_ROW_CHARS = 40
# After a measure, words that make it the setting of what follows (“双减”背景下), or its
# time when it opens the clause (“双减”之后，…; not 实施集团化办学之后, which adopts it).
_SETTING = re.compile(r"[”\"」’']?(?:政策)?(?:背景下|形势下)")
_TIME_AFTER = re.compile(r"[”\"」’']?(?:政策)?(?:之后|以后)")
_CLAUSE_OPENING = re.compile(r"[“\"「‘'\s]*")
# A region's own programme or event: its name right before the measure (天津市首场…), a
# programme word right after it (…基地项目, …展示交流活动).
_OWN_GAP = re.compile(r"[^，,；;：:。、“”\"的]{0,6}")
_OWN_PROGRAMME = re.compile(r"[^，,；;：:。、]{0,10}?(?:项目|活动)")
# What may open a policy title before the issuer's region: 关于印发杭州市…的通知,
# 中共杭州市委….
_TITLE_OPENING = re.compile(r"(?:中共|关于(?:印发|转发)?)?")
_CLAUSE_MARK = re.compile(r"[，,；;：:。]")
# The one year a report's or plan's title is of (not a period: 2021—2025年).
_TITLE_YEAR = re.compile(r"(?:关于(?:印发|转发)?)?((?:19|20)\d{2})年(?!\s*[-—–~～至到])")
# A year that opens a sentence or paragraph as the time of all it tells: 2019年，…
# 自2014年起，… (after a list number: 一、 1. （二）).
_TOPIC_YEAR = re.compile(
    r"\s*(?:[一二三四五六七八九十]+、|\d+[.、]|[（(][一二三四五六七八九十\d]+[)）])?\s*(?:自|从)?\s*"
    r"((?:19|20)\d{2})\s*年(?:\d{1,2}月)?(?:以来|起|底|初|末|上半年|下半年|)?[，,]"
)
# A sentence of a news report referring back to the plan it reports on.
_PLAN_ANAPHOR = re.compile(
    rf"(?:根据|按照|依据|依照)(?:该|这一|此)?({'|'.join(POLICY_KINDS[:-1])})|"
    rf"({'|'.join(POLICY_KINDS[:-1])})》?(?:还|并|中|同时)?(?:提出|明确|要求|指出|强调|部署|设定)"
)
# 本市, 我区, and 全区 opening a clause: the document's own city or district (全市 inside
# a clause is a scope: 居全市前列, 在全市率先); 州, 盟 and 旗 for autonomous prefectures,
# leagues and banners (全州 in 红河州's text).
_DEICTIC = re.compile(
    r"(?:本|我|(?:^|(?<=[，,；;：:]))全)([省市区县州盟旗])(?!范围|内|域)", re.MULTILINE
)
# 全州 / 本市 / 我县 qualifying the item itself, perhaps with its span of years
# (全州15年免费教育): the region of that kind that holds the region named before acts. Not
# a scope the item is compared in (在全市较早实行…).
_WHOLE_REGION = re.compile(
    r"(?<![在居])(?:本|我|全)([省市区县州盟旗])的?[\d一二三四五六七八九十]*年?$"
)
# The opening clause of an untitled text (see `_title_region`).
_FIRST_CLAUSE = re.compile(r"[^，,。；;：:]+")


@dataclass
class _FactCollector:
    """Nodes and edges of one document; repeated edges merge and keep every evidence."""

    document: Node
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: dict[tuple, Edge] = field(default_factory=dict)

    def node(self, node: Node) -> str:
        """Add a node; a repeated node only fills in props the first one lacked."""
        known = self.nodes.setdefault(node.id, node)
        for key, value in node.props.items():
            known.props.setdefault(key, value)
        return node.id

    def edge(
        self,
        type_: str,
        source: str,
        target: str,
        evidence: Evidence | None = None,
        props: dict[str, Any] | None = None,
    ) -> Edge:
        """Add an edge, or merge into the same one (same ends and EDGE_KEYS props): its
        evidence is added and props it lacked (None) are filled in."""
        props = props or {}
        key = edge_key(type_, source, target, props)
        edge = self.edges.get(key)
        if edge is None:
            edge = self.edges[key] = Edge(type_, source, target, dict(props))
        else:
            for name, value in props.items():
                if edge.props.get(name) is None:
                    edge.props[name] = value
        if evidence is not None:
            _add_evidence(edge.evidence, evidence)
        return edge

    def mention(self, target: str) -> None:
        edge = self.edge("MENTIONS", self.document.id, target)
        edge.props["count"] = edge.props.get("count", 0) + 1

    def result(self) -> DocumentFacts:
        for edge in self.edges.values():
            if edge.type == "IMPLEMENTS":
                years = [e.year for e in edge.evidence if e.year]
                edge.props["year"] = min(years) if years else None
        return DocumentFacts(self.document, list(self.nodes.values()), list(self.edges.values()))


def _add_evidence(evidence: list[Evidence], new: Evidence) -> None:
    """One entry per sentence: a sentence that supports a fact twice (学区制管理 … 若干学区)
    keeps the mention whose clause states a year, the earlier year if both do."""
    for i, old in enumerate(evidence):
        if (old.start, old.end) == (new.start, new.end):
            if new.year and (not old.year or new.year < old.year):
                evidence[i] = new
            return
    evidence.append(new)


def extract(doc: Doc, raw: RawDocument, norm: NormalisedText) -> DocumentFacts:
    """The facts `doc` (the pipeline's output on `norm.text`) supports."""
    title = document_title(raw, norm, doc._.own_policy)
    document = Node("Document", f"doc:{raw.sha256[:16]}", title, {
        "source": raw.source,
        "sha256": raw.sha256,
        "title": title,
        "script": norm.script,
        "chars": len(norm.text),
        "format": raw.format,
        "text": norm.text,
        "url": raw.url,
        "publisher": raw.publisher or source_label(norm.text),
    })  # fmt: skip
    facts = _FactCollector(document)
    own_titles, own_number = own_policy(doc, title)
    subject = subject_region(doc, title, own_number)
    document.props["subject_region"] = subject.adcode if subject else None
    actors = _ImplementingRegions(doc, subject)
    _add_regions(facts, doc)
    issued = _own_issue_date(doc) if own_titles else None
    document.props["published"] = published_date(raw, doc, issued)
    own_year = document_year(doc, own_titles, own_number, issued, raw.published or raw.text_date)
    _add_measures(facts, doc, actors, own_year)
    organizations = _add_organizations(facts, doc, subject)
    own_id, policy_ids = _add_policies(facts, doc, own_titles, own_number, issued, organizations)
    programs = _add_programs(facts, doc, actors)
    _add_targets(facts, doc, own_id, policy_ids, programs, actors)
    return facts.result()


def published_date(raw: RawDocument, doc: Doc, issued: str | None) -> str | None:
    """The date a citation gives the document: what its metadata states, else the date it
    gives itself (a policy's issue date, a report's dateline), else the first date in its
    opening text (a guess: often a date the text merely mentions)."""
    return raw.published or issued or doc._.dateline or raw.text_date


def document_title(raw: RawDocument, norm: NormalisedText, own: OwnPolicy | None = None) -> str:
    """The title of the policy the text is, else the file's title (Simplified) or the
    text's first line, without a 文号 run into it (a page's first line is often site chrome:
    a breadcrumb, a site name)."""
    if own is not None:
        return own.titles[0]
    title = normalise(raw.title).text.strip() if raw.title else _first_line(norm.text)
    numbers = list(find_doc_numbers(title))
    if numbers and numbers[-1][1] == len(title) and numbers[-1][0] > 0:
        return title[: numbers[-1][0]].strip()
    return title


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def _evidence(doc_id: str, sentence: Span, year: int = 0, year_source: str = "") -> Evidence:
    text = text_of(sentence.doc)[sentence.start_char : sentence.end_char]  # not rebuilt
    start = sentence.start_char + len(text) - len(text.lstrip())
    stripped = text.strip()
    return Evidence(doc_id, stripped, start, start + len(stripped), year, year_source)


# --------------------------------------------------------------------- subject region


def subject_region(doc: Doc, title: str, own_number: str | None = None) -> Region | None:
    """The region the document is about: named in its title, else its 文号's province,
    its issuer's in the header or the signatory's above the closing date, the most exact
    of these that lie one inside the other (a 文号 only tells the province:
    怒江州人民政府办公室 is more exact than 云政办发), else the region that holds most of
    the regions it names (none for a text that compares regions on an equal footing)."""
    # a first line ending in a colon greets the addressee, it is no title
    named = None if title.rstrip().endswith((":", "：")) else _title_region(doc, title)
    if named is not None:
        return named
    stated = [doc_number_region(own_number), _issuer_region(doc), _signatory_region(doc)]
    chosen = next((r for r in stated if r is not None), None)
    if chosen is None:
        return _majority_region(doc)
    gazetteer = load_gazetteer()
    for finer in stated:
        if finer is not None and chosen in gazetteer.ancestors(finer.adcode):
            chosen = finer
    return chosen


def _title_region(doc: Doc, title: str) -> Region | None:
    """The first region the title names, or the one inside it it names next (杭州上城区).
    An untitled text's opening paragraph stands in for the title: the region its first
    clause names is what it is about (某省认真贯彻…，推广某县经验: the province)."""
    opening = _FIRST_CLAUSE.match(title) if "。" in title else None
    if opening and opening.end() < len(title) and (region := _title_region(doc, opening[0])):
        return region
    start = text_of(doc).find(title, 0, HEADER_CHARS + len(title))
    if start >= 0:
        spans = [s for s in spans_of(doc, "regions") if start <= s.start_char < start + len(title)]
    else:  # a title from the file's metadata, not in the text
        nlp = load_pipeline()
        title_doc = nlp.get_pipe("edukg_regions")(nlp.make_doc(title))
        spans = list(spans_of(title_doc, "regions"))
    region = None
    for span in spans:
        named = region_of(span)
        if region is None or region in load_gazetteer().ancestors(named.adcode):
            region = named
    return region


def _issuer_region(doc: Doc) -> Region | None:
    """The region of the first body in the header whose name opens with one, not the
    addressee a notice opens with (杭州市教育局：)."""
    text = text_of(doc)
    for span in spans_of(doc, "organizations"):
        if span.start_char >= HEADER_CHARS:
            break
        if span._.adcode and not _ADDRESSEE.match(text, span.end_char):
            return region_of(span)
    return None


def _signatory_region(doc: Doc) -> Region | None:
    """The region of the last body that stands alone on its line right above a date
    line: the signature of a policy text (怒江州人民政府办公室 / 2022年10月10日)."""
    text = text_of(doc)
    signed = None
    for span in spans_of(doc, "organizations"):
        if (
            span._.adcode
            and _SIGNATURE.match(text, span.end_char)
            and (text.rfind("\n", 0, span.start_char) + 1 == span.start_char)
        ):
            signed = region_of(span)
    return signed


def _majority_region(doc: Doc) -> Region | None:
    """The most specific region that, with the regions inside it, has most mentions."""
    gazetteer = load_gazetteer()
    mentions = spans_of(doc, "regions")
    support: Counter[str] = Counter()
    for span in mentions:
        support[span._.adcode] += 1
        support.update(a.adcode for a in gazetteer.ancestors(span._.adcode))
    majority = [gazetteer.by_adcode(code) for code, n in support.items() if 2 * n > len(mentions)]
    return max(majority, key=lambda r: LEVELS.index(r.level), default=None)


# ---------------------------------------------------------------------------- regions


def _add_regions(facts: _FactCollector, doc: Doc) -> None:
    """Every named region (MENTIONS with a count) and its ancestors (PART_OF chain)."""
    for span in spans_of(doc, "regions"):
        facts.mention(_add_region(facts, region_of(span)))


def _add_region(facts: _FactCollector, region: Region) -> str:
    """A region node with the PART_OF chain above it; returns its id."""
    child = region
    for parent in load_gazetteer().ancestors(region.adcode):
        facts.node(region_node(parent))
        facts.edge("PART_OF", f"region:{child.adcode}", f"region:{parent.adcode}")
        child = parent
    return facts.node(region_node(region))


def _actor_id(facts: _FactCollector, region: Region) -> str:
    """The node of a region that carries something out; one the text does not name (the
    subject region from a 文号, 全市 for the city) is mentioned for the document too."""
    region_id = f"region:{region.adcode}"
    if region_id not in facts.nodes or (
        ("MENTIONS", facts.document.id, region_id) not in facts.edges
    ):
        facts.mention(_add_region(facts, region))
    return region_id


class _InTextOrder:
    """Spans in text order, so that those of one sentence are found by bisection."""

    def __init__(self, spans: Iterable[Span]) -> None:
        self.spans = sorted(spans, key=lambda s: s.start)
        self.starts = [s.start for s in self.spans]

    def bounds(self, sentence: Span) -> tuple[int, int]:
        lo = bisect.bisect_left(self.starts, sentence.start)
        return lo, bisect.bisect_left(self.starts, sentence.end, lo)

    def within(self, sentence: Span) -> list[Span]:
        lo, hi = self.bounds(sentence)
        return self.spans[lo:hi]

    def covers(self, span: Span) -> bool:
        """Whether one of these (non-overlapping) spans contains the start of `span`."""
        i = bisect.bisect_right(self.starts, span.start) - 1
        return i >= 0 and span.start < self.spans[i].end

    def last_before(self, span: Span) -> Span | None:
        i = bisect.bisect_left(self.starts, span.start) - 1
        return self.spans[i] if i >= 0 else None


class _ImplementingRegions(_InTextOrder):
    """The region mentions that can carry out a measure (not those inside a 《》 title),
    and the rules that pick the regions a measure belongs to."""

    def __init__(self, doc: Doc, subject: Region | None) -> None:
        self.doc = doc
        self.text = text_of(doc)
        self.gazetteer = load_gazetteer()
        titles = _InTextOrder(spans_of(doc, "titles"))
        super().__init__(s for s in spans_of(doc, "regions") if not titles.covers(s))
        self.subject = subject
        self._focus = self._foci()
        self._policies = _InTextOrder(spans_of(doc, "policies"))
        self._all_regions = _InTextOrder(spans_of(doc, "regions"))

    def named_in(self, span: Span) -> list[Span]:
        """Every region mention inside `span` (a policy title's among them), in text order."""
        return self._all_regions.within(span)

    def issuer(self, item: Span) -> tuple[Region, int] | None:
        """The region whose own policy names `item` in its title, with the year of the
        文号 after it: 《辽宁省…优质均衡发展…实施办法》(辽政教督室〔2018〕2号) is 辽宁省's
        measure of 2018, whoever cites it. The region opens the title (after 关于, 关于印发;
        the innermost of 杭州市上城区); a title that opens otherwise (教育部关于支持西藏…)
        names no issuer."""
        policy = self._policies.last_before(item)
        if policy is None or item.end_char > policy.end_char:
            return None
        region = None
        at = policy.start_char
        for span in self.named_in(policy):
            if not _TITLE_OPENING.fullmatch(self.text, at, span.start_char):
                break
            named = region_of(span)
            if region is not None and region not in self.gazetteer.ancestors(named.adcode):
                break
            region, at = named, span.end_char
        if region is None:
            return None
        return region, doc_number_year(_number_after(self.doc, policy)) or 0

    def rows_after(self, sentence: Span) -> list[tuple[Region, Span]]:
        """The regions heading the short lines after a sentence that announces them
        (任务分解如下：, 见下表), each with its line: a table of cities, each line that
        city's share of the sentence's measure."""
        if not _ROWS_FOLLOW.search(self.text, sentence.start_char, sentence.end_char):
            return []
        rows = []
        end = sentence.end
        while end < len(self.doc):
            row = sentence_of(self.doc[end : end + 1])
            end = row.end
            raw = self.text[row.start_char : row.end_char]
            text = raw.strip()
            if not text:
                continue
            lo, hi = self.bounds(row)
            start = row.start_char + len(raw) - len(raw.lstrip())
            if lo == hi or len(text) > _ROW_CHARS:
                break
            if not _ROW_OPENING.fullmatch(self.text, start, self.spans[lo].start_char):
                break
            rows.append((region_of(self.spans[lo]), row))
        return rows

    def implementers(self, sentence: Span, item: Span) -> list[Region]:
        """The regions that carry out `item` (a measure or programme) in `sentence`.

        The region named nearest before the item (else first after it, unless the text
        between calls it the item's scope: 范围, 对象, 面向…) acts, with the
        regions listed together with it, unless it contains the region in focus, which
        then acts (昌邑市获评山东省首批…: 昌邑市; not a region that only names where a
        school stands: 甲市新建乙县实验幼儿园), or 全州 / 本市 right before the item names
        the region of that kind holding it, or an institution between it and the item does
        (东城区一七一中学教育集团: none). The focus is another region of the
        sentence, or the subject region, or with no subject the region the text was last
        about. A sentence that names no region belongs to the region its paragraph is
        about (see `_context`), or to the city or district its 本市 / 全区 names, or to
        none when it reports what the centre said (党的十九大提出…)."""
        lo, hi = self.bounds(sentence)
        context = self._context(sentence, lo) if lo == hi else self.subject or self._focus[lo][0]
        if lo == hi:
            if CENTRAL_STATEMENT.match(self.text, sentence.start_char):
                return []
            deictic = self._deictic(sentence, context)
            return [deictic] if deictic else [context] if context else []
        before = bisect.bisect_right(self.starts, item.start, lo, hi)
        if before == lo and _SCOPE.search(self.text, item.end_char, self.spans[lo].start_char):
            return [context] if context else []  # 结对帮扶的范围是…防城区: its recipients
        index = before - 1 if before > lo else lo
        while index > lo and _PARTNER.fullmatch(
            self.text, self.spans[index - 1].end_char, self.spans[index].start_char
        ):
            index -= 1  # 上城区与淳安县的学校组成…: 上城区 acts, 淳安县 is its partner
        mention = self.spans[index]
        if index < before:
            if _INSTITUTION.match(self.text, mention.end_char, item.start_char):
                return []  # 东城区一七一中学教育集团: the institution acts itself
            whole = _WHOLE_REGION.search(self.text, mention.end_char, item.start_char)
            if whole and (holder := of_kind(region_of(mention), whole[1])):
                return [holder]  # 某县的学生…享受全州免费教育: the prefecture acts
        if index >= before and _INSTITUTION.match(self.text, mention.end_char):
            # the region after the item only locates an institution, which the item
            # describes (作为九年一贯制学校的杭州市清河实验学校) or which is another object
            # of the sentence's subject (发挥智慧教育平台优势、推动北京数字学校转型)
            if _MODIFIES.fullmatch(self.text, item.end_char, mention.start_char):
                return []
            return [context] if context else []
        region = region_of(mention)
        focus = [
            region_of(s) for s in self.spans[lo:hi]
            if not _INSTITUTION.match(self.text, s.end_char)
        ] + [context] * (context is not None)  # fmt: skip
        acting = next((r for r in focus if region in self.gazetteer.ancestors(r.adcode)), region)
        if acting is not region:
            return [acting, region] if self._own_programme(mention, item) else [acting]
        return [region_of(s) for s in self._listed_with(index, lo, hi)]

    def _own_programme(self, mention: Span, item: Span) -> bool:
        """Whether the region names a programme or event of its own right before the item
        (入选天津市拔尖创新人才…项目, 承办天津市首场…扩优提质展示活动): the region runs it,
        besides the region in focus that takes part (unlike a title it awards:
        获评山东省首批…示范区)."""
        return bool(
            mention.end_char <= item.start_char
            and _OWN_GAP.fullmatch(self.text, mention.end_char, item.start_char)
            and _OWN_PROGRAMME.match(self.text, item.end_char)
        )

    def _listed_with(self, index: int, lo: int, hi: int) -> list[Span]:
        """The mention at `index` with the mentions listed next to it (A、B和C)."""
        first = last = index
        while first > lo and self._joined(self.spans[first - 1], self.spans[first]):
            first -= 1
        while last + 1 < hi and self._joined(self.spans[last], self.spans[last + 1]):
            last += 1
        return self.spans[first : last + 1]

    def _joined(self, left: Span, right: Span) -> bool:
        return bool(_LIST_JOINER.fullmatch(self.text, left.end_char, right.start_char))

    def _deictic(self, sentence: Span, context: Region | None) -> Region | None:
        """The region 本市 / 全区 in the sentence stands for (全市 in a district's text is
        its city)."""
        match = _DEICTIC.search(self.text, sentence.start_char, sentence.end_char)
        return of_kind(context, match.group(1)) if match and context else None

    def _foci(self) -> list[tuple[Region | None, int]]:
        """For each mention index, the region the text was about before it and where that
        sentence ended: the most specific region the last sentence naming one speaks of
        (not one that only locates an institution: 海淀区中关村学区). With no subject
        region, a sentence naming only a region that contains the focus keeps it
        (深圳市 while a page section is about 福田区)."""
        foci: list[tuple[Region | None, int]] = []
        focus: Region | None = None
        focus_end = 0
        last_sentence = None
        for span in [*self.spans, None]:
            sentence = sentence_of(span) if span is not None else None
            if sentence != last_sentence and last_sentence is not None:
                named = [
                    region_of(s) for s in self.within(last_sentence)
                    if not _INSTITUTION.match(self.text, s.end_char)
                ]  # fmt: skip
                if named:
                    region = max(named, key=_depth)
                    within = focus is not None and region in self.gazetteer.ancestors(focus.adcode)
                    if not (within and self.subject is None):
                        focus = region
                    said = self.text[last_sentence.start_char : last_sentence.end_char]
                    focus_end = last_sentence.start_char + len(said.rstrip())  # not rebuilt
            last_sentence = sentence
            foci.append((focus, focus_end))
        return foci

    def _context(self, sentence: Span, index: int) -> Region | None:
        """Who a sentence naming no region speaks of: the region in focus when its
        paragraph named it and it lies in the subject region, else the subject region (or
        with no subject the region in focus)."""
        focus, named_at = self._focus[index]
        if focus is None or self.subject is None:
            return focus or self.subject
        same_paragraph = "\n" not in self.text[named_at : sentence.start_char]
        inside = focus == self.subject or self.subject in self.gazetteer.ancestors(focus.adcode)
        return focus if same_paragraph and inside else self.subject


def _depth(region: Region) -> int:
    return LEVELS.index(region.level)


# --------------------------------------------------------------------------- measures


def _add_measures(
    facts: _FactCollector, doc: Doc, actors: _ImplementingRegions, own_year: int | None
) -> None:
    """Measure nodes and IMPLEMENTS edges from the regions that carry each out (a mention
    that tells of no adoption, such as a question, only mentions), each with its year (see
    `_dated`); candidate measures (not in the taxonomy) as uncurated nodes the document
    mentions."""
    concepts = measure_by_key()
    years = _InTextOrder(y for y in spans_of(doc, "years") if y.label_ in ("since", "year"))
    measure_ids: dict[str, str] = {}  # each concept's node built once: the same every time
    for measure in spans_of(doc, "measures"):
        key = measure._.measure_key
        if key not in measure_ids:
            measure_ids[key] = facts.node(measure_node(concepts[key]))
        measure_id = measure_ids[key]
        facts.mention(measure_id)
        if not measure._.measure_adopted:
            continue
        sentence = sentence_of(measure)
        if _as_background(text_of(doc), sentence, measure):
            continue
        stated = _stated_year(years.within(sentence), measure, sentence, own_year)
        issuer = actors.issuer(measure)
        evidence = _evidence(
            facts.document.id, sentence, *_dated(stated, issuer[1] if issuer else 0, own_year)
        )
        for region in [issuer[0]] if issuer else actors.implementers(sentence, measure):
            facts.edge("IMPLEMENTS", _actor_id(facts, region), measure_id, evidence)
        for region, row in actors.rows_after(sentence):
            evidence = _evidence(facts.document.id, row, *_dated(stated, 0, own_year))
            facts.edge("IMPLEMENTS", _actor_id(facts, region), measure_id, evidence)
    titles = _InTextOrder(spans_of(doc, "titles"))
    for candidate in spans_of(doc, "candidate_measures"):
        if not titles.covers(candidate):
            node = Node("Measure", name_id("measure:candidate:", candidate._.name),
                        candidate._.name, {"curated": False})  # fmt: skip
            facts.mention(facts.node(node))


def _as_background(text: str, sentence: Span, measure: Span) -> bool:
    """Whether the measure is the setting or time of the sentence, not what its region
    carries out: “双减”背景下的课后服务, “双减”之后，学生…."""
    if _SETTING.match(text, measure.end_char):
        return True
    if not _TIME_AFTER.match(text, measure.end_char):
        return False
    marks = list(_CLAUSE_MARK.finditer(text, sentence.start_char, measure.start_char))
    opening = marks[-1].end() if marks else sentence.start_char
    return bool(_CLAUSE_OPENING.fullmatch(text, opening, measure.start_char))


def document_year(
    doc: Doc,
    own_titles: tuple[str, ...],
    own_number: str | None,
    issued: str | None,
    published: str | None,
) -> int | None:
    """The year of the document's own date: for a policy text the year its title is of (a
    report or plan for one year: 2023年…评价报告, 关于印发2024年工作要点的通知), else its
    issue date, else its 文号's year (〔2022〕); for any text its dateline (the date its header
    gives itself), else the date its file was published with. None when it shows none."""
    years: list[int | None] = []
    if own_titles:
        title_years = (_TITLE_YEAR.match(title) for title in reversed(own_titles))
        title_year = next((int(found.group(1)) for found in title_years if found), None)
        years += [title_year, _year_of(issued), doc_number_year(own_number)]
    years += [_year_of(doc._.dateline), _year_of(published)]
    return next((year for year in years if year), None)


def _year_of(date: str | None) -> int | None:
    """The year of an ISO date (2022-05-12, 2022-05, 2022)."""
    return int(date[:4]) if date else None


def _own_issue_date(doc: Doc) -> str | None:
    """A policy text's issue date: from its header, else its signature or a labelled date."""
    found: OwnPolicy | None = doc._.own_policy
    return found.issued if found else issue_date(text_of(doc))


def _dated(stated: int, cited: int, own_year: int | None) -> tuple[int, str]:
    """A fact's year and where it came from: the cited policy's when the region adopts the
    measure through its own policy (its 文号 year: 辽宁省's 办法 of 2018, whoever cites it),
    else the year the text states for it, else the document's own."""
    for year, source in ((cited, "cited_policy"), (stated, "clause"), (own_year, "document_date")):
        if year:
            return year, source
    return 0, ""


def _stated_year(years: list[Span], measure: Span, sentence: Span, before: int | None) -> int:
    """The year the text states for a measure (0 for none): a start, a reported state or a
    plain year in the measure's own clause (海淀区从2016年开始…，朝阳区则在2018年启动…),
    else the year that opens its sentence or, when the sentence states none, its paragraph
    as the time of all it tells (2019年，…). Goal and period years are left out before; so
    is a year after the document's own (`before`): what a plan dated 2022 says of 2033 is a
    deadline, however it is worded."""
    text = text_of(measure.doc)

    def usable(year: Span) -> bool:
        return before is None or year._.year <= before

    def same_clause(year: Span) -> bool:
        low, high = sorted((year.end_char, measure.start_char))
        return not _CLAUSE_MARK.search(text, low, high)

    in_clause = [y for y in years if usable(y) and same_clause(y)]
    if in_clause:
        return min(in_clause, key=lambda y: abs(y.start_char - measure.start_char))._.year
    paragraph = text.rfind("\n", 0, sentence.start_char) + 1
    # a sentence that dates itself (进入2022年，…) is not told under its paragraph's year
    for opening in (sentence.start_char,) if years else (sentence.start_char, paragraph):
        topic = _TOPIC_YEAR.match(text, opening)
        if topic and (before is None or int(topic.group(1)) <= before):
            return int(topic.group(1))
    return 0


# --------------------------------------------------------------------------- programs


# A measure right before a programme's name (学位供给“双十工程”), inside it, or opening the
# clause after it (实施“名校+”战略，稳步推进集团化办学) is the one the programme realises.
_INSTANCE_AFTER = re.compile(r"[，,]?[^、，,。；;“”]{0,5}")


def _add_programs(
    facts: _FactCollector, doc: Doc, actors: _ImplementingRegions
) -> list[tuple[Span, str]]:
    """Program nodes, INSTANCE_OF the measure named with them, IMPLEMENTS from the regions
    that run them. Returns (span, node id) of each programme mention."""
    measures = _InTextOrder(spans_of(doc, "measures"))
    concepts = measure_by_key()
    text = text_of(doc)
    found = []
    for program in spans_of(doc, "programs"):
        program_id = facts.node(Node("Program", name_id("program:", program._.name),
                                     program._.name))  # fmt: skip
        facts.mention(program_id)
        found.append((program, program_id))
        sentence = sentence_of(program)
        realised = [m for m in measures.within(sentence) if _realises(text, program, m)]
        if realised:
            concept = concepts[realised[0]._.measure_key]
            facts.edge("INSTANCE_OF", program_id, facts.node(measure_node(concept)))
        for region in actors.implementers(sentence, program):
            evidence = _evidence(facts.document.id, sentence)
            facts.edge("IMPLEMENTS", _actor_id(facts, region), program_id, evidence)
    return found


def _realises(text: str, program: Span, measure: Span) -> bool:
    if program.start_char <= measure.start_char < program.end_char:
        return True
    if measure.end_char == program.start_char:
        return True
    gap_start = program.end_char
    return measure.start_char >= gap_start and bool(
        _INSTANCE_AFTER.fullmatch(text, gap_start, measure.start_char)
    )


# ---------------------------------------------------------------------- organizations


def _add_organizations(
    facts: _FactCollector, doc: Doc, subject: Region | None
) -> list[tuple[Span, str]]:
    """Organization nodes the document mentions; a relative name (市教委) is the body of
    the subject region's city or district. Returns (span, node id) of each mention."""
    found = []
    for span in spans_of(doc, "organizations"):
        name = span._.name
        region = region_of(span) if span._.adcode else None
        if span.label_ == "relative":
            region = of_kind(subject, name[0]) if subject else None
            if region is None:
                continue
            name = region.name + name[1:]
        org_id = name_id("org:", name)
        props = {"kind": org_kind(name), "region": region.adcode if region else None}
        facts.mention(facts.node(Node("Organization", org_id, name, known(props))))
        found.append((span, org_id))
    return found


# --------------------------------------------------------------------------- policies


def own_policy(doc: Doc, title: str) -> tuple[tuple[str, ...], str | None]:
    """The titles (the notice's own first, then what it issues) and 文号 of the policy the
    document itself is, or ((), None).

    The pipeline reads them from the text's header (`doc._.own_policy`). Failing that, the
    document is a policy text when its file title (without a site's name: X_某市人民政府)
    is a policy title (not a headline reporting one, nor a news report's headline) or a 文号
    stands in the header of a text that is no news report.
    """
    found: OwnPolicy | None = doc._.own_policy
    if found is not None:
        return found.titles, found.number
    header_numbers = [n for n in spans_of(doc, "doc_numbers") if n.start_char < HEADER_CHARS]
    title = _SITE_SUFFIX.sub("", title).strip()
    bare = _TITLE_MARKS.sub("", title).strip()
    news = has_byline(text_of(doc))  # a 文号 or a policy title heads a report on it
    if policy_kind(bare) and not reports_policy(bare) and not news:
        titles = (bare, *issued_by(title))
    elif header_numbers and not news:
        in_header = [p for p in spans_of(doc, "policies") if p.start_char < HEADER_CHARS]
        titles = (in_header[0]._.title if in_header else bare,)
    else:
        return (), None
    number = header_numbers[0]._.doc_number if header_numbers else None
    return titles, number or _number_after_title(doc, titles[0])


def _number_after_title(doc: Doc, title: str) -> str | None:
    key = policy_id(title)
    for span in spans_of(doc, "policies"):
        if policy_id(span._.title) == key and (number := _number_after(doc, span)):
            return number
    return None


def _number_after(doc: Doc, policy: Span) -> str | None:
    """The 文号 written right after a policy title, if any."""
    for number in spans_of(doc, "doc_numbers"):
        gap = number.start_char - policy.end_char
        if 0 <= gap <= _MAX_GAP_BEFORE_NUMBER and _BEFORE_NUMBER.fullmatch(
            doc[policy.end : number.start].text
        ):
            return number._.doc_number
    return None


def _add_policies(
    facts: _FactCollector,
    doc: Doc,
    own_titles: tuple[str, ...],
    own_number: str | None,
    issued: str | None,
    organizations: list[tuple[Span, str]],
) -> tuple[str | None, dict[int, str]]:
    """Policy nodes for every policy title; DESCRIBES, CITES and the issue date when the
    document is a policy itself (a notice and the document it issues are both its own; the
    issued one is the body that cites and sets goals; the text may name an own title
    without its qualifier: 《X》 for X（试行）); ISSUED_BY from the bodies named with a title
    or signing the document. Short references (《意见》, 以下简称《方案》) stand for the full
    title they shorten. Returns the id of the own policy that is the body, and the node id
    each policy mention (by its start token) stands for."""
    text = text_of(doc)
    found: OwnPolicy | None = doc._.own_policy
    own_ids = [policy_id(title) for title in own_titles]
    signatories = _signatories(text, organizations, found.issuer if found else None)
    for i, title in enumerate(own_titles):
        props = {
            "title": title,
            "kind": policy_kind(title) or ISSUED_KIND,
            "doc_number": own_number if i == 0 else None,
            "issued": issued,
        }
        facts.node(Node("Policy", own_ids[i], title, known(props)))
        facts.edge("DESCRIBES", facts.document.id, own_ids[i])
        facts.mention(own_ids[i])
        for org_id in signatories:
            facts.edge("ISSUED_BY", own_ids[i], org_id)
    # The body: the document a notice issues, else the notice itself.
    own_id = own_ids[1] if len(own_ids) > 1 else own_ids[0] if own_ids else None
    full_titles = [*own_titles]
    own_cores = {unqualified(own): own for own in own_ids}
    resolved: dict[int, str] = {}
    for span in spans_of(doc, "policies"):
        title = span._.title
        if (full := _shortened(text, span, full_titles)) is not None:
            if full:
                resolved[span.start] = policy_id(full)
                facts.mention(resolved[span.start])
            continue
        full_titles.append(title)
        node_id = resolved[span.start] = own_cores.get(
            unqualified(policy_id(title)), policy_id(title)
        )
        for org_id in _issuers_before(text, span, organizations):
            facts.edge("ISSUED_BY", node_id, org_id)
        if node_id in own_ids:
            facts.mention(node_id)
            continue
        props = {"title": title, "kind": span.label_, "doc_number": _number_after(doc, span)}
        facts.mention(facts.node(Node("Policy", node_id, title, known(props))))
        if own_id:
            facts.edge("CITES", own_id, node_id, _evidence(facts.document.id, sentence_of(span)))
    return own_id, resolved


def _shortened(text: str, span: Span, earlier: list[str]) -> str | None:
    """The full title a short reference stands for ("" when none is named), or None when
    the title is no short reference. A short reference is introduced as one
    (（…，以下简称《实施方案》）), or is a bare kind (《意见》, 《总体方案》) or a short
    name (《规划纲要》, 《教育法》) that ends a longer title named before."""
    title = span._.title
    introduced = _SHORT_FORM.search(text, max(0, span.start_char - 8), span.start_char)
    generic = _GENERIC_TITLE.fullmatch(title) is not None
    if not (introduced or generic or len(title) <= _SHORT_NAME):
        return None
    for full in reversed(earlier):
        bare = unqualified(_TITLE_MARKS.sub("", full))
        if introduced or (bare.endswith(title) and len(bare) > len(title)):
            return full
    return "" if generic else None


def _issuers_before(text: str, title: Span, organizations: list[tuple[Span, str]]) -> list[str]:
    """The bodies named right before a title, as its issuers: 教育部、财政部《…》."""
    issuers = []
    boundary = title.start_char - 1  # the 《
    for span, org_id in reversed(organizations):
        if span.end_char > boundary:
            continue
        if not _ISSUED.fullmatch(text, span.end_char, boundary):
            break
        issuers.append(org_id)
        boundary = span.start_char
    return issuers


def _signatories(
    text: str, organizations: list[tuple[Span, str]], issuer: str | None = None
) -> list[str]:
    """The bodies that sign a policy text: lines that hold nothing but a body's name, and
    the bodies its metadata names as issuer (发布机构：…)."""
    signed = []
    for span, org_id in organizations:
        line_start = text.rfind("\n", 0, span.start_char) + 1
        line_end = text.find("\n", span.end_char)
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        name = text[span.start_char : span.end_char]
        if (line.strip() == name or (issuer and name in issuer)) and org_id not in signed:
            signed.append(org_id)
    return signed


# ---------------------------------------------------------------------------- targets


def _measures_of_goal(source: str, metric: str) -> list[str]:
    """The measures a goal is about: its subject when that is a measure, and each measure whose
    name or alias its metric contains (集团化办学覆盖率 is about 集团化办学). Written on the
    goal, so that a measure's goals are found by an index, not by reading every goal's metric."""
    named = {key for _, _, keys in _measure_forms().matches(metric) for key in keys}
    return sorted(named | ({source} if source.startswith("measure:") else set()))


@cache
def _measure_forms() -> Automaton:
    """Every surface form of every measure, with the node ids of the measures it names: one
    scan of a metric instead of a substring test per form (in a profile, 4 % of a worker's time)."""
    ids: dict[str, list[str]] = {}
    for concept in load_taxonomy():
        for form in concept.surface_forms:
            ids.setdefault(form, []).append(f"measure:{concept.key}")
    return Automaton(ids.items())


def _add_targets(
    facts: _FactCollector,
    doc: Doc,
    own_id: str | None,
    policy_ids: dict[int, str],
    programs: list[tuple[Span, str]],
    actors: _ImplementingRegions,
) -> None:
    """TARGETS edges for the numeric goals the document's policies (or, in news, the
    policies, programmes and measures it reports on) set. A figure the text reports as
    reached is no goal and is left out; so is, in a text that is no policy, a figure the
    text does not mark as a goal."""
    policies = _InTextOrder(p for p in spans_of(doc, "policies") if p.start in policy_ids)
    program_spans = _InTextOrder(span for span, _ in programs)
    program_ids = {span.start: program_id for span, program_id in programs}
    measures = _InTextOrder(spans_of(doc, "measures"))
    concepts = measure_by_key()
    kept: list[Goal] = []
    for span in spans_of(doc, "targets"):
        goal: Goal = span._.goal
        if goal.reported or not (goal.stated or own_id) or any(map(goal.repeats, kept)):
            continue
        sentence = sentence_of(span)
        source = own_id or _goal_source(sentence, span, policies, policy_ids, actors)
        if source is None and (named := program_spans.within(sentence)):
            source = program_ids[named[0].start]
        if source is None and (named := measures.within(sentence)):
            source = facts.node(measure_node(concepts[named[0]._.measure_key]))
        if source is None:
            continue
        target_id = facts.node(
            Node("Target", f"target:{goal.group}", goal.group,
                 {"kind": "stage" if goal.group in STAGES else "population"})
        )  # fmt: skip
        facts.mention(target_id)
        props = {
            "metric": goal.metric,
            "value": goal.value,
            "unit": goal.unit,
            "comparator": goal.comparator,
            "deadline": goal.deadline,
            "about_measures": _measures_of_goal(source, goal.metric) or None,
        }
        evidence = _evidence(facts.document.id, sentence, goal.deadline or 0)
        facts.edge("TARGETS", source, target_id, evidence, props)
        kept.append(goal)


def _goal_source(
    sentence: Span,
    goal: Span,
    policies: _InTextOrder,
    policy_ids: dict[int, str],
    actors: _ImplementingRegions,
) -> str | None:
    """The policy a report's goal comes from (`policy_ids`: the node each mention stands
    for, a short reference its full title's): one named in its sentence,
    else the last one of the kind its paragraph refers back to (规划提出, 根据该方案) before
    the goal's sentence ends, else the last one named before whose title names the region
    the sentence is about."""
    named = policies.within(sentence)
    if named:
        return policy_ids[named[0].start]
    text = text_of(goal.doc)
    paragraph = text.rfind("\n", 0, goal.start_char) + 1
    # 规划提出，到2025年…, in the goal's sentence or earlier in its paragraph
    if anaphor := _PLAN_ANAPHOR.search(text, paragraph, sentence.end_char):
        kind = anaphor.group(1) or anaphor.group(2)
        earlier = policies.last_before(goal)
        while earlier is not None and policy_kind(earlier._.title) != kind:
            earlier = policies.last_before(earlier)
        if earlier is not None:
            return policy_ids[earlier.start]
    regions = {r.adcode for r in actors.implementers(sentence, goal)}
    earlier = policies.last_before(goal)
    while earlier is not None:
        if {s._.adcode for s in actors.named_in(earlier)} & regions:
            return policy_ids[earlier.start]
        earlier = policies.last_before(earlier)
    return None
