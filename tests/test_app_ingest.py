"""Ingesting from the explorer: upload, progress, what was extracted, and every page seeing
the new facts at once. Uses a store of its own, started by the app itself."""

from __future__ import annotations

import gc

import pytest

from edukg.explorer.i18n import plain
from edukg.ingest.pipeline import INGEST_GC_THRESHOLDS, _collecting_every

# Written for this test.
REPORT = (
    "西城区推进集团化办学\n"
    "2024年3月1日\n"
    "西城区自2019年起推行集团化办学，由优质学校牵头组建教育集团，集团内共享课程和师资。\n"
)


@pytest.fixture
def own_store(private_server, monkeypatch):
    monkeypatch.setenv("EDUKG_DATA_DIR", str(private_server.data_dir))
    return private_server


def upload(app, *files):
    app.file_uploader[0].set_value(list(files))
    return next(b for b in app.button if b.label == "Ingest").click().run(timeout=180)


def test_an_uploaded_document_is_ingested_and_shown_everywhere(own_store, open_explorer):
    collecting = gc.get_threshold()
    app = open_explorer("ingest")
    app = upload(app, ("xicheng.txt", REPORT.encode("utf-8"), "text/plain"))
    assert not app.exception and not app.error
    assert gc.get_threshold() == collecting  # the ingest collects less often only while it runs
    assert app.success[0].value.startswith("Ingested in")
    summary = dict(zip(*app.dataframe[0].value.to_dict("list").values(), strict=True))
    assert summary["files found"] == 1 and summary["documents added"] == 1
    assert [e.label for e in app.expander] == [plain("西城区推进集团化办学 (xicheng.txt)")]
    facts = app.dataframe[1].value["Fact"]
    assert facts.str.contains("西城区 → implements → 集团化办学").any()
    assert (own_store.data_dir / "uploads" / "xicheng.txt").is_file()

    app.switch_page("explorer/pages/measure.py")
    app.query_params.update(measure="measure:group_schooling")
    app.run()
    assert "北京市 › 西城区" in set(app.dataframe[0].value["Region"])

    again = open_explorer("ingest")
    again = upload(again, ("xicheng.txt", REPORT.encode("utf-8"), "text/plain"))
    summary = dict(zip(*again.dataframe[0].value.to_dict("list").values(), strict=True))
    assert summary["unchanged (skipped)"] == 1


def test_an_unreadable_upload_is_reported(own_store, open_explorer):
    app = open_explorer("ingest")
    app = upload(app, ("empty.txt", b"", "text/plain"))
    assert not app.exception
    assert plain("empty.txt") in app.error[0].value


@pytest.mark.parametrize("first_to_end", [0, 1])
def test_overlapping_ingests_leave_the_explorers_collector_as_it_was(first_to_end):
    collecting = gc.get_threshold()
    ingests = [_collecting_every(INGEST_GC_THRESHOLDS) for _ in range(2)]
    for ingest in ingests:
        ingest.__enter__()
    ingests[first_to_end].__exit__(None, None, None)
    ingests[1 - first_to_end].__exit__(None, None, None)
    assert gc.get_threshold() == collecting
