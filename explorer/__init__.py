"""The edukg explorer: the Streamlit app's pages and the small modules they share.

`app.py` (the entry point) builds the navigation from `navigation.PAGES`; each page is a script
in `pages/`. Graph access goes through `data` (cached, read-only), labels through `i18n`,
pickers and views through `widgets`.
"""
