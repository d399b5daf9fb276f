"""Ingest: drop documents, watch them go through the pipeline, see what was extracted.

Uploads are kept in `<data dir>/uploads/` under their own names, so that uploading a changed
version of a file replaces the facts of the earlier one (the pipeline knows a document by
its path and content hash).
"""

import hashlib
import os
from pathlib import Path

import pandas as pd
import streamlit as st

from edukg.explorer import data
from edukg.explorer.evidence import document_facts, facts_table
from edukg.explorer.i18n import plain, t, t_or
from edukg.explorer.messages import translated
from edukg.explorer.navigation import page_link
from edukg.ingest.readers import supported_suffixes
from edukg.store import default_data_dir

UPLOADS = "uploads"
NAME_MAX = 255  # bytes of one file name on Linux and macOS file systems


def stored_name(name: str) -> str:
    """The upload's own name, or, when it is too long for a file name, its start and a
    digest of the whole name (so that two long names stay apart), with its suffix."""
    name = Path(name).name
    if len(os.fsencode(name)) <= NAME_MAX:
        return name
    suffix = Path(name).suffix[:16]
    digest = hashlib.sha256(os.fsencode(name)).hexdigest()[:16]
    room = NAME_MAX - len(os.fsencode(f"-{digest}{suffix}"))
    start = os.fsencode(name)[:room].decode("utf-8", "ignore")
    return f"{start}-{digest}{suffix}"


st.title(t("page_ingest"))
st.caption(t("ingest_intro"))
with st.form("ingest", clear_on_submit=True):
    files = st.file_uploader(
        t("ingest_files"),
        type=[suffix.lstrip(".") for suffix in supported_suffixes()],
        accept_multiple_files=True,
    )
    submitted = st.form_submit_button(t("ingest_button"), type="primary", icon=":material/upload:")

if submitted and files:
    from edukg.ingest.pipeline import ingest_paths  # loads spaCy: only when there is work

    folder = default_data_dir() / UPLOADS
    folder.mkdir(parents=True, exist_ok=True)
    paths, unsaved = [], []
    for upload in files:
        path = folder / stored_name(upload.name)
        if path in paths:  # it would overwrite the other before the pipeline sees either
            unsaved.append((upload.name, t("ingest_same_name")))
            continue
        try:
            path.write_bytes(upload.getvalue())
        except OSError as problem:  # e.g. a full disk: the other files are still ingested
            unsaved.append((upload.name, problem.strerror or str(problem)))
            continue
        paths.append(path)
    bar = st.progress(0.0, text=t("ingest_progress", done=0, total=len(paths)))

    def progress(done: int, total: int) -> None:
        bar.progress(
            done / total if total else 1.0, text=t("ingest_progress", done=done, total=total)
        )

    with data.guarded():
        report = ingest_paths(data.store(), paths, workers=1, on_progress=progress)
    data.refresh()  # every page sees the new facts at once
    st.session_state["ingest:last"] = (report, [str(path.resolve()) for path in paths], unsaved)

last = st.session_state.get("ingest:last")
if last:
    report, sources, unsaved = last
    st.success(t("ingest_done", seconds=report.seconds))
    for name, reason in unsaved:
        st.error(t("ingest_skipped", source=name, reason=translated(reason)))
    for item in report.skipped:
        (st.error if item.is_error else st.warning)(
            t("ingest_skipped", source=Path(item.source).name, reason=translated(item.reason))
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
            for document in data.records("document_by_source", {"source": source}):
                title = plain(f"{document['title']} ({Path(source).name})")
                with st.expander(title, expanded=True):
                    rows = document_facts(document["id"])
                    if rows:
                        st.dataframe(facts_table(rows)[0], hide_index=True, width="stretch")
                    else:
                        st.caption(t("ingest_no_facts"))
                    page_link(
                        "document",
                        label=t("evidence_whole"),
                        icon=":material/article:",
                        query_params={"doc": document["id"]},
                    )
