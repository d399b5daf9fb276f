"""The explorer's entry point: `edukg app` runs this file with Streamlit, wherever edukg is
installed; `streamlit run app.py` at the repository's top runs it too.

Queries run read-only against the store `edukg.store.open_store()` chooses (Neo4j if
NEO4J_URI is set, else the embedded store in EDUKG_DATA_DIR). The pages are the scripts in
pages/, listed in navigation.py. Readers see no "Deploy" button: the toolbar is in minimal
mode (`edukg app` passes the option; .streamlit/config.toml sets it for `streamlit run`),
which must be set before the first page is served, not from this script.
"""

import streamlit as st

from edukg.explorer.navigation import navigation
from edukg.explorer.scroll import new_run


def main() -> None:
    st.set_page_config(page_title="edukg", page_icon=":material/hub:", layout="wide")
    new_run()
    navigation().run()


if __name__ == "__main__":
    main()
