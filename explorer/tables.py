"""Tables: clickable rows, rows that open a page, missing values as a dash, a query's
answer with its downloads, chart and graph."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from edukg.explorer import data
from edukg.explorer.charts import auto_chart
from edukg.explorer.citation import hide_local_paths
from edukg.explorer.graph import graph_view
from edukg.explorer.i18n import MISSING, t
from edukg.explorer.messages import translated
from edukg.explorer.navigation import go
from edukg.export import result_csv, result_json
from edukg.store.base import QueryRejected, QueryResult, StoreError
from edukg.store.model import ID_PREFIXES


# What a table cell shows for a value the graph does not hold.
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


def plain_table(columns: Mapping[str, Sequence[Any]]) -> None:
    """A table to read, not to click: named columns, missing values as a dash."""
    st.dataframe(readable(pd.DataFrame(columns)), hide_index=True)


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
