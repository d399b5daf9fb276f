"""The edukg explorer: the Streamlit app's pages and the small modules they share.

`app.py` (the entry point) builds the navigation from `navigation.PAGES`; each page is a script
in `pages/`. Graph access goes through `data` (cached, read-only; the pages' queries are files
in queries/pages/), labels through `i18n`; the pages are built from `pickers`, `tables`,
`charts`, `maps`, `graph` (the interactive graph), `evidence` and `citation`.
"""
