"""Document text: one ingested document in full, every evidence sentence highlighted (the
one a link came from most strongly), and the facts extracted from it."""

import streamlit as st

from edukg.explorer import cypher, data
from edukg.explorer.evidence import (
    document_facts,
    documents,
    facts_table,
    highlighted,
    locate,
    quotes,
    show_fact,
)
from edukg.explorer.i18n import plain, t, t_or
from edukg.explorer.widgets import PICKER_HITS, node_select, selectable_table, selected_row

st.title(t("page_document"))
with data.guarded():
    recent = [row["id"] for row in data.records(cypher.RECENT_DOCUMENTS, {"limit": PICKER_HITS})]
    if not recent:
        st.info(t("document_none"))
        st.stop()
    doc_id = node_select(
        t("pick_document"),
        kinds=["Document"],
        key="document:pick",
        param="doc",
        starters=recent,
        describe=lambda doc: f"{doc['title']} ({doc['published'] or '—'})",
    )
    document = documents({doc_id})[doc_id]
    rows = document_facts(doc_id)

meta = [
    document.get("published") or t("unknown_date"),
    t_or(f"script_{document['script']}", document["script"]) if document.get("script") else None,
    document.get("source"),
]
st.caption(" · ".join(plain(m) for m in meta if m))

text = document["text"] or ""
spans = [span for row in rows for quote in quotes(row, doc_id) if (span := locate(text, quote))]
try:
    focus = (int(st.query_params["start"]), int(st.query_params["end"]))
except (KeyError, ValueError):
    focus = None

st.subheader(t("document_facts"))
table, facts = facts_table(rows)
if facts:
    row = selected_row(selectable_table(table, key="document:facts"))
    st.caption(t("select_row_hint"))
    if row is not None:
        with st.container(border=True):
            show_fact(facts[row])
else:
    st.caption(t("none_recorded"))

st.subheader(t("document_text"))
with st.container(border=True):
    st.markdown(highlighted(text, spans, focus), unsafe_allow_html=True)
