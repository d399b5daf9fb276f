"""The Streamlit explorer, driven headless by AppTest against the real embedded store."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from graph_fixture import fixture_graph
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "app.py")
TIMEOUT_S = 60


@pytest.fixture(scope="module")
def graph(embedded_server):
    with fixture_graph(embedded_server) as store:
        yield store


@pytest.fixture
def app(graph) -> AppTest:
    """A fresh app session; cached stores and choices from earlier tests are dropped."""
    st.cache_resource.clear()
    st.cache_data.clear()
    return AppTest.from_file(APP, default_timeout=TIMEOUT_S).run()


def choose(app: AppTest, group: str, query: str) -> AppTest:
    app.selectbox(key="group").select(group).run()
    return app.selectbox(key="query").select(query).run()


def test_the_app_runs_a_canned_query_and_shows_the_rows(app):
    assert not app.exception
    assert app.title[0].value.startswith("edukg")
    choose(app, "Measures", "adopters_of_measure")
    measure = app.selectbox(key="param:adopters_of_measure:measure")
    assert measure.value == "measure:group_schooling"  # the declared default
    assert measure.options[0] == "县管校聘 · county/district-managed, school-hired teachers"
    within = app.selectbox(key="param:adopters_of_measure:within")
    assert within.options[:2] == ["(all)", "北京市"]
    within.select("region:110000")
    assert not app.dataframe  # nothing runs before the Run button
    app.button[0].click().run()

    assert not app.exception and not app.error
    frame = app.dataframe[0].value
    assert list(frame["region"]) == ["东城区", "海淀区"]
    assert list(frame["year"]) == [2014, 2016]
    assert frame["evidence"][0][0] == "东城区从2014年开始推行集团化办学，陆续组建了十多个教育集团。"
    assert [button.label for button in app.get("download_button")] == [
        "Download CSV",
        "Download JSON",
    ]
    assert "MATCH (r:Region)-[i:IMPLEMENTS]->" in app.code[0].value


def test_numeric_parameters_reach_the_query(app):
    choose(app, "Regions", "similar_regions")
    app.number_input(key="param:similar_regions:limit").set_value(1)
    app.button[0].click().run()
    assert not app.exception
    assert list(app.dataframe[0].value["region"]) == ["海淀区"]


def test_a_refused_query_is_an_error_message_not_a_crash(app, graph, embedded_server):
    saved = embedded_server.data_dir / "saved_queries"
    made_here = not saved.exists()
    saved.mkdir(exist_ok=True)
    (saved / "rename_regions.cypher").write_text(
        "// title: Rename regions\n// group: Saved\nMATCH (r:Region) SET r.name = 'x' RETURN r.id",
        encoding="utf-8",
    )
    try:
        app.run()
        choose(app, "Saved", "rename_regions")
        app.button[0].click().run()
    finally:
        (saved / "rename_regions.cypher").unlink()
        if made_here:
            saved.rmdir()
    assert not app.exception
    assert "read-only" in app.error[0].value
    assert not app.dataframe
    assert graph.query("MATCH (r:Region {id: 'region:110101'}) RETURN r.name").rows == [["东城区"]]


def test_an_unavailable_store_is_explained(tmp_path, monkeypatch):
    not_a_dir = tmp_path / "occupied"
    not_a_dir.write_text("a file where the data directory should be")
    monkeypatch.setenv("EDUKG_DATA_DIR", str(not_a_dir))
    st.cache_resource.clear()
    app = AppTest.from_file(APP, default_timeout=TIMEOUT_S).run()
    assert not app.exception
    assert "not available" in app.error[0].value
    assert "cannot be written" in app.error[0].value
