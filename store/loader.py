"""Facts into the store: batched, idempotent MERGE; a changed document replaces its old facts.

A document is known by its `source` (path or URL) and `sha256`:
- same source, same sha256 as in the store: unchanged, skipped;
- same sha256 under another source: skipped as a duplicate of that source;
- same source, new sha256: the old document's contributions are removed first (and if the new
  content duplicates another source, nothing is loaded in their place).

Evidence is kept per document (model.EVIDENCE_EDGES): a document's sentences for a fact are one
edge of their own beside the fact's edge, created once and found again by the index on their
`doc`. Adding a document to a fact supported by thousands costs what adding it to a new fact
costs, and removing it touches its own evidence edges only.

A Document node gets its `sha256` only after all of its facts are written, so a load that stopped
half-way leaves a document without one, and the next load replaces it. With it come `facts`, the
number of facts the document contributed (its MENTIONS/DESCRIBES edges, its evidence entries and
the links leaving the nodes it mentions, such as a region's PART_OF), and `records`, the edges
that are its alone (MENTIONS/DESCRIBES and evidence edges). `check_documents` counts them again,
which finds documents whose facts the store lost later (a damaged append-only file replays
without some writes). Other documents can only add links, so fewer is damage.

Before it changes facts the loader drops the timelines measures keep (edukg.store.timeline), and
writes them again when it is done: at the end of `load`, `remove_document` and `replace`, or, for
a caller loading in many chunks, in `finish`; there it ranks the pickers' first choices too
(edukg.store.starters).

Every statement here runs unchanged on Neo4j 5 and on the embedded store.
"""

from __future__ import annotations

import itertools
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from edukg.store import starters, timeline
from edukg.store.base import ALL_ROWS, SCAN_TIMEOUT_MS, GraphStore, QueryResult
from edukg.store.model import (
    ASSERTION_EDGES,
    DOCUMENT_COUNT,
    DOCUMENT_EVIDENCE_LISTS,
    EDGE_ENDPOINTS,
    EDGE_KEYS,
    EVIDENCE_EDGES,
    ID_PREFIXES,
    NODE_STATED_BY,
    QUOTED,
    SENTENCE_COUNT,
    STATED_BY,
    STATED_LINKS,
    STATED_NODE_LABELS,
    STATED_PROPS,
    STATEMENT,
    DocumentFacts,
    Edge,
    Evidence,
    Node,
    evidence_lists,
    label_of,
)
from edukg.store.search import SHADOW, searchable_row, shadow_text

DOCUMENTS_PER_LOOKUP = 500  # documents whose stored versions are looked up at once
# Rows a load gathers before writing them. An ingest's chunk of 512 documents (about 75 rows
# each) is one batch.
ROWS_PER_BATCH = 60_000
# Rows per statement: the embedded client sends parameters as query text, so a batch larger than
# this is written in several statements.
ROWS_PER_STATEMENT = 2000

_DOCUMENTS = "MATCH (d:Document) RETURN d.source, d.id, d.sha256"
# The documents a load must know of, looked up by index for each window of incoming documents,
# so that loading costs the same per document however many the graph holds.
_DOCUMENTS_AT = (
    "UNWIND $sources AS source MATCH (d:Document {source: source}) RETURN d.source, d.id, d.sha256"
)
_DOCUMENTS_WITH = (
    "UNWIND $shas AS sha MATCH (d:Document {sha256: sha}) RETURN d.source, d.id, d.sha256"
)
# A node not stored yet is created with its properties in one step: MERGE, then SET, indexed each
# new node twice in the embedded store (FalkorDB 4.16, `ON CREATE SET` too) and left the first
# copy for the index's collector.
_NODE_CREATE = """
UNWIND $rows AS row
OPTIONAL MATCH (n:{label} {{id: row.id}})
WITH row WHERE n IS NULL
CREATE (n:{label})
SET n = row
"""
# A stored node is written only when a property differs: every write of a node re-indexes it
# whole in the embedded store (its full-text words too), though nothing changed, and each batch
# names again the regions and measures of the batches before it. MERGE, though every node is
# there by now: after a MATCH, FalkorDB 4.16 tests the WHERE before it has found the node, so
# that every node passed it and was indexed again.
_NODE_MERGE = """
UNWIND $rows AS row
MERGE (n:{label} {{id: row.id}})
WITH n, row
WHERE any(k IN keys(row) WHERE NOT coalesce(n[k] = row[k], n[k] IS NULL AND row[k] IS NULL))
SET n += row
"""
# The stored nodes a batch states again (model.STATED_NODE_LABELS): which document stated what.
_STORED_NODES = (
    "UNWIND $ids AS node_id MATCH (n:{label} {{id: node_id}}) RETURN n.id, properties(n)"
)
_FIND_DOCUMENT = "MATCH (d:Document) WHERE d.id = $key OR d.source = $key RETURN d.id"
# A document is complete, and findable by search, once its facts are in: its words are indexed
# here, once (every write of a node re-indexes all its words in the embedded store).
_MARK_COMPLETE = (
    "UNWIND $docs AS doc MATCH (d:Document {id: doc.id}) "
    "SET d.sha256 = doc.sha256, d.facts = doc.facts, d.records = doc.records, "
    "d.search_text = doc.search_text"
)
_MARK_INCOMPLETE = "UNWIND $ids AS doc_id MATCH (d:Document {id: doc_id}) REMOVE d.sha256"
# A stated address or publisher replaces the stored one; one not stated keeps it.
_UPDATE_CITATIONS = """
UNWIND $rows AS row
MATCH (d:Document {source: row.source})
WHERE (row.url IS NOT NULL AND coalesce(d.url, '') <> row.url)
   OR (row.publisher IS NOT NULL AND coalesce(d.publisher, '') <> row.publisher)
SET d.url = coalesce(row.url, d.url), d.publisher = coalesce(row.publisher, d.publisher)
RETURN count(d)
"""
# The edges a document owns: written before anything else of it, so that a load cut short after
# any statement leaves nothing the next load cannot find and replace.
_DOCUMENT_EDGES = ("MENTIONS", "DESCRIBES")
_OWNED_EDGES = (*_DOCUMENT_EDGES, *EVIDENCE_EDGES.values())
# Edges that carry no evidence and belong to no document: a region's parent, a policy's issuer.
_LINK_EDGES = tuple(
    edge for edge in EDGE_ENDPOINTS if edge not in (*ASSERTION_EDGES, *_DOCUMENT_EDGES)
)
# The parts of a document's `facts`, counted over the whole graph.
_FACTS_PER_DOCUMENT = f"""
MATCH (d:Document)
OPTIONAL MATCH (d)-[m:MENTIONS|DESCRIBES]->(n)
OPTIONAL MATCH (n)-[link:{"|".join(_LINK_EDGES)}]->()
RETURN d.id, d.source, d.sha256, d.facts, count(DISTINCT m) + count(DISTINCT link)
"""
# Evidence entries count where the fact they support is there too: looked for once per fact,
# not per evidence edge (the busiest goal has 100 000 of them, among 6 200 goals of its ends).
_EVIDENCE_PER_DOCUMENT = """
MATCH (a)-[e:{evidence_type}]->(b)
WITH a, b{key_columns}, collect(e) AS found
OPTIONAL MATCH (a)-[r:{edge_type}{key}]->(b)
WITH found, count(r) AS facts
WHERE facts > 0
UNWIND found AS e
RETURN e.doc, sum(size(e.evidence))
"""
# The quick check that spares an ingest the count above: every document finished, and as many
# edges owned by documents as they wrote (counts of a type come from the stores' statistics).
_UNFINISHED = "MATCH (d:Document) WHERE d.sha256 IS NULL RETURN count(d)"
_RECORDS_WRITTEN = "MATCH (d:Document) RETURN sum(coalesce(d.records, -1))"
_EDGE_COUNT = "MATCH ()-[r:{type}]->() RETURN count(r)"

# Removal of one document: the facts it supports, found through its evidence edges by the index
# on `doc`, are written on the Document first (`removing`), so that a removal cut short after
# any statement is finished by the next; then its evidence edges go, then the facts they leave
# without evidence, then the earliest year and the quote of the IMPLEMENTS it dated or was quoted
# for (model.QUOTED).
_SUPPORTED = """
UNWIND $docs AS doc
MATCH (a)-[e:{evidence_type} {{doc: doc}}]->(b)
RETURN doc, a.id, b.id, e.metric, e.year
"""
_REMOVING = "UNWIND $docs AS doc MATCH (d:Document {id: doc}) RETURN doc, d.removing"
# The document leaves the search as its removal starts: FalkorDB adds an entity to every index of
# its label again when a SET matches it, which with the document's words was half the marking's
# cost (0.9 ms a document) and left their copies for the index's collector.
_MARK_REMOVING = """
UNWIND $rows AS row
MATCH (d:Document {id: row.doc})
SET d.removing = row.facts, d.search_text = null
"""
# A fact's `documents` and `sentences` (model.DOCUMENT_COUNT, SENTENCE_COUNT) follow its evidence
# edges in the statement that creates or deletes them, so that a load or removal cut short after
# any statement leaves them true. A fact stored without them (by an older version) keeps none:
# null plus one is null.
# The fact an evidence edge supports: the edge of its type between the same two ends, one per
# pair for an unkeyed type (IMPLEMENTS, CITES). A keyed one (TARGETS, by metric) is looked for as
# the loader's keyed update finds it, its ends by label and id and the edge through the index on
# its key: among the edges between its ends, the busiest pair's 6 200 goals at 100 000 documents
# were walked once for each of its goals the documents removed gave (0.31-0.54 s for 500
# documents, against 0.11-0.29 s). That takes one statement for each pair of end labels the edge
# type joins (model.EDGE_ENDPOINTS; the loader refuses others), its evidence edges told apart by
# their ends' id prefixes; for an unkeyed type it is slower (IMPLEMENTS 0.05 → 0.4-0.5 s).
_DROP_EVIDENCE = """
UNWIND $docs AS doc
MATCH (a)-[e:{evidence_type} {{doc: doc}}]->(b)
{find_fact}
SET r.documents = r.documents - size(gone),
    r.sentences = r.sentences - reduce(n = 0, e IN gone | n + size(e.evidence))
WITH gone
UNWIND gone AS e
DELETE e
"""
_FACT_BETWEEN_ENDS = """WITH a, b, collect(e) AS gone
OPTIONAL MATCH (a)-[r:{edge_type}]->(b)"""
_FACT_BY_KEY = """WITH a.id AS source, b.id AS target{key_columns}, collect(e) AS gone
WHERE source STARTS WITH '{source_prefix}' AND target STARTS WITH '{target_prefix}'
OPTIONAL MATCH (:{source_label} {{id: source}})-[r:{edge_type}{key}]->
               (:{target_label} {{id: target}})"""
# A fact goes when its count of documents is down to 0; one stored by an older version without
# a count, when no evidence edge is left (the busiest goal's ends have 102 000 of them).
_DROP_UNSUPPORTED = """
UNWIND $rows AS row
MATCH (a:{source_label} {{id: row.source}})-[r:{edge_type}{key}]->
      (b:{target_label} {{id: row.target}})
WHERE r.documents = 0 OR (r.documents IS NULL AND NOT (a)-[:{evidence_type}{key}]->(b))
DELETE r
"""
# The year and the quote are looked for again only when the document quoted is removed: the first
# document giving the year is still the first when another one goes, and the year changes only
# when every document giving it goes, the one quoted among them. An adoption stored by an older
# version has no quote: its year is looked for again when a document giving it goes. The year
# and the quote are two statements: in one, the embedded store skipped the year's SET for an
# adoption without a quote (it seems to apply the quote's filter first), which kept a year no
# document gave any more.
_REDATE = """
UNWIND $rows AS row
MATCH (a:Region {{id: row.source}})-[r:IMPLEMENTS]->(b:{target_label} {{id: row.target}})
WHERE r.quoted = row.doc OR (r.quoted IS NULL AND r.year = row.year)
OPTIONAL MATCH (a)-[e:IMPLEMENTS_EVIDENCE]->(b)
WITH r, min(e.year) AS year
SET r.year = year
"""
_REQUOTE = """
UNWIND $rows AS row
MATCH (a:Region {{id: row.source}})-[r:IMPLEMENTS]->(b:{target_label} {{id: row.target}})
WHERE r.quoted = row.doc
OPTIONAL MATCH (a)-[e:IMPLEMENTS_EVIDENCE]->(b)
WHERE r.year IS NULL OR e.year = r.year
WITH r, min(e.doc) AS quoted
SET r.quoted = quoted
"""
# Statements that may remove several properties of one node or edge replace its whole property
# set (`SET r = r {.*, …}`): on FalkorDB 4.16 one update removing two properties, one of them
# the last added, removed a third instead (FalkorDB issue 1787, fixed in later versions); a
# stated figure may well be null.
# A fact whose stated properties came from the document removed takes those of the first
# document, by id, still supporting it.
# The evidence between two ends is walked once for all their facts to restate, and the first
# document's found by the index on `doc`: the busiest goal's ends have 102 000 evidence edges,
# walked twice per goal it took 72 ms a goal.
_RESTATE = """
UNWIND $rows AS row
MATCH (a:{source_label} {{id: row.source}})-[r:{edge_type}{key}]->
      (b:{target_label} {{id: row.target}})
WHERE r.stated_by = row.doc
WITH a, b, collect(r.{name}) AS keys
MATCH (a)-[e:{evidence_type}]->(b)
WHERE e.{name} IN keys
WITH a, b, e.{name} AS {name}, min(e.doc) AS first
MATCH (a)-[r:{edge_type} {{{name}: {name}}}]->(b)
MATCH ()-[e:{evidence_type} {{doc: first}}]->()
WHERE startNode(e) = a AND endNode(e) = b AND e.{name} = {name}
SET r = r {{.*, {restated}, stated_by: first}}
"""
# A removal restates the nodes the documents removed stated (model.STATED_NODE_LABELS) from the
# statements of the documents left, before the documents go (a removal cut short is redone).
_STATED_BY_REMOVED = f"""
UNWIND $docs AS doc
MATCH (:Document {{id: doc}})-[m:MENTIONS]->(n)
WHERE m.statement IS NOT NULL
RETURN n.id, n.{NODE_STATED_BY}, m.statement
"""
# What the documents left (not being removed) state of each node: each way of stating it once,
# with the first document that does. A national policy is mentioned by 37 000 of 100 000
# documents, in a handful of ways: all their statements made an answer over the size cap.
# The WITH keeps FalkorDB from starting at the documents (every Document scanned per node).
_STATEMENTS = """
UNWIND $ids AS node_id
MATCH (n:{label} {{id: node_id}})<-[m:MENTIONS]-(d:Document)
WITH n, m, d
WHERE d.removing IS NULL
RETURN n.id, min(d.id), m.statement
"""
_RESTATE_NODES = "UNWIND $rows AS row MATCH (n:{label} {{id: row.id}}) SET n = row"
_DROP_UNSTATED_LINKS = """
UNWIND $rows AS row
MATCH (n:{label} {{id: row.id}})-[r:{link}]->(t)
WHERE NOT t.id IN row.stated
DELETE r
"""
_DELETE_DOCUMENT = """
UNWIND $docs AS doc
MATCH (d:Document {id: doc})
OPTIONAL MATCH (d)-[:MENTIONS|DESCRIBES]->(n)
OPTIONAL MATCH (n)-[:PART_OF*1..2]->(p:Region)
WITH d, collect(DISTINCT n.id) + collect(DISTINCT p.id) AS candidates
DETACH DELETE d
RETURN candidates
"""
# A node lives while a Document mentions or describes it; a region also while a region below
# it (county -> prefecture -> province) lives. Measures come from the taxonomy and always stay.
# One edge type per pattern, without the label every such edge's start has (model.EDGE_ENDPOINTS;
# only policies are described): with two types FalkorDB walked every mention of each node, and
# checking 2 000 regions at 100 000 documents took 410 ms instead of 85.
_DEAD = "NOT (n)<-[:MENTIONS]-() AND NOT (n)<-[:DESCRIBES]-()"
_REGION_DEAD = "NOT (n)<-[:MENTIONS]-() AND NOT (n)<-[:PART_OF*1..2]-(:Region)<-[:MENTIONS]-()"


@dataclass
class LoadSummary:
    documents_added: int = 0
    documents_replaced: int = 0
    documents_unchanged: int = 0
    nodes_created: int = 0
    nodes_updated: int = 0
    edges_created: int = 0
    edges_updated: int = 0
    edges_unmatched: int = 0  # edges whose end nodes are neither in the facts nor in the store
    skipped: dict[str, str] = field(default_factory=dict)  # source -> why it was not loaded

    def counts(self) -> dict[str, int]:
        """The numeric fields, for summaries."""
        return {k: v for k, v in vars(self).items() if isinstance(v, int)}


@dataclass(frozen=True)
class DamagedDocument:
    """A document whose facts in the store are not all there: it must be loaded again."""

    id: str
    source: str
    reason: str


@dataclass
class _StoredDocument:
    id: str
    sha256: str | None  # None: an earlier load stopped before finishing it


def load(
    store: GraphStore,
    facts: Iterable[DocumentFacts],
    *,
    batch_size: int = ROWS_PER_BATCH,
    on_document: Callable[[DocumentFacts, str], None] | None = None,
    compact: bool = True,
) -> LoadSummary:
    """Write the facts of many documents in batches of about `batch_size` rows.

    `on_document(facts, outcome)` is called once per document, with outcome "added",
    "replaced", "unchanged" or "duplicate". A caller loading in many chunks passes
    `compact=False` and calls `finish` once at the end.
    """
    store.ensure_schema()
    summary = LoadSummary()
    known = _KnownDocuments(store)
    stored, by_sha = known.by_source, known.by_sha
    batch = _Batch()
    removed = False
    for window in _windows(facts, DOCUMENTS_PER_LOOKUP):
        known.look_up(window)
        # The window's changed documents lose their old facts first, all at once.
        changed = {
            facts.document.props["source"]: stored[facts.document.props["source"]]
            for facts in window
            if facts.document.props["source"] in stored
            and stored[facts.document.props["source"]].sha256 != facts.document.props["sha256"]
        }
        if changed:
            batch = _flush(store, batch, summary, batch_size)  # it may hold their old facts
            _remove(store, sorted(previous.id for previous in changed.values()))
            for source, previous in changed.items():
                del stored[source]
                by_sha.pop(previous.sha256, None)
            removed = True
        for doc_facts in window:
            document = doc_facts.document
            source, sha256 = document.props["source"], document.props["sha256"]
            previous = stored.get(source) or changed.get(source)
            if previous is not None and previous.sha256 == sha256:
                outcome = "unchanged"
                summary.documents_unchanged += 1
                summary.skipped[source] = "unchanged"
            else:
                if sha256 in by_sha:
                    outcome = "duplicate"
                    summary.skipped[source] = f"duplicate of {by_sha[sha256]}"
                else:
                    outcome = "added" if previous is None else "replaced"
                    summary.documents_added += previous is None
                    summary.documents_replaced += previous is not None
                    batch.add(doc_facts)
                    stored[source] = _StoredDocument(document.id, sha256)
                    by_sha[sha256] = source
                    if len(batch) >= batch_size:
                        batch = _flush(store, batch, summary, batch_size)
            if on_document is not None:
                on_document(doc_facts, outcome)
    _flush(store, batch, summary, batch_size)
    if compact and (summary.documents_added or summary.documents_replaced or removed):
        finish(store)
    return summary


def finish(store: GraphStore, *, wait: bool = True) -> None:
    """What loads and removals leave to their end: the measures' timelines written again, the
    pickers' first choices ranked, and the store's files compacted (without `wait`, that goes
    on after the return)."""
    timeline.refresh(store)
    starters.refresh(store)
    store.compact(wait=wait)


def remove_document(store: GraphStore, source_or_doc_id: str, *, compact: bool = True) -> bool:
    """Remove a document (by source or by `doc:` id) and what only it contributed."""
    found = store.query(_FIND_DOCUMENT, {"key": source_or_doc_id}).rows
    return bool(_remove_found(store, [doc_id for (doc_id,) in found], compact))


def remove_documents(store: GraphStore, sources: list[str], *, compact: bool = True) -> int:
    """Remove the documents of these sources and what only they contributed, a few statements
    for every 500 of them; how many the store held."""
    found = store.query(_DOCUMENTS_AT, {"sources": sources}, row_limit=ALL_ROWS).rows
    return _remove_found(store, [doc_id for _, doc_id, _ in found], compact)


def _remove_found(store: GraphStore, doc_ids: list[str], compact: bool) -> int:
    for chunk in _chunks(sorted(doc_ids), DOCUMENTS_PER_LOOKUP):
        _remove(store, chunk)
    if doc_ids and compact:
        finish(store)
    return len(doc_ids)


def check_documents(store: GraphStore, *, quick: bool = False) -> list[DamagedDocument]:
    """The documents whose facts are incomplete: a load that never finished, or facts counted
    in the store that do not add up to the `facts` written with them.

    With `quick`, the whole count runs only when two cheap figures say something is amiss (a
    document without its sha256, fewer owned edges than documents wrote): enough before an
    ingest, where counting 100 000 documents' facts would cost more than the ingest. A lost
    link (a region's PART_OF) alone is found by the whole count only (`edukg db check`).
    """
    if quick and not _something_amiss(store):
        return []
    evidence: dict[str, int] = defaultdict(int)
    for edge_type in EVIDENCE_EDGES:
        statement = _evidence_per_document(edge_type)
        scan = store.query(statement, row_limit=ALL_ROWS, timeout_ms=SCAN_TIMEOUT_MS)
        for doc_id, entries in scan.rows:
            evidence[doc_id] += entries
    damaged = []
    for doc_id, source, sha256, expected, counted in store.query(
        _FACTS_PER_DOCUMENT, row_limit=ALL_ROWS, timeout_ms=SCAN_TIMEOUT_MS
    ).rows:
        found = counted + evidence.get(doc_id, 0)
        if sha256 is None:
            reason = "its loading never finished"
        elif expected is not None and found < expected:
            reason = f"{found} of its {expected} facts are in the store"
        else:
            continue
        damaged.append(DamagedDocument(doc_id, source, reason))
    return sorted(damaged, key=lambda doc: doc.source)


def _something_amiss(store: GraphStore) -> bool:
    if _count(store.query(_UNFINISHED)):
        return True
    written = _count(store.query(_RECORDS_WRITTEN))
    stored = sum(_count(store.query(_EDGE_COUNT.format(type=kind))) for kind in _OWNED_EDGES)
    return written != stored


def mark_incomplete(store: GraphStore, doc_ids: Iterable[str]) -> None:
    """Make documents look half-loaded, so that the next load of their files replaces them."""
    for chunk in _chunks(sorted(doc_ids), ROWS_PER_STATEMENT):
        store.write(_MARK_INCOMPLETE, {"ids": chunk})


def update_citations(store: GraphStore, rows: Iterable[tuple[str, str | None, str | None]]) -> int:
    """Give stored documents the (source, url, publisher) their files are now stated with;
    how many changed. An unchanged file is not loaded again, yet its citation may be new."""
    changed = 0
    for chunk in _chunks(list(rows), ROWS_PER_STATEMENT):
        params = [{"source": s, "url": url, "publisher": publisher} for s, url, publisher in chunk]
        changed += _count(store.write(_UPDATE_CITATIONS, {"rows": params}))
    return changed


def document_index(store: GraphStore) -> dict[str, str]:
    """source -> sha256 of every completely loaded document (to skip unchanged files early)."""
    return {source: doc.sha256 for source, doc in _stored_documents(store).items() if doc.sha256}


def _stored_documents(store: GraphStore) -> dict[str, _StoredDocument]:
    rows = store.query(_DOCUMENTS, row_limit=ALL_ROWS, timeout_ms=SCAN_TIMEOUT_MS).rows
    return {source: _StoredDocument(doc_id, sha256) for source, doc_id, sha256 in rows}


class _KnownDocuments:
    """The stored documents a load deals with: those at the sources it loads, and those with
    the same content (sha256). Looked up window by window, then kept up to date by the load."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self.by_source: dict[str, _StoredDocument] = {}
        self.by_sha: dict[str, str] = {}  # sha256 -> source
        self._sources: set[str] = set()  # looked up already: the load's own changes count
        self._shas: set[str] = set()

    def look_up(self, window: list[DocumentFacts]) -> None:
        sources = {facts.document.props["source"] for facts in window} - self._sources
        shas = {facts.document.props["sha256"] for facts in window} - self._shas
        self._sources |= sources
        self._shas |= shas
        rows = []
        for statement, key, values in (
            (_DOCUMENTS_AT, "sources", sources),
            (_DOCUMENTS_WITH, "shas", shas),
        ):
            if values:
                rows += self.store.query(statement, {key: sorted(values)}, row_limit=ALL_ROWS).rows
        for source, doc_id, sha256 in rows:
            self.by_source.setdefault(source, _StoredDocument(doc_id, sha256))
            if sha256:
                self.by_sha.setdefault(sha256, source)


def _windows(facts: Iterable[DocumentFacts], size: int) -> Iterator[list[DocumentFacts]]:
    iterator = iter(facts)
    while window := list(itertools.islice(iterator, size)):
        yield window


EdgeGroup = tuple[str, str, str]  # edge type, source label, target label


class _Batch:
    """Rows waiting to be written: one per node id, one per edge key, one per (edge key,
    document) for evidence.

    Repeated keys are merged here rather than sent twice: within one UNWIND ... MERGE the
    embedded store creates a repeated relationship once, with one row's values, and crashes
    when the statement also has ON MATCH SET (FalkorDB 4.16).
    """

    def __init__(self) -> None:
        self.nodes: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
        # label -> node id -> property -> (document id, value), the first document's by id
        self.stated_nodes: dict[str, dict[str, dict[str, tuple[str, Any]]]] = defaultdict(dict)
        self.edges: dict[EdgeGroup, dict[tuple, dict[str, Any]]] = defaultdict(dict)
        self.evidence: dict[EdgeGroup, dict[tuple, list[Evidence]]] = defaultdict(dict)
        self.stated: dict[EdgeGroup, dict[tuple, dict[str, Any]]] = defaultdict(dict)
        # doc id -> sha256, the numbers of facts and owned edges, and the search text, set once
        # the facts are in
        self.documents: dict[str, dict[str, Any]] = {}
        self._rows = 0

    def __len__(self) -> int:
        return self._rows

    def add(self, facts: DocumentFacts) -> None:
        document = facts.document
        self.documents[document.id] = {
            "id": document.id,
            "sha256": document.props["sha256"],
            "facts": count_facts(facts),
            "records": count_records(facts),
            SHADOW: facts.search_text or shadow_text(document.id, document.as_row()),
        }
        for node in (document, *facts.nodes):
            self._add_node(node, document.id)
        statements = _statements(facts)
        for edge in facts.edges:
            if edge.type == "MENTIONS" and edge.target in statements:
                props = edge.props | {STATEMENT: statements[edge.target]}
                edge = Edge(edge.type, edge.source, edge.target, props)
            self._add_edge(edge, document.id)

    def _add_node(self, node: Node, doc_id: str) -> None:
        label = label_of(node.id)  # labels come from the model's id prefixes, never from text
        row = node.as_row()
        if label == "Document":
            row.pop("sha256", None)
        if label in STATED_NODE_LABELS:
            stated = self.stated_nodes[label]
            self._rows += node.id not in stated
            first = stated.setdefault(node.id, {})
            for name, value in row.items():
                if name == "id" or value is None:
                    continue
                if name not in first or doc_id < first[name][0]:
                    first[name] = (doc_id, value)
            return
        rows = self.nodes[label]
        self._rows += node.id not in rows
        rows.setdefault(node.id, {}).update(row)

    def _add_edge(self, edge: Edge, doc_id: str) -> None:
        """The edge's row; the document's evidence for it; and, for a fact whose documents
        state properties, those of the first document by id (see model.STATED_PROPS)."""
        group = (edge.type, label_of(edge.source), label_of(edge.target))
        allowed = EDGE_ENDPOINTS.get(edge.type)
        if allowed is None or group[1] not in allowed[0] or group[2] not in allowed[1]:
            raise ValueError(f"a {edge.type} edge cannot join {group[1]} to {group[2]}")
        props = dict(edge.props)
        if edge.type == "IMPLEMENTS":
            props.pop("year", None)  # derived from the evidence below
        stated = {name: props.pop(name, None) for name in STATED_PROPS.get(edge.type, ())}
        key_names = EDGE_KEYS.get(edge.type, ())
        for name in key_names:
            if props.get(name) is None:
                props[name] = ""  # MERGE cannot match a null property
        rows = self.edges[group]
        key = (edge.source, edge.target, *(props[name] for name in key_names))
        if key not in rows:
            rows[key] = {"source": edge.source, "target": edge.target, "props": {}}
            if edge.type in ASSERTION_EDGES:  # documents and sentences supporting it, below
                rows[key] |= {DOCUMENT_COUNT: 0, SENTENCE_COUNT: 0}
            self._rows += 1
        row = rows[key]
        row["props"].update(props)
        if stated and (row.get(STATED_BY) is None or doc_id < row[STATED_BY]):
            row |= {"stated": stated, STATED_BY: doc_id}
        for evidence_doc, entries in edge.evidence_by_document().items():
            evidence = self.evidence[group]
            new = (*key, evidence_doc) not in evidence
            self._rows += new
            row[DOCUMENT_COUNT] += new
            row[SENTENCE_COUNT] += len(entries)
            evidence.setdefault((*key, evidence_doc), []).extend(entries)
            if stated:
                self.stated[group][(*key, evidence_doc)] = stated

    def fact_rows(self, group: EdgeGroup) -> list[dict[str, Any]]:
        """One row per fact; an adoption's with the year and the document to quote that its
        documents in the batch give (`_dating`)."""
        rows = self.edges[group]
        if group[0] == "IMPLEMENTS":
            by_fact: dict[tuple, dict[str, list[Evidence]]] = defaultdict(dict)
            for (source, target, doc_id), entries in self.evidence[group].items():
                by_fact[(source, target)][doc_id] = entries
            for key, row in rows.items():
                row["year"], row[QUOTED] = _dating(by_fact[key])
        return list(rows.values())

    def evidence_rows(self, group: EdgeGroup) -> list[dict[str, Any]]:
        """One row per (fact, document): the evidence edge's end nodes and properties."""
        key_names = EDGE_KEYS.get(group[0], ())
        stated = self.stated[group]
        rows = []
        for (source, target, *key, doc_id), entries in self.evidence[group].items():
            row = _evidence_row(
                source, target, dict(zip(key_names, key, strict=True)), doc_id, entries
            )
            row["props"] |= {
                name: value
                for name, value in stated.get((source, target, *key, doc_id), {}).items()
                if value is not None
            }
            rows.append(row)
        return rows


def _statements(facts: DocumentFacts) -> dict[str, str]:
    """What the document states of each node it mentions whose documents may differ on it
    (model.STATED_NODE_LABELS): the node's properties and the links leaving it, as the JSON
    its MENTIONS edge keeps."""
    links: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for edge in facts.edges:
        if edge.type in STATED_LINKS:
            links[edge.source][edge.type].add(edge.target)
    nodes = {node.id: node.as_row() for node in facts.nodes}
    statements = {}
    for edge in facts.edges:
        if edge.type == "MENTIONS" and label_of(edge.target) in STATED_NODE_LABELS:
            row = nodes.get(edge.target, {})
            statement = {
                "props": {k: v for k, v in row.items() if k != "id" and v is not None},
                "links": {kind: sorted(ids) for kind, ids in links[edge.target].items()},
            }
            statements[edge.target] = json.dumps(statement, ensure_ascii=False, sort_keys=True)
    return statements


def _evidence_row(
    source: str, target: str, key: dict[str, Any], doc_id: str, entries: list[Evidence]
) -> dict[str, Any]:
    """One document's evidence edge for the fact from `source` to `target` with `key`."""
    lists = evidence_lists(entries)
    props = {name: lists[name] for name in DOCUMENT_EVIDENCE_LISTS}
    props |= {"doc": doc_id, "year": _earliest(e.year for e in entries), **key}
    return {"source": source, "target": target, "props": props}


def _earliest(years: Iterable[int | None]) -> int | None:
    """The earliest known year (0 and None are unknown)."""
    return min((year for year in years if year), default=None)


def _dating(by_document: Mapping[str, list[Evidence]]) -> tuple[int | None, str | None]:
    """An adoption's year, the earliest its documents' evidence gives, and the document its
    answers quote (model.QUOTED): the first by id of those that give that year, of all when
    none gives one."""
    years = {doc_id: _earliest(e.year for e in entries) for doc_id, entries in by_document.items()}
    year = _earliest(years.values())
    return year, min((doc_id for doc_id, given in years.items() if given == year), default=None)


def count_facts(facts: DocumentFacts) -> int:
    """What `check_documents` counts for this document once it is loaded: its MENTIONS and
    DESCRIBES edges and the links leaving the nodes they reach (once per edge, as MERGE writes
    them), and its evidence entries."""
    doc_id = facts.document.id
    mentions = {edge.key for edge in facts.edges if edge.type in _DOCUMENT_EDGES}
    mentioned = {key[2] for key in mentions}
    links = {
        edge.key for edge in facts.edges if edge.type in _LINK_EDGES and edge.source in mentioned
    }
    evidence = sum(
        evidence.doc_id == doc_id
        for edge in facts.edges
        if edge.type in ASSERTION_EDGES
        for evidence in edge.evidence
    )
    return len(mentions) + len(links) + evidence


def count_records(facts: DocumentFacts) -> int:
    """The edges this document alone owns once it is loaded: its MENTIONS and DESCRIBES, and
    one evidence edge per fact it supports."""
    doc_id = facts.document.id
    mentions = {edge.key for edge in facts.edges if edge.type in _DOCUMENT_EDGES}
    supported = {
        edge.key
        for edge in facts.edges
        if edge.type in ASSERTION_EDGES and any(e.doc_id == doc_id for e in edge.evidence)
    }
    return len(mentions) + len(supported)


def _flush(store: GraphStore, batch: _Batch, summary: LoadSummary, batch_size: int) -> _Batch:
    """Write the batch (nodes, the documents' own edges, evidence, the facts' edges, then the
    documents' sha256); return an empty one."""
    if batch.documents:
        timeline.forget(store)
    per_statement = min(batch_size, ROWS_PER_STATEMENT)
    node_rows = {label: list(rows.values()) for label, rows in batch.nodes.items()}
    for label, stated in batch.stated_nodes.items():
        node_rows[label] = _first_stated(store, label, stated)
    for label, rows in node_rows.items():
        if label != "Document":  # a document gets its search text when marked complete, below
            rows = [searchable_row(label, row) for row in rows]
        for chunk in _chunks(rows, per_statement):  # a batch holds each node once
            created = store.write(_NODE_CREATE.format(label=label), {"rows": chunk})
            store.write(_NODE_MERGE.format(label=label), {"rows": chunk})
            summary.nodes_created += created.stats["nodes_created"]
            summary.nodes_updated += len(chunk) - created.stats["nodes_created"]
    for group in sorted(batch.edges, key=lambda group: group[0] not in _DOCUMENT_EDGES):
        if group[0] in EVIDENCE_EDGES:
            for chunk in _chunks(batch.evidence_rows(group), per_statement):
                store.write(_evidence_create(*group), {"rows": chunk})
        write_edges = _write_keyed_edges if group[0] in EDGE_KEYS else _merge_edges
        for chunk in _chunks(batch.fact_rows(group), per_statement):
            write_edges(store, group, chunk, summary)
    for chunk in _chunks(list(batch.documents.values()), per_statement):
        store.write(_MARK_COMPLETE, {"docs": chunk})
    return _Batch()


def _first_stated(
    store: GraphStore, label: str, stated: dict[str, dict[str, tuple[str, Any]]]
) -> list[dict[str, Any]]:
    """The rows of a batch's nodes of a stated label (model.STATED_NODE_LABELS) as they must be
    stored: each property the value of the first document, by id, stating it, among the
    batch's and those loaded before (a node stored without `props_stated_by` takes the
    batch's values). A document stating a property again restates it: a load cut short
    between the nodes and the MENTIONS edges leaves a node naming a document whose statement
    is not stored, and that document, changed, may be loaded again."""
    stored = _stored_nodes(store, label, sorted(stated))
    rows = []
    for node_id, props in stated.items():
        row = {k: v for k, v in (stored.get(node_id) or {}).items() if k != SHADOW}
        stated_by = json.loads(row.get(NODE_STATED_BY) or "{}")
        for name, (doc_id, value) in props.items():
            if name not in stated_by or doc_id <= stated_by[name]:
                row[name], stated_by[name] = value, doc_id
        rows.append(row | {"id": node_id, NODE_STATED_BY: json.dumps(stated_by, sort_keys=True)})
    return rows


def _merge_edges(
    store: GraphStore, group: EdgeGroup, rows: list[dict[str, Any]], summary: LoadSummary
) -> None:
    result = store.write(_edge_merge(*group), {"rows": rows})
    summary.edges_created += result.stats["relationships_created"]
    summary.edges_updated += _count(result) - result.stats["relationships_created"]
    summary.edges_unmatched += len(rows) - _count(result)


def _write_keyed_edges(
    store: GraphStore, group: EdgeGroup, rows: list[dict[str, Any]], summary: LoadSummary
) -> None:
    """Edges told apart by a key property (a policy's several goals for one stage).

    MERGE finds such an edge by walking every edge between its two nodes (thousands for a
    measure's goals at 10 000 documents: a cost per document that grew with the graph); the
    embedded store uses no relationship index there. So the edges that exist are matched
    through the index on the key (schema/) and updated, then the rest are created (a batch
    holds each key once).
    """
    rows = [{**row, "row": index} for index, row in enumerate(rows)]
    found = {index for (index,) in store.write(_keyed_edge_update(*group), {"rows": rows}).rows}
    new = [row for row in rows if row["row"] not in found]
    created = store.write(_keyed_edge_create(*group), {"rows": new}) if new else None
    made = created.stats["relationships_created"] if created else 0
    summary.edges_updated += len(found)
    summary.edges_created += made
    summary.edges_unmatched += len(new) - made


def _rows_and_ends(source_label: str, target_label: str) -> list[str]:
    """The opening of a statement writing one edge per row: the row's two end nodes as a, b."""
    return [
        "UNWIND $rows AS row",
        f"MATCH (a:{source_label} {{id: row.source}})",
        f"MATCH (b:{target_label} {{id: row.target}})",
    ]


def _keyed_edge_update(edge_type: str, source_label: str, target_label: str) -> str:
    key = ", ".join(f"{name}: row.props.{name}" for name in EDGE_KEYS[edge_type])
    return "\n".join(
        [
            "UNWIND $rows AS row",
            f"MATCH (:{source_label} {{id: row.source}})-[r:{edge_type} {{{key}}}]->"
            f"(:{target_label} {{id: row.target}})",
            "SET r += row.props",
            *_take_stated(edge_type),
            "RETURN row.row",
        ]
    )


def _take_stated(edge_type: str) -> list[str]:
    """Lines that give an edge the row's stated properties when the row's document comes
    before the one that stated them so far (model.STATED_PROPS)."""
    names = STATED_PROPS.get(edge_type, ())
    if not names:
        return []
    holders = {**{name: f"stated.{name}" for name in names}, STATED_BY: STATED_BY}
    taken = [
        f"{name}: CASE WHEN take THEN row.{holder} ELSE r.{name} END"
        for name, holder in holders.items()
    ]
    return [
        f"WITH r, row, r.{STATED_BY} IS NULL OR row.{STATED_BY} < r.{STATED_BY} AS take",
        # the whole property set replaced at once: see the note above _RESTATE
        "SET r = r {.*, " + ", ".join(taken) + "}",
    ]


def _keyed_edge_create(edge_type: str, source_label: str, target_label: str) -> str:
    return "\n".join(
        [
            *_rows_and_ends(source_label, target_label),
            f"CREATE (a)-[r:{edge_type}]->(b)",
            "SET r += row.props, r.documents = row.documents, r.sentences = row.sentences",
            *_take_stated(edge_type),
            "RETURN count(r)",
        ]
    )


def _evidence_create(edge_type: str, source_label: str, target_label: str) -> str:
    """One document's evidence for one fact: created, never merged (a document is loaded once;
    a document loaded again had its evidence removed first). A fact already stored counts
    them in its `documents`; a new one is written after, with the batch's count."""
    key = "".join(f", row.props.{name} AS {name}" for name in EDGE_KEYS.get(edge_type, ()))
    return "\n".join(
        [
            *_rows_and_ends(source_label, target_label),
            f"CREATE (a)-[e:{EVIDENCE_EDGES[edge_type]}]->(b)",
            "SET e = row.props",
            f"WITH row.source AS source, row.target AS target{key}, count(e) AS added, "
            "toInteger(sum(size(e.evidence))) AS sentences",  # FalkorDB sums as floats
            # the fact found as the keyed update finds it: through the index on its key
            f"OPTIONAL MATCH (:{source_label} {{id: source}})"
            f"-[r:{edge_type}{_key_pattern(edge_type, '')}]->(:{target_label} {{id: target}})",
            "SET r.documents = r.documents + added, r.sentences = r.sentences + sentences",
            "RETURN sum(added)",
        ]
    )


def _drop_evidence(edge_type: str) -> list[str]:
    """Delete the documents' evidence edges of one fact type, counting them off their facts:
    for a keyed type, a statement for each pair of end labels."""
    evidence_type = EVIDENCE_EDGES[edge_type]
    if edge_type not in EDGE_KEYS:
        find_fact = _FACT_BETWEEN_ENDS.format(edge_type=edge_type)
        return [_DROP_EVIDENCE.format(evidence_type=evidence_type, find_fact=find_fact)]
    sources, targets = EDGE_ENDPOINTS[edge_type]
    return [
        _DROP_EVIDENCE.format(
            evidence_type=evidence_type,
            find_fact=_FACT_BY_KEY.format(
                key_columns=_key_columns(edge_type),
                source_prefix=ID_PREFIXES[source_label],
                target_prefix=ID_PREFIXES[target_label],
                source_label=source_label,
                edge_type=edge_type,
                key=_key_pattern(edge_type, ""),
                target_label=target_label,
            ),
        )
        for source_label in sources
        for target_label in targets
    ]


def _edge_merge(edge_type: str, source_label: str, target_label: str) -> str:
    """MERGE one edge per row; an IMPLEMENTS keeps the earliest year its evidence gives and
    the document to quote for it (`_dating`; one whose quote is unknown, from an older
    version, keeps none)."""
    lines = [*_rows_and_ends(source_label, target_label), f"MERGE (a)-[r:{edge_type}]->(b)"]
    counts = "r.documents = row.documents, r.sentences = row.sentences"
    if edge_type == "IMPLEMENTS":
        lines += [
            f"ON CREATE SET {counts}, r.year = row.year, r.quoted = row.quoted",
            # the quote first, while r.year is the year before this row
            "ON MATCH SET r.quoted = CASE WHEN r.quoted IS NULL THEN null "
            "WHEN row.year < r.year OR (r.year IS NULL AND row.year IS NOT NULL) THEN row.quoted "
            "WHEN coalesce(row.year = r.year, row.year IS NULL AND r.year IS NULL) "
            "AND row.quoted < r.quoted THEN row.quoted ELSE r.quoted END, "
            "r.year = CASE WHEN r.year IS NULL OR row.year < r.year "
            "THEN row.year ELSE r.year END",
        ]
    elif edge_type in ASSERTION_EDGES:
        lines += [f"ON CREATE SET {counts}"]
    lines += ["SET r += row.props", *_take_stated(edge_type), "RETURN count(r)"]
    return "\n".join(lines)


def _remove(store: GraphStore, doc_ids: list[str]) -> None:
    """Remove documents: their evidence, the facts left without any, the documents, and the
    nodes nothing keeps alive any more. A few statements for any number of documents."""
    timeline.forget(store)
    facts = _supported_facts(store, doc_ids)
    marks = [{"doc": doc_id, "facts": sorted(found)} for doc_id, found in facts.items()]
    for chunk in _chunks(marks, ROWS_PER_STATEMENT):
        store.write(_MARK_REMOVING, {"rows": chunk})
    for edge_type in EVIDENCE_EDGES:
        for statement in _drop_evidence(edge_type):
            for docs in _chunks(doc_ids, ROWS_PER_STATEMENT):
                store.write(statement, {"docs": docs})
    by_group: dict[EdgeGroup, dict[tuple, dict[str, Any]]] = defaultdict(dict)
    for doc_id, found in facts.items():
        for fact in found:
            edge_type, source, target, metric, year = json.loads(fact)
            row = {"doc": doc_id, "source": source, "target": target, "metric": metric}
            group = by_group[(edge_type, label_of(source), label_of(target))]
            group[(doc_id, source, target, metric, year)] = row | {"year": year}
    for group, found_rows in sorted(by_group.items()):
        rows = list(found_rows.values())
        unique = list({(r["source"], r["target"], r["metric"]): r for r in rows}.values())
        for chunk in _chunks(unique, ROWS_PER_STATEMENT):  # each fact once: deleted once
            store.write(_drop_unsupported(*group), {"rows": chunk})
        for chunk in _chunks(rows if group[0] == "IMPLEMENTS" else [], ROWS_PER_STATEMENT):
            for statement in (_REDATE, _REQUOTE):  # the year first: the quote is of it
                store.write(statement.format(target_label=group[2]), {"rows": chunk})
        for chunk in _chunks(rows if group[0] in STATED_PROPS else [], ROWS_PER_STATEMENT):
            store.write(_restate(*group), {"rows": chunk})
    _restate_nodes(store, doc_ids)
    candidates: set[str] = set()
    for docs in _chunks(doc_ids, ROWS_PER_STATEMENT):
        for (found,) in store.write(_DELETE_DOCUMENT, {"docs": docs}).rows:
            candidates.update(found)
    by_label: dict[str, list[str]] = defaultdict(list)
    for node_id in candidates:
        by_label[label_of(node_id)].append(node_id)
    by_label.pop("Measure", None)
    for label, ids in by_label.items():
        for chunk in _chunks(sorted(ids), ROWS_PER_STATEMENT):
            store.write(_delete_orphans(label), {"ids": chunk})


def _stored_nodes(store: GraphStore, label: str, ids: list[str]) -> dict[str, dict[str, Any]]:
    """The stored properties of the nodes of these ids (those there are), by id."""
    stored: dict[str, dict[str, Any]] = {}
    for chunk in _chunks(ids, ROWS_PER_STATEMENT):
        found = store.query(_STORED_NODES.format(label=label), {"ids": chunk}, row_limit=ALL_ROWS)
        stored.update(found.rows)
    return stored


def _restate_nodes(store: GraphStore, doc_ids: list[str]) -> None:
    """Restate what the documents removed stated (model.STATED_NODE_LABELS) from the
    statements of the documents left: each property they were the first to state takes the
    next document's value (or goes), each link they stated stays only while another document
    states it. A node that a document without a statement also mentions (loaded by an older
    version) is left as it is: what that document said is not known."""
    removed = set(doc_ids)  # marked `removing` by now
    affected: set[str] = set()
    for docs in _chunks(doc_ids, ROWS_PER_STATEMENT):
        for node_id, stated_by, statement in store.query(
            _STATED_BY_REMOVED, {"docs": docs}, row_limit=ALL_ROWS
        ).rows:
            first = json.loads(stated_by or "{}").values()
            if json.loads(statement)["links"] or removed.intersection(first):
                affected.add(node_id)
    by_label: dict[str, list[str]] = defaultdict(list)
    for node_id in sorted(affected):
        by_label[label_of(node_id)].append(node_id)
    for label, ids in by_label.items():
        stored = _stored_nodes(store, label, ids)
        left: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
        for chunk in _chunks(ids, ROWS_PER_STATEMENT):
            statements = store.query(
                _STATEMENTS.format(label=label), {"ids": chunk}, row_limit=ALL_ROWS
            )
            for node_id, doc_id, stated in statements.rows:
                left[node_id].append((doc_id, stated))
        restated, links = [], defaultdict(list)
        for node_id in ids:
            statements = sorted(left[node_id])
            if not statements or any(stated is None for _, stated in statements):
                continue  # going with the documents, or stated by a document of old
            node, node_links = _restated(stored[node_id], statements, removed)
            restated.append(searchable_row(label, node))
            for kind, targets in node_links.items():
                links[kind].append({"id": node_id, "stated": targets})
        for chunk in _chunks(restated, ROWS_PER_STATEMENT):
            store.write(_RESTATE_NODES.format(label=label), {"rows": chunk})
        for kind, rows in links.items():
            for chunk in _chunks(rows, ROWS_PER_STATEMENT):
                store.write(_DROP_UNSTATED_LINKS.format(label=label, link=kind), {"rows": chunk})


def _restated(
    props: dict[str, Any], statements: list[tuple[str, str]], removed: set[str]
) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """A node's properties once the documents `removed` are gone, from the statements left
    (document id, JSON) in document order, and the targets of each link they state."""
    node = {k: v for k, v in props.items() if k != SHADOW}
    stated_by = json.loads(node.get(NODE_STATED_BY) or "{}")
    parsed = [(doc_id, json.loads(stated)) for doc_id, stated in statements]
    for name in [name for name, doc_id in stated_by.items() if doc_id in removed]:
        first = next(((d, s["props"][name]) for d, s in parsed if name in s["props"]), None)
        if first is None:
            node.pop(name, None)
            del stated_by[name]
        else:
            stated_by[name], node[name] = first
    node[NODE_STATED_BY] = json.dumps(stated_by, sort_keys=True)
    links = {
        kind: sorted({target for _, s in parsed for target in s["links"].get(kind, ())})
        for kind in STATED_LINKS
        if label_of(node["id"]) in EDGE_ENDPOINTS[kind][0]
    }
    return node, links


def _evidence_per_document(edge_type: str) -> str:
    return _EVIDENCE_PER_DOCUMENT.format(
        key_columns=_key_columns(edge_type),
        key=_key_pattern(edge_type, ""),
        edge_type=edge_type,
        evidence_type=EVIDENCE_EDGES[edge_type],
    )


def _supported_facts(store: GraphStore, doc_ids: list[str]) -> dict[str, set[str]]:
    """The facts each document's evidence supports, as the JSON text of (type, source, target,
    metric, year): those found, and those a removal cut short had written down."""
    facts: dict[str, set[str]] = {doc_id: set() for doc_id in doc_ids}
    for docs in _chunks(doc_ids, ROWS_PER_STATEMENT):
        for edge_type, evidence_type in EVIDENCE_EDGES.items():
            statement = _SUPPORTED.format(evidence_type=evidence_type)
            for doc_id, *fact in store.query(statement, {"docs": docs}, row_limit=ALL_ROWS).rows:
                facts[doc_id].add(json.dumps([edge_type, *fact], ensure_ascii=False))
        for doc_id, written in store.query(_REMOVING, {"docs": docs}, row_limit=ALL_ROWS).rows:
            facts[doc_id].update(written or [])
    return facts


def _restate(edge_type: str, source_label: str, target_label: str) -> str:
    restated = ", ".join(f"{name}: e.{name}" for name in STATED_PROPS[edge_type])
    (name,) = EDGE_KEYS[edge_type]  # a fact stated by its first document is told apart by one
    return _fact_statement(
        _RESTATE, edge_type, source_label, target_label, restated=restated, name=name
    )


def _drop_unsupported(edge_type: str, source_label: str, target_label: str) -> str:
    return _fact_statement(_DROP_UNSUPPORTED, edge_type, source_label, target_label)


def _fact_statement(
    template: str, edge_type: str, source_label: str, target_label: str, **more: str
) -> str:
    """A removal template for one kind of fact: its type, end labels, evidence type and the
    key its rows name it by."""
    return template.format(
        key=_key_pattern(edge_type, "row"),
        edge_type=edge_type,
        evidence_type=EVIDENCE_EDGES[edge_type],
        source_label=source_label,
        target_label=target_label,
        **more,
    )


def _delete_orphans(label: str) -> str:
    dead = _REGION_DEAD if label == "Region" else _DEAD
    return f"UNWIND $ids AS node_id MATCH (n:{label} {{id: node_id}}) WHERE {dead} DETACH DELETE n"


# --------------------------------------------------------------------------- imports

# What an imported file says replaces what the store holds for the same node or edge (`SET x =`):
# an import is exact and idempotent, and leaves every other node and edge alone.
_NODE_REPLACE = "UNWIND $rows AS row MERGE (n:{label} {{id: row.id}}) SET n = row RETURN count(n)"


def _edge_replace(edge_type: str, source_label: str, target_label: str) -> str:
    return "\n".join(
        [
            *_rows_and_ends(source_label, target_label),
            f"MERGE (a)-[r:{edge_type}{_key_pattern(edge_type, 'row.props')}]->(b)",
            # a fact counts the evidence edges written after it (its old ones are cleared)
            "SET r = row.props"
            + (", r.documents = 0, r.sentences = 0" if edge_type in ASSERTION_EDGES else ""),
            "RETURN count(r)",
        ]
    )


def _evidence_clear(edge_type: str, source_label: str, target_label: str) -> str:
    """The evidence edges of the rows' facts, deleted before the imported evidence is written."""
    return (
        f"UNWIND $rows AS row MATCH (a:{source_label} {{id: row.source}})"
        f"-[e:{EVIDENCE_EDGES[edge_type]}{_key_pattern(edge_type, 'row.props')}]->"
        f"(b:{target_label} {{id: row.target}}) DELETE e"
    )


@dataclass
class ReplaceSummary:
    nodes: int = 0
    edges: int = 0
    edges_unmatched: int = 0  # edges whose end nodes are neither in the import nor in the store


def replace(
    store: GraphStore, nodes: Iterable[Node], edges: Iterable[Edge], batch_size: int = 1000
) -> ReplaceSummary:
    """Write whole nodes and edges as they are (an RDF or JSON import), in batches: each
    replaces the node or edge of the same identity, with its evidence."""
    store.ensure_schema()
    timeline.forget(store)
    summary = ReplaceSummary()
    node_rows: dict[str, list[dict]] = defaultdict(list)
    for node in nodes:
        row = {k: v for k, v in node.as_row().items() if v is not None}
        node_rows[node.label].append(searchable_row(node.label, row))  # findable by search
    edge_rows: dict[EdgeGroup, list[dict]] = defaultdict(list)
    evidence_rows: dict[EdgeGroup, list[dict]] = defaultdict(list)
    for edge in edges:
        props = {k: v for k, v in edge.props.items() if v is not None}
        if edge.type in STATED_PROPS and edge.evidence:  # as a load would have stated it
            props[STATED_BY] = min(evidence.doc_id for evidence in edge.evidence)
        if edge.type == "IMPLEMENTS" and edge.evidence:  # as a load would have quoted it
            _, props[QUOTED] = _dating(edge.evidence_by_document())
        key = {name: props.setdefault(name, "") for name in EDGE_KEYS.get(edge.type, ())}
        group = (edge.type, label_of(edge.source), label_of(edge.target))
        edge_rows[group].append({"source": edge.source, "target": edge.target, "props": props})
        evidence_rows[group] += [
            _evidence_row(edge.source, edge.target, key, doc_id, entries)
            for doc_id, entries in edge.evidence_by_document().items()
        ]
    for label, rows in node_rows.items():
        for chunk in _chunks(rows, batch_size):
            summary.nodes += _count(store.write(_NODE_REPLACE.format(label=label), {"rows": chunk}))
    for group, rows in edge_rows.items():
        for chunk in _chunks(rows, batch_size):
            written = _count(store.write(_edge_replace(*group), {"rows": chunk}))
            summary.edges += written
            summary.edges_unmatched += len(chunk) - written
            if group[0] in EVIDENCE_EDGES:
                store.write(_evidence_clear(*group), {"rows": chunk})
        for chunk in _chunks(evidence_rows[group], batch_size):
            store.write(_evidence_create(*group), {"rows": chunk})
    finish(store)
    return summary


def statements() -> dict[str, str]:
    """One instance of every statement the loader sends (templates get a label or edge type),
    by name: for the Cypher linter, which checks them against Neo4j 5."""
    return {
        "loader: documents": _DOCUMENTS,
        "loader: documents at sources": _DOCUMENTS_AT,
        "loader: documents with content": _DOCUMENTS_WITH,
        "loader: find document": _FIND_DOCUMENT,
        "loader: create nodes": _NODE_CREATE.format(label="Region"),
        "loader: merge nodes": _NODE_MERGE.format(label="Region"),
        "loader: mark complete": _MARK_COMPLETE,
        "loader: mark incomplete": _MARK_INCOMPLETE,
        "loader: update citations": _UPDATE_CITATIONS,
        "loader: facts per document": _FACTS_PER_DOCUMENT,
        "loader: unfinished documents": _UNFINISHED,
        "loader: records written": _RECORDS_WRITTEN,
        "loader: edge count": _EDGE_COUNT.format(type="MENTIONS"),
        "loader: redate": _REDATE.format(target_label="Measure"),
        "loader: requote": _REQUOTE.format(target_label="Measure"),
        "loader: removing": _REMOVING,
        "loader: mark removing": _MARK_REMOVING,
        "loader: delete document": _DELETE_DOCUMENT,
        "loader: stored nodes": _STORED_NODES.format(label="Policy"),
        "loader: stated by removed documents": _STATED_BY_REMOVED,
        "loader: statements": _STATEMENTS.format(label="Policy"),
        "loader: restate nodes": _RESTATE_NODES.format(label="Policy"),
        "loader: drop unstated links": _DROP_UNSTATED_LINKS.format(
            label="Policy", link="ISSUED_BY"
        ),
        "loader: delete orphan regions": _delete_orphans("Region"),
        "loader: delete orphans": _delete_orphans("Policy"),
        **{
            f"loader: merge {edge_type}": _edge_merge(edge_type, sources[0], targets[0])
            for edge_type, (sources, targets) in EDGE_ENDPOINTS.items()
            if edge_type not in EDGE_KEYS
        },
        "loader: replace nodes": _NODE_REPLACE.format(label="Region"),
        **{
            f"loader: replace {edge_type}": _edge_replace(edge_type, sources[0], targets[0])
            for edge_type, (sources, targets) in EDGE_ENDPOINTS.items()
        },
        **{
            f"loader: {kind} {edge_type}": statement
            for edge_type in EVIDENCE_EDGES
            for kind, statement in _evidence_statements(edge_type).items()
        },
        **{
            f"loader: {kind} {edge_type}": template(
                edge_type, *(ends[0] for ends in EDGE_ENDPOINTS[edge_type])
            )
            for edge_type in EDGE_KEYS
            for kind, template in (("update", _keyed_edge_update), ("create", _keyed_edge_create))
        },
    }


def _evidence_statements(edge_type: str) -> dict[str, str]:
    group = (edge_type, *(ends[0] for ends in EDGE_ENDPOINTS[edge_type]))
    return {
        "supported facts": _SUPPORTED.format(evidence_type=EVIDENCE_EDGES[edge_type]),
        **{f"drop evidence {n}": text for n, text in enumerate(_drop_evidence(edge_type), 1)},
        "drop unsupported": _drop_unsupported(*group),
        "evidence per document": _evidence_per_document(edge_type),
        "create evidence": _evidence_create(*group),
        **({"restate": _restate(*group)} if edge_type in STATED_PROPS else {}),
        "clear evidence": _evidence_clear(*group),
    }


def _key_pattern(edge_type: str, holder: str) -> str:
    """The properties that tell the edge type's edges apart, as a pattern's map (or nothing),
    their values read from `holder` (or, with "", variables of the same names)."""
    key = ", ".join(
        f"{name}: {f'{holder}.{name}' if holder else name}" for name in EDGE_KEYS.get(edge_type, ())
    )
    return f" {{{key}}}" if key else ""


def _key_columns(edge_type: str) -> str:
    """The key of the edge type's evidence edge `e` as columns of a WITH, named as in the key."""
    return "".join(f", e.{name} AS {name}" for name in EDGE_KEYS.get(edge_type, ()))


def _count(result: QueryResult) -> int:
    return result.rows[0][0] if result.rows else 0


def _chunks(rows: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]
