"""Reform diffusion: how one measure spread, from the first movers on, year by year, down the
hierarchy (province → prefecture → county, and the lag between them), on a map coloured by
year; every adopter opens its evidence. The figures come from the canned queries
measure_diffusion*, so the CLI gives the same answers."""

import altair as alt
import pandas as pd
import streamlit as st

from edukg.explorer import data
from edukg.explorer.charts import tooltips
from edukg.explorer.evidence import adopters_table
from edukg.explorer.i18n import plain, t, t_or, year_text
from edukg.explorer.maps import adopters_map, year_colour, year_legend
from edukg.explorer.navigation import page_link
from edukg.explorer.pickers import measure_and_scope
from edukg.explorer.tables import plain_table

FIRST_MOVERS = 5  # adopters shown as first movers
LEVELS = ("province", "prefecture", "county")


def level_text(level: str | None) -> str:
    return t_or(f"level_{level}", level) if level else "—"


def whole(value: object) -> object:
    """A count or year as a whole number, None kept (the store may send 2014.0)."""
    return None if value is None or pd.isna(value) else int(value)


def cumulative_chart(years: pd.DataFrame) -> alt.LayerChart:
    """Bars of the regions first adopting each year, stacked by level, under a line of all
    regions adopting by then."""
    columns = dict(zip(["provinces", "prefectures", "counties"], LEVELS, strict=True))
    new = years.melt(id_vars=["year"], value_vars=list(columns), var_name="column")
    new = new[new["value"] > 0].assign(level=lambda f: f["column"].map(columns).map(level_text))
    x = alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0))
    bars = (
        alt.Chart(new)
        .mark_bar(opacity=0.8)
        .encode(
            x=x,
            y=alt.Y("value:Q", title=t("col_adopters"), axis=alt.Axis(format="d", tickMinStep=1)),
            color=alt.Color("level:N", title=t("col_level")),
            tooltip=[
                *tooltips(["year"]),
                alt.Tooltip("level:N", title=t("col_level")),
                alt.Tooltip("value:Q", title=t("col_new_adopters")),
            ],
        )
    )
    line = (
        alt.Chart(years)
        .mark_line(point=True, color="#333333")
        .encode(
            x=x,
            y="cumulative:Q",
            tooltip=[*tooltips(["year"]), alt.Tooltip("cumulative:Q", title=t("col_cumulative"))],
        )
    )
    return alt.layer(bars, line).properties(height=320)


st.title(t("page_diffusion"))
st.caption(t("diffusion_intro"))
with data.guarded():
    measures = data.measures()
    measure_id, within = measure_and_scope("diffusion")
    measure = measures[measure_id]
    params = {"measure": measure_id, "within": within}
    adopters = data.canned("measure_diffusion", params)
    years = data.canned("measure_diffusion_years", params)
    levels = data.canned("measure_diffusion_levels", params)

st.header(plain(measure.label))
page_link(
    "measure",
    label=t("diffusion_back"),
    icon=":material/school:",
    query_params={"measure": measure_id, **({"within": within} if within else {})},
)

dated = adopters[adopters["year"].notna()].reset_index(drop=True)
first = int(dated["year"].min()) if len(dated) else None
last = int(dated["year"].max()) if len(dated) else None
metrics = st.columns(4)
metrics[0].metric(t("metric_adopters"), len(adopters))
metrics[1].metric(t("metric_first_year"), first if first is not None else "—")
metrics[2].metric(t("metric_years_to_spread"), last - first if first is not None else "—")
metrics[3].metric(t("metric_levels"), int(levels["level"].isin(LEVELS).sum()))
if adopters.empty:
    st.caption(t("none_recorded"))
    st.stop()

st.subheader(t("diffusion_first_movers"))
movers = dated.head(FIRST_MOVERS)
plain_table(
    {
        t("col_rank"): range(1, len(movers) + 1),
        t("col_region"): data.region_labels(movers["region_id"]),
        t("col_level"): movers["level"].map(level_text),
        t("col_year"): movers["year"].map(year_text),
    }
)
st.caption(t("diffusion_first_movers_note"))

if not years.empty:
    st.subheader(t("diffusion_cumulative"))
    st.altair_chart(cumulative_chart(years), width="stretch")
    st.caption(t("diffusion_cumulative_note"))
    if len(dated) < len(adopters):
        st.caption(t("diffusion_undated", count=len(adopters) - len(dated)))
    with st.expander(t("diffusion_years_table")):
        plain_table(
            {
                t("col_year"): years["year"].map(year_text),
                t("col_new_adopters"): years["adopters"].map(whole),
                t("col_provinces"): years["provinces"].map(whole),
                t("col_prefectures"): years["prefectures"].map(whole),
                t("col_counties"): years["counties"].map(whole),
                t("col_cumulative"): years["cumulative"].map(whole),
            }
        )

st.subheader(t("diffusion_levels"))
plain_table(
    {
        t("col_level"): levels["level"].map(level_text),
        t("col_adopters"): levels["adopters"].map(whole),
        t("col_dated_adopters"): levels["dated_adopters"].map(whole),
        t("col_first_year"): levels["first_year"].map(year_text),
        t("col_median_year"): levels["median_year"].map(year_text),
        t("col_first_movers"): levels["first_movers"].map("、".join),
        t("col_lag_first"): levels["lag_first"].map(whole),
        t("col_lag_median"): levels["lag_median"].map(whole),
    }
)
st.caption(t("diffusion_levels_note"))
followed = adopters["years_after_above"].dropna()
if len(followed):
    st.caption(t("diffusion_followed", count=len(followed), years=f"{followed.median():g}"))

# The adopters' table and their map in tabs that run only when open: a busy measure's thousands
# of adopters made the page's first visit draw both (the map most of it), bench/README.md.
listed, mapped = st.tabs(
    [t("diffusion_adopters"), t("diffusion_map")], key="diffusion:view", on_change="rerun"
)
if listed.open:
    with listed:
        adopters_table(
            adopters,
            measure_id,
            {
                t("col_level"): adopters["level"].map(level_text),
                t("col_year"): adopters["year"].map(year_text),
                t("col_above_year"): adopters["above_year"].map(year_text),
                t("col_years_after_above"): adopters["years_after_above"].map(whole),
                t("col_evidence"): adopters["evidence_count"].map(whole),
                t("col_dating_sentence"): adopters["evidence"],
            },
            key="diffusion:adopters",
        )
if mapped.open:
    with mapped:
        adopters_map(
            adopters,
            key="diffusion:map",
            colours={
                rid: year_colour(year, first or 0, last or 0)
                for rid, year in zip(adopters["region_id"], adopters["year"], strict=True)
            },
        )
        if first is not None:
            st.altair_chart(year_legend(first, last), width="stretch", theme=None)
        st.caption(t("diffusion_map_note"))
