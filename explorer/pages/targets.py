"""Numeric targets: which policies set which numeric goals for an education stage or
population (学前教育, 教师, …), by when, with the sentence that says so."""

import altair as alt
import pandas as pd
import streamlit as st

from explorer import cypher, data
from explorer.evidence import Fact, goal_text, show_fact
from explorer.i18n import plain, t
from explorer.navigation import page_script
from explorer.widgets import (
    LABEL_LIMIT,
    selectable_table,
    selected_row,
    synced_select,
    year_text,
)


def goal_chart(percentages: pd.DataFrame) -> alt.LayerChart:
    """Percentage goals as bars: one row per metric, the goals of different policies for the
    same metric side by side (grouped, never stacked: 55 % and 60 % are not 115 %), each bar
    named in the legend and labelled with its goal, the axis in per cent."""
    rows = pd.DataFrame(
        {
            "metric": percentages["metric"] + " (" + percentages["target"] + ")",
            "value": percentages["value"],
            "policy": percentages["subject"],
            "goal": percentages["goal"],
            "deadline": percentages["deadline"].map(year_text),
        }
    )
    bars = int(rows.groupby("metric")["policy"].nunique().sum())
    top = max(100.0, float(rows["value"].max()))
    base = alt.Chart(rows).encode(
        x=alt.X(
            "value:Q",
            title=t("targets_axis"),
            scale=alt.Scale(domain=[0, top]),
            stack=None,
            axis=alt.Axis(format="d"),
        ),
        y=alt.Y("metric:N", title=None, sort="-x", axis=alt.Axis(labelLimit=LABEL_LIMIT)),
        yOffset=alt.YOffset("policy:N", title=None),
        tooltip=[
            alt.Tooltip("policy:N", title=t("col_policy")),
            alt.Tooltip("metric:N", title=t("col_metric")),
            alt.Tooltip("goal:N", title=t("col_goal")),
            alt.Tooltip("deadline:N", title=t("col_deadline")),
        ],
    )
    colour = alt.Color(
        "policy:N",
        title=t("col_policy"),
        legend=alt.Legend(
            orient="bottom", direction="vertical", columns=1, labelLimit=800, symbolLimit=0
        ),
    )
    chart = base.mark_bar().encode(color=colour) + base.mark_text(
        align="left", dx=4, fontSize=12
    ).encode(text="goal:N")
    return chart.properties(height=max(120, 24 * bars))


st.title(t("page_targets"))
st.caption(t("targets_intro"))
with data.guarded():
    stages = {row["id"]: row for row in data.records(cypher.TARGET_STAGES)}
    target = synced_select(
        t("pick_target"),
        ["", *stages],
        key="targets:pick",
        param="target",
        default="",
        format_func=lambda value: (
            f"{stages[value]['name']} ({stages[value]['goals']})" if value else t("all_targets")
        ),
    )
    goals = data.canned("policy_targets", {"target": target})

if goals.empty:
    st.info(t("targets_none") if not stages else t("none_recorded"))
    st.stop()

goals["goal"] = [
    goal_text(c, v, u)
    for c, v, u in zip(goals["comparator"], goals["value"], goals["unit"], strict=True)
]
table = pd.DataFrame(
    {
        t("col_policy"): goals["subject"],
        t("col_target"): goals["target"],
        t("col_metric"): goals["metric"],
        t("col_goal"): goals["goal"],
        t("col_deadline"): goals["deadline"].map(year_text),
        t("col_evidence"): goals["evidence"].map(len),
    }
)
row = selected_row(selectable_table(table, key="targets:table"))
st.caption(t("select_row_hint"))
if row is not None:
    with st.container(border=True):
        show_fact(
            Fact("TARGETS", goals["subject_id"][row], goals["target_id"][row], goals["metric"][row])
        )
        if goals["subject_kind"][row] == "Policy":
            st.page_link(
                page_script("policy"),
                label=plain(goals["subject"][row]),
                icon=":material/gavel:",
                query_params={"policy": goals["subject_id"][row]},
            )

percentages = goals[goals["unit"] == "%"]
if not percentages.empty:
    st.subheader(t("targets_chart"))
    st.altair_chart(goal_chart(percentages), width="stretch")
