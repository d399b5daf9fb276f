"""The store layer shared by ingest, CLI and app: one interface, two backends.

`open_store()` picks the backend from the environment: the adapter registered for the scheme
of `NEO4J_URI` when it is set (`bolt://`, `neo4j://` and their `+s`/`+ssc` forms: Neo4j, with
`NEO4J_USER`, default "neo4j", `NEO4J_PASSWORD`, optional `NEO4J_DATABASE`), otherwise the
embedded FalkorDB server in the data directory, started on demand.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

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


# Store adapters by the scheme of their URI; a new backend registers its schemes here.
STORES: dict[str, Callable[[str], GraphStore]] = {
    scheme: Neo4jStore.from_environment for scheme in Neo4jStore.schemes
}


def open_store(data_dir: Path | None = None, *, start: bool = True) -> GraphStore:
    """The configured store; with `start`, the embedded server is started (or waited for)."""
    uri = os.environ.get("NEO4J_URI")
    if uri:
        scheme = urlsplit(uri).scheme
        if scheme not in STORES:
            raise StoreUnavailable(
                f"NEO4J_URI={uri}: no store speaks {scheme or 'a URI without a scheme'}; "
                f"use one of {', '.join(s + '://' for s in STORES)}, or unset NEO4J_URI for "
                "the embedded store."
            )
        return STORES[scheme](uri)
    server = EmbeddedServer(data_dir or default_data_dir())
    if start:
        server.start()
    return FalkorDBStore(server)
