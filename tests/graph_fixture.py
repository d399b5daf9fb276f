"""A small hand-made graph for query, export and app tests.

Four documents written for these tests (two news reports, two policy texts) about districts
of 北京市 and 长春市. Each fact carries the sentence it comes from, with real offsets into
the document text, so the graph looks exactly like one the pipeline would load.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from edukg.store.base import ALL_ROWS, GraphStore, QueryResult
from edukg.store.falkordb_store import FalkorDBStore
from edukg.store.loader import load
from edukg.store.model import DocumentFacts, Edge, Evidence, Node
from edukg.store.server import EmbeddedServer

REGIONS = {
    "110000": ("北京市", "北京市", "province", None),
    "110101": ("东城区", "北京市东城区", "county", "110000"),
    "110108": ("海淀区", "北京市海淀区", "county", "110000"),
    "220000": ("吉林省", "吉林省", "province", None),
    "220100": ("长春市", "吉林省长春市", "prefecture", "220000"),
    "220104": ("朝阳区", "吉林省长春市朝阳区", "county", "220100"),
}
MEASURES = {
    "group_schooling": ("集团化办学", "school-group (education group) operation"),
    "school_district": ("学区制", "school-district (xuequ) management"),
    "teacher_rotation": ("干部教师交流轮岗", "principal and teacher rotation"),
    "county_managed_hiring": ("县管校聘", "county/district-managed, school-hired teachers"),
}
NATIONAL_TITLE = "关于深化教育教学改革全面提高义务教育质量的意见"
BEIJING_TITLE = "北京市关于推进集团化办学的指导意见"
DONGCHENG_TITLE = "东城区深化集团化办学实施方案"
NATIONAL, BEIJING, DONGCHENG = (
    f"policy:{t}" for t in (NATIONAL_TITLE, BEIJING_TITLE, DONGCHENG_TITLE)
)
POLICIES = {
    NATIONAL: {
        "issued": "2019-06-23",
        "issuer": "中共中央 国务院",
        "kind": "意见",
        "level": "national",
    },
    BEIJING: {
        "issued": "2020",
        "issuer": "北京市教育委员会",
        "kind": "意见",
        "level": "province",
        "doc_number": "京教基〔2020〕3号",
    },
    DONGCHENG: {
        "issued": "2022-03-01",
        "issuer": "北京市东城区教育委员会",
        "kind": "方案",
        "level": "county",
    },
}
TARGETS = {"target:义务教育": "义务教育", "target:学前教育": "学前教育"}


def region(adcode: str) -> Node:
    name, full_name, level, _ = REGIONS[adcode]
    return Node(
        "Region",
        f"region:{adcode}",
        name,
        {"full_name": full_name, "level": level, "adcode": adcode},
    )


def measure(key: str) -> Node:
    name, name_en = MEASURES[key]
    return Node("Measure", f"measure:{key}", name, {"name_en": name_en})


def policy(policy_id: str) -> Node:
    return Node(
        "Policy",
        policy_id,
        policy_id.removeprefix("policy:"),
        {"title": policy_id.removeprefix("policy:"), **POLICIES[policy_id]},
    )


def node_for(node_id: str) -> Node:
    kind, _, key = node_id.partition(":")
    if kind == "region":
        return region(key)
    if kind == "measure":
        return measure(key)
    if kind == "policy":
        return policy(node_id)
    if kind == "program":
        return Node("Program", node_id, key)
    return Node("Target", node_id, TARGETS[node_id])


@dataclass
class DocumentBuilder:
    """Builds one document's text sentence by sentence, with the facts each one states."""

    doc_id: str
    title: str
    published: str
    text: str = ""
    edges: list[Edge] = field(default_factory=list)
    mentioned: dict[str, int] = field(default_factory=dict)
    url: str | None = None  # where it was published, for citations
    publisher: str | None = None

    def say(self, sentence: str, *facts: tuple[str, str, str, dict], year: int = 0) -> None:
        """Append a sentence; each fact is (edge type, source id, target id, edge props)."""
        start = len(self.text)
        self.text += sentence
        evidence = Evidence(self.doc_id, sentence, start, len(self.text), year)
        for kind, source, target, props in facts:
            self.edges.append(Edge(kind, source, target, dict(props), [evidence]))
            for node_id in (source, target):
                self.mentioned[node_id] = self.mentioned.get(node_id, 0) + 1

    def facts(self, describes: str | None = None) -> DocumentFacts:
        document = Node(
            "Document",
            self.doc_id,
            self.title,
            {
                "title": self.title,
                "source": f"fixtures/{self.doc_id[4:]}.txt",
                "sha256": self.doc_id[4:] * 4,
                "published": self.published,
                "script": "simplified",
                "chars": len(self.text),
                "text": self.text,
                **{k: v for k, v in (("url", self.url), ("publisher", self.publisher)) if v},
            },
        )
        ids = set(self.mentioned) | ({describes} if describes else set())
        nodes = [node_for(node_id) for node_id in sorted(ids)]
        nodes += _region_ancestors([n for n in nodes if n.label == "Region"])
        edges = list(self.edges)
        edges += [
            Edge("MENTIONS", self.doc_id, node_id, {"count": count})
            for node_id, count in sorted(self.mentioned.items())
        ]
        edges += _part_of_edges([n for n in nodes if n.label == "Region"])
        if describes:
            edges.append(Edge("DESCRIBES", self.doc_id, describes))
        return DocumentFacts(document, nodes, edges)


def _region_ancestors(regions: list[Node]) -> list[Node]:
    seen = {node.id for node in regions}
    ancestors = []
    for node in regions:
        parent = REGIONS[node.props["adcode"]][3]
        while parent and f"region:{parent}" not in seen:
            seen.add(f"region:{parent}")
            ancestors.append(region(parent))
            parent = REGIONS[parent][3]
    return ancestors


def _part_of_edges(regions: list[Node]) -> list[Edge]:
    return [
        Edge("PART_OF", node.id, f"region:{REGIONS[node.props['adcode']][3]}")
        for node in regions
        if REGIONS[node.props["adcode"]][3]
    ]


def implements(adcode: str, key: str) -> tuple[str, str, str, dict]:
    """The loader derives the edge's `year` from its evidence."""
    return ("IMPLEMENTS", f"region:{adcode}", f"measure:{key}", {})


def cites(source: str, target: str) -> tuple[str, str, str, dict]:
    return ("CITES", source, target, {})


def fixture_documents() -> list[DocumentFacts]:
    """The four test documents' facts, ready for `edukg.store.loader.load`."""
    beijing_news = DocumentBuilder(
        "doc:a1a1a1a1a1a1a1a1",
        "北京各区办学改革观察",
        "2023-05-10",
        url="https://news.example.org/2023/05/beijing-reform.html",
        publisher="首都教育观察",
    )
    beijing_news.say(
        "东城区从2014年开始推行集团化办学，陆续组建了十多个教育集团。",
        implements("110101", "group_schooling"),
        year=2014,
    )
    beijing_news.say(
        "早在2004年，东城区就试点了学区制管理。", implements("110101", "school_district"), year=2004
    )
    beijing_news.say(
        "海淀区于2016年启动集团化办学。", implements("110108", "group_schooling"), year=2016
    )
    beijing_news.say(
        "北京市要求2021年起各区全面推开干部教师交流轮岗。",
        implements("110000", "teacher_rotation"),
        year=2021,
    )

    changchun_news = DocumentBuilder("doc:b2b2b2b2b2b2b2b2", "长春城区教育改革纪实", "2024-01-08")
    changchun_news.say(
        "长春市朝阳区2018年成立首批教育集团，集团化办学由此起步。",
        implements("220104", "group_schooling"),
        year=2018,
    )
    changchun_news.say(
        "2019年起，朝阳区实行县管校聘。", implements("220104", "county_managed_hiring"), year=2019
    )
    changchun_news.say(
        "长春市在2020年推行教师交流轮岗。", implements("220100", "teacher_rotation"), year=2020
    )
    changchun_news.say(
        "外地同行也常去东城区学习集团化办学的做法。", implements("110101", "group_schooling")
    )

    beijing_policy = DocumentBuilder("doc:c3c3c3c3c3c3c3c3", BEIJING_TITLE, "2020-09-01")
    beijing_policy.say(f"本意见依据《{NATIONAL_TITLE}》制定。", cites(BEIJING, NATIONAL))

    dongcheng_policy = DocumentBuilder("doc:d4d4d4d4d4d4d4d4", DONGCHENG_TITLE, "2022-03-01")
    dongcheng_policy.say(
        f"为落实《{BEIJING_TITLE}》，结合本区实际制定本方案。", cites(DONGCHENG, BEIJING)
    )
    dongcheng_policy.say(f"同时贯彻《{NATIONAL_TITLE}》的要求。", cites(DONGCHENG, NATIONAL))
    dongcheng_policy.say(
        "到2025年，集团化办学覆盖率达到90%以上。",
        (
            "TARGETS",
            DONGCHENG,
            "target:义务教育",
            {
                "metric": "集团化办学覆盖率",
                "value": 90,
                "unit": "%",
                "comparator": ">=",
                "deadline": 2025,
                "about_measures": ["measure:group_schooling"],  # the metric names it
            },
        ),
        year=2025,
    )
    dongcheng_policy.say(
        "每个教育集团到2025年至少有3所成员校。",
        (
            "TARGETS",
            DONGCHENG,
            "target:义务教育",
            {
                "metric": "教育集团成员校数",
                "value": 3,
                "unit": "所",
                "comparator": ">=",
                "deadline": 2025,
            },
        ),
        year=2025,
    )
    dongcheng_policy.say(
        "到2025年，普惠性幼儿园覆盖率不低于85%。",
        (
            "TARGETS",
            DONGCHENG,
            "target:学前教育",
            {
                "metric": "普惠性幼儿园覆盖率",
                "value": 85,
                "unit": "%",
                "comparator": ">=",
                "deadline": 2025,
            },
        ),
        year=2025,
    )

    return [
        beijing_news.facts(),
        changchun_news.facts(),
        beijing_policy.facts(describes=BEIJING),
        dongcheng_policy.facts(describes=DONGCHENG),
    ]


@contextmanager
def fixture_graph(server: EmbeddedServer) -> Iterator[FalkorDBStore]:
    """The server's default graph holding just the fixture documents (what was there is
    deleted). Meant for module-scoped fixtures: loading once keeps the tests fast."""
    with FalkorDBStore(server) as store:
        store.clear()
        load(store, fixture_documents())
        yield store


# Seven policies setting percentage goals for 学前教育; two of them for the same metric (55 %
# and 60 %), which a chart must show side by side, not stacked into 115 %.
SHARED_METRIC = "公办园在园幼儿占比"
SHARED_GOALS = [
    ("甲市学前教育发展方案", SHARED_METRIC, 55),
    ("乙市学前教育提升计划", SHARED_METRIC, 60),
    ("丙县学前教育三年行动计划", "普惠性幼儿园覆盖率", 85),
    ("丁区幼儿园建设规划", "普惠性幼儿园覆盖率", 90),
    ("戊市学前教育普惠实施意见", "保教人员持证上岗率", 100),
    ("己县学前教育质量提升方案", "幼儿园专任教师本科比例", 40),
    ("庚区学前教育攻坚计划", "学前三年毛入园率", 95),
]


def shared_goal_documents(
    goals: list[tuple[str, str, int]] = SHARED_GOALS,
) -> list[DocumentFacts]:
    """One policy text per entry of `goals` (title, metric, percentage), each stating its goal
    for 2025."""
    documents = []
    for number, (title, metric, value) in enumerate(goals):
        doc_id = f"doc:{number:016x}"
        policy_id = f"policy:{title}"
        sentence = f"到2025年，{metric}达到{value}%。"
        evidence = Evidence(doc_id, sentence, 0, len(sentence), 2025)
        goal = {"metric": metric, "value": value, "unit": "%", "comparator": ">=", "deadline": 2025}
        document = Node(
            "Document",
            doc_id,
            title,
            {
                "title": title,
                "source": f"goals/{number}.txt",
                "sha256": f"{number:016x}" * 4,
                "published": "2023-01-01",
                "script": "simplified",
                "chars": len(sentence),
                "text": sentence,
            },
        )
        nodes = [
            Node("Policy", policy_id, title, {"title": title}),
            Node("Target", "target:学前教育", "学前教育"),
        ]
        edges = [
            Edge("TARGETS", policy_id, "target:学前教育", goal, [evidence]),
            Edge("MENTIONS", doc_id, policy_id, {"count": 1}),
            Edge("MENTIONS", doc_id, "target:学前教育", {"count": 1}),
            Edge("DESCRIBES", doc_id, policy_id),
        ]
        documents.append(DocumentFacts(document, nodes, edges))
    return documents


_FACT_COUNTS = """
MATCH (a)-[r:IMPLEMENTS|CITES|TARGETS]->(b)
RETURN type(r), a.id, b.id, r.metric, r.documents,
       size([(a)-[e]->(b) WHERE type(e) = type(r) + '_EVIDENCE'
             AND coalesce(e.metric, '') = coalesce(r.metric, '') | e])
"""


def miscounted_facts(store: GraphStore) -> list[tuple]:
    """The facts whose `documents` is not the number of their evidence edges (the loader keeps
    it so that the queries need not count them)."""
    rows = store.query(_FACT_COUNTS, row_limit=ALL_ROWS).rows
    return [tuple(row) for row in rows if row[4] != row[5]]


class Interrupted(Exception):
    """Stands for the end of a process killed between two statements."""


class StopsAfter(GraphStore):
    """The real store, except that no write happens after the first `limit` ones.

    Killing a process between two given statements cannot be timed from outside, so this is
    how a load is cut short after every statement in turn. It keeps the statements written
    (`written`).
    """

    def __init__(self, store: GraphStore, limit: int | None = None) -> None:
        self.store, self.limit, self.backend = store, limit, store.backend
        self.writes = 0
        self.written: list[str] = []

    def write(self, cypher: str, params: dict[str, Any] | None = None) -> QueryResult:
        if self.writes == self.limit:
            raise Interrupted
        self.writes += 1
        self.written.append(cypher)
        return self.store.write(cypher, params)

    def query(self, cypher: str, params: dict[str, Any] | None = None, **limits) -> QueryResult:
        return self.store.query(cypher, params, **limits)

    def ensure_schema(self) -> None:
        """The session store has its indexes; writing them again changes nothing."""

    def compact(self, *, wait: bool = True) -> None:
        self.store.compact(wait=wait)

    @property
    def lock_path(self) -> Path:
        return self.store.lock_path

    def clear(self) -> None:
        self.store.clear()

    def close(self) -> None:
        self.store.close()
