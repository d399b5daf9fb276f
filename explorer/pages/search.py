"""Search as one types: names and aliases (zh or en), 文号 and document text, Simplified or
Traditional; results grouped by kind, then the sentences that hold the words, marked."""

import streamlit as st

from edukg.explorer import data
from edukg.explorer.evidence import QUOTE_STYLE
from edukg.explorer.i18n import plain, t
from edukg.explorer.navigation import page_link
from edukg.explorer.search import marked, search, sentences, simplified
from edukg.explorer.tables import linked_table

# Where a hit of each label opens, and the address parameter that names it there.
OPENS = {
    "Region": ("region", "region"),
    "Measure": ("measure", "measure"),
    "Policy": ("policy", "policy"),
    "Target": ("targets", "target"),
    "Program": ("evidence", "node"),
    "Document": ("document", "doc"),
}

st.title(t("page_search"))
incoming = st.query_params.get("q", "")
if incoming != st.session_state.get("search:q:synced"):  # a link was followed
    st.session_state["search:q"] = incoming
text = st.text_input(
    t("search_box"),
    key="search:q",
    placeholder=t("search_placeholder"),
    live=True,  # results follow the typing, after a short pause
    icon=":material/search:",
)

st.session_state["search:q:synced"] = text.strip()
if not text.strip():
    st.query_params.pop("q", None)
    st.caption(t("search_intro"))
    st.stop()

st.query_params["q"] = text.strip()
with data.guarded():
    hits = search(text, prefix=True)
    found_sentences = sentences(text, hits)
converted = simplified(text)
if converted != text.strip():
    st.caption(t("search_converted", query=converted))
if not hits:
    st.info(t("search_none", query=text.strip()))
    st.stop()
st.caption(f"{t('search_found', count=len(hits))} · {t('search_hint')}")

for kind in OPENS:
    group = [hit for hit in hits if hit.kind == kind]
    if not group:
        continue
    st.subheader(f"{t('kind_' + kind)} ({len(group)})")
    names = [data.region_label(hit.id) if kind == "Region" else hit.name for hit in group]
    columns = {t("col_name"): names}
    if any(hit.matched != hit.name for hit in group):  # an alias, an English name, a 文号
        columns[t("col_matched")] = [hit.matched for hit in group]
    if kind == "Measure":
        columns[t("col_name_en")] = [hit.name_en for hit in group]
    page, param = OPENS[kind]
    ids = [hit.id for hit in group]
    linked_table(columns, ids, key=f"search:{kind}", page=page, param=param)

if found_sentences:
    st.subheader(f"{t('search_sentences')} ({len(found_sentences)})")
    for doc_id in dict.fromkeys(sentence.doc_id for sentence in found_sentences):
        in_document = [sentence for sentence in found_sentences if sentence.doc_id == doc_id]
        first = in_document[0]
        dated = f" ({first.published})" if first.published else ""
        st.markdown(f"**{plain(first.title + dated)}**")
        for sentence in in_document:
            st.markdown(
                f'<div style="{QUOTE_STYLE}">{marked(sentence.text, text)}</div>',
                unsafe_allow_html=True,
            )
        page_link(
            "document",
            label=t("evidence_whole"),
            icon=":material/article:",
            query_params={"doc": doc_id, "start": str(first.start), "end": str(first.end)},
        )
