"""`edukg find` and query parameters given by name, alias or id, against the session's
embedded store holding the hand-made fixture graph."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from edukg.cli import EXIT_SKIPPED, EXIT_USAGE, main
from edukg.lookup import node_kinds
from edukg.queryfile import QueryParam
from edukg.store.loader import load
from tests.graph_fixture import BEIJING, DONGCHENG, fixture_documents


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def graph(store):
    load(store, fixture_documents())
    return store


def adopters(*params: str) -> list[dict]:
    args = ["query", "adopters_of_measure", "--format", "json"]
    for param in params:
        args += ["-p", param]
    result = run(*args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    "measure",
    [
        "measure:group_schooling",  # the id
        "集团化办学",  # the Chinese name
        "集團化辦學",  # in Traditional characters
        "group schooling",  # the English key
        "School-group (education group) operation",  # the English name, any case
    ],
)
def test_a_node_parameter_takes_a_name_an_alias_or_an_id(graph, measure):
    rows = adopters(f"measure={measure}")
    assert {(row["region"], row["year"]) for row in rows} >= {("东城区", 2014), ("海淀区", 2016)}


def test_a_region_parameter_takes_a_name_too(graph):
    rows = adopters("measure=集团化办学", "within=北京市")
    assert {row["region"] for row in rows} == {"东城区", "海淀区"}


def test_an_unknown_name_is_an_error_listing_the_closest_matches(graph):
    result = run("query", "adopters_of_measure", "-p", "measure=集团化办学模式改革")
    assert result.exit_code == EXIT_USAGE
    assert "no Measure is named '集团化办学模式改革'" in result.output
    assert "measure:group_schooling" in result.output  # a close match


def test_a_name_several_nodes_match_is_an_error_listing_them(graph):
    result = run("query", "policies_citing", "-p", "policy=集团化办学")
    assert result.exit_code == EXIT_USAGE
    assert "names several Policy nodes" in result.output
    assert BEIJING in result.output and DONGCHENG in result.output


def test_an_unknown_id_is_an_error_too(graph):
    result = run("query", "adopters_of_measure", "-p", "measure=measure:nope")
    assert result.exit_code == EXIT_USAGE
    assert "no Measure is named 'measure:nope'" in result.output


def test_find_prints_ids_kinds_and_names(graph):
    result = run("find", "group schooling")
    assert result.exit_code == 0, result.output
    assert "measure:group_schooling" in result.stdout and "Measure" in result.stdout
    found = json.loads(run("find", "朝陽區", "--format", "json").stdout)  # Traditional
    assert found[0] == {
        "id": "region:220104",
        "kind": "Region",
        "name": "朝阳区",
        "name_en": "",
        "detail": "吉林省长春市朝阳区",
        "matched": "朝阳区",
        "score": found[0]["score"],
    }


def test_find_searches_document_text_and_takes_kinds(graph):
    found = json.loads(run("find", "十多个教育集团", "--format", "json").stdout)
    assert [(hit["kind"], hit["id"]) for hit in found] == [("Document", "doc:a1a1a1a1a1a1a1a1")]
    only = json.loads(run("find", "集团化办学", "--kind", "policy", "--format", "json").stdout)
    assert {hit["id"] for hit in only} == {BEIJING, DONGCHENG}


def test_find_says_when_nothing_matches(graph):
    result = run("find", "完全不相干的词语")
    assert result.exit_code == EXIT_SKIPPED
    assert "Nothing matches" in result.stderr


def test_an_empty_graph_says_so_and_how_to_fill_it(store):
    result = run("find", "集团化办学")
    assert result.exit_code == EXIT_SKIPPED
    assert "The graph is empty" in result.stderr and "edukg ingest" in result.stderr
    result = run("query", "adopters_of_measure", "-p", "measure=集团化办学")
    assert result.exit_code == EXIT_USAGE
    assert "The graph is empty" in result.stderr and "edukg ingest" in result.stderr
    result = run("query", "graph_counts")
    assert "The graph is empty" in result.stderr


def test_which_parameters_name_nodes():
    measure = "MATCH (m:Measure) RETURN m.id AS value, m.name AS label"
    anything = "MATCH (n) WHERE NOT n:Document RETURN n.id AS value, n.name AS label"
    assert node_kinds(QueryParam("measure", choices=measure)) == ("Measure",)
    assert "Document" not in node_kinds(QueryParam("node", choices=anything))
    assert node_kinds(QueryParam("x", default="region:110101")) == ("Region",)
    assert node_kinds(QueryParam("limit", type="int", default=5)) is None
    assert node_kinds(QueryParam("metric", default="覆盖率")) is None


def test_a_graph_loaded_by_an_older_edukg_is_indexed_on_demand(graph):
    graph.write("MATCH (n) WHERE n.search_text IS NOT NULL REMOVE n.search_text")
    result = run("find", "集团化办学")
    assert result.exit_code == EXIT_SKIPPED
    assert "edukg find --reindex" in result.stderr
    result = run("find", "--reindex", "集团化办学")
    assert result.exit_code == 0, result.output
    assert "nodes indexed for search" in result.stderr
    assert "measure:group_schooling" in result.stdout
    assert "0 nodes indexed" in run("find", "--reindex", "集团化办学").stderr
