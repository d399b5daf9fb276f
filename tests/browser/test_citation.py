"""Evidence and citations in headless Chromium, on the demo corpus: the evidence panel a table
click opens below the fold is scrolled into view; "阅读全文" opens the document at the quoted
sentence, not at its title; the "copy citation" popover in both languages (screenshots in
test-artifacts/screenshots/citation-zh.png and citation-en.png)."""

from __future__ import annotations

from tests.browser import test_pages
from tests.browser.test_pages import ARTIFACTS, PAGE_TIMEOUT_MS, sync_api, visit

# the explorer over the demo corpus, and the browser profile, of the pages' tests
served, browser = test_pages.served, test_pages.browser

SHORT_WINDOW = {"width": 1400, "height": 600}
DONGCHENG_FACT = "type=IMPLEMENTS&source=region:110101&target=measure:group_schooling"
SENTENCE = "东城区自2014年起推行集团化办学，以优质校为龙头，吸纳周边学校组成教育集团。"
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'


# Whether the top of the element is inside the window, below the app's header bar.
IN_VIEW = """(selector) => {
    const found = document.querySelector(selector);
    const header = document.querySelector('[data-testid="stHeader"]');
    const below = header ? header.getBoundingClientRect().bottom : 0;
    const top = found ? found.getBoundingClientRect().top : -1;
    return top >= below - 1 && top < window.innerHeight;
}"""


def in_view(tab, selector: str) -> bool:
    return tab.evaluate(IN_VIEW, selector)


def wait_in_view(tab, selector: str) -> None:
    tab.wait_for_selector(selector, state="attached", timeout=PAGE_TIMEOUT_MS)
    tab.wait_for_function(IN_VIEW, arg=selector, timeout=5_000)


def actions(tab):
    """The row of actions (read the whole text, copy citation) under the quoted SENTENCE."""
    quote = tab.locator("[data-testid='stMarkdownContainer']", has_text=SENTENCE).first
    return quote.locator(
        "xpath=ancestor::div[contains(@class,'stElementContainer')][1]/following-sibling::div[1]"
    )


def click_first_row(tab, key: str) -> None:
    """Select a selectable table's first row by its row marker (the grid is a canvas)."""
    grid = tab.locator(f".st-key-{key} [data-testid='stDataFrame']")
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    tab.mouse.click(box["x"] + 18, box["y"] + 35 + 17)


def test_a_fact_chosen_in_a_table_brings_its_evidence_into_view(served, browser):
    tab, _, _ = visit(browser, f"{served}/evidence?node=region:110101")
    try:
        tab.set_viewport_size(SHORT_WINDOW)
        assert tab.locator("#evidence-panel").count() == 0
        click_first_row(tab, "evidence-facts")
        tab.wait_for_selector("#evidence-panel", state="attached", timeout=PAGE_TIMEOUT_MS)
        tab.wait_for_selector(IDLE, timeout=PAGE_TIMEOUT_MS)
        # it opened below the fold: from the top of the page it lies beyond the window
        below = tab.evaluate(
            """() => {
                const main = document.querySelector('[data-testid="stMain"]');
                const panel = document.querySelector('#evidence-panel');
                return panel.getBoundingClientRect().top - main.getBoundingClientRect().top
                    + main.scrollTop;
            }"""
        )
        assert below > SHORT_WINDOW["height"], "the panel must open below the fold for this test"
        wait_in_view(tab, "#evidence-panel")
    finally:
        tab.close()


def test_read_the_whole_document_opens_at_the_quoted_sentence(served, browser):
    tab, _, _ = visit(browser, f"{served}/evidence?{DONGCHENG_FACT}")
    try:
        tab.set_viewport_size(SHORT_WINDOW)
        actions(tab).locator("a", has_text="阅读全文").click()
        tab.wait_for_selector("mark#focus", state="attached", timeout=PAGE_TIMEOUT_MS)
        assert tab.locator("mark#focus").inner_text() == SENTENCE
        wait_in_view(tab, "mark#focus")
        assert not in_view(tab, "[data-testid='stMain'] h1"), "not at the title"
    finally:
        tab.close()


def test_the_citation_popover_in_both_languages(served, browser):
    for lang, button, expected in (
        ("zh", "复制引文", "来源：https://news.example.org/"),
        ("en", "Copy citation", "Source: https://news.example.org/"),
    ):
        tab, _, _ = visit(browser, f"{served}/evidence?{DONGCHENG_FACT}&lang={lang}")
        try:
            tab.set_viewport_size({"width": 1400, "height": 900})
            row = actions(tab)
            row.scroll_into_view_if_needed()
            row.get_by_role("button", name=button).click()
            popover = tab.locator("[data-testid='stPopoverBody']")
            sync_api.expect(popover).to_contain_text(expected, timeout=PAGE_TIMEOUT_MS)
            sync_api.expect(popover).to_contain_text(f"引文：“{SENTENCE}”")
            sync_api.expect(popover).to_contain_text(f"Quote: “{SENTENCE}”")
            tab.wait_for_timeout(500)
            path = ARTIFACTS / "screenshots" / f"citation-{lang}.png"
            path.parent.mkdir(parents=True, exist_ok=True)
            tab.screenshot(path=str(path))
        finally:
            tab.close()
