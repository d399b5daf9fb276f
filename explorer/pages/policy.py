"""Policy profile: a policy's document number, issuer and date, what it cites and what cites
it, the numeric targets it sets, the regions implementing it, and its text."""

import pandas as pd
import streamlit as st

from edukg.explorer import data
from edukg.explorer.evidence import Fact, evidence_table, goal_texts, show_fact
from edukg.explorer.i18n import plain, t
from edukg.explorer.navigation import page_link
from edukg.explorer.pickers import PICKER_HITS, node_select

st.title(t("page_policy"))
with data.guarded():
    starters = data.starters("policies", "Policy", PICKER_HITS)
    if not starters:
        st.info(t("policy_none"))
        st.stop()
    policy_id = node_select(
        t("pick_policy"),
        kinds=["Policy"],
        key="policy:pick",
        param="policy",
        starters=starters,
        default=starters[0],  # the policy the graph says most about
        describe=lambda policy: " · ".join(x for x in (policy["name"], policy["doc_number"]) if x),
    )
    profile = data.records("policy", {"policy": policy_id})[0]
    own = data.frame("policy_goals", {"policy": policy_id})
    mentions, mentioned = data.documents_mentioning("Policy", policy_id)
    policies = data.named(profile["cites"] + profile["cited_by"])  # the policies linked here

props = profile["props"]
st.header(plain(props.get("title") or props["name"]))
details = [
    props.get("doc_number"),
    f"{t('col_issued')}: {props['issued']}" if props.get("issued") else None,
    f"{t('policy_kind')}: {props['kind']}" if props.get("kind") else None,
    f"{t('policy_issuer')}: {props['issuer']}" if props.get("issuer") else None,
    *profile["issuers"],
]
st.caption(" · ".join(plain(d) for d in details if d))


def citations(ids: list[str], *, outgoing: bool) -> None:
    """Links to the policies cited (or citing), each with the citing sentence on demand."""
    if not ids:
        st.caption(t("none_recorded"))
    for other in ids:
        page_link(
            "policy",
            label=plain(policies[other]["name"] if other in policies else other),
            icon=":material/gavel:",
            query_params={"policy": other},
        )
    for other in ids:
        if other in policies:
            with st.expander(f"{t('evidence_for')}: {plain(policies[other]['name'])}"):
                source, target = (policy_id, other) if outgoing else (other, policy_id)
                show_fact(Fact("CITES", source, target), permalink=False, reveal=False)


left, right = st.columns(2)
with left:
    st.subheader(t("policy_cites"))
    citations(profile["cites"], outgoing=True)
with right:
    st.subheader(t("policy_cited_by"))
    citations(profile["cited_by"], outgoing=False)

st.subheader(t("policy_targets"))
if own.empty:
    st.caption(t("none_recorded"))
else:
    table = pd.DataFrame(
        {
            t("col_target"): own["target"],
            t("col_metric"): own["metric"],
            t("col_goal"): goal_texts(own),
            t("col_deadline"): own["deadline"],
        }
    )
    evidence_table(
        table,
        lambda row: Fact("TARGETS", policy_id, own["target_id"][row], own["metric"][row]),
        key="policy:targets",
    )

left, right = st.columns(2)
with left:
    st.subheader(t("policy_regions"))
    if not profile["regions"]:
        st.caption(t("none_recorded"))
    for region_id in profile["regions"]:
        page_link(
            "region",
            label=plain(data.region_label(region_id)),
            icon=":material/location_on:",
            query_params={"region": region_id},
        )
with right:
    st.subheader(t("policy_texts"))
    if not profile["texts"]:
        st.caption(t("none_recorded"))
    for doc_id in profile["texts"]:
        page_link(
            "document",
            label=t("evidence_whole"),
            icon=":material/article:",
            query_params={"doc": doc_id},
        )
    st.subheader(t("policy_mentioned_in"))
    if mentioned > len(mentions):
        st.caption(t("documents_shown", shown=len(mentions), total=mentioned))
    for row in mentions.itertuples():
        page_link(
            "document",
            label=plain(f"{row.document} ({row.mentions})"),
            icon=":material/article:",
            query_params={"doc": row.doc_id},
        )
