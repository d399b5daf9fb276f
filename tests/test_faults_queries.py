"""User queries cannot hurt the graph: writes are refused, a runaway query stops at its timeout,
and parameters are data, never query text — from the command line, from saved queries, and
from the documents themselves (whose sentences reach the loader's write parameters)."""

from __future__ import annotations

import json
import threading
import time

import pytest
from click.testing import CliRunner
from graph_fixture import fixture_graph

from edukg.catalog import parse_query_file, run_canned
from edukg.cli import EXIT_USAGE, main
from edukg.export import export_graph
from graphstore.base import QueryRejected
from graphstore.falkordb_store import FalkorDBStore
from ingest.pipeline import ingest_paths

# Each tries to close the string or the pattern it is pasted into and run a write.
INJECTIONS = [
    "x'}) DETACH DELETE n //",
    'x"}) MATCH (n) DETACH DELETE n //',
    '\\"}) MATCH (n) DETACH DELETE n //',
    "*/ MATCH (n) DETACH DELETE n /*",
    "$measure` }) CREATE (:Region {id: 'region:666666'}) //",
    "trailing backslash \\",
]


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def graph(embedded_server):
    """The fixture graph in the store the CLI uses."""
    with fixture_graph(embedded_server) as store:
        yield store


@pytest.fixture
def scratch(embedded_server):
    """A graph of the test's own on the session server, deleted afterwards."""
    with FalkorDBStore(embedded_server, "scratch") as store:
        store.clear()
        yield store
        store.clear()


@pytest.fixture
def saved_query(embedded_server):
    """Writes a saved query file into the store's data directory; removes it afterwards."""
    folder = embedded_server.data_dir / "saved_queries"
    made = not folder.exists()
    folder.mkdir(exist_ok=True)
    written = []

    def save(name: str, text: str) -> None:
        (folder / f"{name}.cypher").write_text(text, encoding="utf-8")
        written.append(folder / f"{name}.cypher")

    yield save
    for path in written:
        path.unlink()
    if made:
        folder.rmdir()


def test_injections_in_documents_are_stored_as_text(scratch, tmp_path):
    lines = [f"东城区自2014年起推行集团化办学{payload}。" for payload in INJECTIONS]
    (tmp_path / "payloads.txt").write_text("注入测试\n" + "\n".join(lines) + "\n", "utf-8")
    assert not ingest_paths(scratch, [tmp_path]).skipped
    graph = export_graph(scratch)
    edge = next(e for e in graph["edges"] if e["type"] == "IMPLEMENTS")
    assert edge["evidence"] == lines
    assert {n["label"] for n in graph["nodes"]} == {"Document", "Region", "Measure"}


@pytest.mark.parametrize("payload", INJECTIONS)
def test_injections_in_query_parameters_are_inert(graph, saved_query, payload):
    before = export_graph(graph)
    echo = "// title: Echo\n// params:\n//   text: {type: string}\nRETURN $text AS text"
    saved_query("echo", echo)

    found = run("query", "documents_mentioning", "-p", f"node={payload}", "--format", "json")
    echoed = run("query", "echo", "-p", f"text={payload}", "--format", "json")

    assert found.exit_code == 0 and json.loads(found.stdout) == []
    assert echoed.exit_code == 0 and json.loads(echoed.stdout) == [{"text": payload}]
    assert export_graph(graph) == before


@pytest.mark.parametrize(
    "cypher",
    [
        "MATCH (n:Region) REMOVE n.name RETURN count(n)",
        "MATCH (n:Region) SET n:Hidden RETURN count(n)",
        "MATCH ()-[r:PART_OF]->() DELETE r",
        "MATCH (n:Region) FOREACH (x IN [1] | CREATE (:Target {id: 'target:x'}))",
        "CALL db.idx.fulltext.createNodeIndex('Region', 'full_name')",
        "MATCH (n:Region) WITH n LIMIT 1 MERGE (n)-[:PART_OF]->(:Region {id: 'region:1'})",
    ],
)
def test_a_saved_query_that_writes_is_refused_and_changes_nothing(graph, saved_query, cypher):
    before = export_graph(graph)
    saved_query("sneaky", f"// title: Looks harmless\n{cypher}")
    result = run("query", "sneaky")
    assert result.exit_code == EXIT_USAGE
    assert "only read-only queries are allowed" in result.output
    assert export_graph(graph) == before


def test_a_runaway_query_stops_at_its_timeout_and_frees_the_store(scratch):
    scratch.write(
        "UNWIND range(1, 30) AS i CREATE (:Target {id: 'target:' + toString(i)}) WITH count(*) "
        "AS made MATCH (a:Target), (b:Target) WHERE a <> b CREATE (a)-[:PART_OF]->(b)"
    )
    runaway = parse_query_file(
        "// title: Every path\nMATCH p = (:Target)-[*]->(:Target) RETURN count(p)", "runaway"
    )
    started = time.monotonic()
    with pytest.raises(QueryRejected, match="ran longer than 0.5 s"):
        run_canned(scratch, runaway, timeout_ms=500)
    assert time.monotonic() - started < 5
    # Both of the server's query threads are free again: two queries at once answer at once.
    answers: list[list] = []
    threads = [
        threading.Thread(target=lambda: answers.append(scratch.query("RETURN 1").rows))
        for _ in range(2)
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == [[[1]], [[1]]] and time.monotonic() - started < 2


def test_the_app_listens_on_localhost_unless_told_otherwise():
    host = next(param for param in main.commands["app"].params if param.name == "host")
    assert host.default == "localhost"
