"""Cypher both engines run: every canned query runs on the embedded store and lints clean with
Neo4j 5's own linter (as do the DDL and the statements of the loader, the importer and the
Neo4j adapter); the two backends' DDL index the same lookups; with NEO4J_URI, the canned
queries also run on Neo4j.

The linter needs Node.js and `npm ci` (CI has both); without them its tests are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from graph_fixture import fixture_documents

from edukg.catalog import CANNED_DIR, load_catalog, load_choices
from edukg.queryfile import CannedQuery, coerce_params
from edukg.store.base import QueryRejected, schema_statements
from edukg.store.falkordb_store import FalkorDBStore
from edukg.store.loader import load
from edukg.store.model import NODE_LABELS
from edukg.store.search import SEARCH_KINDS, SHADOW
from lint import cypher_lint

CATALOG = load_catalog([CANNED_DIR])
UNAVAILABLE = cypher_lint.unavailable()
needs_linter = pytest.mark.skipif(
    UNAVAILABLE is not None, reason=f"Neo4j's Cypher linter cannot run: {UNAVAILABLE}"
)


@pytest.fixture(scope="module")
def graph(embedded_server) -> Iterator[FalkorDBStore]:
    with FalkorDBStore(embedded_server, graph_name="compat-fixture") as store:
        store.clear()
        load(store, fixture_documents())
        yield store


@pytest.fixture(scope="module")
def lint_report() -> dict[str, list[cypher_lint.Diagnostic]]:
    if UNAVAILABLE:
        pytest.skip(f"Neo4j's Cypher linter cannot run: {UNAVAILABLE}")
    return cypher_lint.lint(cypher_lint.statements())


def texts(query: CannedQuery) -> list[str]:
    """The query's Cypher and its choices queries."""
    return [query.cypher, *(param.choices for param in query.params if param.choices)]


def params_for(store, query: CannedQuery) -> dict:
    """Defaults, and the first choice for a parameter without one."""
    given = {p.name: load_choices(store, p)[0][0] for p in query.params if p.required}
    return coerce_params(query, given)


def findings(report: dict, prefix: str) -> list[str]:
    return [
        f"{name}:{d.line}:{d.column}: {d.severity}: {d.message}"
        for name, diagnostics in report.items()
        if name.startswith(prefix)
        for d in diagnostics
    ]


@pytest.mark.parametrize("name", sorted(CATALOG))
def test_canned_query_runs_on_the_embedded_store_and_lints_clean_for_neo4j_5(graph, name, request):
    query = CATALOG[name]
    params = params_for(graph, query)
    for text in texts(query):
        graph.query(text, params)  # QueryRejected: the embedded store lacks something it uses
    if UNAVAILABLE:
        pytest.skip(f"ran on the embedded store; Neo4j's linter cannot run: {UNAVAILABLE}")
    report = request.getfixturevalue("lint_report")
    assert findings(report, f"queries/{name}.cypher") == []


@needs_linter
def test_everything_edukg_sends_to_neo4j_lints_clean(lint_report):
    sources = {name.split(":")[0].split(" ")[0] for name in lint_report}
    assert {"queries/adopters_of_measure.cypher", "schema/neo4j.cypher", "loader"} <= sources
    assert {"queries/eval/documents.cypher", "neo4j"} <= sources
    assert any(name.startswith("loader: replace") for name in lint_report)  # RDF/JSON import
    assert findings(lint_report, "") == []


def test_the_embedded_store_refuses_cypher_only_neo4j_runs(graph):
    for cypher in (
        "MATCH (r:Region) WHERE EXISTS { (r)-[:PART_OF]->() } RETURN r.id",
        "MATCH (r:Region) WHERE r.name =~ '东.*' RETURN r.id",
    ):
        with pytest.raises(QueryRejected):
            graph.query(cypher)


@needs_linter
def test_the_linter_refuses_cypher_only_the_embedded_store_runs():
    report = cypher_lint.lint(
        {
            "full-text": "CALL db.idx.fulltext.queryNodes('Region', '东城') YIELD node RETURN node",
            "typo": "MATCH (r:Regoin)-[:PART_OF]->(p) RETURN toUpper(r.name)",
        }
    )
    assert [d.severity for d in report["full-text"]] == ["error"]
    assert "db.idx.fulltext.queryNodes" in report["full-text"][0].message
    assert [(d.severity, d.column) for d in report["typo"]] == [("warning", 10)]


def test_both_backends_index_the_same_lookups():
    index = re.compile(r"FOR \(n:(\w+)\) ON \(n\.(\w+)\)")
    unique = re.compile(r"FOR \(n:(\w+)\) REQUIRE n\.(\w+) IS UNIQUE")
    neo4j = schema_statements("neo4j.cypher")
    falkordb = schema_statements("falkordb.cypher")
    assert {m for s in neo4j for m in unique.findall(s)} == {(label, "id") for label in NODE_LABELS}
    ranged = [s for s in falkordb if "FULLTEXT" not in s]
    assert {m for s in neo4j for m in index.findall(s)} == {
        m for s in ranged for m in index.findall(s)
    }
    # full-text: the same shadow property of the same labels (the syntax differs)
    text_neo4j = re.compile(
        r"FULLTEXT INDEX \w+ IF NOT EXISTS FOR \(n:(\w+)\) ON EACH \[n\.(\w+)\]"
    )
    text_falkordb = re.compile(r"FULLTEXT INDEX FOR \(n:(\w+)\) ON \(n\.(\w+)\)")
    searched = {(kind, SHADOW) for kind in SEARCH_KINDS}
    assert {m for s in neo4j for m in text_neo4j.findall(s)} == searched
    assert {m for s in falkordb for m in text_falkordb.findall(s)} == searched


@pytest.mark.neo4j
def test_canned_queries_answer_alike_on_neo4j(neo4j_store, graph):
    load(neo4j_store, fixture_documents())
    for name, query in sorted(CATALOG.items()):
        params = params_for(graph, query)
        for text in texts(query):
            embedded, neo4j = graph.query(text, params), neo4j_store.query(text, params)
            assert neo4j.columns == embedded.columns, name
            assert len(neo4j.rows) == len(embedded.rows), name
