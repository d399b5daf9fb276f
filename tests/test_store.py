"""The store adapters: plain results, read-only queries, limits and errors, schema."""

from __future__ import annotations

import gc
import math
import re
import time
from datetime import date
from decimal import Decimal

import pytest

from edukg.store import open_store
from edukg.store.base import SCHEMA_DIR, QueryRejected, StoreUnavailable, schema_statements
from edukg.store.falkordb_store import FalkorDBStore
from edukg.store.model import NODE_LABELS
from edukg.store.server import EmbeddedServer

SMALL_GRAPH = """
CREATE (p:Region {id: 'region:110000', name: '北京市', level: 'province', adcode: '110000'}),
       (c:Region {id: 'region:110101', name: '东城区', level: 'county', adcode: '110101',
                  aliases: ['东城']}),
       (m:Measure {id: 'measure:group_schooling', name: '集团化办学'}),
       (c)-[:PART_OF]->(p),
       (c)-[:IMPLEMENTS {year: 2018, sources: ['doc:a'],
                         evidence: ['东城区在2018年开始集团化办学。'],
                         evidence_start: [0], evidence_end: [15], evidence_year: [2018]}]->(m)
"""


@pytest.fixture
def small_graph(any_store):
    any_store.write(SMALL_GRAPH)
    return any_store


def test_nodes_edges_and_paths_come_back_as_plain_dicts(small_graph):
    result = small_graph.query(
        "MATCH p = (c:Region {id: $id})-[:PART_OF]->(:Region) "
        "MATCH (c)-[i:IMPLEMENTS]->(m) RETURN c, i, p, c.aliases AS aliases",
        {"id": "region:110101"},
    )
    assert result.columns == ["c", "i", "p", "aliases"]
    county, implements, path, aliases = result.rows[0]
    assert county == {
        "id": "region:110101",
        "label": "Region",
        "name": "东城区",
        "level": "county",
        "adcode": "110101",
        "aliases": ["东城"],
    }
    assert implements["type"] == "IMPLEMENTS"
    assert (implements["source"], implements["target"]) == (
        "region:110101",
        "measure:group_schooling",
    )
    assert implements["year"] == 2018 and implements["sources"] == ["doc:a"]
    assert [step.get("id") or step["type"] for step in path] == [
        "region:110101",
        "PART_OF",
        "region:110000",
    ]
    assert path[1] == {"type": "PART_OF", "source": "region:110101", "target": "region:110000"}
    assert aliases == ["东城"]
    assert result.records()[0]["aliases"] == ["东城"]


def test_edges_returned_without_their_nodes_still_name_their_ends(small_graph):
    rows = small_graph.query("MATCH ()-[r]->() RETURN r ORDER BY type(r)").rows
    assert [(r["type"], r["source"], r["target"]) for (r,) in rows] == [
        ("IMPLEMENTS", "region:110101", "measure:group_schooling"),
        ("PART_OF", "region:110101", "region:110000"),
    ]


def test_maps_and_dates_are_plain_values(any_store):
    row = any_store.query("RETURN {a: 1, b: [true, null]} AS m, date('2024-03-01') AS d").rows[0]
    assert row == [{"a": 1, "b": [True, None]}, "2024-03-01"]


@pytest.mark.parametrize(
    "cypher",
    [
        "CREATE (:Region {id: 'region:999999', name: 'x'})",
        "MERGE (:Region {id: 'region:999999'})",
        "MATCH (n) DETACH DELETE n",
        "MATCH (n:Region) SET n.name = 'changed'",
        "CREATE INDEX FOR (n:Policy) ON (n.issuer)",
    ],
)
def test_writes_are_rejected_by_query_and_change_nothing(small_graph, cypher):
    before = small_graph.query("MATCH (n) RETURN n ORDER BY n.id").rows
    with pytest.raises(QueryRejected, match="only read-only queries are allowed"):
        small_graph.query(cypher)
    assert small_graph.query("MATCH (n) RETURN n ORDER BY n.id").rows == before


def test_a_runaway_read_is_stopped_by_its_timeout(any_store):
    any_store.write("UNWIND range(1, 3000) AS i CREATE (:Target {id: 'target:' + toString(i)})")
    started = time.monotonic()
    with pytest.raises(QueryRejected, match="ran longer than 0.2 s"):
        any_store.query("MATCH (a:Target), (b:Target), (c:Target) RETURN count(*)", timeout_ms=200)
    assert time.monotonic() - started < 5
    assert any_store.query("RETURN 1").rows == [[1]]  # the store still answers


def test_reading_an_answer_leaves_the_cycle_collector_as_it_was(small_graph):
    # The embedded adapter pauses the collector while it reads an answer (see _collector_paused).
    statement = "MATCH (r:Region) RETURN r.id ORDER BY r.id"
    assert gc.isenabled()
    assert small_graph.query(statement).rows == [["region:110000"], ["region:110101"]]
    assert gc.isenabled()
    with pytest.raises(QueryRejected):
        small_graph.query("MATCH (r:Region) RETURN r.id +")
    assert gc.isenabled()
    gc.disable()
    try:
        small_graph.query(statement)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_row_limit_truncates(any_store):
    result = any_store.query("UNWIND range(1, 50) AS i RETURN i", row_limit=10)
    assert result.rows == [[i] for i in range(1, 11)] and result.truncated
    assert not any_store.query("UNWIND range(1, 10) AS i RETURN i", row_limit=10).truncated


def test_syntax_errors_say_so(any_store):
    with pytest.raises(QueryRejected, match="^Syntax error: .*"):
        any_store.query("MATCH (n:Region RETURN n")


def test_guard_rejects_before_sending(any_store):
    with pytest.raises(QueryRejected, match="nests brackets"):
        any_store.query("RETURN " + "(" * 30 + "1" + ")" * 30)


def test_params_are_checked_and_dates_sent_as_text(any_store):
    assert any_store.query("RETURN $day", {"day": date(2024, 3, 1)}).rows == [["2024-03-01"]]
    with pytest.raises(QueryRejected, match="Decimal"):
        any_store.query("RETURN $x", {"x": Decimal("1.5")})


@pytest.mark.parametrize(
    "value",
    [
        'quote " backslash \\ and \\" both',
        "new\nline\ttab 東城區 🙂",
        "",
        [True, False, None, -(2**63), 2**63 - 1, 0.1, -1.5e-300],
        {"nested": {"list": [["a"], []], "empty": {}}, "x y": "spaced key"},
    ],
)
def test_values_arrive_unchanged_in_reads_and_writes(any_store, value):
    assert any_store.query("RETURN $value", {"value": value}).rows == [[value]]
    assert any_store.write("RETURN $value", {"value": value}).rows == [[value]]


def test_a_bad_value_deep_in_a_write_is_named(store):
    rows = [{"id": "target:a", "scores": [1.0, 2.0]}, {"id": "target:b", "scores": [math.nan]}]
    with pytest.raises(QueryRejected, match=r"rows\[1\]\.scores\[0\] is nan"):
        store.write("UNWIND $rows AS row MERGE (n:Target {id: row.id})", {"rows": rows})
    assert store.query("MATCH (n:Target) RETURN count(n)").rows == [[0]]


def test_write_reports_statistics(store):
    result = store.write(
        "UNWIND $rows AS row MERGE (n:Target {id: row.id}) SET n += row RETURN count(n)",
        {"rows": [{"id": "target:a", "name": "学前教育"}, {"id": "target:b", "name": "教师"}]},
    )
    assert result.rows == [[2]] and result.stats["nodes_created"] == 2


def test_ensure_schema_indexes_every_label_and_is_idempotent(store):
    store.ensure_schema()
    store.ensure_schema()
    indexed = store.query("CALL db.indexes() YIELD label, properties RETURN label, properties")
    by_label = {label: set(properties) for label, properties in indexed.rows}
    for label in NODE_LABELS:
        assert "id" in by_label[label]
    assert {"source", "sha256"} <= by_label["Document"]


def test_schema_files_cover_every_label():
    neo4j = "\n".join(schema_statements("neo4j.cypher"))
    for label in NODE_LABELS:
        assert f"FOR (n:{label}) REQUIRE n.id IS UNIQUE" in neo4j
    assert all(
        s.startswith(("CREATE INDEX FOR", "CREATE FULLTEXT INDEX FOR"))
        for s in schema_statements("falkordb.cypher")
    )
    assert (SCHEMA_DIR / "falkordb.cypher").read_text().count("//") >= 1  # comments are skipped


def test_compact_rewrites_the_append_only_file(store, embedded_server):
    store.write("UNWIND range(1, 500) AS i CREATE (:Target {id: 'target:' + toString(i)})")
    store.compact()
    aof = embedded_server.data_dir / "appendonlydir"
    assert sum(path.stat().st_size for path in aof.glob("*.incr.aof")) < 100


def test_clear_empties_the_graph_and_keeps_indexes(small_graph, store):
    store.clear()
    assert store.query("MATCH (n) RETURN count(n)").rows == [[0]]
    assert store.query("CALL db.indexes() YIELD label RETURN count(label)").rows[0][0] >= len(
        NODE_LABELS
    )


def test_reads_work_on_a_graph_never_written(private_server):
    private_server.start()
    with FalkorDBStore(private_server, graph_name="never_written") as fresh:
        assert fresh.query("MATCH (n) RETURN count(n) AS n").rows == [[0]]


def test_open_store_uses_the_data_dir_and_starts_the_server(monkeypatch, private_server):
    monkeypatch.delenv("NEO4J_URI", raising=False)
    with pytest.raises(StoreUnavailable, match="edukg db start"):
        open_store(private_server.data_dir, start=False)
    with open_store(private_server.data_dir) as opened:
        assert opened.backend == "falkordb"
        assert opened.query("RETURN 1").rows == [[1]]
    assert private_server.is_running()


def test_open_store_defaults_to_edukg_data_dir(monkeypatch, embedded_server, store):
    monkeypatch.delenv("NEO4J_URI", raising=False)
    store.write("CREATE (:Target {id: 'target:x', name: 'x'})")
    with open_store() as opened:
        assert isinstance(opened, FalkorDBStore)
        assert opened.server.data_dir == EmbeddedServer(embedded_server.data_dir).data_dir
        assert opened.query("MATCH (t:Target) RETURN t.id").rows == [["target:x"]]


def test_an_unreachable_neo4j_is_reported_at_once(monkeypatch):
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:1")
    started = time.monotonic()
    with pytest.raises(StoreUnavailable, match="NEO4J_URI=bolt://127.0.0.1:1 does not answer"):
        open_store()
    assert time.monotonic() - started < 5


@pytest.mark.parametrize("uri", ["neo4j://127.0.0.1:1", "bolt+s://127.0.0.1:1"])
def test_each_neo4j_scheme_reaches_the_neo4j_adapter(monkeypatch, uri):
    monkeypatch.setenv("NEO4J_URI", uri)
    with pytest.raises(StoreUnavailable, match=re.escape(f"NEO4J_URI={uri} does not answer")):
        open_store()


@pytest.mark.parametrize("uri", ["http://127.0.0.1:7474", "localhost:7687"])
def test_a_uri_no_store_speaks_is_refused_with_the_schemes_that_work(monkeypatch, uri):
    monkeypatch.setenv("NEO4J_URI", uri)
    with pytest.raises(StoreUnavailable, match="use one of bolt://.*neo4j://"):
        open_store()


def test_each_store_names_its_own_ingest_lock(store, embedded_server):
    assert store.lock_path == embedded_server.data_dir / "ingest.lock"
