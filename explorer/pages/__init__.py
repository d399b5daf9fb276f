"""The explorer's pages: each a Streamlit script that st.navigation runs
(see edukg.explorer.navigation)."""
