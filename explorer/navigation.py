"""The pages of the explorer, their sections and addresses, and the sidebar around them."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from explorer import data
from explorer.i18n import LANGUAGE_PARAM, interface_style, language, language_toggle, t


@dataclass(frozen=True)
class PageSpec:
    url: str  # the page's address, also its name in this module
    icon: str

    @property
    def script(self) -> str:
        """The page script, relative to app.py."""
        return f"explorer/pages/{self.url}.py"


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
