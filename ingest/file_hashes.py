"""Files' content hashes remembered by their stat, as git's index remembers them: an ingest into
a graph that holds most of its files reads only the files whose size, times or inode changed.
Hashing every file of the 100 000-document benchmark corpus took 2.6 s with the files in the
page cache and 11 s without, most of what a 1 % re-ingest does before its first load.

A hash is remembered with the stat the listing took before the file was read, so a file changed
since has another stat and is hashed again. A file modified less than RACY_SECONDS before the
listing could change again within the resolution of its times and keep its stat ("racily
clean" in git): its hash is not remembered. The hashes live in an SQLite file beside the graph's
ingest lock (`GraphStore.file_hashes_path`). A file that cannot be read or written makes an
ingest slower, never wrong: every file is then hashed.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

Stamp = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode: what a change changes

RACY_SECONDS = 2
STALE_ROWS_ALLOWED = 10_000  # see FileHashes.save

_TABLE = (
    "CREATE TABLE IF NOT EXISTS hashes (path BLOB PRIMARY KEY, size INTEGER, mtime_ns INTEGER, "
    "ctime_ns INTEGER, inode INTEGER, sha256 TEXT) WITHOUT ROWID"
)


def stamp(info: os.stat_result) -> Stamp:
    return info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino


def file_sha256(path: Path) -> str:
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


class FileHashes:
    """The hashes of the files an ingest listed at `listed_at_ns` (`stamps`, by real path)."""

    def __init__(self, store_path: Path, stamps: dict[Path, Stamp], listed_at_ns: int) -> None:
        self.store_path = store_path
        self.stamps = stamps
        self._racy_after = listed_at_ns - RACY_SECONDS * 1_000_000_000
        self._known = self._read()
        self._new: dict[bytes, tuple[Stamp, str]] = {}

    def sha256(self, path: Path) -> str:
        """The file's hash: the one remembered, else read (OSError when it cannot be)."""
        sha256 = self.remembered(path)
        if sha256 is None:
            sha256 = file_sha256(path)
            self.remember(path, sha256)
        return sha256

    def remembered(self, path: Path) -> str | None:
        """The hash remembered for the file with the stat it was listed with, if any."""
        known = self._known.get(os.fsencode(path))
        return known[1] if known is not None and known[0] == self.stamps.get(path) else None

    def remember(self, path: Path, sha256: str) -> None:
        """Remember a hash of the file's content as listed (a worker's, which read it whole)."""
        listed = self.stamps.get(path)
        if listed is not None and listed[1] < self._racy_after:
            self._new[os.fsencode(path)] = (listed, sha256)

    def save(self) -> None:
        """Write the hashes remembered since the start. The rows of files gone (moved, deleted)
        are dropped once the table holds more than twice as many rows as the files listed, plus
        STALE_ROWS_ALLOWED: below that, an ingest of another folder keeps the first one's."""
        rows, prune = self._new, False
        if len(self._known.keys() | rows.keys()) > 2 * len(self.stamps) + STALE_ROWS_ALLOWED:
            listed = {os.fsencode(path) for path in self.stamps}
            rows = {key: row for key, row in (self._known | rows).items() if key in listed}
            prune = True
        if not rows and not prune:
            return
        with contextlib.suppress(sqlite3.Error, OSError), self._connection() as connection:
            if prune:
                connection.execute("DELETE FROM hashes")
            connection.executemany(
                "INSERT OR REPLACE INTO hashes VALUES (?, ?, ?, ?, ?, ?)",
                ((key, *listed, sha256) for key, (listed, sha256) in rows.items()),
            )

    def _read(self) -> dict[bytes, tuple[Stamp, str]]:
        if not self.store_path.exists():
            return {}
        try:
            with self._connection() as connection:
                rows = connection.execute("SELECT * FROM hashes").fetchall()
        except (sqlite3.Error, OSError):
            with contextlib.suppress(OSError):
                self.store_path.unlink()  # damaged: written anew by save
            return {}
        return {bytes(path): (tuple(row[:4]), row[4]) for path, *row in rows}

    @contextlib.contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        self.store_path.parent.mkdir(parents=True, exist_ok=True)
        # the user's alone, as the rest of the data folder (SQLite's journal takes its mode)
        os.close(os.open(self.store_path, os.O_RDWR | os.O_CREAT, 0o600))
        connection = sqlite3.connect(self.store_path)
        try:
            with connection:  # one transaction, committed on leaving
                connection.execute(_TABLE)
                yield connection
        finally:
            connection.close()
