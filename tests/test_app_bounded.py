"""Pages on a graph holding more than a page draws: each draws the first part, in a stated
order, and says how much there is. The graph is written here (invented counties)."""

from __future__ import annotations

import pyarrow
import pytest

from edukg.store.loader import load
from edukg.store.model import DocumentFacts, Edge, Evidence, Node

GROUP = "measure:group_schooling"
ADOPTERS = 120


def adopting_counties() -> list[DocumentFacts]:
    """One report per county, each saying since when the county runs school groups."""
    documents = []
    for k in range(ADOPTERS):
        doc_id, region_id, year = f"doc:{k:016x}", f"region:91{k:04d}", 2000 + k % 20
        sentence = f"第{k}县自{year}年起推行集团化办学。"
        evidence = Evidence(doc_id, sentence, 0, len(sentence), year)
        text = {
            "title": f"第{k}县教育简报",
            "source": f"{k}.txt",
            "sha256": f"{k:064x}",
            "published": f"{year}-0{1 + k % 9}-15",
            "script": "simplified",
        }
        region = {"full_name": f"某省第{k}县", "level": "county", "lon": 100 + k / 4, "lat": 30.0}
        nodes = [
            Node("Region", region_id, f"第{k}县", region),
            Node("Measure", GROUP, "集团化办学"),
        ]
        edges = [
            Edge("IMPLEMENTS", region_id, GROUP, {}, [evidence]),
            Edge("MENTIONS", doc_id, region_id, {"count": 1}),
            Edge("MENTIONS", doc_id, GROUP, {"count": 1}),
        ]
        documents.append(DocumentFacts(Node("Document", doc_id, text["title"], text), nodes, edges))
    return documents


@pytest.fixture
def crowded_app(store, embedded_server, monkeypatch, open_explorer):
    load(store, adopting_counties())
    monkeypatch.setenv("EDUKG_DATA_DIR", str(embedded_server.data_dir))
    return open_explorer


def test_the_measure_timeline_draws_the_first_adopters_and_says_so(crowded_app):
    app = crowded_app("measure", measure=GROUP)
    assert not app.exception and not app.error
    assert len(app.dataframe[0].value) == ADOPTERS  # the table lists every adopter
    [dataset] = app.get("vega_lite_chart")[0].proto.datasets
    drawn = pyarrow.ipc.open_stream(dataset.data.data).read_all()
    assert drawn.num_rows == 60
    years = sorted(2000 + k % 20 for k in range(ADOPTERS))
    assert sorted(drawn.column("year").to_pylist()) == years[:60]  # the earliest
    assert (
        "The first 60 regions to adopt it (of 120 with a year); the diffusion page counts all "
        "of them by year" in [caption.value for caption in app.caption]
    )


def test_the_overview_lists_the_newest_documents_and_charts_them_all(crowded_app):
    app = crowded_app("overview")
    assert not app.exception and not app.error
    listed = app.dataframe[0].value
    assert len(listed) == 100
    assert list(listed["Published"]) == sorted(listed["Published"], reverse=True)
    assert "The newest 100 of 120" in [caption.value for caption in app.caption]
    by_month = [
        chart.proto.datasets
        for chart in app.get("vega_lite_chart")
        if "yearmonth" in chart.proto.spec
    ]
    [[dataset]] = by_month
    counted = pyarrow.ipc.open_stream(dataset.data.data).read_all()
    assert sum(counted.column("documents").to_pylist()) == ADOPTERS  # every document, by month
