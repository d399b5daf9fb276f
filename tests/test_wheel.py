"""The installed package, as `pip install edukg` gives it: a wheel built from this checkout,
installed into a fresh virtual environment and run from a folder that is not the checkout.

An editable install finds schema/, queries/ and the app beside the code, so only this test
shows that the wheel carries them. It installs every dependency into the new environment
(from pip's cache after the first run), so it takes a minute or two.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "examples" / "corpus"
OLD_TOP_LEVEL_NAMES = ("ingest", "graphstore", "explorer", "store", "schema", "queries")


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Iterator[Path]:
    """The bin/ folder of a fresh virtual environment holding only the built wheel and its
    dependencies."""
    work = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", work, REPO],
        check=True,
        cwd=work,
    )
    (wheel,) = work.glob("edukg-*.whl")
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", venv], check=True)
    subprocess.run(
        [venv / "bin" / "python", "-m", "pip", "install", "-q", wheel], check=True, cwd=work
    )
    yield venv / "bin"


@pytest.fixture
def elsewhere(tmp_path, installed) -> Iterator[dict[str, str]]:
    """An environment for commands run from an unrelated folder with a store of their own;
    the store is stopped afterwards."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env |= {"EDUKG_DATA_DIR": str(tmp_path / "data"), "PATH": f"{installed}:{env['PATH']}"}
    env.pop("NEO4J_URI", None)
    yield env
    subprocess.run([installed / "edukg", "db", "stop"], env=env, cwd=tmp_path, check=False)


def run(bin_dir: Path, env: dict[str, str], cwd: Path, *args: str) -> subprocess.CompletedProcess:
    done = subprocess.run(
        [bin_dir / "edukg", *args], env=env, cwd=cwd, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr + done.stdout
    return done


def test_the_wheel_holds_one_import_name_and_its_data(installed, tmp_path):
    probe = (
        "import importlib.util, json\n"
        "from importlib.resources import files\n"
        f"old = [n for n in {OLD_TOP_LEVEL_NAMES!r} if importlib.util.find_spec(n)]\n"
        "data = {p: sorted(f.name for f in files(p).iterdir() if not f.name.startswith('_'))\n"
        "        for p in ('edukg.schema', 'edukg.queries', 'edukg.queries.sparql')}\n"
        "dialect = files('edukg.queries').joinpath('dialects/falkordb/graph_counts.cypher')\n"
        "print(json.dumps({'old': old, 'data': data, 'dialect': dialect.is_file()}))\n"
    )
    done = subprocess.run(
        [installed / "python", "-c", probe], cwd=tmp_path, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert found["old"] == []  # no generic top-level names in site-packages
    assert {"taxonomy.ttl", "shapes.ttl", "falkordb.cypher"} <= set(found["data"]["edukg.schema"])
    assert "adopters_of_measure.cypher" in found["data"]["edukg.queries"]
    assert "adopters_of_measure.rq" in found["data"]["edukg.queries.sparql"]
    assert found["dialect"]  # a store's own version of a canned query
    site = next((installed.parent / "lib").glob("python*/site-packages"))
    assert not (site / "lint").exists() and not (site / "bench").exists()  # developer tools


def test_the_installed_command_ingests_queries_exports_and_serves(installed, elsewhere, tmp_path):
    summary = run(installed, elsewhere, tmp_path, "ingest", str(DEMO)).stderr
    assert "documents added" in summary

    answer = json.loads(
        run(
            installed,
            elsewhere,
            tmp_path,
            "query",
            "adopters_of_measure",
            "-p",
            "measure=集团化办学",
            "--format",
            "json",
        ).stdout
    )
    assert any(row["region"] == "东城区" for row in answer)

    run(installed, elsewhere, tmp_path, "export", "--format", "ttl", "-o", "graph.ttl")
    assert len(Graph().parse(tmp_path / "graph.ttl")) > 1000

    port = free_port()
    log = tmp_path / "app.log"
    with log.open("w") as output:  # from the checkout, as the quick start runs it: the
        app = subprocess.Popen(  # checkout's edukg/ folder must not hide the installed one
            [installed / "edukg", "app", "--port", str(port)],
            env=elsewhere,
            cwd=REPO,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        assert wait_for(f"http://localhost:{port}/_stcore/health") == "ok"
        page = subprocess.run(
            [installed / "python", "-c", RENDER_OVERVIEW],
            env=elsewhere,
            cwd=tmp_path,
            capture_output=True,
            text=True,
        )
        assert page.returncode == 0, page.stderr
        assert json.loads(page.stdout)["documents"] == "7"  # the demo corpus, on the overview
        assert overview_in_a_browser(f"http://localhost:{port}/") in ("ok", "no browser")
    finally:
        app.terminate()
        app.wait(timeout=30)
    assert "ModuleNotFoundError" not in log.read_text(encoding="utf-8")


def overview_in_a_browser(url: str) -> str:
    """Open the served app in headless Chromium (when the machine has it, as CI does) and
    wait for the overview's title: the server ran the installed pages."""
    chromium = shutil.which("chromium")
    if chromium is None:
        return "no browser"
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        tab = browser.new_page()
        tab.goto(url)
        tab.wait_for_selector('[data-testid="stMain"] h1', timeout=60_000)
        failed = tab.query_selector('[data-testid="stException"]')
        browser.close()
    return "failed" if failed else "ok"


# Runs the installed app's script with Streamlit's own test runner: the pages import and
# render from the wheel, not only the health endpoint answers.
RENDER_OVERVIEW = """
import json
from importlib.resources import files
from streamlit.testing.v1 import AppTest
app = AppTest.from_file(str(files("edukg.explorer") / "app.py"), default_timeout=120).run()
assert not app.exception, [e.value for e in app.exception]
print(json.dumps({"documents": next(m.value for m in app.metric if "Document" in m.label
                                    or "文档" in m.label)}))
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, seconds: float = 90) -> str:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                return answer.read().decode()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)
