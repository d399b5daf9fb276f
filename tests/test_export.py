"""Whole-graph export: the JSON shape DESIGN.md promises, and the CSV tables."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest
from graph_fixture import DONGCHENG, fixture_documents, fixture_graph

from edukg.catalog import CANNED_DIR, load_catalog, run_canned
from edukg.export import (
    export_graph,
    result_csv,
    result_json,
    unknown_years,
    write_csv,
    write_json,
)
from edukg.store.loader import count_facts, count_records


@pytest.fixture(scope="module")
def graph(embedded_server):
    with fixture_graph(embedded_server) as store:
        yield store


@pytest.fixture(scope="module")
def exported(graph):
    return export_graph(graph)


def expected_nodes() -> dict[str, dict]:
    """Every node of the fixture documents as the export should show it."""
    nodes = {}
    for facts in fixture_documents():
        for node in (facts.document, *facts.nodes):
            nodes[node.id] = {"id": node.id, "label": node.label, "name": node.name, **node.props}
        nodes[facts.document.id]["facts"] = count_facts(facts)  # written with them by the loader
        nodes[facts.document.id]["records"] = count_records(facts)
    return nodes


def test_nodes_have_one_label_and_every_property_under_its_own_name(exported):
    expected = expected_nodes()
    assert [node["id"] for node in exported["nodes"]] == sorted(expected)
    for node in exported["nodes"]:
        assert list(node)[:3] == ["id", "label", "name"]
        assert node == expected[node["id"]]
    by_id = {node["id"]: node for node in exported["nodes"]}
    assert by_id["region:110101"]["adcode"] == "110101"
    assert by_id["doc:a1a1a1a1a1a1a1a1"]["text"].startswith("东城区从2014年开始")
    assert by_id["doc:a1a1a1a1a1a1a1a1"]["source"] == "fixtures/a1a1a1a1a1a1a1a1.txt"
    # the citation properties come next to `source`, which stays the path ingested from
    assert by_id["doc:a1a1a1a1a1a1a1a1"]["url"].startswith("https://news.example.org/")
    assert by_id["doc:a1a1a1a1a1a1a1a1"]["publisher"] == "首都教育观察"


def test_edges_join_node_ids_in_a_fixed_order_with_their_properties(exported):
    edges = exported["edges"]
    node_ids = {node["id"] for node in exported["nodes"]}
    assert all(list(edge)[:3] == ["type", "source", "target"] for edge in edges)
    assert all(edge["source"] in node_ids and edge["target"] in node_ids for edge in edges)
    order = [(e["type"], e["source"], e["target"], e.get("metric", "")) for e in edges]
    assert order == sorted(order)
    assert len(edges) == 38

    implements = next(
        e
        for e in edges
        if e["type"] == "IMPLEMENTS"
        and e["source"] == "region:110101"
        and e["target"].endswith("schooling")
    )
    assert implements["year"] == 2014
    assert implements["sources"] == ["doc:a1a1a1a1a1a1a1a1", "doc:b2b2b2b2b2b2b2b2"]
    assert implements["evidence_year"] == [2014, 0]
    targets = [e for e in edges if e["type"] == "TARGETS"]
    assert [
        (e["source"], e["target"], e["metric"], e["value"], e["deadline"]) for e in targets
    ] == [
        (DONGCHENG, "target:义务教育", "教育集团成员校数", 3, 2025),
        (DONGCHENG, "target:义务教育", "集团化办学覆盖率", 90, 2025),
        (DONGCHENG, "target:学前教育", "普惠性幼儿园覆盖率", 85, 2025),
    ]
    assert {"type": "PART_OF", "source": "region:220104", "target": "region:220100"} in edges


def test_small_pages_give_the_same_export(graph, exported):
    assert export_graph(graph, page_size=2) == exported


def test_json_is_written_as_is(exported):
    out = io.StringIO()
    write_json(exported, out)
    assert "东城区" in out.getvalue()  # not \u escapes
    # as is, but for the evidence years the store keeps as 0 for "none stated": null
    assert json.loads(out.getvalue()) == {
        **exported,
        "edges": [unknown_years(edge) for edge in exported["edges"]],
    }


def test_csv_folder_holds_a_nodes_and_an_edges_table(exported, tmp_path):
    paths = write_csv(exported, tmp_path / "csv")
    assert [p.name for p in paths] == ["nodes.csv", "edges.csv"]
    with paths[0].open(encoding="utf-8", newline="") as stream:
        nodes = list(csv.DictReader(stream))
    with paths[1].open(encoding="utf-8", newline="") as stream:
        edges = list(csv.DictReader(stream))

    assert list(nodes[0])[:3] == ["id", "label", "name"]
    assert "text" not in nodes[0]  # documents are too big for a cell
    assert {"adcode", "full_name", "level", "source", "title", "name_en"} <= set(nodes[0])
    assert len(nodes) == len(exported["nodes"])
    region = next(row for row in nodes if row["id"] == "region:110101")
    assert (region["label"], region["name"], region["adcode"]) == ("Region", "东城区", "110101")
    assert region["title"] == ""  # a property the node does not have

    assert list(edges[0])[:3] == ["type", "source", "target"]
    assert len(edges) == len(exported["edges"])
    implements = next(
        row for row in edges if row["type"] == "IMPLEMENTS" and row["source"] == "region:110101"
    )
    assert json.loads(implements["sources"])[0] == "doc:a1a1a1a1a1a1a1a1"
    assert implements["year"] in {"2004", "2014"}


def test_csv_zip_holds_both_tables_and_a_bom_lets_excel_read_chinese(exported, tmp_path):
    [archive] = write_csv(exported, tmp_path / "graph.zip", bom=True)
    with zipfile.ZipFile(archive) as zipped:
        assert zipped.namelist() == ["nodes.csv", "edges.csv"]
        nodes = zipped.read("nodes.csv").decode("utf-8")
        edges = zipped.read("edges.csv").decode("utf-8")
    assert nodes.startswith("\ufeffid,label,name,") and edges.startswith("\ufefftype,source,")
    assert len(list(csv.reader(io.StringIO(edges)))) == len(exported["edges"]) + 1
    plain = write_csv(exported, tmp_path / "folder")
    assert plain[0].read_text(encoding="utf-8").startswith("id,")  # no mark unless asked


def test_query_results_as_csv_and_json_keep_lists_and_missing_values(graph):
    query = load_catalog([CANNED_DIR])["compare_regions"]
    result = run_canned(graph, query, {"a": "region:110101", "b": "region:220104"})
    rows = list(csv.DictReader(io.StringIO(result_csv(result))))
    assert result_csv(result, bom=True) == "\ufeff" + result_csv(result)  # the app's downloads
    assert list(rows[0]) == result.columns
    assert (rows[0]["measure_id"], rows[0]["year_a"], rows[0]["in_a"], rows[0]["year_b"]) == (
        "measure:county_managed_hiring",
        "",
        "false",
        "2019",
    )
    assert json.loads(rows[1]["evidence_b"])[0].startswith("长春市朝阳区2018年成立")
    records = json.loads(result_json(result))
    assert records == result.records()
    assert records[0]["year_a"] is None
