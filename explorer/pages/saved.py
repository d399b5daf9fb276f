"""Saved queries: write Cypher with $parameters, run it (read-only, with a timeout), name and
save it, edit or delete it later; export and import the same files as queries/."""

from dataclasses import replace

import pandas as pd
import streamlit as st

from edukg.catalog import (
    delete_query,
    import_query_file,
    inner_queries,
    save_query,
    saved_queries_dir,
)
from edukg.explorer import data
from edukg.explorer.i18n import language, plain, t
from edukg.explorer.messages import translated
from edukg.explorer.saved import Draft, export_all, file_text
from edukg.explorer.tables import result_view, run_query
from edukg.queryfile import PARAM_TYPES, ParamError, QueryFileError, coerce_params

FIELDS = ("name", "title", "description", "cypher")
NEW = ""


def draft() -> Draft:
    """The query being edited, as the editor's widgets last sent it. It is kept outside the
    widgets too, so that it survives a visit to another page (which drops widget state)."""
    current = st.session_state.setdefault("saved:draft", Draft())
    for name in FIELDS:
        if f"saved:{name}" in st.session_state:
            setattr(current, name, st.session_state[f"saved:{name}"])
    for name in current.param_names():
        if f"saved:type:{name}" in st.session_state:
            current.params[name] = (
                st.session_state[f"saved:type:{name}"],
                st.session_state.get(f"saved:value:{name}", ""),
            )
    return current


def show_in_editor(new: Draft) -> None:
    """Put a draft into the editor's widgets (from a callback, before they are drawn)."""
    st.session_state["saved:draft"] = new
    for name in FIELDS:
        st.session_state[f"saved:{name}"] = getattr(new, name)
    for name, (kind, value) in new.params.items():
        st.session_state[f"saved:type:{name}"] = kind
        st.session_state[f"saved:value:{name}"] = value


def saved_names() -> list[str]:
    folder = saved_queries_dir()
    return sorted(name for name, query in data.catalog().items() if query.path.parent == folder)


def say(kind: str, text: str) -> None:
    st.session_state["saved:message"] = (kind, text)


def on_pick() -> None:
    name = st.session_state["saved:edit"]
    show_in_editor(Draft.of(data.catalog()[name]) if name else Draft())


def on_example(name: str) -> None:
    """The example's Cypher and parameters (with their example values) in the editor; the
    name and title typed so far stay (a parameter already typed keeps its value)."""
    current, example = draft(), Draft.of(inner_queries("examples")[name])
    params = {**example.params, **current.params}
    show_in_editor(replace(current, cypher=example.cypher, params=params))


def schema_and_examples() -> None:
    """What the graph holds (labels, relationship types, their properties) and example
    queries, each highlighted and one click from the editor."""
    st.caption(t("saved_schema_intro"))
    with data.guarded():
        parts = data.graph_schema()
    table = pd.DataFrame(
        {
            t("schema_kind"): [t(f"schema_kind_{part.kind}") for part in parts],
            t("schema_name"): [part.name for part in parts],
            t("schema_count"): [part.count for part in parts],
            t("schema_properties"): [", ".join(part.properties) for part in parts],
        }
    )
    st.table(table, hide_index=True)  # a table, not a dataframe: answers are dataframes
    st.markdown(f"**{t('saved_examples')}**")
    for name, example in inner_queries("examples").items():
        st.caption(plain(example.title_in(language())))
        st.code(example.cypher, language="cypher")
        st.button(
            t("saved_use_example"),
            key=f"saved:example:{name}",
            on_click=on_example,
            args=(name,),
            icon=":material/edit:",
        )


def on_run() -> None:
    try:
        query = draft().query()
        params = coerce_params(query, {})
    except ParamError as problem:
        say("error", t("param_error", problem=translated(problem)))
        return
    st.session_state["saved:result"] = None
    st.session_state["saved:run"] = (query.cypher, params)


def on_save() -> None:
    current = draft()
    replace = st.session_state.get("saved:replace") or current.name == st.session_state.get(
        "saved:edit"
    )
    try:
        path = save_query(current.query(), replace=replace)
    except (QueryFileError, ParamError) as problem:
        say("error", t("query_file_error", problem=translated(problem)))
        return
    data.forget_catalog()
    st.session_state["saved:edit"] = current.name
    say("success", t("saved_saved", path=path))


def on_delete() -> None:
    name = st.session_state["saved:edit"]
    try:
        delete_query(name)
    except QueryFileError as problem:
        say("error", t("query_file_error", problem=translated(problem)))
        return
    data.forget_catalog()
    st.session_state["saved:edit"] = NEW
    show_in_editor(Draft())
    say("success", t("saved_deleted", name=name))


def on_import() -> None:
    imported, problems = [], []
    for upload in st.session_state.get("saved:upload") or []:
        try:
            query = import_query_file(
                upload.getvalue().decode("utf-8"),
                upload.name,
                replace=bool(st.session_state.get("saved:replace")),
            )
            imported.append(query.name)
        except (QueryFileError, UnicodeDecodeError) as problem:
            problems.append(f"{upload.name}: {problem}")
    data.forget_catalog()
    if problems:
        say("error", t("query_file_error", problem="; ".join(map(translated, problems))))
    elif imported:
        say("success", t("saved_imported", names=", ".join(imported)))


st.title(t("page_saved"))
st.caption(t("saved_intro"))
message = st.session_state.pop("saved:message", None)
if message:
    getattr(st, message[0])(message[1])

with data.guarded():
    names = saved_names()
data.show_catalog_problems()
stored = st.session_state.setdefault("saved:draft", Draft())
for name in FIELDS:  # the widgets were dropped while another page was shown
    st.session_state.setdefault(f"saved:{name}", getattr(stored, name))

listing, editor = st.columns([1, 2], gap="large")
with listing:
    st.subheader(t("saved_list"))
    if st.session_state.get("saved:edit") not in [NEW, *names]:
        st.session_state["saved:edit"] = NEW
    labels = {NEW: t("saved_new")} | {
        n: f"{data.catalog()[n].title_in(language())} ({n})" for n in names
    }
    st.selectbox(
        t("saved_pick"), list(labels), key="saved:edit", on_change=on_pick, format_func=labels.get
    )
    if not names:
        st.caption(t("saved_none"))
    st.checkbox(t("saved_replace"), key="saved:replace")
    st.file_uploader(
        t("saved_import"), type=["cypher"], accept_multiple_files=True, key="saved:upload"
    )
    st.button(t("saved_import_button"), on_click=on_import, icon=":material/upload:")
    if names:
        st.download_button(
            t("saved_export_all"),
            export_all(),
            "saved_queries.zip",
            "application/zip",
            on_click="ignore",
            icon=":material/download:",
        )

with editor:
    st.text_input(t("saved_name"), key="saved:name")
    st.text_input(t("saved_title"), key="saved:title")
    st.text_input(t("saved_description"), key="saved:description")
    st.text_area(t("saved_cypher"), key="saved:cypher", height=180)
    current = draft()
    if current.cypher.strip():
        st.caption(t("saved_highlighted"))
        st.code(current.cypher, language="cypher")
    for name in current.param_names():
        kind, value = current.params.get(name, ("string", ""))
        st.session_state.setdefault(f"saved:type:{name}", kind)
        st.session_state.setdefault(f"saved:value:{name}", value)
        left, right = st.columns([1, 3])
        left.selectbox(
            t("saved_param_type", name=name), list(PARAM_TYPES), key=f"saved:type:{name}"
        )
        right.text_input(t("saved_param_value", name=name), key=f"saved:value:{name}")
    current = draft()
    try:
        text = file_text(current)
    except ParamError:
        text = None  # the page says why when the query is run or saved
    buttons = st.columns(4)
    buttons[0].button(t("saved_run"), type="primary", on_click=on_run, icon=":material/play_arrow:")
    buttons[1].button(t("saved_save"), on_click=on_save, icon=":material/save:")
    if text:
        buttons[2].download_button(
            t("saved_export"),
            text,
            f"{current.name.strip() or 'query'}.cypher",
            "text/plain",
            on_click="ignore",
            icon=":material/download:",
        )
    if st.session_state.get("saved:edit"):
        with buttons[3].popover(t("saved_delete"), icon=":material/delete:"):
            st.button(
                f"{t('saved_delete')} {st.session_state['saved:edit']}",
                on_click=on_delete,
                key="saved:confirm_delete",
                type="primary",
            )

run = st.session_state.pop("saved:run", None)
if run:
    st.session_state["saved:result"] = (run, run_query(*run))
shown = st.session_state.get("saved:result")
if shown and shown[1]:
    result_view(shown[1], current.name.strip() or "query", shown[0][1])

# Last, so that an answer comes right under the editor.
with st.expander(t("saved_schema"), icon=":material/schema:"):
    schema_and_examples()
