"""Region profile: a region's measures with years, its sub-regions' reforms, programmes,
policies and documents, on a map, a timeline and a graph of its neighbourhood; every row
opens its evidence, every node of the graph its page."""

import pandas as pd
import streamlit as st

from edukg.explorer import data
from edukg.explorer.charts import timeline
from edukg.explorer.evidence import Fact, evidence_table
from edukg.explorer.graph import graph_chart, region_neighbourhood
from edukg.explorer.i18n import plain, t, t_or, year_text
from edukg.explorer.maps import region_map
from edukg.explorer.navigation import page_link
from edukg.explorer.pickers import region_select
from edukg.explorer.tables import linked_table

st.title(t("page_region"))
with data.guarded():
    regions = data.regions()
    if not regions:
        st.info(t("empty_graph"))
        st.stop()
    busiest = max(regions.values(), key=lambda r: r.measures).id
    region_id = region_select("region:pick", default=busiest)
    region = regions[region_id]
    reforms = data.frame("region_reforms", {"region": region_id})
    policies = data.frame("region_policies", {"region": region_id})
    documents, mentioned = data.documents_mentioning("Region", region_id)

st.header(plain(region.full_name))
level = t_or(f"level_{region.level}", region.level) if region.level else ""
facts = [level, region.id.removeprefix("region:")]
if region.aliases:
    facts.append(f"{t('region_aliases')}: {'、'.join(region.aliases)}")
st.caption(" · ".join(plain(f) for f in facts if f))
if region.parent in regions:
    page_link(
        "region",
        label=f"{t('region_parent')}: {plain(regions[region.parent].path)}",
        icon=":material/arrow_upward:",
        query_params={"region": region.parent},
    )

reforms["region"] = data.region_labels(reforms["region_id"])
reforms["label"] = [
    data.measure_label(tid) if kind == "Measure" else name
    for kind, tid, name in zip(
        reforms["kind"], reforms["target_id"], reforms["target_name"], strict=True
    )
]
own = reforms[(reforms["depth"] == 0) & (reforms["kind"] == "Measure")].reset_index(drop=True)
below = reforms[(reforms["depth"] > 0) & (reforms["kind"] == "Measure")].reset_index(drop=True)
programs = reforms[reforms["kind"] == "Program"].reset_index(drop=True)

metrics = st.columns(3)
metrics[0].metric(t("metric_own_measures"), len(own))
metrics[1].metric(t("metric_sub_regions"), below["region_id"].nunique())
metrics[2].metric(t("metric_documents_mentioning"), mentioned)


def reform_table(rows: pd.DataFrame, key: str, *, what: str, region_column: str | None) -> None:
    """Measures or programmes (`what` names the column) with years and evidence counts, and
    under `region_column` the region that implements each (the profile's own region marked
    as such); a selected row shows its evidence."""
    if rows.empty:
        st.caption(t("none_recorded"))
        return
    regions_shown = [
        name + t("this_region") if rid == region_id else name  # cells are text: no t(value)
        for rid, name in zip(rows["region_id"], rows["region"], strict=True)
    ]
    table = pd.DataFrame(
        ({region_column: regions_shown} if region_column else {})
        | {
            what: rows["label"],
            t("col_year"): rows["year"].map(year_text),
            t("col_evidence"): rows["evidence"],
        }
    )
    evidence_table(
        table,
        lambda row: Fact("IMPLEMENTS", rows["region_id"][row], rows["target_id"][row]),
        key=key,
    )


st.subheader(t("region_own_measures"))
reform_table(own, "region:own", what=t("col_measure"), region_column=None)

st.subheader(t("region_sub_reforms"))
reform_table(below, "region:below", what=t("col_measure"), region_column=t("col_subregion"))

st.subheader(t("region_map"))
counts = {region_id: len(own)} | below.groupby("region_id").size().to_dict()
region_map(
    {rid: (n, t("map_measures", count=n)) for rid, n in counts.items()},
    key="region:map",
    caption=t("map_sized_by_measures"),
)

dated = reforms[(reforms["kind"] == "Measure") & (reforms["year"].fillna(0) > 0)]
if not dated.empty:
    st.subheader(t("region_timeline"))
    chart_rows = dated.rename(columns={"label": "measure"})[["year", "measure", "region"]]
    st.altair_chart(
        timeline(chart_rows, y="measure", color="region", tooltip=["region", "measure", "year"]),
        width="stretch",
    )

st.subheader(t("region_graph"))
graph_chart(
    region_neighbourhood(region_id, regions, reforms[reforms["depth"] == 0]),
    key=f"region:graph:{region_id}",
)

if not programs.empty:
    st.subheader(t("region_programs"))
    reform_table(
        programs, "region:programs", what=t("col_program"), region_column=t("col_implemented_by")
    )

st.subheader(t("region_policies"))
st.caption(t("region_policies_caption"))
implemented = reforms[(reforms["kind"] == "Policy") & (reforms["depth"] == 0)]
policy_rows = pd.DataFrame(
    {
        "id": list(implemented["target_id"]) + list(policies["id"]),
        t("col_policy"): list(implemented["target_name"]) + list(policies["name"]),
        t("col_doc_number"): [None] * len(implemented) + list(policies["doc_number"]),
        t("col_kind"): [t("region_implements")] * len(implemented)
        + [t("region_named_with")] * len(policies),
    }
).drop_duplicates("id")
linked_table(
    policy_rows.drop(columns="id"),
    policy_rows["id"],
    key="region:policies",
    page="policy",
    param="policy",
)

st.subheader(t("region_documents"))
if mentioned > len(documents):
    st.caption(t("documents_shown", shown=len(documents), total=mentioned))
linked_table(
    {
        t("col_title"): documents["document"],
        t("col_published"): documents["published"],
        t("col_mentions"): documents["mentions"],
    },
    documents["doc_id"],
    key="region:documents",
    page="document",
    param="doc",
)
