"""The whole graph, and query results, as JSON or CSV.

JSON, in the shape DESIGN.md promises: `{"nodes": [{"id", "label", "name", ...props}],
"edges": [{"type", "source", "target", ...props}]}`, nodes sorted by id, edges by (type,
source, target, edge key such as a TARGETS `metric`); every property under its own name,
the Document `text` included.

CSV: two tables. `nodes`: id, label, name, then every other property in alphabetical
order; `edges`: type, source, target, then every property. Lists and other non-string
values are written as JSON (`["doc:a", "doc:b"]`, `2014`, `true`), missing values as empty
cells. The Document `text` is left out (one whole document per cell helps nobody).
`write_csv` writes `nodes.csv` and `edges.csv` into a folder, or into a zip archive when the
path ends in `.zip` (two tables are never one stream: a reader would take them for one).
With `bom`, each file starts with a UTF-8 byte-order mark, so that Excel reads Chinese right.

Query results (`result_csv`, `result_json`) follow the same cell rules: one CSV row per
result row, or a JSON list of records keyed by column name.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from edukg.catalog import inner_queries, run_canned
from edukg.store.base import ALL_ROWS, GraphStore, QueryResult
from edukg.store.model import (
    BOOKKEEPING_PROPS,
    EDGE_KEYS,
    EVIDENCE_EDGES,
    NODE_LABELS,
    Evidence,
    evidence_lists,
    evidence_of,
)
from edukg.store.search import SHADOW

PAGE_SIZE = 500
CSV_LEFT_OUT = {"text"}
# Excel takes a CSV file for the local code page unless it opens with this mark.
BOM = "\ufeff"
NODE_HEAD = ("id", "label", "name")
EDGE_HEAD = ("type", "source", "target")
# Evidence lists in which the store writes 0 for "unknown" (no year stated).
UNKNOWN_YEAR_LISTS = frozenset({"evidence_year"})


EVIDENCE_TYPES = list(EVIDENCE_EDGES.values())
# Not exported: the search index's shadow property (derived, rebuilt on import) and the store's
# bookkeeping.
_NODE_HIDDEN = frozenset({*NODE_HEAD, SHADOW, *BOOKKEEPING_PROPS})
_EDGE_HIDDEN = frozenset({*EDGE_HEAD, *BOOKKEEPING_PROPS})


def export_graph(store: GraphStore, page_size: int = PAGE_SIZE) -> dict[str, list[dict]]:
    """Every node and edge of the graph, read page by page, in a deterministic order.

    The store keeps each document's evidence for a fact on an edge of its own; here they are
    read document by document (a province's fact has tens of thousands: no page of nodes
    could carry them) and joined into the fact's evidence lists, ordered by document id and
    position, so that the export does not depend on the order the documents were loaded in."""
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    for label in NODE_LABELS:
        for node_id, props, out in _node_pages(store, label, page_size):
            nodes.append(_node(label, props))
            edges.extend(_edge(node_id, edge) for edge in out)
    doc_ids = [node["id"] for node in nodes if node["label"] == "Document"]
    evidence = _evidence_by_fact(store, doc_ids, page_size)
    for index, edge in enumerate(edges):
        if edge["type"] in EVIDENCE_EDGES:
            entries = sorted(evidence.get(_edge_order(edge), ()), key=_evidence_order)
            edges[index] = _edge(edge["source"], {**edge, "props": edge | evidence_lists(entries)})
    nodes.sort(key=lambda node: node["id"])
    edges.sort(key=_edge_order)
    return {"nodes": nodes, "edges": edges}


def _node_pages(store: GraphStore, label: str, page_size: int) -> Iterator[list]:
    """A label's nodes with their outgoing edges but the evidence edges, keyset-paged by id."""
    page = inner_queries("export")["page"]
    after = ""
    while True:
        params = {"label": label, "after": after, "page": page_size, "evidence": EVIDENCE_TYPES}
        rows = run_canned(store, page, params, row_limit=page_size).rows
        yield from rows
        if len(rows) < page_size:
            return
        after = rows[-1][0]


def _evidence_by_fact(
    store: GraphStore, doc_ids: list[str], page_size: int
) -> dict[tuple, list[Evidence]]:
    """The evidence entries of every fact, keyed like `_edge_order`, read for `page_size`
    documents at a time through the evidence edges' doc index."""
    query = inner_queries("export")["evidence"]
    evidence: dict[tuple, list[Evidence]] = defaultdict(list)
    for first in range(0, len(doc_ids), page_size):
        docs = doc_ids[first : first + page_size]
        for fact_type, evidence_type in EVIDENCE_EDGES.items():
            params = {"type": evidence_type, "docs": docs}
            for source, target, props in run_canned(store, query, params, row_limit=ALL_ROWS).rows:
                fact = {"type": fact_type, "source": source, "target": target, **props}
                evidence[_edge_order(fact)] += evidence_of(props)
    return evidence


def _evidence_order(evidence: Evidence) -> tuple:
    return (evidence.doc_id, evidence.start, evidence.end, evidence.sentence)


def _node(label: str, props: dict[str, Any]) -> dict[str, Any]:
    rest = {k: props[k] for k in sorted(props) if k not in _NODE_HIDDEN}
    return {"id": props["id"], "label": label, "name": props.get("name"), **rest}


def _edge(source: str, edge: dict[str, Any]) -> dict[str, Any]:
    props = edge["props"] or {}
    rest = {k: props[k] for k in sorted(props) if k not in _EDGE_HIDDEN}
    return {"type": edge["type"], "source": source, "target": edge["target"], **rest}


def _edge_order(edge: dict[str, Any]) -> tuple:
    keys = tuple(str(edge.get(k, "")) for k in EDGE_KEYS.get(edge["type"], ()))
    return (edge["type"], edge["source"], edge["target"], *keys)


def unknown_years(edge: dict[str, Any]) -> dict[str, Any]:
    """An edge as the files write it: in the evidence lists the store keeps 0 for "the
    sentence states no year"; 0 is not a year, so the files say null (an empty CSV cell)."""
    return {
        key: [None if item == 0 else item for item in value]
        if key in UNKNOWN_YEAR_LISTS and isinstance(value, list)
        else value
        for key, value in edge.items()
    }


def write_json(graph: dict[str, list[dict]], out: TextIO) -> None:
    graph = {**graph, "edges": [unknown_years(edge) for edge in graph["edges"]]}
    json.dump(graph, out, ensure_ascii=False, indent=2)
    out.write("\n")


def write_csv(graph: dict[str, list[dict]], out: Path, *, bom: bool = False) -> list[Path]:
    """Write the nodes and edges tables into a folder (created if needed) or, for a path
    ending in .zip, an archive. Returns the files written (the archive alone for a zip)."""
    edges = [unknown_years(edge) for edge in graph["edges"]]
    tables = {"nodes": (graph["nodes"], NODE_HEAD), "edges": (edges, EDGE_HEAD)}
    texts = {f"{name}.csv": _table_text(*table, bom=bom) for name, table in tables.items()}
    out = Path(out)
    if out.suffix.lower() == ".zip":
        out.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, text in texts.items():
                archive.writestr(name, text)
        return [out]
    out.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (out / name).write_text(text, encoding="utf-8", newline="")
    return [out / name for name in texts]


def _table_text(rows: list[dict[str, Any]], head: tuple[str, ...], *, bom: bool) -> str:
    stream = io.StringIO()
    if bom:
        stream.write(BOM)
    _write_table(stream, rows, head)
    return stream.getvalue()


def _write_table(stream: TextIO, rows: list[dict[str, Any]], head: tuple[str, ...]) -> None:
    extra = sorted({key for row in rows for key in row} - set(head) - CSV_LEFT_OUT)
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow([*head, *extra])
    for row in rows:
        writer.writerow([cell_text(row.get(column)) for column in (*head, *extra)])


def cell_text(value: Any) -> str:
    """One value as table text: lists and maps as JSON, null as empty."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def result_csv(result: QueryResult, *, bom: bool = False) -> str:
    """A query result as CSV text with a header row (after a byte-order mark with `bom`)."""
    out = io.StringIO()
    if bom:
        out.write(BOM)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(result.columns)
    writer.writerows([cell_text(value) for value in row] for row in result.rows)
    return out.getvalue()


def result_json(result: QueryResult) -> str:
    """A query result as a JSON list of records."""
    return json.dumps(result.records(), ensure_ascii=False, indent=2)
