"""Numeric targets in the explorer — which policies set numeric goals for 学前教育 — on the
hand-made fixture graph, whose TARGETS edges are known exactly (tests/graph_fixture.py)."""

from __future__ import annotations

import pyarrow
import pytest
from graph_fixture import (
    BEIJING_TITLE,
    DONGCHENG,
    DONGCHENG_TITLE,
    NATIONAL,
    fixture_graph,
    shared_goal_documents,
)

from edukg.explorer.evidence import MARK_STYLE
from edukg.store.loader import load


@pytest.fixture(scope="module")
def graph(embedded_server):
    with fixture_graph(embedded_server) as store:
        yield store


@pytest.fixture
def fixture_app(graph, embedded_server, monkeypatch, open_explorer):
    monkeypatch.setenv("EDUKG_DATA_DIR", str(embedded_server.data_dir))
    return open_explorer


def test_the_policies_setting_numeric_targets_for_preschool(fixture_app):
    app = fixture_app("targets", target="target:学前教育")
    assert not app.exception and not app.error
    goals = app.dataframe[0].value
    assert goals.to_dict("records") == [
        {
            "Policy": DONGCHENG_TITLE,
            "Stage or population": "学前教育",
            "Metric": "普惠性幼儿园覆盖率",
            "Goal": "≥ 85%",
            "Deadline": 2025,
            "Documents": 1,
        }
    ]
    assert app.get("vega_lite_chart"), "percentage goals are charted"

    app.session_state["targets:table"] = {"selection": {"rows": [0], "columns": []}}
    app.run()
    shown = "\n".join(m.value for m in app.markdown)
    assert f'<mark style="{MARK_STYLE}">到2025年，普惠性幼儿园覆盖率不低于85%。</mark>' in shown
    assert any(
        link.page == "policy" and link.value == DONGCHENG_TITLE for link in app.get("page_link")
    )


def test_every_stage_is_offered_with_its_number_of_goals(fixture_app):
    app = fixture_app("targets")
    picker = app.selectbox(key="targets:pick")
    assert picker.options == ["(all stages and populations)", "义务教育 (2)", "学前教育 (1)"]
    assert len(app.dataframe[0].value) == 3


def test_the_policy_profile_shows_citations_and_targets(fixture_app):
    app = fixture_app("policy", policy=DONGCHENG)
    assert app.header[0].value == DONGCHENG_TITLE
    cited = [link.value for link in app.get("page_link") if link.page == "policy"]
    assert BEIJING_TITLE in cited and NATIONAL.removeprefix("policy:") in cited
    targets = app.dataframe[0].value
    assert sorted(targets["Metric"]) == [
        "教育集团成员校数",
        "普惠性幼儿园覆盖率",
        "集团化办学覆盖率",
    ]
    assert "≥ 3所" in set(targets["Goal"])


def test_the_measure_profile_lists_goals_that_name_the_measure(fixture_app):
    app = fixture_app("measure", measure="measure:group_schooling")
    goals = next(f.value for f in app.dataframe if "Metric" in f.value.columns)
    assert list(goals["Metric"]) == ["集团化办学覆盖率"]
    assert list(goals["Goal"]) == ["≥ 90%"]


def test_the_overview_asks_about_the_stage_with_most_goals(fixture_app):
    app = fixture_app("overview")
    labels = [link.value for link in app.get("page_link")]
    assert "Which policies set numeric targets for 义务教育?" in labels


def test_the_chart_draws_the_first_percentage_goals_and_says_so(
    store, embedded_server, monkeypatch, open_explorer
):
    """Sixty policies each set a goal: all are listed, the chart draws the first fifty (a bar
    each: hundreds would make it unreadable and slow to draw). Runs last: it replaces the
    module's graph."""
    goals = [(f"第{k}号学前教育行动方案", f"第{k}项学前教育指标", 40 + k) for k in range(60)]
    load(store, shared_goal_documents(goals))
    monkeypatch.setenv("EDUKG_DATA_DIR", str(embedded_server.data_dir))
    app = open_explorer("targets", target="target:学前教育")
    assert len(app.dataframe[0].value) == 60
    [dataset] = app.get("vega_lite_chart")[0].proto.datasets  # the bars, as Arrow
    assert pyarrow.ipc.open_stream(dataset.data.data).read_all().num_rows == 50
    assert "The chart draws the first 50 of the table's 60 percentage goals" in [
        caption.value for caption in app.caption
    ]
