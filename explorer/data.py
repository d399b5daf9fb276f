"""Cached, read-only access to the graph for the pages.

The graph changes only when documents are ingested, so answers are cached for a few minutes,
keyed by the store they came from, and dropped at once after an ingest in the app or a
press of "Refresh". The pages' own queries are files in queries/pages/, in the header format
of the canned queries and run through the same catalog: `answer(name, params)` (or
`records`/`frame` over it) runs one read-only with the store's timeout and row limit.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import pandas as pd
import streamlit as st

from edukg.catalog import PAGE_PARAM, inner_queries, load_catalog, saved_queries_dir
from edukg.explorer.i18n import t
from edukg.explorer.messages import translated
from edukg.queryfile import CannedQuery, QueryParam, coerce_params
from edukg.store import StoreError, StoreUnavailable, default_data_dir, open_store
from edukg.store.base import DEFAULT_ROW_LIMIT, GraphStore, QueryRejected, QueryResult
from edukg.store.model import (
    BOOKKEEPING_PROPS,
    EDGE_ENDPOINTS,
    NODE_LABELS,
    STORED_EDGE_TYPES,
    label_of,
)
from edukg.store.search import SHADOW

CACHE_TTL_S = 300
# Documents a profile lists of those mentioning its node, most mentions first: a province is
# mentioned by tens of thousands at a national scale, more than a page can draw.
DOCUMENTS_SHOWN = 100
# Policy texts a measure profile lists, those mentioning the measure most: a common measure is
# promoted by tens of thousands.
POLICIES_SHOWN = 100
PATH_SEPARATOR = " › "


def store_key() -> str:
    """Which store the environment points at; part of every cache key."""
    return os.environ.get("NEO4J_URI") or str(default_data_dir())


@st.cache_resource(show_spinner=False, on_release=lambda store: store.close())
def _open(key: str) -> GraphStore:
    """One store for all sessions; `key` only tells stores apart in the cache."""
    return open_store()


def store() -> GraphStore:
    return _open(store_key())


@st.cache_data(ttl=30, show_spinner=False)
def _store_problem(key: str) -> str | None:
    try:
        return store().problem()
    except StoreError:
        return None  # a store that cannot be reached: the page itself says so and what to do


def show_store_problem() -> None:
    """Say on every page when the embedded store's files are damaged, missing or the disk is
    full (its answers may then lack facts), with the command that repairs it."""
    problem = _store_problem(store_key())
    if problem:
        st.error(t("store_problem", problem=translated(problem)), icon=":material/warning:")


@st.cache_data(ttl=CACHE_TTL_S, show_spinner=False, max_entries=2000)
def _answer(key: str, cypher: str, params: dict[str, Any]) -> QueryResult:
    return store().query(cypher, params)


def _run(query: CannedQuery, params: Mapping[str, Any] | None) -> QueryResult:
    cypher, typed = query.statement(coerce_params(query, params or {}), store().backend)
    return _answer(store_key(), cypher, typed)


def answer(name: str, params: Mapping[str, Any] | None = None) -> QueryResult:
    """The answer of one of the pages' queries (queries/pages/NAME.cypher), cached."""
    return _run(inner_queries("pages")[name], params)


def records(name: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
    return answer(name, params).records()


def frame(name: str, params: Mapping[str, Any] | None = None) -> pd.DataFrame:
    """The answer as a table, with the query's columns even when there are no rows."""
    return _frame(answer(name, params))


def _frame(result: QueryResult) -> pd.DataFrame:
    return pd.DataFrame(result.rows, columns=result.columns)


def refresh() -> None:
    """Forget every cached answer (after an ingest, or when asked)."""
    st.cache_data.clear()
    _regions.clear()
    _measures.clear()


@st.cache_data(ttl=CACHE_TTL_S, show_spinner=False)
def _catalog(saved_dir: str) -> tuple[dict[str, CannedQuery], list[str]]:
    problems: list[str] = []
    return load_catalog(problems=problems), problems


def catalog() -> dict[str, CannedQuery]:
    """Canned and saved queries, cached; `forget_catalog` after saving or deleting one.
    Files that cannot be used are left out (see `catalog_problems`)."""
    return _catalog(str(saved_queries_dir()))[0]


def show_catalog_problems() -> None:
    """Say in the page which query files were left out of the catalog, and why."""
    for problem in _catalog(str(saved_queries_dir()))[1]:
        st.warning(t("query_file_left_out", problem=translated(problem)))


def forget_catalog() -> None:
    _catalog.clear()


def canned(name: str, params: dict[str, Any] | None = None) -> pd.DataFrame:
    """The answer of a canned query from `queries/` (the pages reuse them where they fit).

    The pages count and chart whole answers, so a query's own row cap (`limit`) is lifted to
    the store's row limit unless the page sets it.
    """
    query = catalog()[name]
    params = dict(params or {})
    if any(param.name == PAGE_PARAM for param in query.params):
        params.setdefault(PAGE_PARAM, DEFAULT_ROW_LIMIT)
    return _frame(_run(query, params))


def param_choices(param: QueryParam) -> list[tuple[Any, str]]:
    """(value, label) pairs for a query parameter with a `choices` query. Regions are
    labelled with their province and ordered as a tree, measures carry both names, and a
    default the graph does not hold ("" meaning all) comes first."""
    choices = _answer(store_key(), param.choices or "", {}).records()
    pairs = [(row["value"], str(row["label"])) for row in choices]
    values = [value for value, _ in pairs]
    for prefix, known, label in (
        ("region:", regions(), region_label),
        ("measure:", measures(), measure_label),
    ):
        if values and all(isinstance(v, str) and v.startswith(prefix) for v in values):
            order = {node_id: index for index, node_id in enumerate(known)}
            pairs = sorted(
                ((v, label(v)) for v in values), key=lambda p: order.get(p[0], len(order))
            )
    if param.default is not None and param.default not in values:
        pairs.insert(
            0, (param.default, t("queries_all") if param.default == "" else str(param.default))
        )
    return pairs


@contextmanager
def guarded() -> Iterator[None]:
    """Show a store failure as one message in the page and stop the page there."""
    try:
        yield
    except StoreUnavailable as problem:
        st.error(t("store_unavailable", problem=translated(problem)))
        st.stop()
    except QueryRejected as problem:
        st.error(t("query_refused", problem=translated(problem)))
        st.stop()
    except StoreError as problem:
        st.error(t("store_failed", problem=translated(problem)))
        st.stop()


def named(ids: list[str]) -> dict[str, dict[str, Any]]:
    """The nodes the graph holds among `ids` (id, label, name, title, doc_number, published),
    by id: one bounded look-up per label, the label read from the id's prefix."""
    by_label: dict[str, list[str]] = {}
    for node_id in dict.fromkeys(ids):
        try:
            by_label.setdefault(label_of(node_id), []).append(node_id)
        except ValueError:  # not an id of this graph (a hand-edited address)
            continue
    found: dict[str, dict[str, Any]] = {}
    for label, label_ids in by_label.items():
        for row in records("named", {"label": label, "ids": sorted(label_ids)}):
            found[row["id"]] = row
    return found


def starters(query: str, label: str, limit: int) -> list[str]:
    """The ids a picker offers before anything is typed: the nodes the loader ranked first
    (edukg.store.starters) as `query` reads them, or, in a graph not ranked yet (loaded by an
    older edukg), any `limit` nodes of the label."""
    ranked = records(query, {"limit": limit})
    return [row["id"] for row in ranked or records("any_nodes", {"label": label, "limit": limit})]


def documents_mentioning(label: str, node_id: str) -> tuple[pd.DataFrame, int]:
    """The first DOCUMENTS_SHOWN documents mentioning a node (most mentions first), and how
    many mention it in all."""
    shown = canned("documents_mentioning", {"node": node_id, PAGE_PARAM: DOCUMENTS_SHOWN})
    total = records("documents_count", {"label": label, "node": node_id})[0]["documents"]
    return shown, total


def measure_policies(measure_id: str) -> tuple[pd.DataFrame, int]:
    """The first POLICIES_SHOWN policy texts promoting a measure (most mentions first), and how
    many there are in all."""
    shown = frame("measure_policies", {"measure": measure_id, PAGE_PARAM: POLICIES_SHOWN})
    total = records("measure_policies_count", {"measure": measure_id})[0]["policies"]
    return shown, total


def graph_counts() -> pd.DataFrame:
    """Nodes per label and edges per type (kind, name, total; those present; the facts, not
    the edges holding their evidence), each one bare count: both stores answer that from
    their own statistics, where one statement counting every edge scans them (0.4 s at
    10 000 documents)."""
    rows = [
        ("node", label, records("label_count", {"label": label})[0]["count"])
        for label in NODE_LABELS
    ] + [
        ("edge", kind, records("type_count", {"type": kind})[0]["count"]) for kind in EDGE_ENDPOINTS
    ]
    present = sorted((row for row in rows if row[2]), key=lambda row: (row[0] != "node", row[1]))
    return pd.DataFrame(present, columns=["kind", "name", "total"])


@dataclass(frozen=True)
class SchemaPart:
    """A node label or an edge type the graph holds, how many, and its properties."""

    kind: str  # "node" or "edge"
    name: str
    count: int
    properties: tuple[str, ...]


def graph_schema() -> list[SchemaPart]:
    """The labels and edge types present in the graph (those edukg's model knows, the facts'
    evidence edges among them), with their counts and the properties found on a sample of
    each; the search index's shadow property and the store's bookkeeping are left out (they
    are edukg's own, not the analyst's)."""
    parts = []
    labels = {row["label"] for row in records("graph_labels")}
    for label in (label for label in NODE_LABELS if label in labels):
        parts.append(_schema_part("node", "label", label))
    types = {row["type"] for row in records("graph_types")}
    for kind in (kind for kind in STORED_EDGE_TYPES if kind in types):
        parts.append(_schema_part("edge", "type", kind))
    return [part for part in parts if part.count]


def _schema_part(kind: str, param: str, name: str) -> SchemaPart:
    """`param` is the label or the type: the pages' queries `label_count`, `type_keys`, …"""
    count = records(f"{param}_count", {param: name})[0]["count"]
    hidden = {SHADOW, *BOOKKEEPING_PROPS}
    found = records(f"{param}_keys", {param: name})
    keys = [row["key"] for row in found if row["key"] not in hidden]
    return SchemaPart(kind, name, count, tuple(keys))


# --------------------------------------------------------------------------- regions


@dataclass(frozen=True)
class RegionRecord:
    id: str
    name: str
    full_name: str
    level: str | None
    parent: str | None
    lon: float | None
    lat: float | None
    aliases: tuple[str, ...]
    measures: int  # measures it implements itself
    path: str  # names from the province down: 北京市 › 东城区

    @property
    def province_name(self) -> str:
        return self.path.split(PATH_SEPARATOR)[0]


# Shared, not copied: the pages look regions and measures up once per table row, and
# st.cache_data would unpickle the whole dict on every look-up (100 s for the 2 500 adopters of
# one measure at 10 000 documents). Nothing changes them after they are built.
@st.cache_resource(ttl=CACHE_TTL_S, show_spinner=False)
def _regions(key: str) -> Mapping[str, RegionRecord]:
    rows = {row["id"]: row for row in records("regions")}

    def chain(region_id: str) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        while region_id in rows and len(out) < 5:  # county → prefecture → province
            out.insert(0, rows[region_id])
            region_id = rows[region_id]["parent"]
        return out

    regions = {}
    for region_id in sorted(rows, key=lambda r: [x["id"] for x in chain(r)]):
        row = rows[region_id]
        regions[region_id] = RegionRecord(
            id=region_id,
            name=row["name"],
            full_name=row["full_name"],
            level=row["level"],
            parent=row["parent"],
            lon=row["lon"],
            lat=row["lat"],
            aliases=tuple(row["aliases"] or ()),
            measures=row["measures"],
            path=PATH_SEPARATOR.join(x["name"] for x in chain(region_id)),
        )
    return MappingProxyType(regions)


def regions() -> Mapping[str, RegionRecord]:
    """Every region, ordered as a tree (each province followed by its prefectures and
    counties), with its name path."""
    return _regions(store_key())


def within(region_id: str, scope: str) -> bool:
    """Whether a region is `scope` or lies below it (county → prefecture → province)."""
    known = regions()
    for _ in range(5):
        if region_id == scope:
            return True
        region = known.get(region_id)
        if region is None or region.parent is None:
            return False
        region_id = region.parent
    return False


def in_scope(facts: pd.DataFrame, scope: str) -> pd.DataFrame:
    """The facts (rows with `subject_id` and `sources`) that belong to `scope`: a region
    implementing their subject lies within it, or one of the documents listed (a query may
    list the first few of many) is about a region within it (the region it mentions most)."""
    subjects = sorted(set(facts["subject_id"]))
    implemented = {
        row["subject"]
        for row in records("implemented_within", {"subjects": subjects, "within": scope})
    }
    docs = sorted({doc for sources in facts["sources"] for doc in sources or []})
    about = {row["doc"]: row["regions"] for row in records("document_main_regions", {"docs": docs})}
    keep = [
        subject in implemented
        or any(within(rid, scope) for d in sources or [] for rid in about.get(d, []))
        for subject, sources in zip(facts["subject_id"], facts["sources"], strict=True)
    ]
    return facts[pd.Series(keep, index=facts.index, dtype=bool)].reset_index(drop=True)


def region_label(region_id: str) -> str:
    region = regions().get(region_id)
    return region.path if region else region_id


def region_labels(region_ids: pd.Series) -> pd.Series:
    """`region_label` of a column of ids, the regions looked up once (a measure's adopters run
    to thousands, and each look-up of the cached regions costs what a row's drawing does)."""
    known = regions()
    return region_ids.map(lambda rid: known[rid].path if rid in known else rid)


# --------------------------------------------------------------------------- measures


@dataclass(frozen=True)
class MeasureRecord:
    id: str
    name: str
    name_en: str
    aliases: tuple[str, ...]
    broader: str | None
    adopters: int

    @property
    def label(self) -> str:
        """Both names, always: the Chinese term is what documents say."""
        return f"{self.name} · {self.name_en}" if self.name_en else self.name


@st.cache_resource(ttl=CACHE_TTL_S, show_spinner=False)  # shared, like _regions
def _measures(key: str) -> Mapping[str, MeasureRecord]:
    measures = [
        MeasureRecord(
            id=row["id"],
            name=row["name"],
            name_en=row["name_en"],
            aliases=tuple(row["aliases"] or ()),
            broader=row["broader"],
            adopters=row["adopters"],
        )
        for row in records("measures")
    ]
    return MappingProxyType({m.id: m for m in sorted(measures, key=lambda m: (-m.adopters, m.id))})


def measures() -> Mapping[str, MeasureRecord]:
    """Every measure of the taxonomy, the most adopted first."""
    return _measures(store_key())


def measure_label(measure_id: str) -> str:
    measure = measures().get(measure_id)
    return measure.label if measure else measure_id
