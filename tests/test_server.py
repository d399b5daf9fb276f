"""The embedded server's life cycle, on real server processes in their own data directories."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

from edukg.store.base import StoreUnavailable
from edukg.store.falkordb_store import FalkorDBStore
from edukg.store.server import (
    APPENDED_LOAD_BYTES_S,
    MAX_SOCKET_PATH,
    PID_FILE,
    SNAPSHOT_LOAD_BYTES_S,
    START_TIMEOUT_S,
    EmbeddedServer,
    default_data_dir,
)

needs_proc = pytest.mark.skipif(
    not Path("/proc/self/cmdline").exists(), reason="counting processes needs /proc"
)


def server_pids(data_dir: Path) -> list[int]:
    """Live processes whose command line names the data directory."""
    pids = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            if os.fsencode(data_dir) in (proc / "cmdline").read_bytes():
                pids.append(int(proc.name))
        except OSError:
            continue
    return pids


def write_regions(server: EmbeddedServer, count: int, *, compact: bool) -> None:
    with FalkorDBStore(server) as store:
        store.ensure_schema()
        store.write(
            "UNWIND range(1, $n) AS i MERGE (r:Region {id: 'region:' + toString(i)}) "
            "SET r.name = 'r' + toString(i)",
            {"n": count},
        )
        if compact:
            store.compact()


def count_regions(server: EmbeddedServer) -> int:
    with FalkorDBStore(server) as store:
        return store.query("MATCH (r:Region) RETURN count(r)").rows[0][0]


@needs_proc
def test_start_status_stop_leaves_no_process_or_files(private_server):
    assert not private_server.status().running
    private_server.start()
    status = private_server.status()
    assert status.running and private_server.is_running()
    assert status.pid == int((private_server.data_dir / PID_FILE).read_text())
    assert status.nodes == 0 and status.memory_bytes > 0
    assert status.socket == private_server.socket_path and status.socket.exists()
    assert not status.socket_in_temp_dir
    assert server_pids(private_server.data_dir) == [status.pid]

    assert private_server.stop() is True
    assert not private_server.is_running()
    assert server_pids(private_server.data_dir) == []
    assert not (private_server.data_dir / PID_FILE).exists()
    assert not private_server.socket_path.exists()
    assert private_server.stop() is False


@needs_proc
def test_concurrent_starts_launch_one_server(private_server):
    twins = [EmbeddedServer(private_server.data_dir) for _ in range(3)]
    threads = [threading.Thread(target=twin.start) for twin in twins]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(server_pids(private_server.data_dir)) == 1
    assert {twin.status().pid for twin in twins} == {private_server.status().pid}
    private_server.start()  # already running: nothing new
    assert len(server_pids(private_server.data_dir)) == 1


@needs_proc
def test_the_server_outlives_the_command_that_started_it(private_server):
    code = "import sys; from edukg.store import EmbeddedServer; EmbeddedServer(sys.argv[1]).start()"
    subprocess.run([sys.executable, "-c", code, str(private_server.data_dir)], check=True)
    assert private_server.is_running()
    assert count_regions(private_server) == 0


@needs_proc
def test_stop_kills_a_server_that_ignores_sigterm(private_server):
    private_server.start()
    pid = private_server.status().pid
    os.kill(pid, signal.SIGSTOP)  # a stopped process leaves SIGTERM pending
    started = time.monotonic()
    assert private_server.stop(grace=0.3)
    assert time.monotonic() - started < 3
    assert server_pids(private_server.data_dir) == []


def test_graph_survives_stop_and_start(private_server):
    private_server.start()
    write_regions(private_server, 300, compact=False)
    private_server.stop()
    private_server.start()
    assert count_regions(private_server) == 300


@pytest.mark.parametrize("compact", [False, True])
def test_graph_survives_kill_9_of_the_server(private_server, compact):
    private_server.start()
    write_regions(private_server, 300, compact=compact)
    with FalkorDBStore(private_server) as store:
        store.write("CREATE (:Region {id: 'region:999999', name: 'written last'})")
    pid = private_server.status().pid
    os.kill(pid, signal.SIGKILL)
    while private_server.is_running():
        time.sleep(0.01)
    # The pid file and the socket of the killed server are still there.
    assert (private_server.data_dir / PID_FILE).exists()
    private_server.start()
    assert private_server.status().pid != pid
    assert count_regions(private_server) == 301


@needs_proc
def test_a_pid_file_naming_another_live_process_does_not_block_a_start(private_server):
    bystander = subprocess.Popen(["sleep", "60"])
    try:
        private_server.data_dir.mkdir(parents=True, exist_ok=True)
        (private_server.data_dir / PID_FILE).write_text(f"{bystander.pid}\n")
        private_server.socket_path.write_text("left over")
        assert not private_server.is_running()
        private_server.start()
        assert private_server.status().pid != bystander.pid
        assert count_regions(private_server) == 0
        private_server.stop()
        assert bystander.poll() is None  # stop() did not signal the stranger
    finally:
        bystander.kill()
        bystander.wait()


def test_a_long_data_dir_gets_a_short_socket_in_the_temp_dir():
    base = Path(tempfile.mkdtemp(prefix="edukg-long-"))
    server = EmbeddedServer(base / ("deep" * 30) / "data")
    try:
        assert len(os.fsencode(server.data_dir / "fdb.sock")) > MAX_SOCKET_PATH
        server.start()
        status = server.status()
        assert status.socket_in_temp_dir
        assert len(os.fsencode(status.socket)) <= MAX_SOCKET_PATH
        assert count_regions(server) == 0
        assert EmbeddedServer(server.data_dir).socket_path == status.socket  # stable
    finally:
        server.stop()
        shutil.rmtree(base, ignore_errors=True)
    assert not status.socket.exists()


def test_an_unwritable_data_dir_is_reported_with_what_to_do(tmp_path):
    blocker = tmp_path / "a file"
    blocker.write_text("not a directory")
    with pytest.raises(StoreUnavailable, match="cannot be written.*EDUKG_DATA_DIR"):
        EmbeddedServer(blocker / "data").start()


def test_a_server_that_dies_on_start_is_reported_with_its_log(private_server):
    private_server.data_dir.mkdir(parents=True, exist_ok=True)
    (private_server.data_dir / "appendonlydir").write_text("in the way of the AOF directory")
    with pytest.raises(StoreUnavailable, match="stopped while starting") as error:
        private_server.start()
    assert "appendonlydir" in str(error.value)
    assert not private_server.is_running()


def test_a_store_on_a_stopped_server_says_how_to_start_it(private_server):
    with pytest.raises(StoreUnavailable, match="edukg db start"):
        FalkorDBStore(private_server)
    private_server.start()
    store = FalkorDBStore(private_server)
    private_server.stop()
    with pytest.raises(StoreUnavailable, match="edukg db start"):
        store.query("RETURN 1")


def test_default_data_dir(monkeypatch, tmp_path):
    monkeypatch.setenv("EDUKG_DATA_DIR", str(tmp_path))
    assert default_data_dir() == tmp_path
    monkeypatch.delenv("EDUKG_DATA_DIR")
    assert default_data_dir().name == "edukg"


def test_a_start_waits_as_long_as_the_store_files_take_to_load(tmp_path):
    server = EmbeddedServer(tmp_path / "data")
    assert server.load_timeout() == START_TIMEOUT_S  # nothing written yet
    server.aof_dir.mkdir(parents=True)
    with open(server.aof_dir / "appendonly.aof.3.base.rdb", "wb") as snapshot:
        snapshot.truncate(2 << 30)  # sparse: the size a 100 000-document store reaches
    assert server.load_timeout() == pytest.approx((2 << 30) / SNAPSHOT_LOAD_BYTES_S)
    with open(server.aof_dir / "appendonly.aof.3.incr.aof", "wb") as appended:
        appended.truncate(100 << 20)
    assert server.load_timeout() == pytest.approx(
        (2 << 30) / SNAPSHOT_LOAD_BYTES_S + (100 << 20) / APPENDED_LOAD_BYTES_S
    )


def test_a_stop_lets_a_rewrite_of_the_files_finish(private_server):
    """An ingest leaves its rewrite to run in the background; stopping the store then waits
    for it, so that the next start loads one snapshot instead of replaying every write (a
    SIGTERM kills the rewrite)."""
    private_server.start()
    write_regions(private_server, 300_000, compact=False)
    with FalkorDBStore(private_server) as store:
        store.compact(wait=False)
    private_server.stop()
    appended = list(private_server.aof_dir.glob("*.incr.aof"))
    assert appended and all(path.stat().st_size == 0 for path in appended)
    private_server.start()
    assert count_regions(private_server) == 300_000
    private_server.stop()
