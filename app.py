"""The edukg explorer: pick a canned query, set its parameters, run it, download the answer.

Run with `streamlit run app.py` (or `edukg app`). Queries run read-only against the store
`graphstore.open_store()` chooses (Neo4j if NEO4J_URI is set, else the embedded store).
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from edukg.catalog import (
    CannedQuery,
    ParamError,
    QueryFileError,
    QueryParam,
    grouped,
    load_catalog,
    load_choices,
    run_canned,
)
from edukg.export import result_csv, result_json
from graphstore import QueryRejected, StoreError, StoreUnavailable, open_store
from graphstore.base import GraphStore, QueryResult

CHOICES_TTL_S = 60


@st.cache_resource
def get_store() -> GraphStore:
    return open_store()


@st.cache_data(ttl=CHOICES_TTL_S, show_spinner=False)
def cached_choices(_store: GraphStore, param: QueryParam) -> list[tuple[Any, str]]:
    """Choices for a select box, drawn from the graph; the store is left out of the cache
    key (underscore), the param with its choices query is the key."""
    return load_choices(_store, param)


def param_widget(query: CannedQuery, param: QueryParam, choices: list[tuple[Any, str]]) -> Any:
    """One input for one parameter, keyed by query and name so values survive reruns."""
    key = f"param:{query.name}:{param.name}"
    label = param.display_label
    if param.choices:
        labels = dict(choices)
        values = list(labels)
        index = values.index(param.default) if param.default in labels else 0
        return st.selectbox(
            label,
            values,
            index=index,
            key=key,
            format_func=lambda value: labels.get(value, str(value)),
        )
    if param.type == "bool":
        return st.checkbox(label, value=bool(param.default), key=key)
    if param.type == "int":
        return st.number_input(label, value=param.default or 0, step=1, key=key)
    if param.type == "float":
        return st.number_input(label, value=param.default or 0.0, key=key)
    return st.text_input(label, value=param.default or "", key=key)


def pick_query(catalog: dict[str, CannedQuery]) -> CannedQuery:
    groups = grouped(catalog)
    group = st.sidebar.selectbox("Group", list(groups), key="group")
    names = [query.name for query in groups[group]]
    name = st.sidebar.selectbox("Query", names, key="query", format_func=lambda n: catalog[n].title)
    return catalog[name]


def show_result(query: CannedQuery, result: QueryResult) -> None:
    records = result.records()
    st.dataframe(pd.DataFrame(records, columns=result.columns), hide_index=True)
    st.caption(f"{len(records)} rows")
    if result.truncated:
        st.warning("The row limit was reached; only the first rows are shown.")
    left, right = st.columns(2)
    left.download_button(
        "Download CSV", result_csv(result), f"{query.name}.csv", "text/csv", on_click="ignore"
    )
    right.download_button(
        "Download JSON",
        result_json(result),
        f"{query.name}.json",
        "application/json",
        on_click="ignore",
    )


def main() -> None:
    st.set_page_config(page_title="edukg", layout="wide")
    st.title("edukg · 教育改革知识图谱")
    try:
        store = get_store()
        catalog = load_catalog()
    except StoreUnavailable as problem:
        st.error(f"The graph store is not available: {problem}")
        st.stop()
    except QueryFileError as problem:
        st.error(f"A query file cannot be read: {problem}")
        st.stop()

    query = pick_query(catalog)
    st.subheader(query.title)
    if query.description:
        st.caption(query.description)

    try:
        choices = {p.name: cached_choices(store, p) for p in query.params}
    except StoreError as problem:
        st.error(f"Could not load the parameter choices: {problem}")
        st.stop()
    with st.sidebar.form("params"):
        values = {p.name: param_widget(query, p, choices[p.name]) for p in query.params}
        submitted = st.form_submit_button("Run", type="primary")

    if submitted:
        try:
            st.session_state["result"] = (query.name, run_canned(store, query, values))
        except (QueryRejected, ParamError) as problem:
            st.error(f"The query was refused: {problem}")
        except StoreError as problem:
            st.error(f"The graph store failed: {problem}")

    with st.expander("Show Cypher"):
        st.code(query.cypher, language="cypher")

    shown = st.session_state.get("result")
    if shown and shown[0] == query.name:
        show_result(query, shown[1])


main()
