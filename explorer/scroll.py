"""Bringing a part of the page into view: the evidence panel a click opened below the fold,
the sentence a "read the whole document" link points at.

Streamlit has no scroll API. A one-pixel frame (st.iframe of an HTML string, same-origin)
runs a few lines of script that scroll the page to an element of the main document, found by
an id that this module writes into that document. The script holds our own identifiers only,
never text from a document, the graph or the address.
"""

from __future__ import annotations

import json
import re

import streamlit as st

_ANCHOR_ID = re.compile(r"[a-z][a-z0-9-]*")
_THIS_RUN, _LAST_RUN, _COUNT = "scroll:this_run", "scroll:last_run", "scroll:count"
# Tries (every 100 ms) to find the anchor: the page may still be drawing when the script runs.
_SCRIPT = """<script>
/* {nonce} */
const anchor = {anchor};
const block = {block};
let tries = 0;
function reveal() {{
  const found = window.parent.document.getElementById(anchor);
  if (found) {{
    found.scrollIntoView({{block: block, behavior: "instant"}});
  }} else if (++tries < 50) {{
    setTimeout(reveal, 100);
  }}
}}
reveal();
</script>"""


def anchor(anchor_id: str) -> None:
    """An empty element with this id, to scroll to; scrolled to, it stays clear of the
    app's header bar."""
    style = "scroll-margin-top: 4.5rem"
    st.markdown(f'<div id="{_checked(anchor_id)}" style="{style}"></div>', unsafe_allow_html=True)


def new_run() -> None:
    """Start of a script run (app.py): what the last run scrolled to is remembered, so that a
    rerun showing the same thing does not scroll again, while coming back to it does."""
    st.session_state[_LAST_RUN] = st.session_state.get(_THIS_RUN, {})
    st.session_state[_THIS_RUN] = {}


def scroll_to_once(anchor_id: str, occasion: str, *, centre: bool = False) -> None:
    """Scroll the page to the element with id `anchor_id` for a new `occasion` (what was
    chosen, e.g. a fact or a sentence's offsets): a rerun for another reason (a language
    switch, another widget) that shows the same occasion leaves the reader where they are.
    The element comes to the top of the window, or to its middle with `centre` (a sentence,
    with the text around it)."""
    shown = st.session_state.setdefault(_THIS_RUN, {})
    shown[_checked(anchor_id)] = occasion
    if st.session_state.get(_LAST_RUN, {}).get(anchor_id) == occasion:
        return
    st.session_state[_COUNT] = nonce = st.session_state.get(_COUNT, 0) + 1
    # A new nonce makes a new frame: the same script text would reuse the frame, not run again.
    block = json.dumps("center" if centre else "start")
    script = _SCRIPT.format(nonce=nonce, anchor=json.dumps(anchor_id), block=block)
    st.iframe(script, height=1)


def _checked(anchor_id: str) -> str:
    if not _ANCHOR_ID.fullmatch(anchor_id):
        raise ValueError(f"not an anchor id: {anchor_id!r}")
    return anchor_id
