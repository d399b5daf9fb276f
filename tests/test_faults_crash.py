"""Crash safety: an ingest killed half-way and run again gives exactly the graph of one clean
ingest, and two ingests into one graph run one after the other, never interleaved."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from graph_fixture import DocumentBuilder, fixture_documents, implements

from edukg.cli import main
from edukg.export import export_graph
from graphstore.base import GraphStore, QueryResult
from graphstore.ingestlock import ingest_lock
from graphstore.loader import load
from graphstore.model import DocumentFacts
from ingest.pipeline import LOAD_CHUNK

REPO = Path(__file__).resolve().parents[1]
DISTRICTS = ["东城区", "西城区", "朝阳区", "丰台区", "石景山区", "海淀区", "门头沟区", "房山区"]
MEASURES = ["集团化办学", "学区制改革", "干部教师交流轮岗", "县管校聘"]
WAIT_S = 60

needs_proc = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")


def write_corpus(folder: Path, count: int) -> Path:
    """`count` short news items, each about one Beijing district and one measure."""
    folder.mkdir()
    for i in range(count):
        district, measure = DISTRICTS[i % len(DISTRICTS)], MEASURES[i % len(MEASURES)]
        text = f"北京教育简讯第{i}期\n北京市{district}自{2005 + i % 15}年起推行{measure}。\n"
        (folder / f"{i:03d}.txt").write_text(text, encoding="utf-8")
    return folder


def cli(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def exported() -> dict:
    result = cli("export", "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def start_ingest(*paths: Path) -> subprocess.Popen:
    """`edukg ingest` in a process of its own, on the session's store (EDUKG_DATA_DIR)."""
    command = [sys.executable, "-m", "edukg.cli", "ingest", *map(str, paths)]
    return subprocess.Popen(command, cwd=REPO, stderr=subprocess.PIPE, text=True)


def children(pid: int) -> list[int]:
    """The live processes whose parent is `pid`."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def wait_until(condition, timeout: float = WAIT_S, step: float = 0.002) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(step)


def documents(store: GraphStore, complete: bool = False) -> int:
    where = "WHERE d.sha256 IS NOT NULL" if complete else ""
    return store.query(f"MATCH (d:Document) {where} RETURN count(d)").rows[0][0]


@needs_proc
def test_an_ingest_killed_half_way_and_run_again_gives_the_clean_graph(store, tmp_path):
    count = LOAD_CHUNK + 100  # two load chunks, NLP on worker processes
    corpus = write_corpus(tmp_path / "corpus", count)
    assert cli("ingest", "--workers", "1", str(corpus)).exit_code == 0
    clean = exported()
    store.clear()

    ingest = start_ingest(corpus)
    wait_until(lambda: documents(store) > LOAD_CHUNK)  # the second chunk is being written
    workers = children(ingest.pid)
    ingest.send_signal(signal.SIGKILL)
    ingest.wait()
    complete = documents(store, complete=True)
    assert LOAD_CHUNK <= complete < count, f"killed with {complete} documents complete"
    # Its NLP workers notice that their ingest is gone, and exit.
    wait_until(lambda: not any(Path(f"/proc/{pid}").exists() for pid in workers), 10, 0.1)

    again = cli("ingest", "--workers", "1", str(corpus))
    assert again.exit_code == 0, again.output
    graph = exported()
    for kind in ("nodes", "edges"):
        assert [x for x in graph[kind] if x not in clean[kind]] == []
        assert [x for x in clean[kind] if x not in graph[kind]] == []
    assert graph == clean


class Interrupted(Exception):
    """Stands for the end of a process killed between two statements."""


class StopsAfter(GraphStore):
    """The real store, except that no write happens after the first `limit` ones.

    Killing a process between two given statements cannot be timed from outside, so this is
    how a load is cut short after every statement in turn.
    """

    def __init__(self, store: GraphStore, limit: int | None = None) -> None:
        self.store, self.limit, self.backend = store, limit, store.backend
        self.writes = 0

    def write(self, cypher: str, params: dict[str, Any] | None = None) -> QueryResult:
        if self.writes == self.limit:
            raise Interrupted
        self.writes += 1
        return self.store.write(cypher, params)

    def query(self, cypher: str, params: dict[str, Any] | None = None, **limits) -> QueryResult:
        return self.store.query(cypher, params, **limits)

    def ensure_schema(self) -> None:
        """The session store has its indexes; writing them again changes nothing."""

    def compact(self) -> None:
        self.store.compact()

    def clear(self) -> None:
        self.store.clear()

    def close(self) -> None:
        self.store.close()


def changed_first_document() -> DocumentFacts:
    """The first fixture document, edited: two facts fewer, one new, same source."""
    first = fixture_documents()[0]
    edited = DocumentBuilder("doc:e5e5e5e5e5e5e5e5", first.document.name, "2023-06-01")
    edited.say(
        "东城区从2014年开始推行集团化办学。", implements("110101", "group_schooling"), year=2014
    )
    edited.say("海淀区在2019年推行学区制。", implements("110108", "school_district"), year=2019)
    facts = edited.facts()
    facts.document.props["source"] = first.document.props["source"]
    return facts


@pytest.mark.parametrize("replacing", [False, True], ids=["new documents", "a changed document"])
def test_a_load_cut_short_after_any_statement_is_redone_exactly(store, replacing):
    before = fixture_documents() if replacing else []
    batch = fixture_documents()
    if replacing:
        batch[0] = changed_first_document()
    store.clear()
    load(store, before)
    counted = StopsAfter(store)
    load(counted, batch)
    clean = export_graph(store)
    for limit in range(counted.writes):
        store.clear()
        load(store, before)
        with pytest.raises(Interrupted):
            load(StopsAfter(store, limit), batch)
        load(store, batch)
        assert export_graph(store) == clean, f"cut after {limit} writes"


def test_an_ingest_waits_while_another_holds_the_graph(store, tmp_path):
    corpus = write_corpus(tmp_path / "corpus", 6)
    assert cli("ingest", "--workers", "1", str(corpus)).exit_code == 0
    alone = exported()
    store.clear()

    with ingest_lock(store):  # as an ingest running in this process would
        waiting = start_ingest(corpus)
        line = waiting.stderr.readline()
        assert "Another ingest (pid" in line and "waits until it has finished" in line, line
        time.sleep(0.5)
        assert documents(store) == 0
    assert waiting.wait(WAIT_S) == 0, waiting.stderr.read()
    assert exported() == alone
