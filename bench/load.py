"""The loader against the fastest way to put the same rows into the same store.

The loader runs as the ingest runs it (chunks of `pipeline.DOCUMENTS_PER_LOAD` documents, one
compaction at the end) into an empty graph, through a store wrapper that keeps every batch of
rows it sends. Those batches are then written again into another empty graph of the same
server with plain `UNWIND $rows AS row CREATE …` statements: no MERGE, no bookkeeping.

A row whose node or edge an earlier batch already made is an update (a property set, an
earlier year), which CREATE cannot express; written again, it would make a second node,
which multiplies every edge matched to it later. The raw CREATE therefore writes each node
and edge once, from its first row, and both rates are rows written per second.
"""

from __future__ import annotations

import itertools
import re
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from bench.results import LoadFigures
from edukg.ingest.pipeline import DOCUMENTS_PER_LOAD
from edukg.store import loader
from edukg.store.base import GraphStore, QueryResult
from edukg.store.falkordb_store import FalkorDBStore
from edukg.store.model import EDGE_KEYS, DocumentFacts
from edukg.store.server import EmbeddedServer

LOADED_GRAPH = "bench_load"
RAW_GRAPH = "bench_raw"

# A node batch's new nodes are created by one statement, then all its nodes are merged by another
# (edukg.store.loader._flush): the second has all of the batch's rows.
_NODE_MERGE = re.compile(r"MERGE \(n:(\w+) ")
_NODE_CREATE = re.compile(r"^CREATE \(n:\w+\)$", re.M)
_EDGE_MERGE = re.compile(r"MATCH \(a:(\w+) .*\nMATCH \(b:(\w+) .*\nMERGE \(a\)-\[r:(\w+)", re.S)
# A keyed edge batch is matched and updated by one statement, then its new edges are created by
# another (edukg.store.loader._write_keyed_edges): the first has all of the batch's rows.
_KEYED_UPDATE = re.compile(r"MATCH \(:(\w+) \{id: row.source\}\)-\[r:(\w+) .*\(:(\w+) ")
_KEYED_CREATE = re.compile(r"\nCREATE \(a\)-\[r:\w+\]")
# A document's evidence for a fact is created, never merged: its statement is its own raw CREATE.
_EVIDENCE_CREATE = re.compile(r"CREATE \(a\)-\[e:(\w+)\]")
_ENDPOINTS = {"source", "target", "props", "row"}


class RecordingStore(GraphStore):
    """A store that passes everything on and keeps the rows of every batched write, and each
    document's completion mark (its sha256, counts and search text: the loader writes them
    once its facts are in), which the raw CREATE writes with the document."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self.backend = store.backend
        self.batches: list[tuple[str, list[dict[str, Any]]]] = []
        self.completed: dict[str, Row] = {}

    def query(self, cypher: str, params: dict[str, Any] | None = None, **limits) -> QueryResult:
        return self.store.query(cypher, params, **limits)

    def write(self, cypher: str, params: dict[str, Any] | None = None) -> QueryResult:
        documents = (params or {}).get("docs")
        if documents and isinstance(documents[0], dict):  # the completion mark
            self.completed.update((document["id"], document) for document in documents)
        elif params and "rows" in params and not _creates_the_rest(cypher):
            self.batches.append((cypher, params["rows"]))
        return self.store.write(cypher, params)

    def ensure_schema(self) -> None:
        self.store.ensure_schema()

    def compact(self, *, wait: bool = True) -> None:
        self.store.compact(wait=wait)

    @property
    def lock_path(self) -> Path:
        return self.store.lock_path

    def clear(self) -> None:
        self.store.clear()

    def close(self) -> None:
        self.store.close()


Row = dict[str, Any]


def _creates_the_rest(statement: str) -> bool:
    """Whether the statement creates the nodes or keyed edges of a batch that another statement
    (whose rows are recorded) merges or updates."""
    return bool(_KEYED_CREATE.search(statement) or _NODE_CREATE.search(statement))


def raw_create(statement: str, rows: Sequence[Row]) -> tuple[str, Callable[[Row], tuple]]:
    """The plain CREATE that writes the rows of one of the loader's MERGE statements, and the
    key that identifies the node or edge a row makes."""
    evidence = _EVIDENCE_CREATE.search(statement)
    if evidence:
        return statement, lambda row: (
            evidence.group(1),
            row["source"],
            row["target"],
            row["props"]["doc"],
            row["props"].get("metric"),
        )
    node = _NODE_MERGE.search(statement)
    if node:
        label = node.group(1)
        return f"UNWIND $rows AS row CREATE (n:{label}) SET n = row", lambda row: (
            label,
            row["id"],
        )
    edge = _EDGE_MERGE.search(statement)
    keyed = _KEYED_UPDATE.search(statement)
    if edge:
        source, target, edge_type = edge.groups()
    elif keyed:
        source, edge_type, target = keyed.groups()
    else:
        raise ValueError(f"not a loader batch statement: {statement[:80]}")
    extra = "".join(
        f", r += row.{key}" if key == "stated" else f", r.{key} = row.{key}"
        for key in rows[0]
        if key not in _ENDPOINTS
    )
    keys = EDGE_KEYS.get(edge_type, ())
    create = (
        f"UNWIND $rows AS row MATCH (a:{source} {{id: row.source}}) "
        f"MATCH (b:{target} {{id: row.target}}) "
        f"CREATE (a)-[r:{edge_type}]->(b) SET r = row.props{extra}"
    )
    return create, lambda row: (
        edge_type,
        row["source"],
        row["target"],
        *(row["props"].get(k) for k in keys),
    )


def first_rows(
    batches: Sequence[tuple[str, list[Row]]], made: set[tuple], completed: dict[str, Row]
) -> list[tuple[str, list[Row]]]:
    """The batches as CREATE statements, each keeping the rows of the nodes and edges not in
    `made` (which collects the ones written); a document's row with its completion mark."""
    creates = []
    for statement, rows in batches:
        create, key = raw_create(statement, rows)
        fresh = []
        for row in rows:
            if key(row) not in made:
                made.add(key(row))
                fresh.append(row | completed.get(row.get("id"), {}))
        if fresh:
            creates.append((create, fresh))
    return creates


def compare_load(
    server: EmbeddedServer, facts: Iterable[DocumentFacts], *, keep: bool = False
) -> LoadFigures:
    """Load chunk by chunk, each chunk's raw CREATE right after it: on a shared machine, both
    then run under the same load, and their ratio holds even when the load changes. Only a
    chunk's facts are held at once; reading them (`facts` may come from a spool file) is not
    timed.

    With `keep`, the loaded graph (LOADED_GRAPH) stays, for the caller to compare and clear.
    """
    clock = time.perf_counter
    with FalkorDBStore(server, LOADED_GRAPH) as target, FalkorDBStore(server, RAW_GRAPH) as raw:
        target.clear()
        raw.clear()
        recorder = RecordingStore(target)
        made: set[tuple] = set()
        chunk_seconds, chunk_started, raw_seconds, rows, raw_rows, statements = [], [], 0.0, 0, 0, 0
        chunks = iter(facts)
        while chunk := list(itertools.islice(chunks, DOCUMENTS_PER_LOAD)):
            recorder.batches.clear()
            recorder.completed.clear()
            chunk_started.append(time.time())
            began = clock()
            loader.load(recorder, chunk, compact=False)
            chunk_seconds.append(clock() - began)
            creates = first_rows(recorder.batches, made, recorder.completed)
            began = clock()
            for statement, batch in creates:
                raw.write(statement, {"rows": batch})
            raw_seconds += clock() - began
            rows += sum(len(batch) for _, batch in recorder.batches)
            raw_rows += sum(len(batch) for _, batch in creates)
            statements += len(recorder.batches)
        began = clock()
        target.compact()
        compact_seconds = clock() - began
        if not keep:
            target.clear()  # free the server's memory for the queries on the ingested graph
        raw.clear()
    return LoadFigures(
        rows=rows,
        raw_rows=raw_rows,
        statements=statements,
        load_seconds=sum(chunk_seconds),
        compact_seconds=compact_seconds,
        raw_create_seconds=raw_seconds,
        chunk_seconds=chunk_seconds,
        chunk_documents=DOCUMENTS_PER_LOAD,
        chunk_started=chunk_started,
    )
