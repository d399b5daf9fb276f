"""The explorer in a real browser: `streamlit run app.py` on localhost over the demo corpus,
headless Chromium (Debian's `chromium` package) opening every page.

Each page must render without an exception or error element and show what it is for; a
screenshot of each is saved in test-artifacts/screenshots/ and the time each page took to
paint its title and to finish is written to test-artifacts/page_timings.json.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.browser import (
    ARTIFACTS,
    CHROMIUM,
    EMPTY_PAGE,
    PAGE_TIMEOUT_MS,
    ROOT,
    WIDTH,
    chromium_context,
    serve,
    visit,
)

if not Path(CHROMIUM).is_file():
    pytest.skip(
        "Chromium is not installed (Debian: apt-get install chromium); CI installs it",
        allow_module_level=True,
    )
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="the Python package playwright drives Chromium"
)

# Address, then text the page must show (Chinese labels: the default language).
PAGES = {
    "overview": ("", "采用最多的改革举措"),
    "search": ("search?q=東城區", "已按简体“东城区”搜索"),
    "region": ("region?region=region:110000", "下级地区的改革"),
    "compare": ("compare?regions=region:110101,region:110108", "仅东城区"),
    "measure": (
        "measure?measure=measure:group_schooling&within=region:110000",
        "school-group (education group) operation",
    ),
    "diffusion": (
        "diffusion?measure=measure:group_schooling&within=region:110000",
        "自上而下：各级之间的时差",
    ),
    "targets": ("targets?target=target:学前教育", "各政策的目标值"),
    "policy": ("policy", "引用的政策"),
    "evidence": (
        "evidence?type=IMPLEMENTS&source=region:110101&target=measure:group_schooling",
        "东城区自2014年起推行集团化办学",
    ),
    "document": ("document", "全文（高亮为证据句）"),
    "queries": ("queries?q=adopters_of_measure", "采用某项改革的地区"),
    "saved": ("saved", "$measure 的类型"),
    "ingest": ("ingest", "拖放文件到这里"),
}
ENGLISH = {
    "overview-en": ("?lang=en", "Most adopted measures"),
    "diffusion-en": (
        "diffusion?measure=measure:group_schooling&within=region:110000&lang=en",
        "Down the hierarchy: the lag between levels",
    ),
}


@pytest.fixture(scope="module")
def served(demo_server) -> Iterator[str]:
    """The explorer, reading the demo graph."""
    with serve(ROOT / "app.py", demo_server.data_dir) as base:
        yield base


@pytest.fixture(scope="module")
def browser(served) -> Iterator:
    with chromium_context(sync_api) as context:
        yield context


@pytest.fixture(scope="module")
def timings() -> Iterator[dict[str, dict[str, float]]]:
    found: dict[str, dict[str, float]] = {}
    yield found
    (ARTIFACTS / "page_timings.json").write_text(json.dumps(found, indent=2), encoding="utf-8")


def screenshot(tab, name: str) -> Path:
    """The whole page (Streamlit scrolls inside its main block, so the window is grown)."""
    tab.wait_for_timeout(800)  # charts, maps and the graph view draw after the script ends
    height = tab.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    tab.set_viewport_size({"width": WIDTH, "height": min(max(height, 800), 5000)})
    tab.wait_for_timeout(400)
    path = ARTIFACTS / "screenshots" / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(path))
    return path


@pytest.mark.parametrize("name", [*PAGES, *ENGLISH])
def test_each_page_renders_its_content_in_chromium(name, served, browser, timings):
    address, expected = {**PAGES, **ENGLISH}[name]
    tab, painted, finished = visit(browser, f"{served}/{address}")
    try:
        main = tab.locator('[data-testid="stMain"]')
        assert tab.locator('[data-testid="stException"]').count() == 0
        assert tab.locator('[data-testid="stAlertContentError"]').count() == 0
        # Columns can arrive after the script reports that it finished: wait for the text.
        sync_api.expect(main).to_contain_text(expected, timeout=PAGE_TIMEOUT_MS)
        screenshot(tab, name)
    finally:
        tab.close()
    timings[name] = {"title_painted_s": round(painted, 2), "finished_s": round(finished, 2)}


def test_search_and_the_language_switch_work_in_the_browser(served, browser):
    tab, _, _ = visit(browser, f"{served}/search")
    try:
        box = tab.get_by_label("名称、别名、文号或文中词句（简体或繁体）")
        box.fill("集團化辦學")  # no Enter, no button: results follow the typing
        tab.wait_for_selector("text=已按简体“集团化办学”搜索", timeout=PAGE_TIMEOUT_MS)
        tab.get_by_text("English", exact=True).click()
        tab.wait_for_selector("h1:has-text('Search')", timeout=PAGE_TIMEOUT_MS)
        assert tab.locator('[data-testid="stException"]').count() == 0
        screenshot(tab, "search-after-switching-to-english")
    finally:
        tab.close()


def test_search_results_are_grouped_and_sentences_marked_in_the_browser(served, browser):
    tab, _, _ = visit(browser, f"{served}/search?lang=en")
    try:
        tab.get_by_label("Name, alias, document number or words of a text").fill("group schooling")
        tab.wait_for_selector("h3:has-text('Measure (1)')", timeout=PAGE_TIMEOUT_MS)
        box = tab.get_by_label("Name, alias, document number or words of a text")
        box.fill("组成教育集团")
        tab.wait_for_selector("h3:has-text('Sentences with these words')", timeout=PAGE_TIMEOUT_MS)
        marks = tab.locator('[data-testid="stMain"] mark')
        sync_api.expect(marks.first).to_have_text("组成教育集团", timeout=PAGE_TIMEOUT_MS)
        assert tab.locator('[data-testid="stException"]').count() == 0
        screenshot(tab, "search-results-en")
    finally:
        tab.close()


def test_the_policy_picker_searches_as_one_types_in_the_browser(served, browser):
    tab, _, _ = visit(browser, f"{served}/policy")
    try:
        tab.get_by_label("搜索政策").press_sequentially("京教基", delay=80)
        heading = tab.locator('[data-testid="stMain"] h2').first
        sync_api.expect(heading).to_have_text(
            "北京市学前教育普惠优质发展实施方案（2023—2025年）", timeout=PAGE_TIMEOUT_MS
        )
        assert "policy=policy" in tab.url
        screenshot(tab, "policy-picker-search")
    finally:
        tab.close()


def test_the_diffusion_map_is_drawn_when_its_tab_is_opened(served, browser):
    tab, _, _ = visit(browser, f"{served}/{PAGES['diffusion'][0]}")
    try:
        main = tab.locator('[data-testid="stMain"]')
        maps = main.locator('[data-testid="stDeckGlJsonChart"]')
        assert maps.count() == 0  # the adopters' table is the open tab
        main.get_by_role("tab", name="按采用年份着色的地图").click()
        sync_api.expect(maps.locator("canvas").first).to_be_visible(timeout=PAGE_TIMEOUT_MS)
        assert tab.locator('[data-testid="stException"]').count() == 0
        screenshot(tab, "diffusion-map-tab")
    finally:
        tab.close()


def test_the_first_page_paints_fast_next_to_an_empty_streamlit_page(
    served, browser, timings, tmp_path, demo_server
):
    """The overview's cost, measured against a page that only prints a title, served and
    opened the same way in the same run (the machines are shared and noisy)."""
    empty = tmp_path / "empty_page.py"
    empty.write_text(EMPTY_PAGE, encoding="utf-8")
    with serve(empty, demo_server.data_dir) as baseline_base:
        baseline = [visit(browser, baseline_base) for _ in range(2)]
        overview = [visit(browser, served) for _ in range(2)]
    for tab, *_ in baseline + overview:
        tab.close()
    base_paint = min(painted for _, painted, _ in baseline)
    paint = min(painted for _, painted, _ in overview)
    timings["empty streamlit page (baseline)"] = {"title_painted_s": round(base_paint, 2)}
    timings["overview, again"] = {
        "title_painted_s": round(paint, 2),
        "ratio_to_baseline": round(paint / base_paint, 2),
    }
    assert paint - base_paint < 2.0, timings
