"""Crash safety: an ingest killed half-way and run again gives exactly the graph of one clean
ingest, and two ingests into one graph run one after the other, never interleaved."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from graph_fixture import (
    DocumentBuilder,
    Interrupted,
    StopsAfter,
    fixture_documents,
    implements,
    miscounted_facts,
)

from edukg.cli import main
from edukg.export import export_graph
from edukg.ingest import pipeline
from edukg.ingest.pipeline import DOCUMENTS_PER_LOAD
from edukg.store.base import GraphStore
from edukg.store.ingestlock import ingest_lock
from edukg.store.loader import load
from edukg.store.model import DocumentFacts

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
    count = DOCUMENTS_PER_LOAD + 100  # two load chunks, NLP on worker processes
    corpus = write_corpus(tmp_path / "corpus", count)
    assert cli("ingest", "--workers", "1", str(corpus)).exit_code == 0
    clean = exported()
    store.clear()

    ingest = start_ingest(corpus)
    wait_until(lambda: documents(store) > DOCUMENTS_PER_LOAD)  # the second chunk is being written
    workers = children(ingest.pid)
    ingest.send_signal(signal.SIGKILL)
    ingest.wait()
    complete = documents(store, complete=True)
    assert DOCUMENTS_PER_LOAD <= complete < count, f"killed with {complete} documents complete"
    # Its NLP workers notice that their ingest is gone, and exit.
    wait_until(lambda: not any(Path(f"/proc/{pid}").exists() for pid in workers), 10, 0.1)

    again = cli("ingest", "--workers", "1", str(corpus))
    assert again.exit_code == 0, again.output
    graph = exported()
    for kind in ("nodes", "edges"):
        assert [x for x in graph[kind] if x not in clean[kind]] == []
        assert [x for x in clean[kind] if x not in graph[kind]] == []
    assert graph == clean


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
        assert miscounted_facts(store) == [], f"cut after {limit} writes"


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


# --------------------------------------------------------------------------- hostile folders


def hostile_folder(tmp_path: Path) -> tuple[Path, Path]:
    """A folder with one good document and every kind of path an ingest must not read
    silently; and a file outside it that a symlink points to."""
    outside = tmp_path / "private" / "secret.txt"
    outside.parent.mkdir()
    outside.write_text("北京市海淀区推行学区制改革。\n", encoding="utf-8")
    folder = write_corpus(tmp_path / "docs", 1)
    os.mkfifo(folder / "pipe.txt")  # reading it would block forever
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "broken.txt").symlink_to(folder / "missing.txt")
    (folder / "leak.txt").symlink_to(outside)
    (folder / "escape").symlink_to(outside.parent, target_is_directory=True)
    (folder / "alias.txt").symlink_to(folder / "000.txt")
    (folder / ".hidden.txt").write_text("北京市西城区推行集团化办学。\n", encoding="utf-8")
    return folder, outside


def test_every_path_left_out_is_reported_with_why(store, tmp_path):
    folder, outside = hostile_folder(tmp_path)
    result = cli("ingest", "--workers", "1", str(folder), str(folder / "000.txt"))
    said = {
        line.split(": ", 1)[0].removeprefix("skipped ").rsplit("/", 1)[-1]: line.split(": ", 1)[1]
        for line in result.output.splitlines()
        if line.startswith("skipped ")
    }
    assert said == {
        ".hidden.txt": "hidden: not read",
        "pipe.txt": "not a regular file (a FIFO): not read",
        "loop.txt": "a symlink loop: not read",
        "broken.txt": "a broken symlink: not read",
        "leak.txt": f"a symlink to {outside}, outside the folders given: not followed "
        "(`edukg ingest --follow-symlinks` follows it)",
        "escape": f"a symlink to {outside.parent}, outside the folders given: not followed "
        "(`edukg ingest --follow-symlinks` follows it)",
        "alias.txt": "listed more than once (or linked to): read once",
        "000.txt": "listed more than once (or linked to): read once",
    }, result.output
    assert result.exit_code == 1  # the FIFO and the broken links are errors
    sources = {row[0] for row in store.query("MATCH (d:Document) RETURN d.source").rows}
    assert sources == {str(folder / "000.txt")}

    followed = cli("ingest", "--workers", "1", "--follow-symlinks", str(folder))
    assert "outside the folders given" not in followed.output
    sources = {row[0] for row in store.query("MATCH (d:Document) RETURN d.source").rows}
    assert sources == {str(folder / "000.txt"), str(outside)}


def test_identical_files_are_reported_as_duplicates(store, tmp_path):
    folder = write_corpus(tmp_path / "docs", 1)
    (folder / "copy.txt").write_bytes((folder / "000.txt").read_bytes())
    result = cli("ingest", "--workers", "1", str(folder))
    assert f"copy.txt: duplicate of {folder / '000.txt'}" in result.output
    assert documents(store) == 1


def test_a_file_over_its_time_budget_is_skipped_and_the_batch_goes_on(store, tmp_path, monkeypatch):
    folder = write_corpus(tmp_path / "docs", 2)
    # Seconds of analysis even with the pipeline loaded (an earlier test may have loaded it).
    long = "北京市东城区推行集团化办学，全区组建教育集团。\n" * 40_000
    (folder / "long.txt").write_text(long, encoding="utf-8")
    monkeypatch.setattr(pipeline, "FILE_SECONDS", 0.3)
    report = pipeline.ingest_paths(store, [folder], workers=1)
    [skipped] = [item for item in report.skipped if item.is_error]
    assert skipped.source.endswith("long.txt")
    assert skipped.reason == (
        "took longer than 0.3 s to read and analyse: stopped (EDUKG_FILE_SECONDS sets the limit)"
    )
    assert documents(store, complete=True) == 2


def test_a_file_over_its_memory_budget_is_skipped_by_its_worker(store, tmp_path):
    """Enough files for the worker pool; one decodes to far more than the budget allows."""
    folder = write_corpus(tmp_path / "docs", pipeline.PARALLEL_THRESHOLD)
    (folder / "huge.txt").write_text("教育" * 20_000_000, encoding="utf-8")  # 120 MB
    command = [sys.executable, "-m", "edukg.cli", "ingest", "--workers", "2", str(folder)]
    environment = {**os.environ, "EDUKG_FILE_MEMORY_MB": "200"}
    done = subprocess.run(
        command, cwd=REPO, env=environment, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 1, done.stderr
    assert "huge.txt: needed more than 200 MB of memory to read and analyse" in done.stderr
    assert documents(store, complete=True) == pipeline.PARALLEL_THRESHOLD


def test_files_read_by_the_workers_come_back_in_the_order_they_were_found(tmp_path):
    """An ingest hands each changed file to the workers as it finds it, and removes stored
    versions ahead of the new facts in that order: the results must keep it."""
    folder = write_corpus(tmp_path / "docs", 2 * pipeline.PARALLEL_THRESHOLD + 3)
    files = sorted(folder.iterdir(), reverse=True)
    with pipeline._Reading(2, {}) as reading:
        for path in files:
            reading.add(path)
        sources = [result.document.props["source"] for result in reading.results()]
    assert sources == [str(path) for path in files]


def test_a_folder_reached_twice_is_read_once_and_said_so(store, tmp_path):
    folder = write_corpus(tmp_path / "docs", 2)
    (folder / "sub").mkdir()
    (folder / "001.txt").rename(folder / "sub" / "001.txt")
    (folder / "again").symlink_to(folder / "sub", target_is_directory=True)
    files, skipped = pipeline.find_files([folder])
    assert [path.name for path in files] == ["000.txt", "001.txt"]
    assert [(Path(item.source).name, item.reason, item.is_error) for item in skipped] == [
        ("sub", "listed more than once (or linked to): read once", False)
    ]
