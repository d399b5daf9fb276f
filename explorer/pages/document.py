"""Document text: one ingested document in full, every evidence sentence highlighted (the
one a link came from most strongly, and scrolled to), and the facts extracted from it; its
citation (quoting that sentence) to copy."""

import streamlit as st

from edukg.explorer import data
from edukg.explorer.citation import address, show_citation
from edukg.explorer.evidence import (
    FOCUS_ANCHOR,
    document_facts,
    documents,
    evidence_table,
    facts_table,
    highlighted,
    locate,
    quotes,
)
from edukg.explorer.i18n import plain, t, t_or
from edukg.explorer.pickers import PICKER_HITS, node_select
from edukg.explorer.scroll import scroll_to_once

st.title(t("page_document"))
with data.guarded():
    recent = data.starters("recent_documents", "Document", PICKER_HITS)
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
    address(document),
]
st.caption(" · ".join(plain(m) for m in meta if m))

text = document["text"] or ""
spans = [span for row in rows for quote in quotes(row, doc_id) if (span := locate(text, quote))]
try:
    focus = (int(st.query_params["start"]), int(st.query_params["end"]))
except (KeyError, ValueError):
    focus = None
if focus and not 0 <= focus[0] < focus[1] <= len(text):
    focus = None  # offsets from an address that do not fit this text
show_citation(document, text[focus[0] : focus[1]] if focus else None)

st.subheader(t("document_facts"))
table, facts = facts_table(rows)
if facts:
    evidence_table(table, facts.__getitem__, key="document:facts")
else:
    st.caption(t("none_recorded"))

st.subheader(t("document_text"))
with st.container(border=True):
    st.markdown(highlighted(text, spans, focus), unsafe_allow_html=True)
if focus:  # a link to this sentence: the page opens at it, not at the title
    scroll_to_once(FOCUS_ANCHOR, f"{doc_id}:{focus[0]}:{focus[1]}", centre=True)
