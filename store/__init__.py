"""The store layer shared by ingest, CLI and app: one interface, two backends.

`open_store()` picks the backend from the environment: Neo4j when `NEO4J_URI` is set
(`NEO4J_USER`, default "neo4j", `NEO4J_PASSWORD`, optional `NEO4J_DATABASE`), otherwise the
embedded FalkorDB server in the data directory, started on demand.
"""

from __future__ import annotations

import os
from pathlib import Path

from edukg.store.base import GraphStore, QueryRejected, QueryResult, StoreError, StoreUnavailable
from edukg.store.falkordb_store import FalkorDBStore
from edukg.store.neo4j_store import Neo4jStore
from edukg.store.server import EmbeddedServer, default_data_dir

__all__ = [
    "EmbeddedServer",
    "GraphStore",
    "QueryRejected",
    "QueryResult",
    "StoreError",
    "StoreUnavailable",
    "default_data_dir",
    "open_store",
]


def open_store(data_dir: Path | None = None, *, start: bool = True) -> GraphStore:
    """The configured store; with `start`, the embedded server is started (or waited for)."""
    uri = os.environ.get("NEO4J_URI")
    if uri:
        return Neo4jStore(
            uri,
            os.environ.get("NEO4J_USER", "neo4j"),
            os.environ.get("NEO4J_PASSWORD", ""),
            database=os.environ.get("NEO4J_DATABASE") or None,
        )
    server = EmbeddedServer(data_dir or default_data_dir())
    if start:
        server.start()
    return FalkorDBStore(server)
