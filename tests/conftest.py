"""Shared fixtures: one real embedded server for the session, a fresh graph for each test.

`EDUKG_DATA_DIR` points at the session server's data directory, so that `open_store()` and
`edukg` commands run by tests reach the same server. The data directory is made by
`tempfile.mkdtemp` (under /tmp on Linux) to keep the server's socket path short.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from edukg.store.falkordb_store import FalkorDBStore
from edukg.store.neo4j_store import Neo4jStore
from edukg.store.server import EmbeddedServer


@pytest.fixture(scope="session")
def embedded_server() -> Iterator[EmbeddedServer]:
    data_dir = Path(tempfile.mkdtemp(prefix="edukg-test-"))
    environment = pytest.MonkeyPatch()
    environment.setenv("EDUKG_DATA_DIR", str(data_dir))
    server = EmbeddedServer(data_dir)
    server.start()
    yield server
    server.stop()
    environment.undo()
    shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture
def store(embedded_server: EmbeddedServer) -> Iterator[FalkorDBStore]:
    """The session server's default graph, emptied (indexes kept) before the test."""
    with FalkorDBStore(embedded_server) as graph_store:
        graph_store.clear()
        yield graph_store


@pytest.fixture
def private_server() -> Iterator[EmbeddedServer]:
    """A server of the test's own, in a fresh data directory, not started yet."""
    data_dir = Path(tempfile.mkdtemp(prefix="edukg-own-"))
    server = EmbeddedServer(data_dir)
    yield server
    server.stop()
    shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture
def neo4j_store() -> Iterator[Neo4jStore]:
    """The Neo4j database at NEO4J_URI, which is WIPED: point it at a scratch database."""
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        pytest.skip("NEO4J_URI is not set")
    user, password = os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD", "")
    with Neo4jStore(uri, user, password, os.environ.get("NEO4J_DATABASE") or None) as graph_store:
        graph_store.clear()
        yield graph_store


@pytest.fixture(params=["falkordb", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def any_store(request: pytest.FixtureRequest):
    """Each backend in turn (Neo4j only when NEO4J_URI is set)."""
    return request.getfixturevalue("store" if request.param == "falkordb" else "neo4j_store")


# --------------------------------------------------------------------------- the explorer

DEMO_CORPUS = Path(__file__).resolve().parent.parent / "examples" / "corpus"


@pytest.fixture(scope="session")
def demo_server() -> Iterator[EmbeddedServer]:
    """A server of its own holding the demo corpus, ingested once for the session. App tests
    read it; they must not share the default graph that the `store` fixture empties."""
    from edukg.ingest.pipeline import ingest_paths

    data_dir = Path(tempfile.mkdtemp(prefix="edukg-demo-"))
    server = EmbeddedServer(data_dir)
    server.start()
    with FalkorDBStore(server) as graph_store:
        ingest_paths(graph_store, [DEMO_CORPUS], workers=1)
    yield server
    server.stop()
    shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture
def demo_data_dir(demo_server: EmbeddedServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """EDUKG_DATA_DIR pointing at the demo graph for one test; saved queries made by the
    test are removed afterwards."""
    monkeypatch.setenv("EDUKG_DATA_DIR", str(demo_server.data_dir))
    yield demo_server.data_dir
    shutil.rmtree(demo_server.data_dir / "saved_queries", ignore_errors=True)


@pytest.fixture
def open_explorer():
    """Opens the explorer as a browser would: `open_explorer("measure", measure="measure:x")`
    runs app.py, goes to that page with those address parameters and returns the AppTest.
    Cached answers and stores from earlier tests are dropped first. Labels are English
    unless `lang="zh"`."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    def open_page(page: str = "overview", *, lang: str = "en", **params: str) -> AppTest:
        st.cache_data.clear()
        st.cache_resource.clear()
        app = AppTest.from_file(str(Path(__file__).resolve().parent.parent / "app.py"))
        app.default_timeout = 60
        app.query_params["lang"] = lang
        app.run()
        app.query_params.update(params)
        return app.switch_page(f"explorer/pages/{page}.py").run()

    return open_page
