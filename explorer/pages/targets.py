"""Numeric targets: which policies set which numeric goals for an education stage or
population (学前教育, 教师, …), by when, with the sentence that says so."""

import pandas as pd
import streamlit as st

from edukg.catalog import PAGE_PARAM
from edukg.explorer import data
from edukg.explorer.charts import goal_chart
from edukg.explorer.evidence import Fact, goal_texts, show_fact
from edukg.explorer.i18n import plain, t
from edukg.explorer.navigation import page_link
from edukg.explorer.pickers import synced_select
from edukg.explorer.tables import selectable_table, selected_row

# Goals the page lists, in the order the graph keeps them: a stage has hundreds of thousands at
# a national scale. The chart draws the first percentage goals among them, a bar each.
GOALS_SHOWN = 500
GOALS_CHARTED = 50

st.title(t("page_targets"))
st.caption(t("targets_intro"))
with data.guarded():
    stages = {row["id"]: row for row in data.records("target_stages")}
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
    goals = data.canned("policy_targets", {"target": target, PAGE_PARAM: GOALS_SHOWN})
    total = stages[target]["goals"] if target else sum(stage["goals"] for stage in stages.values())

if goals.empty:
    st.info(t("targets_none") if not stages else t("none_recorded"))
    st.stop()

goals["goal"] = goal_texts(goals)
table = pd.DataFrame(
    {
        t("col_policy"): goals["subject"],
        t("col_target"): goals["target"],
        t("col_metric"): goals["metric"],
        t("col_goal"): goals["goal"],
        t("col_deadline"): goals["deadline"],
        t("col_documents"): goals["documents"],
    }
)
if total > len(goals):
    st.caption(t("goals_shown", shown=len(goals), total=total))
row = selected_row(selectable_table(table, key="targets:table"))
st.caption(t("select_row_hint"))
if row is not None:
    with st.container(border=True):
        show_fact(
            Fact("TARGETS", goals["subject_id"][row], goals["target_id"][row], goals["metric"][row])
        )
        if goals["subject_kind"][row] == "Policy":
            page_link(
                "policy",
                label=plain(goals["subject"][row]),
                icon=":material/gavel:",
                query_params={"policy": goals["subject_id"][row]},
            )

percentages = goals[goals["unit"] == "%"]
if not percentages.empty:
    st.subheader(t("targets_chart"))
    if len(percentages) > GOALS_CHARTED:
        st.caption(t("goals_charted", shown=GOALS_CHARTED, total=len(percentages)))
    st.altair_chart(goal_chart(percentages.head(GOALS_CHARTED)), width="stretch")
