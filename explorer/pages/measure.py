"""Measure profile: who adopted a measure and since when (a timeline), where (a map), and the
policies and numeric goals about it; every adoption opens its evidence."""

import pandas as pd
import streamlit as st

from edukg.explorer import data
from edukg.explorer.charts import timeline
from edukg.explorer.evidence import Fact, adopters_table, goal_texts, show_fact
from edukg.explorer.i18n import plain, t, year_text
from edukg.explorer.maps import adopters_map
from edukg.explorer.navigation import page_link
from edukg.explorer.pickers import measure_and_scope
from edukg.explorer.tables import linked_table, readable, selectable_table, selected_row

# Adopters the timeline draws, a row each, the earliest first: a measure adopted by thousands of
# regions drew a chart 80 000 pixels tall. The diffusion page counts all of them by year.
TIMELINE_ADOPTERS = 60
# Documents of each goal a scope looks at to tell whether it speaks of a region within: reading
# them is most of the goals' query at a national scale, so they are read only with a scope.
SCOPE_DOCUMENTS = 50

st.title(t("page_measure"))
with data.guarded():
    measures = data.measures()
    measure_id, within = measure_and_scope("measure")
    measure = measures[measure_id]
    adopters = data.frame("measure_adopters", {"measure": measure_id, "within": within})
    policies, promoting = data.measure_policies(measure_id)
    # The scope holds for the goals too (none set elsewhere), found by their first documents.
    documents = SCOPE_DOCUMENTS if within else 0
    goals = data.frame("measure_goals", {"measure": measure_id, "documents": documents})
    if within:
        goals = data.in_scope(goals, within)
    programs = data.frame("measure_programs", {"measure": measure_id})

st.header(plain(measure.name))
st.markdown(f"*{plain(measure.name_en)}*")
details = []
if measure.aliases:
    details.append(f"{t('measure_aliases')}: {'、'.join(measure.aliases)}")
if measure.broader and f"measure:{measure.broader}" in measures:
    details.append(f"{t('measure_broader')}: {measures[f'measure:{measure.broader}'].label}")
st.caption(" · ".join(map(plain, details)))
page_link(
    "diffusion",
    label=t("diffusion_open"),
    icon=":material/timeline:",
    query_params={"measure": measure_id, **({"within": within} if within else {})},
)

years = adopters["year"].dropna()
years = years[years > 0]
metrics = st.columns(3)
metrics[0].metric(t("metric_adopters"), len(adopters))
metrics[1].metric(t("metric_earliest"), int(years.min()) if len(years) else "—")
metrics[2].metric(t("metric_goals"), len(goals))

# The adopters' table and their map in tabs that run only when open, as on the diffusion page.
listed, mapped = st.tabs(
    [t("measure_adopters"), t("measure_map")], key="measure:view", on_change="rerun"
)
if adopters.empty:
    (listed if listed.open else mapped).caption(t("none_recorded"))
elif listed.open:
    with listed:
        adopters_table(
            adopters,
            measure_id,
            {
                t("col_year"): adopters["year"].map(year_text),
                t("col_documents"): adopters["documents"],
            },
            key="measure:adopters",
        )
elif mapped.open:
    with mapped:
        adopters_map(adopters, key="measure:map")

dated = adopters[adopters["year"].fillna(0) > 0]
if not dated.empty:
    st.subheader(t("measure_timeline"))
    if len(dated) > TIMELINE_ADOPTERS:
        st.caption(t("timeline_first", shown=TIMELINE_ADOPTERS, total=len(dated)))
        dated = dated.sort_values(["year", "region_id"]).head(TIMELINE_ADOPTERS)
    chart_rows = pd.DataFrame(
        {
            "year": dated["year"],
            "region": data.region_labels(dated["region_id"]),
            "province": dated["region_id"].map(
                {rid: region.province_name for rid, region in data.regions().items()}
            ),
        }
    )
    st.altair_chart(
        timeline(chart_rows, y="region", color="province", tooltip=["region", "year"]),
        width="stretch",
    )

st.subheader(t("measure_policies"))
if promoting > len(policies):
    st.caption(t("policies_shown", shown=len(policies), total=promoting))
linked_table(
    {
        t("col_policy"): policies["name"],
        t("col_doc_number"): policies["doc_number"],
        t("col_issued"): policies["issued"],
        t("col_mentions"): policies["mentions"],
    },
    policies["id"],
    key="measure:policies",
    page="policy",
    param="policy",
)

st.subheader(t("measure_goals"))
if goals.empty:
    st.caption(t("none_recorded"))
else:
    table = pd.DataFrame(
        {
            t("col_policy"): goals["subject"],
            t("col_target"): goals["target"],
            t("col_metric"): goals["metric"],
            t("col_goal"): goal_texts(goals),
            t("col_deadline"): goals["deadline"],
        }
    )
    row = selected_row(selectable_table(table, key="measure:goals"))
    if row is not None:
        with st.container(border=True):
            show_fact(
                Fact(
                    "TARGETS",
                    goals["subject_id"][row],
                    goals["target_id"][row],
                    goals["metric"][row],
                )
            )

if not programs.empty:
    st.subheader(t("measure_programs"))
    st.dataframe(
        readable(
            programs.rename(columns={"name": t("col_name"), "description": t("col_description")})
        ),
        hide_index=True,
        column_order=[t("col_name"), t("col_description")],
    )
