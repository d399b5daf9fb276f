"""The explorer as a whole, driven headless by AppTest against the demo corpus in a real
embedded store: every page renders, the overview, the language switch, the store failing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from edukg.explorer.i18n import TEXT
from edukg.explorer.navigation import PAGES, SECTIONS
from edukg.store.model import EDGE_ENDPOINTS, NODE_LABELS

ROOT = Path(__file__).resolve().parent.parent

# A page, the address it is opened with, and text it must show about the demo corpus.
PAGE_CONTENT = {
    "overview": ({}, "Most adopted measures"),
    "search": ({"q": "海淀"}, "北京市 › 海淀区"),
    "region": ({"region": "region:110101"}, "北京市东城区"),
    "compare": ({}, "Only 东城区"),
    "measure": ({"measure": "measure:group_schooling"}, "school-group"),
    "diffusion": ({"measure": "measure:group_schooling"}, "First movers"),
    "targets": ({}, "Numeric targets"),
    "policy": ({}, "Cites"),
    "evidence": ({"node": "region:110108"}, "Facts about it"),
    "document": ({}, "Facts extracted from it"),
    "queries": ({}, "Regions adopting a measure"),
    "saved": ({}, "$measure"),
    "ingest": ({}, "Drop files here"),
}


def shown_text(app: AppTest) -> str:
    """Everything a reader sees as text: headings, markdown, captions, metrics, labels."""
    parts = [
        e.value
        for kind in ("title", "header", "subheader", "markdown", "caption")
        for e in getattr(app, kind)
    ]
    parts += [m.label for m in app.metric]
    widgets = (*app.selectbox, *app.text_input, *app.text_area, *app.button, *app.file_uploader)
    parts += [w.label for w in widgets]
    parts += [str(w.value) for w in (*app.selectbox, *app.text_input)]
    parts += [str(frame.value.to_dict()) for frame in app.dataframe]
    return "\n".join(parts)


def test_every_page_has_both_languages_and_a_script():
    assert set(PAGE_CONTENT) == set(PAGES)
    for spec in PAGES.values():
        assert (ROOT / spec.script).is_file()
        assert f"page_{spec.url}" in TEXT
    assert all(section in TEXT for section in SECTIONS)


def test_every_label_the_explorer_uses_exists_in_both_languages():
    used = set()
    for path in (ROOT / "explorer").rglob("*.py"):
        used |= set(re.findall(r"\bt(?:_or)?\(\s*\"([a-z_]+)\"", path.read_text(encoding="utf-8")))
    used |= {f"kind_{label}" for label in NODE_LABELS} | {f"edge_{kind}" for kind in EDGE_ENDPOINTS}
    missing = sorted(used - set(TEXT))
    assert not missing
    assert all(zh.strip() and en.strip() for zh, en in TEXT.values())


@pytest.mark.parametrize("page", PAGE_CONTENT)
def test_every_page_renders_the_demo_graph_without_error(page, demo_data_dir, open_explorer):
    params, expected = PAGE_CONTENT[page]
    app = open_explorer(page, **params)
    assert not app.exception, app.exception
    assert not app.error, [e.value for e in app.error]
    assert expected in shown_text(app)


def test_the_overview_counts_charts_and_starting_questions(demo_data_dir, open_explorer):
    app = open_explorer("overview")
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Documents"] == "7"
    assert int(metrics["Adoptions recorded"]) >= 20
    charts = app.get("vega_lite_chart")
    assert len(charts) == 5  # nodes, edges, measures, regions, documents by date
    links = {link.label: link for link in app.get("page_link")}
    adopters = "Which regions of 北京市 adopted 集团化办学, and since when?"
    assert adopters in links
    assert links[adopters].page == "measure"
    assert "within=region%3A110000" in links[adopters].query_string
    assert "How do 东城区 and 海淀区 differ?" in links
    documents = app.dataframe[0].value
    assert set(documents["Script"]) == {"Simplified", "Traditional"}
    assert "东城区十年探索：集团化办学与学区制双轮驱动" in set(documents["Title"])


def test_a_document_row_on_the_overview_opens_its_text(demo_data_dir, open_explorer):
    app = open_explorer("overview")
    titles = list(app.dataframe[0].value["Title"])
    row = titles.index("东城区十年探索：集团化办学与学区制双轮驱动")
    app.session_state["overview:documents"] = {"selection": {"rows": [row], "columns": []}}
    app.run()
    assert app.query_params["doc"].startswith("doc:")
    assert any("东城区自2014年起推行集团化办学" in m.value for m in app.markdown)


def test_the_interface_switches_between_chinese_and_english(demo_data_dir, open_explorer):
    app = open_explorer("measure", lang="zh", measure="measure:group_schooling")
    assert app.title[0].value == "改革举措"
    assert app.selectbox[0].label == "改革举措"
    both_names = "集团化办学 · school-group (education group) operation"
    assert both_names in app.selectbox[0].options  # measures carry both names
    app.get("button_group")[0].set_value("en").run()
    assert app.title[0].value == "Measure profile"
    assert app.selectbox[0].label == "Measure"
    assert both_names in app.selectbox[0].options
    assert app.query_params["measure"] == "measure:group_schooling"  # the choice stays


def test_an_unavailable_store_is_explained(tmp_path, monkeypatch):
    not_a_dir = tmp_path / "occupied"
    not_a_dir.write_text("a file where the data directory should be")
    monkeypatch.setenv("EDUKG_DATA_DIR", str(not_a_dir))
    st.cache_resource.clear()
    st.cache_data.clear()
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.query_params["lang"] = "en"
    app.run()
    assert not app.exception
    assert "not available" in app.error[0].value
    assert "cannot be written" in app.error[0].value
