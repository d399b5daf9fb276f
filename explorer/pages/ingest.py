"""Ingest: drop documents, watch them go through the pipeline, see what was extracted.

Uploads are kept in `<data dir>/uploads/` under their own names, so that uploading a changed
version of a file replaces the facts of the earlier one (the pipeline knows a document by
its path and content hash).
"""

from pathlib import Path

import pandas as pd
import streamlit as st

from explorer import cypher, data
from explorer.evidence import document_facts, facts_table
from explorer.i18n import t, t_or
from explorer.navigation import page_script
from graphstore import default_data_dir
from ingest.readers import SUPPORTED_SUFFIXES

UPLOADS = "uploads"

st.title(t("page_ingest"))
st.caption(t("ingest_intro"))
with st.form("ingest", clear_on_submit=True):
    files = st.file_uploader(
        t("ingest_files"),
        type=[suffix.lstrip(".") for suffix in SUPPORTED_SUFFIXES],
        accept_multiple_files=True,
    )
    submitted = st.form_submit_button(t("ingest_button"), type="primary", icon=":material/upload:")

if submitted and files:
    from ingest.pipeline import ingest_paths  # loads spaCy: only when there is work

    folder = default_data_dir() / UPLOADS
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for upload in files:
        paths.append(folder / Path(upload.name).name)
        paths[-1].write_bytes(upload.getvalue())
    bar = st.progress(0.0, text=t("ingest_progress", done=0, total=len(paths)))

    def progress(done: int, total: int) -> None:
        bar.progress(
            done / total if total else 1.0, text=t("ingest_progress", done=done, total=total)
        )

    with data.guarded():
        report = ingest_paths(data.store(), paths, workers=1, on_progress=progress)
    data.refresh()  # every page sees the new facts at once
    st.session_state["ingest:last"] = (report, [str(path.resolve()) for path in paths])

last = st.session_state.get("ingest:last")
if last:
    report, sources = last
    st.success(t("ingest_done", seconds=report.seconds))
    for item in report.skipped:
        (st.error if item.is_error else st.warning)(
            t("ingest_skipped", source=Path(item.source).name, reason=item.reason)
        )
    st.subheader(t("ingest_summary"))
    summary = {t("ingest_found"): report.found, t("ingest_unchanged"): report.unchanged}
    summary |= {
        t_or(f"count_{key}", key.replace("_", " ")): value
        for key, value in report.totals.items()
        if value
    }
    st.dataframe(
        pd.DataFrame({t("col_kind"): list(summary), t("col_count"): list(summary.values())}),
        hide_index=True,
    )
    st.subheader(t("ingest_extracted"))
    with data.guarded():
        for source in sources:
            for document in data.records(cypher.DOCUMENT_BY_SOURCE, {"source": source}):
                with st.expander(f"{document['title']} ({Path(source).name})", expanded=True):
                    rows = document_facts(document["id"])
                    if rows:
                        st.dataframe(facts_table(rows)[0], hide_index=True, width="stretch")
                    else:
                        st.caption(t("ingest_no_facts"))
                    st.page_link(
                        page_script("document"),
                        label=t("evidence_whole"),
                        icon=":material/article:",
                        query_params={"doc": document["id"]},
                    )
