"""The region page's interactive graph in headless Chromium, with every request that leaves
localhost refused (the component's scripts must come from the wheel, not a CDN): the canvas
is drawn (its legend, canvas text, is checked by AppTest and seen in the screenshots),
and a click on a measure's node opens
that measure's page. Screenshots: region-graph-zh.png, region-graph-en.png."""

from __future__ import annotations

import pytest

from tests.browser import test_pages
from tests.browser.test_pages import ARTIFACTS, PAGE_TIMEOUT_MS, sync_api

# the explorer over the demo corpus, and the browser profile, of the pages' tests
served, browser = test_pages.served, test_pages.browser

MEASURE_ORANGE = (0xF2, 0x8E, 0x2B)  # edukg.explorer.graph.LABEL_COLOURS["Measure"]
LEGEND_PX = 60  # the legend's own swatches sit above this

# Inked pixels of the graph's canvas, and the middle (in page pixels) of the first node of
# the given colour below the legend.
FIND_NODE = """([[r, g, b], legend]) => {
  const canvas = document.querySelector('.echarts-container canvas');
  const {width, height} = canvas;
  const px = canvas.getContext('2d').getImageData(0, 0, width, height).data;
  let inked = 0;
  const hits = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      if (px[i + 3] > 0) inked++;
      const same = Math.abs(px[i] - r) < 8 && Math.abs(px[i + 1] - g) < 8
        && Math.abs(px[i + 2] - b) < 8;
      if (same && y > legend) hits.push([x, y]);
    }
  }
  const box = canvas.getBoundingClientRect();
  const scale = width / box.width;
  if (!hits.length) return {inked, point: null};
  const [x0, y0] = hits[0];
  const near = hits.filter(([x, y]) => Math.hypot(x - x0, y - y0) < 20 * scale);
  const mean = (k) => near.reduce((sum, p) => sum + p[k], 0) / near.length;
  return {inked, point: [box.left + mean(0) / scale, box.top + mean(1) / scale]};
}"""


def offline(tab) -> list[str]:
    """Refuse every request that leaves this machine; the refused addresses."""
    refused: list[str] = []

    def route(request_route) -> None:
        url = request_route.request.url
        if url.startswith(("http://127.0.0.1", "blob:", "data:")):
            request_route.continue_()
        else:
            refused.append(url)
            request_route.abort()

    tab.route("**/*", route)
    return refused


def open_graph(browser, base: str, lang: str):
    """The region page of 北京市, offline, scrolled to its graph once drawn."""
    tab = browser.new_page()
    refused = offline(tab)
    tab.goto(f"{base}/region?region=region:110000&lang={lang}")
    tab.wait_for_selector(
        '[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=PAGE_TIMEOUT_MS
    )
    chart = tab.locator(".echarts-container").first
    chart.wait_for(timeout=PAGE_TIMEOUT_MS)
    chart.scroll_into_view_if_needed()
    tab.wait_for_timeout(1000)  # drawn after the script ends
    return tab, chart, refused


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_region_graph_is_drawn_offline(served, browser, lang):
    tab, chart, refused = open_graph(browser, served, lang)
    try:
        found = tab.evaluate(FIND_NODE, [MEASURE_ORANGE, LEGEND_PX])
        assert found["inked"] > 20_000 and found["point"], found  # nodes, edges and names
        assert not any("echarts" in url for url in refused), refused
        assert tab.locator('[data-testid="stException"]').count() == 0
        sync_api.expect(tab.locator('[data-testid="stMain"]')).to_contain_text(
            {"zh": "点击节点打开它的页面", "en": "click a node to open its page"}[lang]
        )
        path = ARTIFACTS / "screenshots" / f"region-graph-{lang}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        chart.screenshot(path=str(path))
    finally:
        tab.close()


def test_a_click_on_a_node_opens_its_page_in_the_browser(served, browser):
    tab, _, _ = open_graph(browser, served, "en")
    try:
        found = tab.evaluate(FIND_NODE, [MEASURE_ORANGE, LEGEND_PX])
        tab.mouse.click(*found["point"])
        tab.wait_for_url("**/measure?**measure=measure%3A*", timeout=PAGE_TIMEOUT_MS)
        sync_api.expect(tab.locator('[data-testid="stMain"] h1')).to_have_text(
            "Measure profile", timeout=PAGE_TIMEOUT_MS
        )
        assert "lang=en" in tab.url
    finally:
        tab.close()
