"""Compare: two or more regions side by side — shared and distinct measures, adoption years,
and the evidence behind every cell."""

import pandas as pd
import streamlit as st

from edukg.explorer import data
from edukg.explorer.charts import timeline
from edukg.explorer.evidence import Fact, show_fact
from edukg.explorer.i18n import plain, t, year_text
from edukg.explorer.pickers import busiest_siblings, region_multiselect
from edukg.explorer.tables import selectable_table

NOT_ADOPTED = ""
YEAR_UNKNOWN = "✓"

st.title(t("page_compare"))
with data.guarded():
    regions = data.regions()
    chosen = region_multiselect("compare:pick", param="regions", default=busiest_siblings())
    if len(chosen) < 2:
        st.info(t("compare_need_two"))
        st.stop()
    adoptions = data.frame("compare", {"regions": chosen})

names = {rid: regions[rid].name for rid in chosen}
if len(set(names.values())) < len(names):  # two 朝阳区: use the full path
    names = {rid: regions[rid].path for rid in chosen}
by_region = {rid: set(adoptions[adoptions["region_id"] == rid]["measure_id"]) for rid in chosen}
shared = set.intersection(*by_region.values())

columns = st.columns(len(chosen) + 1)
with columns[0]:
    st.markdown(f"**{t('compare_shared')}** ({len(shared)})")
    for measure_id in sorted(shared):
        st.markdown(f"- {plain(data.measure_label(measure_id))}")
for column, rid in zip(columns[1:], chosen, strict=True):
    only = by_region[rid] - set.union(*(by_region[o] for o in chosen if o != rid))
    with column:
        st.markdown(f"**{t('compare_only', region=names[rid])}** ({len(only)})")
        for measure_id in sorted(only):
            st.markdown(f"- {plain(data.measure_label(measure_id))}")

st.subheader(t("compare_matrix"))
measure_ids = sorted(set(adoptions["measure_id"]), key=lambda m: (m not in shared, m))
years = {(row.region_id, row.measure_id): row.year for row in adoptions.itertuples()}


def cell(region_id: str, measure_id: str) -> str:
    if (region_id, measure_id) not in years:
        return NOT_ADOPTED
    return year_text(years[region_id, measure_id], missing=YEAR_UNKNOWN)


matrix = pd.DataFrame(
    {t("col_measure"): [data.measure_label(m) for m in measure_ids]}
    | {names[rid]: [cell(rid, m) for m in measure_ids] for rid in chosen}
)
selection = selectable_table(matrix, key="compare:matrix", cells=True)
st.caption(t("compare_cell_hint"))
for row, column in selection.get("cells") or []:
    region_id = next((rid for rid in chosen if names[rid] == column), None)
    if region_id and (region_id, measure_ids[row]) in years:
        with st.container(border=True):
            show_fact(Fact("IMPLEMENTS", region_id, measure_ids[row]))

dated = adoptions[adoptions["year"].fillna(0) > 0]
if not dated.empty:
    st.subheader(t("compare_timeline"))
    chart_rows = pd.DataFrame(
        {
            "year": dated["year"],
            "measure": dated["measure_id"].map(data.measure_label),
            "region": dated["region_id"].map(names),
        }
    )
    st.altair_chart(
        timeline(chart_rows, y="measure", color="region", tooltip=["region", "measure", "year"]),
        width="stretch",
    )
