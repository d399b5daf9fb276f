"""Overview: what the graph holds, as charts, and questions to start with."""

import altair as alt
import pandas as pd
import streamlit as st

from edukg.explorer import data
from edukg.explorer.charts import bar_chart
from edukg.explorer.citation import address
from edukg.explorer.i18n import t, t_or
from edukg.explorer.navigation import page_link
from edukg.explorer.pickers import busiest_siblings
from edukg.explorer.tables import linked_table
from edukg.store.starters import KEPT

TOP = 10
# The newest documents the overview lists: those the loader ranks; the chart counts every
# document by month.
DOCUMENTS_LISTED = KEPT


def script_name(script: str | None) -> str:
    """Simplified or Traditional, in the reader's language."""
    return t_or(f"script_{script}", script) if script else ""


st.title(f"edukg · {t('app_title')}")
st.caption(t("overview_intro"))

with data.guarded():
    counts = data.graph_counts()
    newest = data.starters("recent_documents", "Document", DOCUMENTS_LISTED)
    documents = data.frame("documents", {"ids": newest})
    months = data.frame("documents_by_month")
    regions = data.regions()
    measures = data.measures()
    stages = [row for row in data.records("target_stages") if row["goals"]]

totals = {(row.kind, row.name): row.total for row in counts.itertuples()}
if not totals.get(("node", "Document")):
    st.info(t("empty_graph"))
    page_link("ingest", label=t("page_ingest"), icon=":material/upload_file:")
    st.stop()

columns = st.columns(5)
for column, (label, key) in zip(
    columns,
    [
        ("metric_documents", ("node", "Document")),
        ("metric_regions", ("node", "Region")),
        ("metric_adoptions", ("edge", "IMPLEMENTS")),
        ("metric_policies", ("node", "Policy")),
        ("metric_targets", ("edge", "TARGETS")),
    ],
    strict=True,
):
    column.metric(t(label), totals.get(key, 0))

# Questions a newcomer can click, drawn from what this graph holds.
st.subheader(t("start_here"))
top_measure = next(iter(measures.values()), None)
pair = busiest_siblings()
if top_measure and pair:
    within = regions[pair[0]].parent or ""
    page_link(
        "measure",
        label=t(
            "ask_adopters",
            within=regions[within].name if within else t("all_regions"),
            measure=top_measure.name,
        ),
        icon=":material/help:",
        query_params={"measure": top_measure.id, "within": within},
    )
if len(pair) == 2:
    page_link(
        "compare",
        label=t("ask_compare", a=regions[pair[0]].name, b=regions[pair[1]].name),
        icon=":material/help:",
        query_params={"regions": ",".join(pair)},
    )
if stages:
    page_link(
        "targets",
        label=t("ask_targets", target=stages[0]["name"]),
        icon=":material/help:",
        query_params={"target": stages[0]["id"]},
    )

left, right = st.columns(2)
nodes = counts[counts["kind"] == "node"].assign(
    name=lambda f: f["name"].map(lambda n: t_or(f"kind_{n}", n))
)
edges = counts[counts["kind"] == "edge"].assign(
    name=lambda f: f["name"].map(lambda n: f"{t_or('edge_' + n, n)} ({n})")
)
with left:
    st.subheader(t("chart_nodes"))
    st.altair_chart(bar_chart(nodes, x="total", y="name"), width="stretch")
with right:
    st.subheader(t("chart_edges"))
    st.altair_chart(bar_chart(edges, x="total", y="name"), width="stretch")

top_measures = pd.DataFrame(
    {
        "measure": [m.label for m in measures.values()],
        "regions": [m.adopters for m in measures.values()],
    }
)
top_measures = top_measures[top_measures["regions"] > 0].head(TOP)
top_regions = pd.DataFrame(
    {
        "region": [r.path for r in regions.values()],
        "measures": [r.measures for r in regions.values()],
    }
)
top_regions = top_regions[top_regions["measures"] > 0].nlargest(TOP, "measures")
left, right = st.columns(2)
with left:
    st.subheader(t("chart_top_measures"))
    st.altair_chart(bar_chart(top_measures, x="regions", y="measure"), width="stretch")
with right:
    st.subheader(t("chart_top_regions"))
    st.altair_chart(bar_chart(top_regions, x="measures", y="region"), width="stretch")

st.subheader(t("chart_documents"))
by_month = months.assign(
    month=pd.to_datetime(months["month"], errors="coerce", format="mixed"),
    script=months["script"].map(script_name),
)
undated = int(by_month.loc[by_month["month"].isna(), "documents"].sum())
if undated < int(by_month["documents"].sum()):
    st.altair_chart(
        alt.Chart(by_month.dropna(subset=["month"]))
        .mark_bar()
        .encode(
            x=alt.X("yearmonth(month):T", title=None, axis=alt.Axis(format="%Y-%m")),
            y=alt.Y("sum(documents):Q", title=None, axis=alt.Axis(format="d", tickMinStep=1)),
            color=alt.Color("script:N", title=None),
            tooltip=[
                alt.Tooltip("yearmonth(month):T", title=t("col_published"), format="%Y-%m"),
                alt.Tooltip("script:N", title=t("col_script")),
                alt.Tooltip("sum(documents):Q", title=t("col_count")),
            ],
        )
        .properties(height=160),
        width="stretch",
    )
if undated:
    st.caption(f"{t('unknown_date')}: {undated}")

st.subheader(t("documents_table"))
if totals[("node", "Document")] > len(documents):
    st.caption(t("documents_newest", shown=len(documents), total=totals[("node", "Document")]))
linked_table(
    {
        t("col_title"): documents["title"],
        t("col_published"): documents["published"],
        t("col_script"): documents["script"].map(script_name),
        t("col_chars"): documents["chars"],
        t("col_source"): [address(row) for row in documents.to_dict("records")],
    },
    documents["id"],
    key="overview:documents",
    page="document",
    param="doc",
)
st.caption(t("documents_hint"))
