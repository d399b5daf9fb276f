"""The edukg explorer, for `streamlit run app.py` in a checkout with the editable install
(the tests' command); `edukg app` runs the installed app from anywhere. The app itself is
edukg.explorer.app."""

from edukg.explorer.app import main

main()
