"""The edukg explorer: `streamlit run app.py`, or `edukg app` (which binds to localhost).

Queries run read-only against the store `graphstore.open_store()` chooses (Neo4j if
NEO4J_URI is set, else the embedded store in EDUKG_DATA_DIR). The pages are the scripts in
explorer/pages/, listed in explorer/navigation.py. Readers see no "Deploy" button: the
toolbar is in minimal mode (.streamlit/config.toml; `edukg app` passes the same option), which
must be set before the first page is served, not from this script.
"""

import streamlit as st

from explorer.navigation import navigation
from explorer.scroll import new_run

st.set_page_config(page_title="edukg", page_icon=":material/hub:", layout="wide")
new_run()
navigation().run()
