"""The pages of the explorer, their sections and addresses, and the sidebar around them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from edukg.explorer import data
from edukg.explorer.i18n import LANGUAGE_PARAM, interface_style, language, language_toggle, t

PAGES_DIR = Path(__file__).resolve().with_name("pages")


@dataclass(frozen=True)
class PageSpec:
    url: str  # the page's address, also its name in this module
    icon: str

    @property
    def script(self) -> str:
        """The page script's full path, so the pages are found wherever edukg is installed."""
        return str(PAGES_DIR / f"{self.url}.py")


SECTIONS: dict[str, list[PageSpec]] = {
    "section_explore": [
        PageSpec("overview", ":material/dashboard:"),
        PageSpec("search", ":material/search:"),
        PageSpec("region", ":material/location_on:"),
        PageSpec("compare", ":material/compare_arrows:"),
        PageSpec("measure", ":material/school:"),
        PageSpec("diffusion", ":material/timeline:"),
        PageSpec("targets", ":material/flag:"),
        PageSpec("policy", ":material/gavel:"),
    ],
    "section_evidence": [
        PageSpec("evidence", ":material/format_quote:"),
        PageSpec("document", ":material/article:"),
    ],
    "section_query": [
        PageSpec("queries", ":material/database:"),
        PageSpec("saved", ":material/edit_note:"),
    ],
    "section_data": [PageSpec("ingest", ":material/upload_file:")],
}
PAGES = {spec.url: spec for specs in SECTIONS.values() for spec in specs}


def page_script(url: str) -> str:
    """What st.page_link and st.switch_page take for a page."""
    return PAGES[url].script


def page_link(url: str, **options) -> None:
    """`st.page_link` to one of the explorer's pages, with the reader's language in the
    address, so that a copied link opens in the language it was copied in."""
    params = {**(options.pop("query_params", None) or {}), LANGUAGE_PARAM: language()}
    st.page_link(page_script(url), query_params=params, **options)


def navigation() -> st.navigation:
    """The sidebar (language, refresh) and the navigation in the chosen language."""
    language_toggle()
    interface_style()
    if st.sidebar.button(t("refresh"), icon=":material/refresh:", help=t("refresh_help")):
        data.refresh()
    data.show_store_problem()
    pages = {
        t(section): [
            st.Page(
                spec.script,
                title=t(f"page_{spec.url}"),
                icon=spec.icon,
                url_path=spec.url,
                default=spec.url == "overview",
            )
            for spec in specs
        ]
        for section, specs in SECTIONS.items()
    }
    return st.navigation(pages)


# The page that profiles a node of each label, and the address parameter naming the node;
# a node of any other label opens its facts on the evidence page.
NODE_PAGES = {
    "Region": ("region", "region"),
    "Measure": ("measure", "measure"),
    "Policy": ("policy", "policy"),
    "Document": ("document", "doc"),
}


def node_target(node_id: str, label: str) -> tuple[str, dict[str, str]]:
    """The page (its url) and address parameters that show the node `node_id`."""
    url, param = NODE_PAGES.get(label, ("evidence", "node"))
    return url, {param: node_id}


def go(url: str, params: dict[str, str]) -> None:
    """Switch to one of the explorer's pages with `params` (and the reader's language) in
    the address."""
    st.switch_page(page_script(url), query_params={**params, LANGUAGE_PARAM: language()})
