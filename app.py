"""The edukg explorer, for `streamlit run app.py` from a checkout; `edukg app` does the same
from anywhere. The app itself is edukg.explorer.app."""

from edukg.explorer.app import main

main()
