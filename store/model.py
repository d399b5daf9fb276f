"""The graph model: plain data shared by the pipeline, the loader and the exporters.

Nodes and edges hold JSON primitives only (str, int, float, bool, None and homogeneous
lists of them), so the same data fits Neo4j, the embedded store and every serialiser.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

NODE_LABELS = ("Region", "Policy", "Measure", "Program", "Organization", "Target", "Document")

ID_PREFIXES = {
    "Region": "region:",
    "Policy": "policy:",
    "Measure": "measure:",
    "Program": "program:",
    "Organization": "org:",
    "Target": "target:",
    "Document": "doc:",
}

# Edge types with the labels they may join. Assertion edges carry evidence.
EDGE_ENDPOINTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "IMPLEMENTS": (("Region",), ("Measure", "Program", "Policy")),
    "CITES": (("Policy",), ("Policy",)),
    "TARGETS": (("Policy", "Measure", "Program"), ("Target",)),
    "PART_OF": (("Region",), ("Region",)),
    "ISSUED_BY": (("Policy",), ("Organization",)),
    "INSTANCE_OF": (("Program",), ("Measure",)),
    "MENTIONS": (("Document",), NODE_LABELS[:-1]),
    "DESCRIBES": (("Document",), ("Policy",)),
}
ASSERTION_EDGES = ("IMPLEMENTS", "CITES", "TARGETS")

# Edge properties that together identify one edge between the same two nodes
# (a policy may set several numeric goals for one target).
EDGE_KEYS: dict[str, tuple[str, ...]] = {"TARGETS": ("metric",)}

# An edge's evidence, as the model and the exports give it: parallel lists of primitives, one
# entry per (document, sentence); `year` on IMPLEMENTS is the earliest year among them.
EVIDENCE_LISTS = (
    "sources",
    "evidence",
    "evidence_start",
    "evidence_end",
    "evidence_year",
    "evidence_year_source",
)
# Where an evidence year came from, so a reader can tell a stated year from an inferred one:
# the fact's own clause, the cited policy it rests on (its 文号 year or date), the document's
# own date (a policy's issue date, a report's dateline); "" when there is no year.
YEAR_SOURCES = ("clause", "cited_policy", "document_date", "")

# A fact's properties that its documents state and may state differently (two reports giving one
# goal other figures): the fact shows those of the first document, by id, that supports it
# (`stated_by`, the store's bookkeeping, not exported), whatever order the documents came in;
# each document's own are kept on its evidence edge, for when that document goes.
STATED_PROPS: dict[str, tuple[str, ...]] = {"TARGETS": ("comparator", "deadline", "unit", "value")}
STATED_BY = "stated_by"

# Nodes whose documents may state them differently (one report gives a policy's 文号, another
# not; two 太平区 bodies share a name): each property shows the value of the first document, by
# id, that states it (`props_stated_by` on the node: JSON, property -> document id), whatever
# order the documents came in. The links leaving such a node (a policy's issuers, the measure a
# programme realises) belong to no document; they stay while some document states them. Each
# document's own statement of the node and its links is kept on its MENTIONS edge
# (`statement`: JSON, {"props": ..., "links": {type: [target ids]}}), for when that document
# goes. Regions, measures and stages come from the gazetteer and the taxonomy: the same in every
# document.
STATED_NODE_LABELS = ("Policy", "Program", "Organization")
STATED_LINKS = ("ISSUED_BY", "INSTANCE_OF")
NODE_STATED_BY = "props_stated_by"
STATEMENT = "statement"
# How many documents support a fact (its evidence edges), kept by the loader so that a query
# need not walk a fact's evidence to count it (a measure's goals for one stage have 100 000
# at a national scale). Facts loaded by an older version have none: the queries count those.
DOCUMENT_COUNT = "documents"
# How many evidence entries (sentences) support it, kept beside its `documents` the same way.
SENTENCE_COUNT = "sentences"
# The document an adoption's answers quote, kept by the loader beside its `documents`: the first
# by id of those giving the adoption's year, else the first (a province's adoption of a measure
# has thousands of documents, read in full for each of 500 rows). Facts loaded by an older
# version have none: the queries find it in the evidence.
QUOTED = "quoted"
# A Measure's adoptions by year, kept for the timeline query (edukg.store.timeline).
ADOPTION_TIMELINE = "adoption_timeline"
# A node's place among the first choices of its picker (1 first), kept by edukg.store.starters.
STARTER_RANK = "starter_rank"
# The store's bookkeeping: never exported, never shown.
BOOKKEEPING_PROPS = frozenset(
    {
        STATED_BY,
        NODE_STATED_BY,
        STATEMENT,
        DOCUMENT_COUNT,
        SENTENCE_COUNT,
        QUOTED,
        ADOPTION_TIMELINE,
        STARTER_RANK,
    }
)

# How the stores keep evidence. Not as lists on the fact's edge: a fact that thousands of
# documents support would be copied whole each time one more is added. Each document that
# supports a fact has its own edge between the same two nodes, of the fact's type + _EVIDENCE,
# holding its `doc` id (indexed), the fact's key properties (a TARGETS `metric`), `year` (the
# earliest year it gives) and its entries of the lists above but `sources`.
EVIDENCE_EDGES = {edge_type: f"{edge_type}_EVIDENCE" for edge_type in ASSERTION_EDGES}
DOCUMENT_EVIDENCE_LISTS = EVIDENCE_LISTS[1:]
STORED_EDGE_TYPES = (*EDGE_ENDPOINTS, *EVIDENCE_EDGES.values())


def label_of(node_id: str) -> str:
    """The label a node id belongs to, from its prefix."""
    for label, prefix in ID_PREFIXES.items():
        if node_id.startswith(prefix):
            return label
    raise ValueError(f"node id {node_id!r} has no known prefix")


@dataclass(frozen=True)
class Evidence:
    """One sentence of one document that supports an edge.

    `start`/`end` are character offsets of the sentence in the document's stored text.
    `year` is the year of the fact (0 when none is known), `year_source` where it came from
    (one of YEAR_SOURCES).
    """

    doc_id: str
    sentence: str
    start: int
    end: int
    year: int = 0
    year_source: str = ""


@dataclass
class Node:
    label: str
    id: str
    name: str
    props: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if label_of(self.id) != self.label:
            raise ValueError(f"node id {self.id!r} does not match label {self.label}")

    def as_row(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, **self.props}


@dataclass
class Edge:
    type: str
    source: str
    target: str
    props: dict[str, Any] = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def key(self) -> tuple:
        """What makes two edges the same edge."""
        return edge_key(self.type, self.source, self.target, self.props)

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> Edge:
        """An edge from its flat form (the JSON export's, or a store row): `type`, `source`,
        `target`, its properties and the parallel evidence lists."""
        props = {
            k: v for k, v in row.items() if k not in ("type", "source", "target", *EVIDENCE_LISTS)
        }
        return cls(row["type"], row["source"], row["target"], props, evidence_of(row))

    def evidence_by_document(self) -> dict[str, list[Evidence]]:
        """The evidence entries of each document, in the order given."""
        by_document: dict[str, list[Evidence]] = {}
        for evidence in self.evidence:
            by_document.setdefault(evidence.doc_id, []).append(evidence)
        return by_document

    def evidence_lists(self) -> dict[str, list]:
        return evidence_lists(self.evidence)


def edge_key(type_: str, source: str, target: str, props: Mapping[str, Any]) -> tuple:
    """What makes two edges the same edge: their type, ends and EDGE_KEYS properties."""
    keys = EDGE_KEYS.get(type_)
    if not keys:
        return (type_, source, target)
    return (type_, source, target, *(props.get(k) for k in keys))


def evidence_lists(evidence: list[Evidence]) -> dict[str, list]:
    """Evidence entries as the parallel lists the exports (and evidence edges) hold."""
    return {
        "sources": [e.doc_id for e in evidence],
        "evidence": [e.sentence for e in evidence],
        "evidence_start": [e.start for e in evidence],
        "evidence_end": [e.end for e in evidence],
        "evidence_year": [e.year for e in evidence],
        "evidence_year_source": [e.year_source for e in evidence],
    }


@dataclass
class DocumentFacts:
    """Everything one document contributes to the graph.

    `document` is the Document node (its props include `source`, `sha256` and the
    normalised `text` that evidence offsets refer to). `nodes` and `edges` are the
    document's facts; MENTIONS/DESCRIBES edges from the document are among `edges`.
    `search_text` is the Document's words for the search (`store.search.shadow_text`), when
    the process that read it worked them out: the loader's process, which the end of an
    ingest waits for, then need not (0.6 ms a document alone, 2 ms beside the workers).
    """

    document: Node
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    search_text: str | None = None


def evidence_of(props: Mapping[str, Any]) -> list[Evidence]:
    """The evidence entries in an edge's parallel lists (the JSON export's edge, or a stored
    evidence edge, whose entries all come from its `doc`). A list an older export lacks counts
    as empty; a null year is 0."""
    sources = props.get("sources") or [props.get("doc")] * len(props.get("evidence") or [])
    lists = [sources] + [
        _padded(props.get(name) or [], len(sources)) for name in DOCUMENT_EVIDENCE_LISTS
    ]
    return [
        Evidence(
            doc_id=doc_id,
            sentence=sentence,
            start=start,
            end=start + len(sentence) if end is None else end,
            year=year or 0,
            year_source=year_source or "",
        )
        for doc_id, sentence, start, end, year, year_source in zip(*lists, strict=True)
    ]


def _padded(values: list[Any], length: int) -> list[Any]:
    """A list of evidence values as long as the list of sources (older exports lack the
    newer lists, e.g. evidence_year_source)."""
    return (list(values) + [None] * length)[:length]
