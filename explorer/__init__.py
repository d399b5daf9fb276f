"""The edukg explorer: the Streamlit app's pages and the small modules they share.

`app.py` (the entry point) builds the navigation from `explorer.navigation.PAGES`; each page
is a script in `explorer/pages/`. Graph access goes through `explorer.data` (cached,
read-only), labels through `explorer.i18n`, pickers and views through `explorer.widgets`.
"""
