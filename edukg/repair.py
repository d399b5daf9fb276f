"""`edukg db repair`: bring a damaged embedded store back to a complete graph.

The server's own tools fix what they can (redis-check-aof cuts a torn append-only file back to
its last whole write); what was lost is then ingested again from the files and folders the
store records as ingested, plus the documents its completeness check finds short.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from edukg.store.base import GraphStore, StoreUnavailable
from edukg.store.falkordb_store import FalkorDBStore
from edukg.store.loader import DamagedDocument, check_documents
from edukg.store.server import EmbeddedServer


def repair_store(
    server: EmbeddedServer,
    ingest: Callable[[GraphStore, list[str]], object],
    say: Callable[[str], None],
) -> list[DamagedDocument]:
    """Stop, fix the files, start (afresh if they still cannot load), re-ingest what is missing
    with `ingest`, rewrite the files; `say` gets each step's news. Returns the documents that
    are still incomplete."""
    server.stop()
    if server.aof_dir.exists():
        valid, words = server.check_files()
        if not valid:
            valid, words = server.check_files(fix=True)
            done = "cut back to their last whole write" if valid else "could not be fixed"
            say(f"The store's append-only files {done}:\n{words}")
    try:
        server.start()
    except StoreUnavailable as problem:
        aside = server.set_files_aside()
        say(str(problem))
        say(f"The store's files were moved to {aside}; starting afresh.")
        server.start()
    store = FalkorDBStore(server)
    store.ensure_schema()
    damaged = check_documents(store)
    paths = list(dict.fromkeys([*server.ingested(), *(doc.source for doc in damaged)]))
    present = [path for path in paths if Path(path).exists()]
    for path in paths:
        if path not in present:
            say(f"cannot ingest again {path}: it is gone")
    ingest(store, present)
    store.compact()  # a clean copy of the graph replaces the damaged files
    server.clear_damage()
    return check_documents(store)
