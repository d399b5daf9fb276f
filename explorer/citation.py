"""Citations of documents and their sentences, as a journalist pastes them: who issued it,
its title, its date, where it was published and the sentence quoted, in a Chinese and an
English style. The reader's local file paths never appear: a document ingested from a file
with no known address is cited by its file name.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import PureWindowsPath
from typing import Any

import streamlit as st

from edukg.explorer.i18n import t

# An absolute local path as the pipeline stores a document's source: /home/…, C:\…, \\server\….
_LOCAL_PATH = re.compile(r"(?:/|[A-Za-z]:[\\/]|\\\\)[^\n]*")
EN_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip


def file_name(source: str | None) -> str:
    """A document's `source` as a reader may see it: a web address as it is, a local path
    as its file name (Windows or POSIX)."""
    if not source:
        return ""
    if "://" in source:
        return source
    return PureWindowsPath(source).name  # splits at / and at \


def hide_local_paths(value: Any) -> Any:
    """A query answer's cell with every absolute local path (a Document's `source`, alone or
    in a list) shown as its file name: answers are shown, downloaded and shared."""
    if isinstance(value, str):
        return file_name(value) if _LOCAL_PATH.fullmatch(value) else value
    if isinstance(value, list):
        return [hide_local_paths(item) for item in value]
    return value


def address(document: Mapping[str, Any]) -> str:
    """Where a reader finds the document: its web address, else its file name."""
    return _text(document.get("url")) or file_name(_text(document.get("source")))


def issuer(document: Mapping[str, Any]) -> str | None:
    """Who published or issued it: the publisher its metadata or the ingest named, else the
    issuing body of the policy it is."""
    issuers = [name for name in document.get("issuers") or [] if _text(name)]
    return _text(document.get("publisher")) or (issuers[0] if issuers else None)


def _text(value: Any) -> str:
    """A property's text; "" for a missing one (None, or NaN in a table)."""
    return value if isinstance(value, str) else ""


def date_text(date: str | None, lang: str) -> str | None:
    """An ISO date (2024-07-15, 2024-07, 2024) as each style writes it."""
    if not date:
        return None
    parts = [int(part) for part in date.split("-")[:3] if part.isdigit()]
    if not parts:
        return date
    if lang == "zh":
        return "".join(f"{n}{unit}" for n, unit in zip(parts, "年月日", strict=False))
    if len(parts) == 1:
        return str(parts[0])
    month = EN_MONTHS[parts[1] - 1] if 1 <= parts[1] <= 12 else str(parts[1])
    return f"{parts[2]} {month} {parts[0]}" if len(parts) == 3 else f"{month} {parts[0]}"


def citation(document: Mapping[str, Any], sentence: str | None, lang: str) -> str:
    """The citation of `document` (quoting `sentence` when given) in the `lang` style:

    zh: 发布机构：《标题》，2024年7月15日。来源：https://…。引文：“…”
    en: Issuer, “Title”, 15 July 2024. Source: https://…. Quote: “…”

    Parts the graph does not know are left out, never guessed.
    """
    title = _text(document.get("title")).strip().strip("《》")
    date = date_text(_text(document.get("published")), lang)
    by, where = issuer(document), address(document)
    quote = " ".join((sentence or "").split())
    if lang == "zh":
        head = "，".join(part for part in (f"《{title}》" if title else "", date) if part)
        parts = [f"{by}：{head}" if by else head, f"来源：{where}" if where else ""]
        text = "".join(f"{part}。" for part in parts if part)
        return text + (f"引文：“{quote}”" if quote else "")
    head = ", ".join(part for part in (by, f"“{title}”" if title else "", date) if part)
    parts = [head, f"Source: {where}" if where else ""]
    text = " ".join(f"{part}." for part in parts if part)
    return text + (f" Quote: “{quote}”" if quote else "")


def show_citation(document: Mapping[str, Any], sentence: str | None = None) -> None:
    """A "copy citation" button opening the citation in both styles as plain text, each with
    a copy button (st.code's)."""
    with st.popover(t("cite_copy"), icon=":material/content_copy:", type="tertiary"):
        for lang in ("zh", "en"):
            st.caption(t(f"cite_style_{lang}"))
            st.code(citation(document, sentence, lang), language=None, wrap_lines=True)
