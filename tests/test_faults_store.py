"""Store faults: the embedded server dies under the running app, the data directory cannot be
written. Each gives one clear message, and the app works again once the store is back."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest
import streamlit as st
from click.testing import CliRunner
from graph_fixture import fixture_documents
from streamlit.testing.v1 import AppTest

from edukg.cli import EXIT_STORE, main
from explorer.i18n import plain
from graphstore.falkordb_store import FalkorDBStore
from graphstore.loader import load
from graphstore.server import NOT_RUNNING

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
