"""Facts and evidence: every fact about a region, policy, measure or programme, and for the
chosen fact its source sentences, highlighted in context, with links to whole documents.

The address names a node (`?node=`) or a fact (`?type=&source=&target=[&metric=]`), so any
page can link to the evidence of any edge.
"""

import streamlit as st

from edukg.catalog import PAGE_PARAM
from edukg.explorer import data
from edukg.explorer.evidence import Fact, facts_table, node_label, show_fact
from edukg.explorer.i18n import t
from edukg.explorer.pickers import PICKER_HITS, node_select
from edukg.explorer.tables import selectable_table, selected_row
from edukg.store.model import label_of

# Facts the page lists about one node, by type and ends: a common measure has thousands.
FACTS_SHOWN = 500

st.title(t("page_evidence"))
st.caption(t("evidence_intro"))
with data.guarded():
    starters = data.starters("fact_nodes", "Region", PICKER_HITS)
    linked = Fact.from_params(st.query_params)
    if not starters and not linked:
        st.info(t("empty_graph"))
        st.stop()
    if linked and "node" not in st.query_params:
        st.query_params["node"] = linked.source
    node_id = node_select(
        t("pick_node"),
        kinds=["Region", "Measure", "Policy", "Program", "Target"],
        key="evidence:node",
        param="node",
        starters=starters,
        describe=lambda node: (
            f"{node_label(node['id'], node['name'])} ({t('kind_' + node['label'])})"
        ),
    )
    if node_id is None:
        st.info(t("empty_graph"))
        st.stop()
    about = {"label": label_of(node_id), "node": node_id}
    rows = data.records("node_facts", {**about, PAGE_PARAM: FACTS_SHOWN})
    total = data.records("node_facts_count", about)[0]["facts"] if len(rows) == FACTS_SHOWN else 0

st.subheader(t("facts_of_node"))
if total > len(rows):
    st.caption(t("facts_shown", shown=len(rows), total=total))
table, facts = facts_table(rows)
row = selected_row(selectable_table(table, key="evidence:facts"))
st.caption(t("select_row_hint"))

if row is not None:
    shown = facts[row]
    for key in ("type", "source", "target", "metric"):
        if key in st.query_params:
            del st.query_params[key]
    st.query_params.update(shown.query_params())
elif linked in facts:
    shown = linked
else:
    shown = None
    if linked:  # a link to a fact the graph does not hold: say so, show no other
        st.warning(t("evidence_missing_edge"))
if shown:
    st.subheader(t("evidence_for"))
    with st.container(border=True), data.guarded():
        show_fact(shown, permalink=False)
