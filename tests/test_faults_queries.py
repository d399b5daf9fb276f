"""User queries cannot hurt the graph: writes are refused, a runaway query stops at its timeout,
and parameters are data, never query text — from the command line, from saved queries, and
from the documents themselves (whose sentences reach the loader's write parameters)."""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import re
import socket
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from graph_fixture import fixture_graph

from edukg.catalog import run_canned
from edukg.cli import EXIT_USAGE, main
from edukg.export import export_graph
from edukg.ingest.pipeline import ingest_paths
from edukg.queryfile import parse_query_file
from edukg.store import falkordb_store
from edukg.store.base import AnswerTooLarge, QueryRejected, StoreUnavailable
from edukg.store.falkordb_store import FalkorDBStore
from edukg.store.server import EmbeddedServer

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

    # A node parameter is looked up by name first: no node is called that, so nothing runs.
    assert found.exit_code == 2 and "-p node:" in found.output
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
    # refused by the store, or by the guard before it (procedures other than the graph's reads)
    assert re.search("only read-only queries are allowed|cannot be called here", result.output)
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


# --------------------------------------------------------------------------- issue 11, cases 1-5


@pytest.fixture
def listener():
    """A TCP port on loopback that records who connects (and hangs up at once): the stand-in
    for an outside host. Yields its address and the list of first bytes received."""
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(0.2)
    received: list[bytes] = []
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):
                connection, _ = server.accept()
                with connection:
                    connection.settimeout(1)
                    with contextlib.suppress(OSError):
                        received.append(connection.recv(64))

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"127.0.0.1:{server.getsockname()[1]}", received
    stop.set()
    thread.join()
    server.close()


def test_a_chain_of_nots_is_refused_before_the_parser_sees_it(scratch):
    # 16 NOTs held a server thread 0.4 s, 24 took 51 s (the query timeout does not cover
    # parsing): refused at once now, and the store still answers.
    started = time.monotonic()
    for text in ("RETURN " + "NOT " * 16 + "true", "RETURN " + "- " * 16 + "1"):
        with pytest.raises(QueryRejected, match="nests brackets"):
            scratch.query(text)
    assert time.monotonic() - started < 0.1
    assert scratch.query("RETURN 1").rows == [[1]]


def test_load_csv_cannot_reach_out_of_the_store(scratch, listener):
    # FalkorDB fetched https addresses (a TLS handshake reached any host, and the call held a
    # server thread for 30 s whatever the query timeout).
    address, asked = listener
    for text, params in (
        ("LOAD CSV FROM $url AS row RETURN row", {"url": f"https://{address}/secret.csv"}),
        (f"LOAD CSV WITH HEADERS FROM 'https://{address}/x.csv' AS row RETURN row", {}),
    ):
        with pytest.raises(QueryRejected, match="LOAD CSV reads files and web addresses"):
            scratch.query(text, params)
    assert asked == []


def test_sparql_service_and_from_cannot_reach_out(listener, tmp_path):
    address, asked = listener
    url = f"http://{address}"
    data = tmp_path / "tiny.ttl"
    data.write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    for text in (
        f"SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?x ?y ?z OPTIONAL {{ SERVICE SILENT <{url}/q> {{ ?s ?p ?o }} }} }}",
        f"SELECT * FROM <{url}/graph.ttl> WHERE {{ ?s ?p ?o }}",
    ):
        result = CliRunner().invoke(main, ["sparql", text, "--data", str(data)])
        assert result.exit_code != 0 and "refused" in result.output, result.output
    assert asked == []
    plain = run("sparql", "SELECT ?o WHERE { ?s ?p ?o }", "--data", str(data), "--format", "json")
    assert json.loads(plain.stdout) == [{"o": "urn:c"}]


@pytest.fixture
def capped_server(private_server, monkeypatch):
    """A server of its own started with small limits, as a user would set them."""
    monkeypatch.setenv("EDUKG_QUERY_MEMORY_MB", "32")
    monkeypatch.setenv("EDUKG_STORE_THREADS", "6")
    monkeypatch.setenv("EDUKG_STORE_QUEUE", "20")
    private_server.start()
    with FalkorDBStore(private_server) as store:
        store.ensure_schema()
        yield store


def test_the_memory_cap_is_a_setting_and_a_query_over_it_is_refused(capped_server):
    config = dict(capped_server._db.connection.execute_command("GRAPH.CONFIG", "GET", "*"))
    assert config["QUERY_MEM_CAPACITY"] == 32 << 20
    assert (config["THREAD_COUNT"], config["MAX_QUEUED_QUERIES"]) == (6, 20)
    # 4 million values (64 MB): refused with the setting to raise, and the store carries on.
    with pytest.raises(QueryRejected, match="EDUKG_QUERY_MEMORY_MB"):
        capped_server.query(
            "UNWIND range(1, 1000000) AS x UNWIND range(1, 4) AS y RETURN size(collect(x))"
        )
    assert capped_server.query("RETURN 1").rows == [[1]]


def test_past_the_queue_limit_a_query_is_refused_at_once(private_server, monkeypatch):
    # The queue was unbounded: every query waited behind the slow ones, however many.
    monkeypatch.setenv("EDUKG_STORE_THREADS", "1")
    monkeypatch.setenv("EDUKG_STORE_QUEUE", "1")
    private_server.start()
    slow = "UNWIND range(1, 1000000) AS a UNWIND range(1, 1000000) AS b RETURN count(*)"
    outcomes: list[str] = []
    with FalkorDBStore(private_server, "queue") as setup:
        setup.write("MERGE (:Target {id: 'target:x'})")  # once: a write may be refused too
    start = threading.Barrier(3, timeout=60)  # a sender that fails breaks it: no hang

    def send() -> None:
        with FalkorDBStore(private_server, "queue") as own:
            start.wait()
            try:
                own.query(slow, timeout_ms=1500)
            except QueryRejected as problem:
                outcomes.append(str(problem))

    senders = [threading.Thread(target=send) for _ in range(3)]
    for sender in senders:
        sender.start()
    for sender in senders:
        sender.join()
    assert sum("busy" in outcome for outcome in outcomes) >= 1, outcomes
    assert sum("ran longer than 1.5 s" in outcome for outcome in outcomes) >= 1, outcomes


def test_a_settings_value_that_is_not_a_number_says_so(private_server, monkeypatch):
    monkeypatch.setenv("EDUKG_QUERY_MEMORY_MB", "lots")
    with pytest.raises(StoreUnavailable, match="EDUKG_QUERY_MEMORY_MB='lots' must be a whole"):
        private_server.start()


def test_an_answer_too_large_is_dropped_while_it_arrives(scratch, monkeypatch):
    # One row holding a list of millions of values grew the app by gigabytes: the read now
    # stops at the byte cap, before the answer is built, and the connection is reusable.
    monkeypatch.setattr(falkordb_store, "MAX_ANSWER_BYTES", 1 << 20)
    with pytest.raises(AnswerTooLarge, match="larger than 1 MB"):
        scratch.query("UNWIND range(1, 300000) AS x RETURN collect(x)")
    with pytest.raises(AnswerTooLarge):
        scratch.query("UNWIND range(1, 300000) AS x RETURN x", row_limit=1_000_000)
    assert scratch.query("RETURN 1").rows == [[1]]
    assert len(scratch.query("UNWIND range(1, 1000) AS x RETURN x").rows) == 1000


# What an attacker (or an unlucky user) sends at once: each of these stalled or killed the store
# before; now each is refused by the guard, stopped by a server limit or cut at the byte cap.
MILLION = "UNWIND range(1, 1000000) AS a"
DEEP = "(" * 12 + "1" + ")" * 12
HOSTILE = {
    "NOT chain": ("RETURN " + "NOT " * 24 + "true", 10_000),
    "minus chain": ("RETURN " + "-" * 30 + "1", 10_000),
    "deep expressions": ("RETURN " + ", ".join(f"{DEEP} AS a{i}" for i in range(300)), 10_000),
    "huge range": ("RETURN size(range(1, 1000000000))", 10_000),
    "collect 20 M": ("UNWIND range(1, 20000000) AS x RETURN collect(x)", 10_000),
    "LOAD CSV": ("LOAD CSV FROM 'https://127.0.0.1:9/x.csv' AS row RETURN row", 10_000),
    "slow read": (f"{MILLION} UNWIND range(1, 1000000) AS b RETURN count(*)", 3_000),
    "memory": (f"{MILLION} UNWIND range(1, 100) AS b RETURN size(collect(a))", 10_000),
    "large answer": (f"{MILLION} UNWIND range(1, 4) AS b RETURN a", 10_000),
}
ATTACK_S = 8.0


def _attack(server: EmbeddedServer, name: str, outcomes: multiprocessing.Queue) -> None:
    """One attacker (a process of its own, as another user would be): sends one hostile query
    again and again until the attack ends, and reports how the store answered."""
    text, timeout_ms = HOSTILE[name]
    seen = set()
    deadline = time.monotonic() + ATTACK_S
    with FalkorDBStore(server) as own:
        while time.monotonic() < deadline:
            try:
                own.query(text, timeout_ms=timeout_ms, row_limit=10_000_000)
                seen.add("answered")
            except QueryRejected as problem:
                seen.add(str(problem)[:50])
            time.sleep(0.05)
    outcomes.put((name, seen))


def test_hostile_queries_in_parallel_leave_the_store_answering(private_server, monkeypatch):
    """Two of each hostile query in flight at once, again and again for 8 s: `RETURN 1` still
    answers within a second, the server's memory stays bounded and the graph unchanged."""
    monkeypatch.setenv("EDUKG_QUERY_MEMORY_MB", "128")  # small, to keep the test's memory small
    monkeypatch.setattr(falkordb_store, "MAX_ANSWER_BYTES", 4 << 20)
    private_server.start()
    with fixture_graph(private_server) as store:
        before = export_graph(store)
        context = multiprocessing.get_context("fork")  # the attackers inherit the byte cap
        outcomes = context.Queue()
        attackers = [
            context.Process(target=_attack, args=(private_server, name, outcomes))
            for name in HOSTILE
            for _copy in range(2)
        ]
        for attacker in attackers:
            attacker.start()
        latencies = []
        deadline = time.monotonic() + ATTACK_S
        while time.monotonic() < deadline:
            started = time.monotonic()
            assert store.query("RETURN 1").rows == [[1]]
            latencies.append(time.monotonic() - started)
            time.sleep(0.05)
        seen = [outcomes.get(timeout=60) for _ in attackers]
        for attacker in attackers:
            attacker.join(timeout=30)

        peak_mb = _peak_memory_mb(private_server.status().pid)
        latencies.sort()
        print(
            f"\n{len(attackers)} hostile queries in flight for {ATTACK_S:g} s; RETURN 1 answered "
            f"{len(latencies)} times: median {latencies[len(latencies) // 2] * 1000:.1f} ms, "
            f"slowest {latencies[-1] * 1000:.0f} ms; server peak memory {peak_mb} MB"
        )
        for name, outcome in sorted(seen):
            print(f"  {name}: {sorted(outcome)}")
        assert latencies[-1] < 1.0
        assert all("answered" not in outcome for _, outcome in seen), seen
        # FalkorDB's per-query cap does not count an aggregation's list (collect() grew one
        # query to 2.3 GB under a 128 MB cap on a quiet machine): the 10 s timeout bounds it,
        # so the bound here is two such queries', far below what killed the server before.
        assert peak_mb < 4096
        assert export_graph(store) == before


def _peak_memory_mb(pid: int | None) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(status.split("VmHWM:")[1].split()[0]) // 1024
