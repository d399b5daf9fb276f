"""The region page's interactive graph on the demo corpus: the nodes and edges it sends to
the component (AppTest does not draw components: their options are read from the page),
what a click on a node opens, and the bounds and safety of the data. The browser side
(canvas drawn offline, a real click) is in tests/browser/test_graph.py."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from edukg.explorer.data import RegionRecord
from edukg.explorer.graph import JS_MARKER, Graph, clicked_node, graph_options, region_neighbourhood
from edukg.explorer.navigation import node_target

DONGCHENG, HAIDIAN, CHAOYANG, BEIJING = (
    "region:110101",
    "region:110108",
    "region:110105",
    "region:110000",
)
GROUP_SCHOOLING = "measure:group_schooling"


def drawn(app: AppTest) -> dict:
    """The ECharts option of the page's one graph."""
    graphs = [
        json.loads(element.proto.json)["options"]
        for element in app.get("bidi_component")
        if element.proto.component_name.startswith("streamlit-echarts")
    ]
    assert len(graphs) == 1
    return graphs[0]


def nodes_and_edges(option: dict) -> tuple[dict[str, str], set[tuple[str, str, str]]]:
    """Node id -> shown name (the invisible corners left out), and (source, edge label,
    target)."""
    series = option["series"][0]
    nodes = {n["value"]: n["name"] for n in series["data"] if "value" in n}
    edges = {(e["source"], e["label"]["formatter"], e["target"]) for e in series["links"]}
    return nodes, edges


def click(app: AppTest, region: str, node: str | None) -> AppTest:
    """What the component reports when a reader clicks `node` (None: an edge)."""
    app.session_state[f"region:graph:{region}"] = {
        "selection": {"points": [{"point_index": 0, "value": node}], "point_indices": [0]}
    }
    return app.run()


def test_the_region_page_draws_beijing_its_districts_and_measures(demo_data_dir, open_explorer):
    app = open_explorer("region", region=BEIJING)
    assert not app.exception
    option = drawn(app)
    nodes, edges = nodes_and_edges(option)
    assert nodes[BEIJING] == "北京市"
    assert {nodes[DONGCHENG], nodes[HAIDIAN], nodes[CHAOYANG]} == {"东城区", "海淀区", "朝阳区"}
    assert nodes[GROUP_SCHOOLING] == "集团化办学 · school-group (education group) operation"
    assert (DONGCHENG, "part of", BEIJING) in edges
    assert (BEIJING, "implements", GROUP_SCHOOLING) in edges
    assert option["legend"][0]["data"] == ["Region", "Measure"]
    series = option["series"][0]
    assert series["roam"] and series["draggable"]
    assert [c["name"] for c in series["categories"]] == ["Region", "Measure"]
    hint = "Drag a node or the canvas, scroll to zoom; click a node to open its page."
    assert hint in [c.value for c in app.caption]


def test_a_district_graph_shows_its_parent_in_chinese(demo_data_dir, open_explorer):
    app = open_explorer("region", region=DONGCHENG, lang="zh")
    option = drawn(app)
    nodes, edges = nodes_and_edges(option)
    assert nodes[BEIJING] == "北京市" and (DONGCHENG, "隶属", BEIJING) in edges
    assert (DONGCHENG, "实施", GROUP_SCHOOLING) in edges
    assert option["legend"][0]["data"] == ["地区", "改革举措"]
    parent = next(n for n in option["series"][0]["data"] if n.get("value") == BEIJING)
    centre = next(n for n in option["series"][0]["data"] if n.get("value") == DONGCHENG)
    assert parent["y"] < centre["y"]  # the parent above


@pytest.mark.parametrize(
    ("node", "title", "param"),
    [
        (GROUP_SCHOOLING, "Measure profile", "measure"),
        (HAIDIAN, "Region profile", "region"),
    ],
)
def test_a_click_on_a_node_opens_its_page(demo_data_dir, open_explorer, node, title, param):
    app = click(open_explorer("region", region=BEIJING), BEIJING, node)
    assert not app.exception
    assert app.title[0].value == title
    assert app.query_params[param] == node
    assert app.query_params["lang"] == "en"


def test_a_row_that_switches_pages_keeps_the_language(demo_data_dir, open_explorer):
    """st.switch_page drops the language switch's state: the language last shown is kept."""
    app = open_explorer("search", q="東城區")
    hits = list(app.dataframe(key="search:Region").value["Name"])
    app.session_state["search:Region"] = {
        "selection": {"rows": [hits.index("北京市 › 东城区")], "columns": []}
    }
    app.run()
    assert app.title[0].value == "Region profile" and app.query_params["lang"] == "en"


def test_a_click_on_an_edge_or_the_region_itself_stays(demo_data_dir, open_explorer):
    app = open_explorer("region", region=BEIJING)
    for node in (None, BEIJING, "measure:not_drawn"):
        app = click(app, BEIJING, node)
        assert app.title[0].value == "Region profile" and app.header[0].value == "北京市"


def region(rid: str, name: str, parent: str | None, measures: int = 0) -> RegionRecord:
    return RegionRecord(rid, name, name, None, parent, None, None, (), measures, name)


def test_the_neighbourhood_is_bounded_and_says_what_it_left_out():
    regions = {"region:1": region("region:1", "甲", None)} | {
        f"region:1{i:02}": region(f"region:1{i:02}", f"乙{i}", "region:1", measures=i)
        for i in range(30)
    }
    implemented = pd.DataFrame(
        {
            "kind": ["Program"] * 20,
            "target_id": [f"program:{i}" for i in range(20)],
            "target_name": [f"项目{i}" for i in range(20)],
            "evidence": list(range(20)),
        }
    )
    graph = region_neighbourhood("region:1", regions, implemented, limit=5)
    ids = [n["id"] for n in graph.nodes]
    assert ids[1:6] == [f"region:1{i:02}" for i in (29, 28, 27, 26, 25)]  # most measures
    assert ids[6:] == [f"program:{i}" for i in (19, 18, 17, 16, 15)]  # most evidence
    assert graph.notes == [  # outside a session: the default language
        "下级地区共 30 个，图中显示改革举措最多的 5 个。",
        "实施的举措、项目和政策共 20 项，图中显示证据最多的 5 项。",
    ]
    assert region_neighbourhood("region:1", regions, implemented.head(3), limit=30).notes == []


def test_names_from_documents_cannot_become_code():
    """streamlit-echarts runs text between two JsCode markers as JavaScript."""
    name = f"{JS_MARKER}function(){{alert(1)}}{JS_MARKER}"
    sneaky = f"--x_x{JS_MARKER}--0_0--"  # joins into a marker once the inner one is removed
    graph = Graph(
        [
            {"id": "policy:a", "name": name, "label": "Policy"},
            {"id": "policy:b", "name": sneaky, "label": "Policy"},
        ],
        [{"source": "policy:a", "type": "CITES", "target": "policy:b"}],
    )
    text = json.dumps(graph_options(graph), ensure_ascii=False)
    assert JS_MARKER not in text and "function(){alert(1)}" in text  # shown as text


def test_a_click_names_a_drawn_node_or_nothing():
    graph = Graph([{"id": "region:1", "name": "甲", "label": "Region"}], [])
    chosen = {"selection": {"points": [{"value": "region:1"}]}}
    assert clicked_node(chosen, graph) == "region:1"
    assert clicked_node({"selection": {"points": [{"value": "region:2"}]}}, graph) is None
    assert clicked_node({"selection": {"points": []}}, graph) is None
    assert clicked_node(None, graph) is None


def test_each_label_opens_its_own_page():
    assert node_target("region:1", "Region") == ("region", {"region": "region:1"})
    assert node_target("measure:x", "Measure") == ("measure", {"measure": "measure:x"})
    assert node_target("policy:x", "Policy") == ("policy", {"policy": "policy:x"})
    assert node_target("doc:x", "Document") == ("document", {"doc": "doc:x"})
    assert node_target("program:x", "Program") == ("evidence", {"node": "program:x"})
