"""One ingest at a time per graph: an exclusive lock that an ingest holds from start to end.

An ingest decides what to load (and what to replace) from what the graph holds when it starts,
so two ingests into one graph must not interleave. The lock is an flock on the file each
adapter names (`GraphStore.lock_path`): in the embedded store's data directory, or for Neo4j in
the local data directory, one file per database URI (which serialises the ingests run from this
machine). The kernel drops the lock
when its holder dies, even by kill -9, so a crashed ingest never leaves the graph locked.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Callable, Iterator

from edukg.store.base import GraphStore


@contextlib.contextmanager
def ingest_lock(store: GraphStore, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the graph's ingest lock. When another process holds it, `on_wait` gets a message
    naming that process, and this one waits until the lock is free."""
    path = store.lock_path
    path.parent.mkdir(parents=True, exist_ok=True)
    private = os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o600)  # in the data dir
    with open(private, "a+", encoding="utf-8") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait is not None:
                lock.seek(0)
                holder = lock.read().strip() or "another process"
                on_wait(
                    f"Another ingest ({holder}) is loading this graph; this one waits until it "
                    "has finished (Ctrl-C gives up)."
                )
            fcntl.flock(lock, fcntl.LOCK_EX)
        holder = f"pid {os.getpid()}, since {time.strftime('%H:%M:%S')}"
        try:
            os.ftruncate(lock.fileno(), 0)
            with contextlib.suppress(OSError):  # a full disk: the store itself will say so
                os.write(lock.fileno(), holder.encode())  # unbuffered: nothing left to flush
            yield
        finally:
            os.ftruncate(lock.fileno(), 0)
            fcntl.flock(lock, fcntl.LOCK_UN)
