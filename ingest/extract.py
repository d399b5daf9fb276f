"""One processed document to graph facts: typed nodes and edges, each assertion with the
sentence that supports it.

Reads the span groups the pipeline in `ingest.nlp` writes (regions, titles, policies,
doc_numbers, measures, years) and decides what they say together: the document's
subject region, which region implements which measure and since when, which policy the
document is and which policies it cites.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from spacy.tokens import Doc, Span

from graphstore.model import DocumentFacts, Edge, Evidence, Node
from ingest.gazetteer import LEVELS, Region, load_gazetteer
from ingest.nlp import POLICY_KINDS, find_doc_numbers, load_pipeline, policy_kind
from ingest.normalise import normalise
from ingest.taxonomy import MeasureConcept, measure_by_key

if TYPE_CHECKING:
    from ingest.normalise import NormalisedText
    from ingest.readers import RawDocument

# The document header: where a policy text shows its 文号 and issuer.
HEADER_CHARS = 300

# One-character province abbreviations that open a 文号 (京教基一〔2024〕6号 → 北京市).
PROVINCE_ABBREVIATIONS = {
    "京": "北京市", "津": "天津市", "沪": "上海市", "渝": "重庆市", "冀": "河北省",
    "晋": "山西省", "蒙": "内蒙古自治区", "辽": "辽宁省", "吉": "吉林省", "黑": "黑龙江省",
    "苏": "江苏省", "浙": "浙江省", "皖": "安徽省", "闽": "福建省", "赣": "江西省",
    "鲁": "山东省", "豫": "河南省", "鄂": "湖北省", "湘": "湖南省", "粤": "广东省",
    "桂": "广西壮族自治区", "琼": "海南省", "川": "四川省", "黔": "贵州省", "云": "云南省",
    "滇": "云南省", "藏": "西藏自治区", "陕": "陕西省", "甘": "甘肃省", "青": "青海省",
    "宁": "宁夏回族自治区", "新": "新疆维吾尔自治区", "台": "台湾省", "港": "香港特别行政区",
    "澳": "澳门特别行政区",
}  # fmt: skip

# A region name opening an organisation's name makes that region the issuer.
_ORGANISATION = re.compile(
    r"(?:人民政府|政府|教育委员会|教委|教育局|教育厅|委员会|办公厅|教育工委)"
)
# 《实施方案》, 《意见》: a short reference to a policy named in full elsewhere.
_GENERIC_TITLE = re.compile(rf"(?:实施|工作|行动)?(?:{'|'.join(POLICY_KINDS)})")
# What may stand between a policy title and its 文号: 》(教基〔2023〕4号), 》的通知\n京教….
_BEFORE_NUMBER = re.compile(r"》?(?:的通知)?[\s(（:：]*")
_MAX_GAP_BEFORE_NUMBER = 8
_TITLE_MARKS = re.compile(r"[《》]")
_ID_FOLD = str.maketrans(
    {"“": '"', "”": '"', "‘": "'", "’": "'", "「": '"', "」": '"', "『": '"', "』": '"',
     "〔": "[", "〕": "]", "【": "[", "】": "]", "—": "-", "–": "-", "《": None, "》": None}
)  # fmt: skip
# (2018年-2035年) and (2018-2035) are the same title.
_YEAR_IN_RANGE = re.compile(r"(\d{4})年(?=[-)])")
_TRAILING_PUNCT = "。，、；：！？.,;:!?~…·- "


def policy_id(title: str) -> str:
    """The node id of a policy: its title with width, quote, bracket and whitespace
    variants folded and trailing punctuation dropped."""
    folded = unicodedata.normalize("NFKC", title).translate(_ID_FOLD)
    folded = re.sub(r"\s+", "", folded).rstrip(_TRAILING_PUNCT)
    folded = _YEAR_IN_RANGE.sub(r"\1", folded)
    return f"policy:{folded}"


def region_node(region: Region) -> Node:
    props = {
        "adcode": region.adcode,
        "level": region.level,
        "full_name": region.full_name,
        "lon": region.lon,
        "lat": region.lat,
        "aliases": list(region.short_names),
    }
    return Node("Region", f"region:{region.adcode}", region.name, _known(props))


def measure_node(concept: MeasureConcept) -> Node:
    props = {
        "name_en": concept.name_en,
        "aliases": list(concept.aliases),
        "broader": concept.broader,
    }
    return Node("Measure", f"measure:{concept.key}", concept.name_zh, _known(props))


def _known(props: dict[str, Any]) -> dict[str, Any]:
    """Props without unknown values, so that loading never blanks what another document set."""
    return {k: v for k, v in props.items() if v is not None}


@dataclass
class _Facts:
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

    def edge(self, type_: str, source: str, target: str, evidence: Evidence | None = None) -> Edge:
        edge = self.edges.setdefault((type_, source, target), Edge(type_, source, target))
        if evidence is not None and evidence not in edge.evidence:
            edge.evidence.append(evidence)
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


def extract(doc: Doc, raw: RawDocument, norm: NormalisedText) -> DocumentFacts:
    """The facts `doc` (the pipeline's output on `norm.text`) supports."""
    title = document_title(raw, norm)
    document = Node("Document", f"doc:{raw.sha256[:16]}", title, {
        "source": raw.source,
        "sha256": raw.sha256,
        "title": title,
        "published": raw.published,
        "script": norm.script,
        "chars": len(norm.text),
        "format": raw.format,
        "text": norm.text,
    })  # fmt: skip
    facts = _Facts(document)
    own_title, own_number = own_policy(doc, title)
    subject = subject_region(doc, title, own_number)
    document.props["subject_region"] = subject.adcode if subject else None
    _add_regions(facts, doc)
    _add_measures(facts, doc, subject)
    _add_policies(facts, doc, own_title, own_number)
    return facts.result()


def document_title(raw: RawDocument, norm: NormalisedText) -> str:
    """The file's title (Simplified) or the text's first line, without a 文号 run into it."""
    title = normalise(raw.title).text.strip() if raw.title else _first_line(norm.text)
    numbers = list(find_doc_numbers(title))
    if numbers and numbers[-1][1] == len(title) and numbers[-1][0] > 0:
        return title[: numbers[-1][0]].strip()
    return title


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def _evidence(doc_id: str, sentence: Span, year: int = 0) -> Evidence:
    text = sentence.text
    start = sentence.start_char + len(text) - len(text.lstrip())
    stripped = text.strip()
    return Evidence(doc_id, stripped, start, start + len(stripped), year)


def _region(span: Span) -> Region:
    region = load_gazetteer().by_adcode(span._.adcode)
    assert region is not None, span._.adcode
    return region


# --------------------------------------------------------------------- subject region


def subject_region(doc: Doc, title: str, own_number: str | None = None) -> Region | None:
    """The region the document is about: named in its title, else its 文号's province,
    else its issuer's, else the region that holds most of the regions it names (none for
    a text that compares regions on an equal footing)."""
    return (
        _title_region(doc, title)
        or _doc_number_region(own_number)
        or _issuer_region(doc)
        or _majority_region(doc)
    )


def _title_region(doc: Doc, title: str) -> Region | None:
    start = doc.text.find(title, 0, HEADER_CHARS + len(title))
    if start >= 0:
        spans = [s for s in doc.spans["regions"] if start <= s.start_char < start + len(title)]
    else:  # a title from the file's metadata, not in the text
        nlp = load_pipeline()
        title_doc = nlp.get_pipe("edukg_regions")(nlp.make_doc(title))
        spans = list(title_doc.spans["regions"])
    return _region(spans[0]) if spans else None


def _doc_number_region(number: str | None) -> Region | None:
    name = PROVINCE_ABBREVIATIONS.get(number[0]) if number else None
    candidates = load_gazetteer().by_name(name) if name else []
    return candidates[0] if candidates else None


def _issuer_region(doc: Doc) -> Region | None:
    header = doc.text[: HEADER_CHARS + 10]  # doc.text is rebuilt on every access
    for span in doc.spans["regions"]:
        if span.start_char >= HEADER_CHARS:
            break
        if _ORGANISATION.match(header, span.end_char):
            return _region(span)
    return None


def _majority_region(doc: Doc) -> Region | None:
    """The most specific region that, with the regions inside it, has most mentions."""
    gazetteer = load_gazetteer()
    mentions = doc.spans["regions"]
    support: Counter[str] = Counter()
    for span in mentions:
        support[span._.adcode] += 1
        support.update(a.adcode for a in gazetteer.ancestors(span._.adcode))
    majority = [gazetteer.by_adcode(code) for code, n in support.items() if 2 * n > len(mentions)]
    return max(majority, key=lambda r: LEVELS.index(r.level), default=None)


# ---------------------------------------------------------------------------- regions


def _add_regions(facts: _Facts, doc: Doc) -> None:
    """Every named region (MENTIONS with a count) and its ancestors (PART_OF chain)."""
    gazetteer = load_gazetteer()
    for span in doc.spans["regions"]:
        region = _region(span)
        facts.mention(facts.node(region_node(region)))
        child = region
        for parent in gazetteer.ancestors(region.adcode):
            facts.node(region_node(parent))
            facts.edge("PART_OF", f"region:{child.adcode}", f"region:{parent.adcode}")
            child = parent


# --------------------------------------------------------------------------- measures


def _add_measures(facts: _Facts, doc: Doc, subject: Region | None) -> None:
    """Measure nodes, and IMPLEMENTS edges from the region that carries each out."""
    concepts = measure_by_key()
    actors = _Actors(doc, subject)
    years = _InTextOrder(y for y in doc.spans["years"] if y.label_ != "deadline")
    for measure in doc.spans["measures"]:
        measure_id = facts.node(measure_node(concepts[measure._.measure_key]))
        facts.mention(measure_id)
        sentence = measure.sent
        region = actors.implementer(sentence, measure)
        if region is not None:
            year = _stated_year(years.within(sentence), measure)
            evidence = _evidence(facts.document.id, sentence, year)
            facts.edge("IMPLEMENTS", f"region:{region.adcode}", measure_id, evidence)


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


class _Actors(_InTextOrder):
    """The region mentions that can carry out a measure (not those inside a 《》 title),
    and the rules that pick the one a measure belongs to."""

    def __init__(self, doc: Doc, subject: Region | None) -> None:
        titles = _InTextOrder(doc.spans["titles"])
        super().__init__(s for s in doc.spans["regions"] if not titles.covers(s))
        self.subject = subject

    def implementer(self, sentence: Span, measure: Span) -> Region | None:
        """The region the sentence names nearest before the measure (else first after it),
        unless that region contains the region in focus, which then acts (昌邑市获评山东省
        首批…: 昌邑市). The focus is another region of the sentence, or the subject region,
        or with no subject the region the text spoke of last (a page of sections, one
        region each). A sentence that names no region belongs to the focus."""
        lo, hi = self.bounds(sentence)
        context = self.subject or self._last_named(lo)
        if lo == hi:
            return context
        before = bisect.bisect_right(self.starts, measure.start, lo, hi)
        region = _region(self.spans[before - 1] if before > lo else self.spans[lo])
        focus = [_region(s) for s in self.spans[lo:hi]] + [context] * (context is not None)
        gazetteer = load_gazetteer()
        return next((r for r in focus if region in gazetteer.ancestors(r.adcode)), region)

    def _last_named(self, index: int) -> Region | None:
        """The most specific region of the last sentence before span `index` naming one."""
        if index == 0:
            return None
        named = self.within(self.spans[index - 1].sent)
        return max(map(_region, named), key=lambda r: LEVELS.index(r.level))


def _stated_year(years: list[Span], measure: Span) -> int:
    """The year a sentence gives for a measure: a start or reported state (2014年起,
    截至2017年底) first, else the nearest plain year (goal years are left out before)."""
    if not years:
        return 0
    best = min(years, key=lambda y: (y.label_ != "since", abs(y.start_char - measure.start_char)))
    return best._.year


# --------------------------------------------------------------------------- policies


def own_policy(doc: Doc, title: str) -> tuple[str | None, str | None]:
    """The title and 文号 of the policy the document itself is, or (None, None).

    The document is a policy text when its title is a policy title (with or without
    《》, or 关于印发《…》的通知 naming one) or a 文号 stands in its header.
    """
    header_numbers = [n for n in doc.spans["doc_numbers"] if n.start_char < HEADER_CHARS]
    bare = _TITLE_MARKS.sub("", title).strip()
    inner = [t for t in re.findall(r"《([^《》]+)》", title) if policy_kind(t)]
    if policy_kind(bare):
        own = inner[0] if inner else bare
    elif header_numbers:
        in_header = [p for p in doc.spans["policies"] if p.start_char < HEADER_CHARS]
        own = in_header[0].text if in_header else bare
    else:
        return None, None
    number = header_numbers[0]._.doc_number if header_numbers else _number_after_title(doc, own)
    return own, number


def _number_after_title(doc: Doc, title: str) -> str | None:
    key = policy_id(title)
    for span in doc.spans["policies"]:
        if policy_id(span.text) == key and (number := _number_after(doc, span)):
            return number
    return None


def _number_after(doc: Doc, policy: Span) -> str | None:
    """The 文号 written right after a policy title, if any."""
    for number in doc.spans["doc_numbers"]:
        gap = number.start_char - policy.end_char
        if 0 <= gap <= _MAX_GAP_BEFORE_NUMBER and _BEFORE_NUMBER.fullmatch(
            doc[policy.end : number.start].text
        ):
            return number._.doc_number
    return None


def _add_policies(facts: _Facts, doc: Doc, own_title: str | None, own_number: str | None) -> None:
    """Policy nodes for every policy title; DESCRIBES and CITES when the document is a
    policy itself. Short references (《意见》) count only as the document's own policy."""
    own_id = policy_id(own_title) if own_title else None
    if own_title:
        props = {"title": own_title, "kind": policy_kind(own_title), "doc_number": own_number}
        facts.node(Node("Policy", own_id, own_title, _known(props)))
        facts.edge("DESCRIBES", facts.document.id, own_id)
        facts.mention(own_id)
    for span in doc.spans["policies"]:
        title = span.text
        if _GENERIC_TITLE.fullmatch(title):
            if own_title and own_title.endswith(title):
                facts.mention(own_id)
            continue
        node_id = policy_id(title)
        if node_id == own_id:
            facts.mention(own_id)
            continue
        props = {"title": title, "kind": span.label_, "doc_number": _number_after(doc, span)}
        facts.mention(facts.node(Node("Policy", node_id, title, _known(props))))
        if own_id:
            facts.edge("CITES", own_id, node_id, _evidence(facts.document.id, span.sent))
