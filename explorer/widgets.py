"""Pickers, tables, charts, the graph view and the map, shared by the pages."""

from __future__ import annotations

import dataclasses
import difflib
import hashlib
import heapq
import itertools
import math
import os
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import altair as alt
import pandas as pd
import pydeck as pdk
import streamlit as st

from edukg.explorer import data
from edukg.explorer.citation import hide_local_paths
from edukg.explorer.data import RegionRecord
from edukg.explorer.graph import Graph, graph_chart
from edukg.explorer.i18n import plain, t
from edukg.explorer.messages import translated
from edukg.explorer.navigation import go
from edukg.export import result_csv, result_json
from edukg.store.base import QueryRejected, QueryResult, StoreError
from edukg.store.model import ID_PREFIXES

MAX_GRAPH_NODES = 120
PICKER_HITS = 50  # choices a searching picker offers at once
LABEL_LIMIT = 360  # pixels of an axis label before it is cut
LABEL_SIZE = 14  # pixels; a Chinese character is about as wide
LABEL_MARGIN = 4
DOT_FILL = (242, 142, 43, 180)  # a map dot that no colour scale fills
MAP_FONT = "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif"


# --------------------------------------------------------------------------- pickers


def synced_select(
    label: str,
    options: Sequence[Any],
    *,
    key: str,
    param: str | None,
    default: Any = None,
    format_func: Callable[[Any], str] = str,
    suggestions: Mapping[Any, str] | None = None,
) -> Any:
    """A select box whose choice is also in the address (`?param=value`), so that other
    pages can link to a choice and a choice can be shared as a link (`param=None`: not).

    A value arriving in the address (a link was followed) wins over the box's earlier
    choice; otherwise the user's last choice stays. A value the graph does not hold (a
    broken or outdated link) is said to be not found, with the closest choices to pick from
    (among `suggestions` when given, else the options), and the page stops there rather than
    show something else in its place.
    """
    # labels made now, in this run's language (a lambda would be called later, too)
    labels = {option: format_func(option) for option in options}
    incoming = st.query_params.get(param) if param else None
    missing = f"{key}:missing"
    if incoming is not None and incoming not in labels:
        if incoming != st.session_state.get(missing):  # a new broken link: nothing chosen
            st.session_state[key] = None
            st.session_state[missing] = incoming
    else:
        st.session_state[missing] = None
        if incoming is not None and incoming != st.session_state.get(f"{key}:synced"):
            st.session_state[key] = incoming
    if st.session_state.get(key) not in labels and not st.session_state.get(missing):
        st.session_state[key] = default if default in labels else next(iter(labels), None)
    value = st.selectbox(
        label, list(labels), key=key, format_func=labels.__getitem__, placeholder=t("pick_one")
    )
    if value is None and st.session_state.get(missing):
        not_found(st.session_state[missing], suggestions or labels, key=key, on_pick=_choose)
        st.stop()
    st.session_state[missing] = None
    st.session_state[f"{key}:synced"] = value
    if value is not None and param:
        st.query_params[param] = value
    return value


def _choose(key: str, option: Any) -> None:
    st.session_state[key] = option


def not_found(
    wanted: str,
    labels: Mapping[Any, str],
    *,
    key: str,
    on_pick: Callable[[str, Any], None],
    count: int = 5,
) -> None:
    """Say that the address names something the graph does not hold, and offer the closest
    choices (by id and by name) as buttons; a button calls `on_pick(key, choice)`."""
    st.warning(t("not_found", value=wanted), icon=":material/search_off:")
    matches = closest(wanted, labels, count)
    if matches:
        st.caption(t("closest_matches"))
    for option in matches:
        st.button(
            plain(labels[option]),
            key=f"{key}:match:{option}",
            on_click=on_pick,
            args=(key, option),
            type="tertiary",
            icon=":material/arrow_forward:",
        )


def closest(wanted: str, labels: Mapping[Any, str], count: int = 5) -> list[Any]:
    """The `count` choices most like `wanted`: by the id after its prefix (region:110101 ->
    110101, where a shared start means the same province), and by the name shown."""
    core = str(wanted).split(":", 1)[-1].lower()

    def score(option: Any) -> float:
        own = str(option).split(":", 1)[-1].lower()
        start = len(os.path.commonprefix([core, own])) / max(len(core), 1)
        by_id = difflib.SequenceMatcher(None, core, own).ratio()
        by_name = difflib.SequenceMatcher(None, core, labels[option].lower()).ratio()
        return max(start, by_id, by_name)

    scored = [(score(option), index, option) for index, option in enumerate(labels) if option]
    return [option for _, _, option in heapq.nsmallest(count, scored, key=lambda x: (-x[0], x[1]))]


def search_select(
    label: str,
    *,
    kinds: Sequence[str],
    key: str,
    param: str | None,
    starters: Sequence[str],
    describe: Callable[[str], str],
    known: Callable[[list[str]], list[str]],
    nearby: Callable[[str], list[str]],
    default: str | None = None,
    blank: str | None = None,
) -> str | None:
    """A picker for choices that run to thousands (policies, regions, documents): a search
    box that searches the graph as one types (the store's full-text `search`, at most
    PICKER_HITS of each kind), and a select box of what it found, the best first chosen.
    Before anything is typed, the select box offers the current choice and `starters` (a
    bounded list the page picks).

    The choice is kept in the address (`?param=id`), as `synced_select` does; an id the graph
    does not hold is not found, with `nearby(id)` (ids like it) offered instead. `known(ids)`
    keeps the ids the graph holds, `describe(id)` names one; with `blank`, "" is a first
    option of that name (e.g. all regions). Nothing here reads a whole label.
    """
    from edukg.explorer.search import (
        search,  # here: edukg.explorer.search -> evidence -> this module
    )

    typed = st.text_input(
        t("picker_search", what=label),
        key=f"{key}:search",
        live=True,
        placeholder=t("picker_placeholder"),
        icon=":material/search:",
    )
    hits: list[str] = []
    if typed.strip():
        hits = known([hit.id for hit in search(typed, kinds=kinds, limit=PICKER_HITS, prefix=True)])
        if not hits:
            st.caption(t("search_none", query=typed.strip()))
    incoming = st.query_params.get(param) if param else None
    if hits:
        options = hits
        if st.session_state.get(key) not in hits:  # typing moves the choice to the best match
            st.session_state[key] = st.session_state[f"{key}:synced"] = hits[0]
            if param:
                st.query_params[param] = hits[0]
    else:
        current = [incoming, st.session_state.get(key), default]
        options = known(list(dict.fromkeys([c for c in current if c] + list(starters))))
    suggestions = None
    if not hits and incoming and incoming not in options:  # a broken link
        near = nearby(incoming)
        options = list(dict.fromkeys([*options, *near]))
        suggestions = {node_id: describe(node_id) for node_id in near}
    if blank is not None:
        options = ["", *options]
    return synced_select(
        label,
        options,
        key=key,
        param=param,
        default=default if default is not None else ("" if blank is not None else None),
        format_func=lambda node_id: (
            blank if node_id == "" and blank is not None else describe(node_id)
        ),
        suggestions=suggestions,
    )


def region_select(
    key: str,
    *,
    param: str | None = "region",
    default: str | None = None,
    all_label: str | None = None,
    label: str | None = None,
) -> str | None:
    """A region by name, shown with its province and prefecture (北京市 › 东城区), so that
    regions sharing a name (two 朝阳区) are told apart; searched as one types. With
    `all_label`, "" means all."""
    regions = data.regions()
    paths = {rid: region.path for rid, region in regions.items()}
    return search_select(
        label or (t("pick_within") if all_label else t("pick_region")),
        kinds=["Region"],
        key=key,
        param=param,
        starters=list(itertools.islice(regions, PICKER_HITS)),
        describe=data.region_label,
        known=lambda ids: [rid for rid in ids if rid in regions],
        nearby=lambda wanted: closest(wanted, paths),  # the region table is in memory
        default=default,
        blank=all_label,
    )


def node_select(
    label: str,
    *,
    kinds: Sequence[str],
    key: str,
    param: str | None,
    starters: Sequence[str],
    describe: Callable[[dict[str, Any]], str],
    default: str | None = None,
    blank: str | None = None,
) -> str | None:
    """`search_select` over nodes named by a bounded look-up of the ids on offer
    (`data.named`); `describe` names a node from its record. For a broken link, the nodes a
    search for the words of its id finds are offered."""
    from edukg.explorer.search import (
        search,  # here: edukg.explorer.search -> evidence -> this module
    )

    found: dict[str, dict[str, Any]] = {}

    def known(ids: list[str]) -> list[str]:
        found.update(data.named([node_id for node_id in ids if node_id not in found]))
        return [node_id for node_id in ids if node_id in found]

    def nearby(wanted: str) -> list[str]:
        words = wanted.split(":", 1)[-1]
        return known([hit.id for hit in search(words, kinds=kinds, limit=5, prefix=True)])

    return search_select(
        label,
        kinds=kinds,
        key=key,
        param=param,
        starters=starters,
        describe=lambda node_id: describe(found[node_id]),
        known=known,
        nearby=nearby,
        default=default,
        blank=blank,
    )


def region_multiselect(key: str, *, param: str, default: list[str]) -> list[str]:
    """Several regions, kept in the address as `?param=id,id`; a search box above offers the
    regions it finds as one types (at most PICKER_HITS), beside those chosen. Ids the graph
    does not hold are said to be not found, with the closest regions to add instead."""
    from edukg.explorer.search import (
        search,  # here: edukg.explorer.search -> evidence -> this module
    )

    regions = data.regions()
    named = [rid for rid in dict.fromkeys(st.query_params.get(param, "").split(",")) if rid]
    incoming = [rid for rid in named if rid in regions]
    if named and named != st.session_state.get(f"{key}:synced"):
        st.session_state[key] = incoming
    elif key not in st.session_state:
        st.session_state[key] = [rid for rid in default if rid in regions]
    typed = st.text_input(
        t("picker_search", what=t("pick_regions")),
        key=f"{key}:search",
        live=True,
        placeholder=t("picker_placeholder"),
        icon=":material/search:",
    )
    found = [
        hit.id
        for hit in (
            search(typed, kinds=["Region"], limit=PICKER_HITS, prefix=True) if typed else []
        )
        if hit.id in regions
    ]
    if typed.strip() and not found:
        st.caption(t("search_none", query=typed.strip()))
    offered = found or list(itertools.islice(regions, PICKER_HITS))
    # the chosen regions stay on offer, so that searching never drops a choice
    options = list(dict.fromkeys([*st.session_state[key], *offered]))
    labels = {rid: region.path for rid, region in regions.items()}
    chosen = st.multiselect(
        t("pick_regions"),
        options,
        key=key,
        format_func=labels.__getitem__,
        placeholder=t("pick_some"),
    )
    unknown = [rid for rid in named if rid not in regions]
    if unknown and chosen == incoming:  # still as the link named them: keep the address
        for rid in unknown:
            not_found(rid, labels, key=key, on_pick=_add)
        st.session_state[f"{key}:synced"] = named
        return chosen
    st.session_state[f"{key}:synced"] = chosen
    st.query_params[param] = ",".join(chosen)
    return chosen


def _add(key: str, option: Any) -> None:
    st.session_state[key] = [*st.session_state.get(key, []), option]


def measure_select(key: str, *, param: str = "measure", default: str | None = None) -> str | None:
    """A measure by its Chinese and English names, the most adopted first."""
    measures = data.measures()
    return synced_select(
        t("pick_measure"),
        list(measures),
        key=key,
        param=param,
        default=default,
        format_func=lambda mid: measures[mid].label,
    )


def busiest_siblings(count: int = 2) -> list[str]:
    """Regions worth comparing by default: the sub-regions with the most measures under the
    parent that has the most such sub-regions."""
    regions = data.regions()
    by_parent: dict[str, list[RegionRecord]] = {}
    for region in regions.values():
        if region.parent and region.measures:
            by_parent.setdefault(region.parent, []).append(region)
    if not by_parent:
        return sorted(regions, key=lambda rid: -regions[rid].measures)[:count]
    siblings = max(
        by_parent.values(), key=lambda group: (len(group), sum(r.measures for r in group))
    )
    busiest = sorted(siblings, key=lambda r: (-r.measures, r.id))[:count]
    return sorted(r.id for r in busiest)


# --------------------------------------------------------------------------- tables


# What a table cell shows for a value the graph does not hold.
MISSING = "—"


def year_text(year: Any, missing: str = MISSING) -> str:
    """A year for a table cell: "2014", or `missing` when the sources state none."""
    return str(int(year)) if pd.notna(year) and year else missing


def readable(frame: pd.DataFrame) -> pd.DataFrame:
    """A table as readers should see it: a missing value (None, NaN) as "—" rather than
    "None". A column of numbers with gaps becomes text ("2014", "—"): a table column holds
    one type, and whole numbers stay whole (not 2014.0)."""

    def text(value: Any) -> Any:
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value) if isinstance(value, int | float) else value

    shown = {}
    for column in frame.columns:
        values = frame[column]
        missing = values.map(lambda v: v is None or (isinstance(v, float) and math.isnan(v)))
        if missing.any():
            shown[column] = [
                MISSING if gone else text(v) for v, gone in zip(values, missing, strict=True)
            ]
    return frame.assign(**shown) if shown else frame


def selectable_table(
    frame: pd.DataFrame,
    *,
    key: str,
    cells: bool = False,
) -> Any:
    """A table whose rows (or cells) can be clicked; returns the selection. Missing values
    show as "—" rather than "None"."""
    event = st.dataframe(
        readable(frame),
        hide_index=True,
        key=key,
        on_select="rerun",
        selection_mode="single-cell" if cells else "single-row",
        width="stretch",
    )
    return event.selection


def selected_row(selection: Any) -> int | None:
    rows = selection.get("rows") or []
    return rows[0] if rows else None


def linked_table(
    columns: Mapping[str, Sequence[Any]], ids: Sequence[str], *, key: str, page: str, param: str
) -> None:
    """A section's table in which a row opens `page` for that row's id (`param` in the
    address); "none recorded" instead when there are no rows."""
    if not len(ids):
        st.caption(t("none_recorded"))
        return
    row = selected_row(selectable_table(pd.DataFrame(columns), key=key))
    if row is not None:
        go(page, {param: list(ids)[row]})


def downloads(result: QueryResult, name: str) -> None:
    row = st.container(horizontal=True)
    row.download_button(
        t("download_csv"),
        result_csv(result, bom=True),  # so that Excel reads Chinese right
        f"{name}.csv",
        "text/csv",
        on_click="ignore",
    )
    row.download_button(
        t("download_json"),
        result_json(result),
        f"{name}.json",
        "application/json",
        on_click="ignore",
    )


def run_query(query: str, params: dict[str, Any]) -> QueryResult | None:
    """A user's or canned query's answer (read-only, with the store's timeout, row and byte
    caps), or None after saying in the page why it was refused. Not cached: the session keeps
    the answer it shows, and answers of any query a user writes must not pile up in memory."""
    try:
        return data.store().query(query, params)
    except QueryRejected as problem:
        st.error(t("query_refused", problem=translated(problem)))
    except StoreError as problem:
        st.error(t("store_failed", problem=translated(problem)))
    return None


def result_view(result: QueryResult, name: str, params: dict[str, Any]) -> None:
    """A query answer: a table, a chart where one fits, and the graph of the nodes it
    names; CSV and JSON downloads below. Documents' local paths show as file names."""
    rows = [[hide_local_paths(cell) for cell in row] for row in result.rows]
    result = dataclasses.replace(result, rows=rows)
    table = pd.DataFrame(result.rows, columns=result.columns)
    chart = auto_chart(table)
    ids = node_ids(result.rows, params)
    names = [t("tab_table")] + ([t("tab_chart")] if chart else []) + [t("tab_graph")]
    tabs = dict(zip(names, st.tabs(names), strict=True))
    with tabs[t("tab_table")]:
        st.dataframe(readable(table), hide_index=True, width="stretch")
        st.caption(t("rows", count=len(table)))
        if result.truncated:
            st.warning(t("truncated"))
    if chart:
        with tabs[t("tab_chart")]:
            st.altair_chart(chart, width="stretch")
    with tabs[t("tab_graph")]:
        graph_view(ids, key=f"graph:{name}")
    downloads(result, name)


def node_ids(rows: list[list[Any]], params: dict[str, Any]) -> set[str]:
    """The node ids a result names (in cells, lists and parameters); documents are left
    out, they are the evidence rather than the subject."""
    found: set[str] = set()
    prefixes = tuple(p for label, p in ID_PREFIXES.items() if label != "Document")

    def visit(value: Any) -> None:
        if isinstance(value, str):
            if value.startswith(prefixes):
                found.add(value)
        elif isinstance(value, list):
            for item in value:
                visit(item)
        elif isinstance(value, dict):
            visit(value.get("id"))

    for row in rows:
        visit(row)
    visit(list(params.values()))
    return found


# --------------------------------------------------------------------------- charts


# The columns the pages chart, and the labels their tooltips show them under.
FIELD_LABELS = {
    "region": "col_region",
    "measure": "col_measure",
    "year": "col_year",
    "province": "col_province",
    "title": "col_title",
    "published": "col_published",
    "script": "col_script",
    "name": "col_name",
    "total": "col_count",
    "regions": "col_adopters",
    "measures": "col_reforms",
}


def tooltips(fields: list[str]) -> list[alt.Tooltip]:
    """Tooltip entries titled in the reader's language (a field's own name otherwise)."""
    entries = []
    for field in fields:
        name = field.split(":")[0]
        key = FIELD_LABELS.get(name)
        entries.append(alt.Tooltip(field, title=t(key) if key else name))
    return entries


def bar_chart(
    frame: pd.DataFrame, *, x: str, y: str, color: str | None = None, label_limit: int = 220
) -> alt.Chart:
    """Horizontal bars, longest first: labels (often Chinese) stay readable; a label cut at
    `label_limit` pixels is whole in the tooltip."""
    encoding = {
        "x": alt.X(f"{x}:Q", title=None, axis=alt.Axis(format="d", tickMinStep=1)),
        "y": alt.Y(f"{y}:N", sort="-x", title=None, axis=alt.Axis(labelLimit=label_limit)),
        "tooltip": tooltips([y, x] + ([color] if color else [])),
    }
    if color:
        encoding["color"] = alt.Color(f"{color}:N", title=None)
    return alt.Chart(frame).mark_bar().encode(**encoding)


def timeline(frame: pd.DataFrame, *, y: str, color: str, tooltip: list[str]) -> alt.Chart:
    """One dot per adoption: the year across, `y` down, `color` for the other dimension."""
    height = max(120, 28 * frame[y].nunique())
    return (
        alt.Chart(frame)
        .mark_circle(size=160, opacity=0.85)
        .encode(
            x=alt.X(
                "year:Q",
                title=None,
                scale=alt.Scale(zero=False, padding=12),
                axis=alt.Axis(format="d", tickMinStep=1),
            ),
            y=alt.Y(f"{y}:N", title=None, axis=alt.Axis(labelLimit=LABEL_LIMIT)),
            color=alt.Color(f"{color}:N", title=None),
            tooltip=tooltips(tooltip),
        )
        .properties(height=height)
    )


def goal_chart(percentages: pd.DataFrame) -> alt.LayerChart:
    """Percentage goals as bars: one row per metric, the goals of different policies for the
    same metric side by side (grouped, never stacked: 55 % and 60 % are not 115 %), each bar
    named in the legend and labelled with its goal, the axis in per cent."""
    rows = pd.DataFrame(
        {
            "metric": percentages["metric"] + " (" + percentages["target"] + ")",
            "value": percentages["value"],
            "policy": percentages["subject"],
            "goal": percentages["goal"],
            "deadline": percentages["deadline"].map(year_text),
        }
    )
    # the goals for one metric side by side: each its own slot within the metric's band
    rows["slot"] = rows.groupby("metric").cumcount()
    order = list(rows.groupby("metric")["value"].max().sort_values(ascending=False).index)
    top = max(100.0, float(rows["value"].max()))
    base = alt.Chart(rows).encode(
        x=alt.X(
            "value:Q",
            title=t("targets_axis"),
            scale=alt.Scale(domain=[0, top]),
            stack=None,
            axis=alt.Axis(format="d"),
        ),
        y=alt.Y("metric:N", title=None, sort=order, axis=alt.Axis(labelLimit=LABEL_LIMIT)),
        yOffset=alt.YOffset("slot:O", title=None),
        tooltip=[
            alt.Tooltip("policy:N", title=t("col_policy")),
            alt.Tooltip("metric:N", title=t("col_metric")),
            alt.Tooltip("goal:N", title=t("col_goal")),
            alt.Tooltip("deadline:N", title=t("col_deadline")),
        ],
    )
    colour = alt.Color(
        "policy:N",
        title=t("col_policy"),
        legend=alt.Legend(
            orient="bottom", direction="vertical", columns=1, labelLimit=800, symbolLimit=0
        ),
    )
    chart = base.mark_bar().encode(color=colour) + base.mark_text(
        align="left", dx=4, fontSize=12
    ).encode(text="goal:N")
    return chart.properties(height=alt.Step(20, **{"for": "offset"}))


def auto_chart(frame: pd.DataFrame) -> alt.Chart | None:
    """A chart for a query answer when its shape suggests one: numbers per year, or a
    number per label. None when nothing fits."""
    if frame.empty:
        return None
    numeric = [
        c
        for c in frame.columns
        if pd.api.types.is_numeric_dtype(frame[c])
        and not pd.api.types.is_bool_dtype(frame[c])
        and c != "year"
        and not c.startswith(("char_", "evidence_"))
    ]
    labels = [
        c
        for c in frame.columns
        if frame[c].map(lambda v: isinstance(v, str)).all() and not c.endswith("id")
    ]
    if "year" in frame.columns and pd.api.types.is_numeric_dtype(frame["year"]):
        years = frame[frame["year"].fillna(0) > 0]
        if years.empty:
            return None
        measure = numeric[0] if numeric else None
        whole = measure is None or pd.api.types.is_integer_dtype(frame[measure])
        y = alt.Y(
            f"sum({measure}):Q" if measure else "count():Q",
            title=measure,
            axis=alt.Axis(format="d", tickMinStep=1) if whole else alt.Axis(),
        )
        encoding = {"x": alt.X("year:O", title=None), "y": y}
        if labels:
            encoding["color"] = alt.Color(f"{labels[0]}:N", title=None)
            encoding["tooltip"] = [labels[0], "year"] + ([measure] if measure else [])
        return alt.Chart(years).mark_bar().encode(**encoding)
    if numeric and labels and len(frame) > 1:
        return bar_chart(frame, x=numeric[0], y=labels[-1] if len(labels) > 1 else labels[0])
    return None


# --------------------------------------------------------------------------- graph


def graph_view(ids: set[str], *, key: str) -> None:
    """The nodes and the edges among them (documents' MENTIONS left out), drawn as the
    interactive graph: a click on a node opens its page."""
    if len(ids) > MAX_GRAPH_NODES:
        st.caption(t("graph_too_big", count=len(ids)))
        return
    nodes = data.records("subgraph_nodes", {"ids": sorted(ids)})
    if len(nodes) < 2:
        st.caption(t("graph_nothing"))
        return
    edges = data.records("subgraph_edges", {"ids": sorted(ids)})
    for node in nodes:
        if node["label"] == "Measure":
            node["name"] = data.measure_label(node["id"])
    drawn = hashlib.sha1("\n".join(sorted(ids)).encode()).hexdigest()[:12]
    graph_chart(Graph(nodes, edges), key=f"{key}:{drawn}")


# --------------------------------------------------------------------------- map


def region_map(
    points: dict[str, tuple[int, str]],
    *,
    key: str,
    caption: str,
    colours: Mapping[str, Sequence[int]] | None = None,
) -> None:
    """Regions as dots at their coordinates, named; `points` maps a region to its dot's
    size (1..10) and a note for its tooltip, `colours` (optional) a region to its dot's
    RGBA fill."""
    regions = data.regions()
    placed = [regions[rid] for rid in points if rid in regions and regions[rid].lon is not None]
    if placed:
        frame = pd.DataFrame(
            {
                "name": [r.name for r in placed],
                "tooltip": [f"{r.path} · {points[r.id][1]}" for r in placed],
                "radius": [6 + 3 * min(points[r.id][0], 10) for r in placed],
                "lon": [r.lon for r in placed],
                "lat": [r.lat for r in placed],
                "fill": [list((colours or {}).get(r.id, DOT_FILL)) for r in placed],
            }
        )
        st.pydeck_chart(_deck(frame), height=420, key=key)
        st.caption(f"{caption} {t('map_caption')}")
    if len(placed) < len(points):
        st.caption(t("map_missing", count=len(points) - len(placed)))


Box = tuple[float, float, float, float]  # left, top, right, bottom, in pixels


def _pixels(lon: float, lat: float, zoom: float) -> tuple[float, float]:
    """Where a point is drawn at `zoom` (Web Mercator, 512-pixel tiles as deck.gl draws)."""
    scale = 512 * 2**zoom
    sin = math.sin(math.radians(max(min(lat, 85.0), -85.0)))
    return (lon + 180) / 360 * scale, (
        0.5 - math.log((1 + sin) / (1 - sin)) / (4 * math.pi)
    ) * scale


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def label_layout(points: pd.DataFrame, zoom: float) -> list[tuple[float, float] | None]:
    """Where each dot's name goes, as a pixel offset from the dot, or None when it fits
    nowhere: above, right of, below or left of its dot, covering no other name and no dot.
    Bigger dots are placed first. Names drawn on top of each other could not be read, and
    the tooltip names every dot, left out or not."""
    centres = [
        _pixels(lon, lat, zoom) for lon, lat in zip(points["lon"], points["lat"], strict=True)
    ]
    dots = [
        (x - r, y - r, x + r, y + r) for (x, y), r in zip(centres, points["radius"], strict=True)
    ]
    placed: list[Box] = []
    offsets: list[tuple[float, float] | None] = [None] * len(points)
    for i in sorted(range(len(points)), key=lambda k: (-points["radius"].iloc[k], k)):
        (x, y), r = centres[i], points["radius"].iloc[i]
        width = LABEL_SIZE * len(str(points["name"].iloc[i])) + LABEL_MARGIN
        height = LABEL_SIZE + LABEL_MARGIN
        for dx, dy in (
            (0, -(r + height / 2 + 2)),
            (r + width / 2 + 2, 0),
            (0, r + height / 2 + 2),
            (-(r + width / 2 + 2), 0),
        ):
            box = (x + dx - width / 2, y + dy - height / 2, x + dx + width / 2, y + dy + height / 2)
            if not any(_overlap(box, other) for other in placed + dots):
                placed.append(box)
                offsets[i] = (dx, dy)
                break
    return offsets


def _deck(points: pd.DataFrame) -> pdk.Deck:
    span = max(points["lon"].max() - points["lon"].min(), points["lat"].max() - points["lat"].min())
    zoom = min(max(math.log2(360 / max(span, 0.05)) - 1.4, 3.0), 11.0)  # all points in view
    offsets = label_layout(points, zoom)
    points = points.assign(
        label=[name if at else "" for name, at in zip(points["name"], offsets, strict=True)],
        dx=[at[0] if at else 0 for at in offsets],
        dy=[at[1] if at else 0 for at in offsets],
    )
    dots = pdk.Layer(
        "ScatterplotLayer",
        points,
        get_position=["lon", "lat"],
        get_radius="radius",
        radius_units=pdk.types.String("pixels"),
        get_fill_color="fill",
        get_line_color=[120, 60, 0, 220],
        line_width_min_pixels=1,
        stroked=True,
        pickable=True,
    )
    names = pdk.Layer(
        "TextLayer",
        points,
        get_position=["lon", "lat"],
        get_text="label",
        get_size=LABEL_SIZE,
        get_color=[30, 30, 30, 255],
        get_pixel_offset="[dx, dy]",
        # pydeck reads plain strings as expressions: these two are literal values
        character_set=pdk.types.String("auto"),
        font_family=pdk.types.String(MAP_FONT),
    )
    view = pdk.ViewState(
        longitude=float(points["lon"].mean()), latitude=float(points["lat"].mean()), zoom=zoom
    )
    return pdk.Deck(
        layers=[dots, names],
        initial_view_state=view,
        map_style=None,
        tooltip={"text": "{tooltip}"},
    )


# Early years dark, late years light (viridis' ends and middle), so that the order reads in
# grey too; a year not stated is grey.
YEAR_STOPS = ((68, 1, 84), (33, 145, 140), (253, 231, 37))
NO_YEAR_FILL = (170, 170, 170, 200)


def year_colour(year: int | None, first: int, last: int) -> tuple[int, int, int, int]:
    """The RGBA fill of an adoption `year` on a scale from `first` to `last`."""
    if year is None or pd.isna(year) or not year:
        return NO_YEAR_FILL
    share = 0.0 if last <= first else (int(year) - first) / (last - first)
    share = min(max(share, 0.0), 1.0) * (len(YEAR_STOPS) - 1)
    low = min(int(share), len(YEAR_STOPS) - 2)
    a, b = YEAR_STOPS[low], YEAR_STOPS[low + 1]
    rgb = (round(x + (y - x) * (share - low)) for x, y in zip(a, b, strict=True))
    return (*rgb, 220)


def year_legend(first: int, last: int) -> alt.Chart:
    """A colour bar of `year_colour` from `first` to `last`, a map's legend. Drawn without
    Streamlit's chart theme (`theme=None`), whose padding leaves a bar this low no height."""
    years = list(range(first, last + 1))
    frame = pd.DataFrame(
        {
            "year": years,
            "band": 1,
            "fill": ["#{:02x}{:02x}{:02x}".format(*year_colour(y, first, last)[:3]) for y in years],
        }
    )
    return (
        alt.Chart(frame)
        .mark_bar(opacity=1, binSpacing=0)
        .encode(
            x=alt.X(
                "year:O",
                title=None,
                axis=alt.Axis(labelAngle=0, labelOverlap=True),
                scale=alt.Scale(paddingInner=0),
            ),
            y=alt.Y("band:Q", axis=None, scale=alt.Scale(domain=[0, 1])),  # full height
            color=alt.Color(
                "year:O",
                scale=alt.Scale(domain=years, range=list(frame["fill"])),
                legend=None,
            ),
            tooltip=tooltips(["year"]),
        )
        .properties(height=64)
    )
