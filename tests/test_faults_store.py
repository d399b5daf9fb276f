"""Store faults: the embedded server dies under the running app, the data directory cannot be
written, the store's files are damaged, deleted or on a full disk. Each gives one clear message
with the command that fixes it, and after the fix the graph is what one clean ingest gives."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import stat
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from click.testing import CliRunner
from graph_fixture import fixture_documents
from streamlit.testing.v1 import AppTest

from edukg.cli import EXIT_STORE, main
from edukg.explorer.i18n import plain
from edukg.ingest.pipeline import ingest_paths
from edukg.store.base import StoreUnavailable
from edukg.store.falkordb_store import FalkorDBStore
from edukg.store.loader import load
from edukg.store.server import NOT_RUNNING, EmbeddedServer

APP = str(Path(__file__).resolve().parents[1] / "app.py")
TIMEOUT_S = 60


def test_the_app_explains_a_dead_store_and_works_after_db_start(private_server, monkeypatch):
    private_server.start()
    with FalkorDBStore(private_server) as store:
        load(store, fixture_documents())
    monkeypatch.setenv("EDUKG_DATA_DIR", str(private_server.data_dir))
    st.cache_resource.clear()
    st.cache_data.clear()
    app = AppTest.from_file(APP, default_timeout=TIMEOUT_S).run()
    assert not app.exception and not app.error
    working = [element.value for element in app.metric]
    assert working  # the page shows figures from the graph

    os.kill(private_server.status().pid, signal.SIGKILL)
    while private_server.is_running():
        time.sleep(0.01)
    st.cache_data.clear()  # answers are cached for minutes: ask the store again
    app.run()
    assert not app.exception
    assert [plain(NOT_RUNNING) in error.value for error in app.error] == [True]

    started = CliRunner().invoke(main, ["db", "start"])
    assert started.exit_code == 0, started.output
    app.run()  # the same cached store object: its client reconnects
    assert not app.exception and not app.error
    assert [element.value for element in app.metric] == working


@pytest.fixture(params=["under a file", "read-only folder"])
def unwritable_dir(request, tmp_path: Path) -> Path:
    if request.param == "under a file":
        (tmp_path / "file").write_text("not a folder")
        return tmp_path / "file" / "data"
    if os.geteuid() == 0:
        pytest.skip("root can write into a read-only folder")
    folder = tmp_path / "read-only"
    folder.mkdir(mode=0o500)
    return folder


@pytest.mark.parametrize(
    "command", [["db", "start"], ["ingest", "x.txt"], ["query", "graph_counts"], ["app"]]
)
def test_an_unwritable_data_dir_is_a_clear_error_at_start(unwritable_dir, monkeypatch, command):
    monkeypatch.setenv("EDUKG_DATA_DIR", str(unwritable_dir))
    result = CliRunner().invoke(main, command)
    assert result.exit_code == EXIT_STORE
    assert f"The data directory {unwritable_dir} cannot be written" in result.output
    assert "Set EDUKG_DATA_DIR to a writable directory." in result.output


# --------------------------------------------------------------------------- damaged files
# Each fault ends with `edukg db repair` (or a plain ingest) and an export identical to one
# clean ingest of the demo corpus.

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"
REPAIR_HINT = "edukg db repair"


def cli(*args: str):
    return CliRunner().invoke(main, list(args))


def export_json() -> dict:
    result = cli("export", "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def clean_export() -> dict:
    """The demo corpus ingested once into a store of its own, exported."""
    server = EmbeddedServer(Path(tempfile.mkdtemp(prefix="edukg-clean-")))
    with pytest.MonkeyPatch.context() as env:
        env.setenv("EDUKG_DATA_DIR", str(server.data_dir))
        try:
            assert cli("ingest", "--workers", "1", str(CORPUS)).exit_code == 0
            return export_json()
        finally:
            server.stop()
            shutil.rmtree(server.data_dir, ignore_errors=True)


@pytest.fixture
def own_store(private_server, monkeypatch) -> EmbeddedServer:
    """`edukg` commands in this test use a store of their own."""
    monkeypatch.setenv("EDUKG_DATA_DIR", str(private_server.data_dir))
    return private_server


class NeverCompacts(FalkorDBStore):
    """An ingest whose writes all stay in the incremental append-only file, as when it is
    killed before its final rewrite."""

    def compact(self, *, wait: bool = True) -> None:
        pass


def overwrite_inside(path: Path, marker: bytes, count: int = 64) -> None:
    """Overwrite `count` bytes in the middle of the first write that contains `marker`."""
    data = bytearray(path.read_bytes())
    at = data.index(marker)
    data[at : at + count] = b"X" * count
    path.write_bytes(bytes(data))


def cut_off(path: Path) -> None:
    """Cut a file to two thirds: its last write ends half-way, later ones are gone."""
    path.write_bytes(path.read_bytes()[: path.stat().st_size * 2 // 3])


@pytest.mark.parametrize(
    ("damage", "said", "fix"),
    [
        ("overwritten", "could not be replayed: facts are missing", "db repair"),
        ("overwritten", "could not be replayed: facts are missing", "ingest"),
        ("cut off", "was cut off: its last writes are missing", "db repair"),
    ],
)
def test_writes_lost_from_the_aof_are_reported_and_redone(
    own_store, clean_export, damage, said, fix
):
    own_store.start()
    ingest_paths(NeverCompacts(own_store), [CORPUS], workers=1)
    own_store.stop()
    [incr] = own_store.aof_dir.glob("*.incr.aof")
    if damage == "overwritten":  # a valid frame, a broken query: the server skips that write
        overwrite_inside(incr, b"MERGE (a)-[r:IMPLEMENTS]->(b)")
    else:  # the server loads what is whole
        cut_off(incr)

    for command in ("start", "status"):
        output = cli("db", command).output
        assert said in output and REPAIR_HINT in output
    check = cli("db", "check")
    assert check.exit_code == 1, check.output
    assert [line for line in check.output.splitlines() if line.startswith("to redo")], check.output

    fixed = cli("db", "repair") if fix == "db repair" else cli("ingest", str(CORPUS))
    assert fixed.exit_code == 0, fixed.output
    if damage == "overwritten":  # complete documents, unchanged files: loaded again all the same
        assert "incomplete documents redone" in fixed.output
    assert export_json() == clean_export
    assert cli("db", "check").exit_code == (0 if fix == "db repair" else 1)  # the record stays


def test_a_torn_write_in_the_aof_is_cut_back_by_repair(own_store, clean_export):
    """A write half-written, then later ones whole: what a full disk can leave behind. The
    server refuses to load such a file; redis-check-aof --fix keeps what precedes the tear."""
    own_store.start()
    ingest_paths(NeverCompacts(own_store), [CORPUS], workers=1)
    own_store.stop()
    [incr] = own_store.aof_dir.glob("*.incr.aof")
    data = incr.read_bytes()
    torn = data.index(b"MERGE (a)-[r:IMPLEMENTS]->(b)")
    incr.write_bytes(data[:torn] + data[torn + 100 :])  # 100 bytes of one write never made it

    assert_start_refused("cannot start: the store's append-only file is damaged")
    assert_repair_restores(
        clean_export, "The store's append-only files cut back to their last whole write"
    )


def assert_start_refused(reason: str) -> None:
    """`db start` refuses with the reason and the repair command, not Redis's crash report."""
    started = cli("db", "start")
    assert started.exit_code == EXIT_STORE
    assert reason in started.output
    assert REPAIR_HINT in started.output and "BUG REPORT" not in started.output


def assert_repair_restores(clean_export: dict, said: str) -> None:
    """`db repair` says what it did and leaves the graph of a clean ingest, complete."""
    repaired = cli("db", "repair")
    assert repaired.exit_code == 0, repaired.output
    assert said in repaired.output
    assert export_json() == clean_export
    assert cli("db", "check").exit_code == 0


def test_half_a_snapshot_is_a_clear_message_and_repair_rebuilds_it(own_store, clean_export):
    assert cli("ingest", "--workers", "1", str(CORPUS)).exit_code == 0
    own_store.stop()
    [base] = own_store.aof_dir.glob("*.base.rdb")
    base.write_bytes(base.read_bytes()[: base.stat().st_size // 2])

    assert_start_refused("cannot start: the store's snapshot file")
    assert_repair_restores(clean_export, "appendonlydir.damaged-")


def test_files_deleted_under_a_running_store_are_reported_and_rebuilt(own_store, clean_export):
    assert cli("ingest", "--workers", "1", str(CORPUS)).exit_code == 0
    shutil.rmtree(own_store.aof_dir)
    assert "were deleted" in cli("db", "status").output
    own_store.stop()

    query = cli("query", "graph_counts")
    assert query.exit_code == 0
    assert "were deleted: the graph is empty or incomplete" in query.output
    assert REPAIR_HINT in query.output
    repaired = cli("db", "repair")
    assert repaired.exit_code == 0, repaired.output
    assert export_json() == clean_export
    assert "problem: None" in cli("db", "status").output


needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="mounting a small disk needs root")


@pytest.fixture
def small_disk(tmp_path) -> Iterator[Path]:
    """A 1 MiB tmpfs: a disk that fills up."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)])
    if done.returncode:
        pytest.skip("cannot mount a tmpfs")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=True)


def fill(disk: Path) -> Path:
    """Take every free byte of `disk`."""
    filler = disk / "filler"
    with contextlib.suppress(OSError), filler.open("wb") as out:
        while True:
            out.write(bytes(4096))
            out.flush()
    return filler


@needs_root
def test_a_full_disk_says_so_and_repair_restores_the_graph(
    small_disk, monkeypatch, clean_export, tmp_path
):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    last = corpus / "taiwan_style_traditional.txt"  # loaded last, as in a clean ingest
    held_back = last.read_bytes()
    last.unlink()
    server = EmbeddedServer(small_disk / "data")
    monkeypatch.setenv("EDUKG_DATA_DIR", str(server.data_dir))
    try:
        assert cli("ingest", "--workers", "1", str(corpus)).exit_code == 0
        assert server.finish_rewrite()  # the ingest left its rewrite running in the background
        filler = fill(small_disk)
        last.write_bytes(held_back)  # its facts are written on a full disk
        full = cli("ingest", "--workers", "1", str(corpus))
        assert full.exit_code == EXIT_STORE, full.output
        assert "is full" in full.output and REPAIR_HINT in full.output

        started = time.monotonic()
        query = cli("query", "graph_counts")
        assert time.monotonic() - started < 10, query.output  # it waited 60 s for nothing
        assert query.exit_code == 0 and "is full" in query.output  # it still reads
        assert "is full" in cli("db", "status").output

        assert cli("db", "stop").exit_code == 0
        filler.unlink()
        restarted = cli("db", "start")
        assert restarted.exit_code == 0 or REPAIR_HINT in restarted.output, restarted.output
        repaired = cli("db", "repair")
        assert repaired.exit_code == 0, repaired.output
        graph = export_json()
    finally:
        server.stop()
    # The corpus is at another path here: compare with the clean graph, sources aside.
    assert without_sources(graph, corpus) == without_sources(clean_export, CORPUS)


def without_sources(graph: dict, corpus: Path) -> dict:
    """The graph with `corpus` cut from the front of document sources."""
    text = json.dumps(graph, ensure_ascii=False, sort_keys=True)
    return json.loads(text.replace(json.dumps(str(corpus))[1:-1], "CORPUS"))


def test_a_changed_file_that_cannot_be_read_keeps_no_stale_facts(store, tmp_path):
    folder = tmp_path / "docs"
    shutil.copytree(CORPUS, folder)
    broken = folder / "beijing_preschool_plan.txt"
    assert cli("ingest", "--workers", "1", str(folder)).exit_code == 0
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(300))  # replaced by something unreadable

    again = cli("ingest", "--workers", "1", str(folder))
    assert again.exit_code == 1
    assert "binary content, not a text document; the facts of its earlier version were removed" in (
        again.output
    )
    after = export_json()
    store.clear()
    assert cli("ingest", "--workers", "1", str(folder)).exit_code == 1
    clean = export_json()  # one clean ingest of the folder as it is now
    assert after["edges"] == clean["edges"]  # no edge, no evidence of the old version is left
    # Nodes differ only where removing differs from never loading, by design: taxonomy measures
    # stay. What the removed version said of a node other documents still mention (a policy's
    # issue date) gives way to what they say.
    after_nodes = {node["id"]: node for node in after["nodes"]}
    clean_nodes = {node["id"]: node for node in clean["nodes"]}
    assert all(key.startswith("measure:") for key in after_nodes.keys() - clean_nodes.keys())
    assert {key: after_nodes[key] for key in clean_nodes} == clean_nodes


def test_the_data_folder_and_its_files_are_the_users_alone(own_store):
    own_store.data_dir.chmod(0o755)  # as earlier versions left it
    (own_store.data_dir / "server.log").write_text("")
    (own_store.data_dir / "server.log").chmod(0o644)
    assert cli("ingest", "--workers", "1", str(CORPUS / "fujian_county.html")).exit_code == 0
    cli("db", "stop")  # the AOF rewrite is written at exit
    modes = {
        str(path.relative_to(own_store.data_dir)): stat.S_IMODE(path.stat().st_mode)
        for path in [own_store.data_dir, *own_store.data_dir.rglob("*")]
    }
    assert modes["."] == 0o700 and modes["appendonlydir"] == 0o700
    assert {name: mode for name, mode in modes.items() if mode not in (0o600, 0o700)} == {}
    assert {name for name, mode in modes.items() if mode == 0o600} >= {
        "server.log",
        "server.pid" if (own_store.data_dir / "server.pid").exists() else "server.log",
        "ingest.lock",
        "ingest-file-hashes.sqlite",
        "ingested.txt",
        "appendonlydir/appendonly.aof.manifest",
    }


def test_a_store_that_stops_answering_is_a_clear_message_not_a_wait_forever(private_server):
    """A server that answers nothing (stopped here with SIGSTOP; a FalkorDB lock never released
    did the same once) makes a call fail after the client's wait, saying what to do; once the
    server answers again, so does the same store object."""
    private_server.start()
    with FalkorDBStore(private_server, answer_wait_s=1.0) as store:
        assert store.query("RETURN 1 AS one").rows == [[1]]
        pid = private_server.status().pid
        os.kill(pid, signal.SIGSTOP)
        try:
            began = time.monotonic()
            with pytest.raises(StoreUnavailable, match="did not answer within 1 s") as stuck:
                store.query("RETURN 1 AS one")
            assert time.monotonic() - began < TIMEOUT_S
            assert "edukg db stop" in str(stuck.value)
        finally:
            os.kill(pid, signal.SIGCONT)
        assert store.query("RETURN 1 AS one").rows == [[1]]
