"""Canned queries: the gallery of queries/ (and the user's saved queries), grouped, with
parameters chosen from the graph, results as table, chart and graph, downloads, and the
Cypher on demand."""

from typing import Any

import streamlit as st

from edukg.catalog import saved_queries_dir
from edukg.explorer import data
from edukg.explorer.i18n import language, plain, t, t_or
from edukg.explorer.messages import translated
from edukg.explorer.pickers import PICKER_HITS, node_select, not_found, region_select
from edukg.explorer.tables import result_view, run_query
from edukg.lookup import LISTED_KINDS, node_kinds
from edukg.queryfile import CannedQuery, ParamError, QueryParam, coerce_params

GROUP_ORDER = ("Graph", "Regions", "Measures", "Policies", "Evidence")
# Kinds few enough to list whole in a select box (the taxonomy's measures, the stages).


def group_of(query: CannedQuery) -> tuple[int, str]:
    """Where a query is listed: the canned groups in reading order, other groups after
    them, saved queries last; with the group's shown name."""
    if query.path and query.path.parent == saved_queries_dir():
        return len(GROUP_ORDER) + 1, t("queries_saved_group")
    group = query.group or "Other"
    rank = GROUP_ORDER.index(group) if group in GROUP_ORDER else len(GROUP_ORDER)
    return rank, t_or(f"group_{group}", group)


def searched_kinds(param: QueryParam) -> tuple[str, ...] | None:
    """The kinds of node a parameter names, when they can run to thousands (regions,
    policies, any node): such a parameter gets a picker that searches as one types."""
    kinds = node_kinds(param)
    if param.choices and kinds and not set(kinds) <= LISTED_KINDS:
        return kinds
    return None


def node_param_input(query: CannedQuery, param: QueryParam, kinds: tuple[str, ...]) -> str:
    """A picker that searches the graph as one types (outside the form: a form holds typing
    back until it is submitted); "" (all) first when that is the default."""
    key = f"param:{query.name}:{param.name}"
    label = param.label_in(language())
    blank = t("queries_all") if param.default == "" else None
    default = str(param.default) if param.default else None
    if kinds == ("Region",):
        return region_select(key, param=None, default=default, all_label=blank, label=label)
    starters = []
    if kinds == ("Policy",):
        starters = data.starters("policies", "Policy", PICKER_HITS)
    chosen = node_select(
        label,
        kinds=kinds,
        key=key,
        param=None,
        starters=starters,
        default=default,
        blank=blank,
        describe=lambda node: f"{node['name'] or node['title']} ({t('kind_' + node['label'])})",
    )
    return chosen or ""


def param_input(query: CannedQuery, param: QueryParam) -> Any:
    """One input per parameter: a select box of graph values when the query names a
    choices query, else an input of the declared type."""
    key = f"param:{query.name}:{param.name}"
    label = param.label_in(language())
    if param.choices:
        pairs = data.param_choices(param)
        labels = dict(pairs)
        values = list(labels)
        index = values.index(param.default) if param.default in labels else 0
        return st.selectbox(label, values, index=index, key=key, format_func=labels.get)
    if param.type == "bool":
        return st.checkbox(label, value=bool(param.default), key=key)
    if param.type == "int":
        return st.number_input(label, value=param.default or 0, step=1, key=key)
    if param.type == "float":
        return st.number_input(label, value=param.default or 0.0, key=key)
    return st.text_input(label, value=param.default or "", key=key)


def pick(key: str, name: str) -> None:
    st.session_state[key] = name


st.title(t("page_queries"))
st.caption(t("queries_intro"))
with data.guarded():
    catalog = data.catalog()
data.show_catalog_problems()

groups: dict[tuple[int, str], list[CannedQuery]] = {}
for query in sorted(catalog.values(), key=lambda q: q.title_in(language())):
    groups.setdefault(group_of(query), []).append(query)

wanted = st.query_params.get("q")
if wanted in catalog or not wanted:
    st.session_state["queries:missing"] = None
    if wanted:
        st.session_state["queries:selected"] = wanted
elif wanted != st.session_state.get("queries:missing"):  # a broken link
    st.session_state["queries:selected"] = None
    st.session_state["queries:missing"] = wanted
selected = catalog.get(st.session_state.get("queries:selected"))
if selected is None and not st.session_state.get("queries:missing"):
    selected = next(iter(catalog.values()))

gallery, detail = st.columns([1, 2], gap="large")
with gallery:
    for (_, name), queries in sorted(groups.items()):
        with st.expander(plain(name), expanded=True):
            for query in queries:
                if st.button(
                    plain(query.title_in(language())),
                    key=f"queries:open:{query.name}",
                    type="primary" if selected and query.name == selected.name else "tertiary",
                ):
                    st.session_state["queries:selected"] = query.name
                    st.query_params["q"] = query.name
                    st.rerun()
                if query.description:
                    st.caption(plain(query.description_in(language())))

with detail:
    if selected is None:
        titles = {name: query.title_in(language()) for name, query in catalog.items()}
        not_found(st.session_state["queries:missing"], titles, key="queries:selected", on_pick=pick)
        st.stop()
    st.session_state["queries:missing"] = None
    st.query_params["q"] = selected.name
    st.subheader(plain(selected.title_in(language())))
    if selected.description:
        st.caption(plain(selected.description_in(language())))
    searched = {p.name: kinds for p in selected.params if (kinds := searched_kinds(p))}
    with data.guarded():
        picked = {
            p.name: node_param_input(selected, p, searched[p.name])
            for p in selected.params
            if p.name in searched
        }
    with st.form(f"queries:form:{selected.name}"):
        with data.guarded():
            values = picked | {
                p.name: param_input(selected, p) for p in selected.params if p.name not in searched
            }
        if not selected.params:
            st.caption(t("queries_no_params"))
        submitted = st.form_submit_button(
            t("queries_run"), type="primary", icon=":material/play_arrow:"
        )
    with st.expander(t("show_cypher")):
        st.code(selected.cypher, language="cypher")

    if submitted:
        try:
            params = coerce_params(selected, values)
        except ParamError as problem:
            st.error(t("param_error", problem=translated(problem)))
        else:
            result = run_query(selected.cypher, params)
            st.session_state["queries:result"] = (selected.name, params, result) if result else None

    shown = st.session_state.get("queries:result")
    if shown and shown[0] == selected.name:  # under the form, not below the whole gallery
        result_view(shown[2], selected.name, shown[1])
