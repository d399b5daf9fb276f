"""The explorer served and opened in headless Chromium: shared by the browser tests and the
page timings of the benchmark.

`serve(script, data_dir)` runs `streamlit run script` on a free localhost port reading the graph
in `data_dir`; `visit(context, url)` opens the url in a new tab and times it.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SERVER_START_S = 60
PAGE_TIMEOUT_MS = 30_000
WIDTH = 1400
EMPTY_PAGE = 'import streamlit as st\n\nst.title("baseline")\n'  # what every page costs at least


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serve(script: Path, data_dir: Path, log_dir: Path = ARTIFACTS) -> Iterator[str]:
    """`streamlit run script` on a free localhost port, reading the graph in `data_dir`."""
    port = free_port()
    environment = {**os.environ, "EDUKG_DATA_DIR": str(data_dir)}
    log = log_dir / f"streamlit-{script.stem}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as output:
        server = subprocess.Popen(
            [
                sys.executable, "-m", "streamlit", "run", str(script),
                "--server.headless", "true",
                "--server.address", "127.0.0.1",
                "--server.port", str(port),
                "--browser.gatherUsageStats", "false",
            ],
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        try:
            wait_healthy(base, server, log)
            yield base
        finally:
            server.terminate()
            server.wait(timeout=20)


def wait_healthy(base: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"streamlit exited; see {log}")
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"streamlit did not answer within {SERVER_START_S} s")


@contextmanager
def chromium_context(sync_api) -> Iterator:
    """One browser profile, like one reader's: the first page loads Streamlit's scripts,
    later pages find them in the cache; each page is a new tab."""
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        context = chromium.new_context(viewport={"width": WIDTH, "height": 1000})
        try:
            yield context
        finally:
            context.close()
            chromium.close()


def visit(context, url: str) -> tuple:
    """Open `url` in a fresh tab; the tab, the seconds until the page's title was painted
    and until its script finished."""
    tab = context.new_page()
    started = time.perf_counter()
    tab.goto(url)
    tab.wait_for_selector('[data-testid="stMain"] h1', timeout=PAGE_TIMEOUT_MS)
    painted = time.perf_counter() - started
    tab.wait_for_selector(
        '[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=PAGE_TIMEOUT_MS
    )
    return tab, painted, time.perf_counter() - started
