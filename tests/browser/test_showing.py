"""What only a browser shows, in headless Chromium: no Deploy button or English menu for
readers, Streamlit's own upload and form words in the reader's language, the targets chart
with goals for one metric side by side (not stacked) and every policy in its legend, and map
names that do not cover each other."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from graph_fixture import SHARED_GOALS, SHARED_METRIC, shared_goal_documents

from edukg.store.falkordb_store import FalkorDBStore
from edukg.store.loader import load
from edukg.store.server import EmbeddedServer
from tests.browser import test_pages
from tests.browser.test_pages import PAGE_TIMEOUT_MS, ROOT, screenshot, serve, sync_api, visit

# the explorer over the demo corpus, and the browser profile, of the pages' tests
served, browser = test_pages.served, test_pages.browser


@pytest.fixture(scope="module")
def goals_served() -> Iterator[str]:
    """The explorer over a graph of seven policies' percentage goals for 学前教育."""
    data_dir = Path(tempfile.mkdtemp(prefix="edukg-goals-"))
    server = EmbeddedServer(data_dir)
    server.start()
    try:
        with FalkorDBStore(server) as store:
            load(store, shared_goal_documents())
        with serve(ROOT / "app.py", data_dir) as base:
            yield base
    finally:
        server.stop()
        shutil.rmtree(data_dir, ignore_errors=True)


def test_readers_see_no_deploy_button_nor_english_menu(served, browser):
    # a fresh browser profile: the very first page a reader opens
    context = browser.browser.new_context()
    tab = context.new_page()
    try:
        tab.goto(f"{served}/search")
        tab.wait_for_selector('[data-testid="stMain"] h1', timeout=PAGE_TIMEOUT_MS)
        tab.wait_for_selector(
            '[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=PAGE_TIMEOUT_MS
        )
        assert tab.locator('[data-testid="stAppDeployButton"]').count() == 0
        assert tab.get_by_text("Deploy", exact=True).count() == 0
        assert tab.locator('[data-testid="stMainMenu"]').count() == 0
    finally:
        context.close()


def pseudo(tab, selector: str, which: str) -> tuple[str, str]:
    """The font size of the element and the content of its ::before or ::after."""
    tab.wait_for_selector(selector, state="attached", timeout=PAGE_TIMEOUT_MS)
    return tab.evaluate(
        """([selector, which]) => {
            const element = document.querySelector(selector);
            return [getComputedStyle(element).fontSize,
                    getComputedStyle(element, which).content];
        }""",
        [selector, which],
    )


@pytest.mark.parametrize(
    ("lang", "button", "limit"),
    [("zh", "上传", "每个文件最大 200 MB"), ("en", "Upload", "Up to 200 MB per file")],
)
def test_the_upload_box_speaks_the_readers_language(served, browser, lang, button, limit):
    tab, _, _ = visit(browser, f"{served}/ingest?lang={lang}")
    try:
        size, content = pseudo(
            tab, '[data-testid="stFileUploaderDropzoneInstructions"] span', "::before"
        )
        assert (size, content) == ("0px", f'"{limit}"')  # Streamlit's words hidden, ours shown
        size, content = pseudo(
            tab,
            '[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p',
            "::after",
        )
        assert (size, content) == ("0px", f'"{button}"')
        screenshot(tab, f"ingest-upload-{lang}")
    finally:
        tab.close()


def test_press_enter_to_submit_is_said_in_chinese(served, browser):
    tab, _, _ = visit(browser, f"{served}/queries?q=similar_regions")
    try:
        tab.get_by_label("最多返回地区数").fill("5")  # a number field of the query's form
        tab.wait_for_selector(
            '[data-testid="InputInstructions"] > span', state="attached", timeout=PAGE_TIMEOUT_MS
        )
        size, content = pseudo(tab, '[data-testid="InputInstructions"] > span', "::after")
        assert (size, content) == ("0px", '"按 Enter 提交"')  # not "Press Enter to submit form"
        screenshot(tab, "queries-press-enter")
    finally:
        tab.close()


BARS = """() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"] g.mark-rect path')]
    .map(bar => { const box = bar.getBoundingClientRect();
                  return {label: bar.getAttribute('aria-label') || '',
                          left: box.left, right: box.right, top: box.top, bottom: box.bottom}; })"""
LEGEND = """() => [...document.querySelectorAll(
    '[data-testid="stVegaLiteChart"] g.role-legend-label text')].map(text => text.textContent)"""
AXIS_TITLES = """() => [...document.querySelectorAll(
    '[data-testid="stVegaLiteChart"] g.role-axis-title text')].map(text => text.textContent)"""


def test_goals_for_one_metric_are_side_by_side_with_every_policy_named(goals_served, browser):
    tab, _, _ = visit(browser, f"{goals_served}/targets?target=target:学前教育&lang=en")
    try:
        tab.wait_for_selector('[data-testid="stVegaLiteChart"] g.mark-rect path')
        tab.wait_for_timeout(500)
        bars = tab.evaluate(BARS)
        assert len(bars) == len(SHARED_GOALS)
        shared = [bar for bar in bars if SHARED_METRIC in bar["label"]]
        assert len(shared) == 2, bars
        first, second = sorted(shared, key=lambda bar: bar["top"])
        assert first["bottom"] <= second["top"] + 0.5  # one above the other: grouped
        assert abs(first["left"] - second["left"]) < 1  # both from zero: not stacked
        widest = max(bar["right"] - bar["left"] for bar in bars)  # the 100 % goal
        ratios = sorted(round((bar["right"] - bar["left"]) / widest, 2) for bar in shared)
        assert ratios == [0.55, 0.6]  # each bar its own length, on a 0-100 % axis
        assert sorted(tab.evaluate(LEGEND)) == sorted(title for title, _, _ in SHARED_GOALS)
        assert "Goal (%)" in tab.evaluate(AXIS_TITLES)
        screenshot(tab, "targets-grouped")
    finally:
        tab.close()


def test_a_broken_link_says_not_found_and_offers_the_closest(served, browser):
    tab, _, _ = visit(browser, f"{served}/document?doc=doc:nope")
    try:
        main = tab.locator('[data-testid="stMain"]')
        sync_api.expect(main).to_contain_text("图谱中没有“doc:nope”", timeout=PAGE_TIMEOUT_MS)
        sync_api.expect(main).to_contain_text("最接近的是：")
        assert main.get_by_text("全文（高亮为证据句）").count() == 0  # no other document
        screenshot(tab, "document-not-found")
    finally:
        tab.close()
