"""Search: one box, any name or alias, Simplified or Traditional; a row opens its profile."""

import pandas as pd
import streamlit as st

from explorer import data
from explorer.i18n import t
from explorer.navigation import page_script
from explorer.search import search, simplified
from explorer.widgets import selectable_table, selected_row

# Where a hit of each label opens, and the address parameter that names it there.
OPENS = {
    "Region": ("region", "region"),
    "Measure": ("measure", "measure"),
    "Policy": ("policy", "policy"),
    "Target": ("targets", "target"),
    "Program": ("evidence", "node"),
}

st.title(t("page_search"))
with st.form("search"):
    text = st.text_input(
        t("search_box"), value=st.query_params.get("q", ""), placeholder=t("search_placeholder")
    )
    st.form_submit_button(t("search_button"), type="primary", icon=":material/search:")

if text.strip():
    st.query_params["q"] = text.strip()
    with data.guarded():
        hits = search(text)
    converted = simplified(text)
    if converted != text.strip():
        st.caption(t("search_converted", query=converted))
    if not hits:
        st.info(t("search_none", query=text.strip()))
        st.stop()
    st.caption(f"{t('search_found', count=len(hits))} · {t('search_hint')}")
    table = pd.DataFrame(
        {
            t("col_kind"): [t(f"kind_{hit.kind}") for hit in hits],
            t("col_name"): [
                data.region_label(hit.id) if hit.kind == "Region" else hit.name for hit in hits
            ],
            t("col_name_en"): [hit.name_en for hit in hits],
            t("col_matched"): [hit.matched for hit in hits],
        }
    )
    row = selected_row(selectable_table(table, key="search:hits"))
    if row is not None:
        page, param = OPENS[hits[row].kind]
        st.switch_page(page_script(page), query_params={param: hits[row].id})
