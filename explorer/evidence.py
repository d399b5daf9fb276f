"""Facts (assertion edges) and the sentences that support them, shown in their documents.

Each document that supports an IMPLEMENTS, CITES or TARGETS edge has an evidence edge of its
own beside it (`edukg.store.model.EVIDENCE_EDGES`), with parallel lists: the sentences
(`evidence`) and their character offsets (`evidence_start`/`evidence_end`) into the Document's
stored `text`. Here they become quotes: the sentence highlighted in its paragraph, under the
document's title, with a link to the whole text at that sentence and a citation to copy. The
panel scrolls into view when a click opens it.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from typing import Any

import pandas as pd
import streamlit as st

from edukg.explorer import data
from edukg.explorer.citation import address, show_citation
from edukg.explorer.i18n import plain, t, year_text
from edukg.explorer.navigation import page_link
from edukg.explorer.scroll import anchor, scroll_to_once
from edukg.explorer.tables import selectable_table, selected_row
from edukg.store.model import (
    ASSERTION_EDGES,
    BOOKKEEPING_PROPS,
    EVIDENCE_EDGES,
    Evidence,
    evidence_of,
    label_of,
)

CONTEXT_CHARS = 120
# Documents quoted at once under a fact: one that thousands support is read a page at a time.
DOCUMENTS_PER_PAGE = 10
PANEL_ANCHOR = "evidence-panel"
FOCUS_ANCHOR = "focus"  # the sentence a link to a document's whole text points at
QUOTE_STYLE = (
    "border-left: 3px solid #f28e2b; padding: 0.3em 0.8em; margin: 0.2em 0 0.6em 0; "
    "line-height: 1.8"
)
MARK_STYLE = "background: #ffd27a; padding: 0 2px; border-radius: 3px"
SOFT_MARK_STYLE = "background: #fff1cc; border-radius: 3px"


@dataclass(frozen=True)
class Fact:
    """One assertion edge, named by its ends (and, for TARGETS, its metric)."""

    type: str
    source: str
    target: str
    metric: str | None = None

    def __post_init__(self) -> None:
        if self.type not in ASSERTION_EDGES:
            raise ValueError(f"{self.type!r} is not an edge with evidence")
        for node_id in (self.source, self.target):
            label_of(node_id)  # raises on an id of no known label

    def query_params(self) -> dict[str, str]:
        return {k: v for k, v in asdict(self).items() if v is not None}

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> Fact | None:
        """The fact named in a page's address, if any (and if well-formed)."""
        try:
            return cls(params["type"], params["source"], params["target"], params.get("metric"))
        except (KeyError, ValueError):
            return None


def edge(fact: Fact, page: int = 0) -> dict[str, Any] | None:
    """The edge's end names, its properties, how many documents support it (`documents`) and
    the evidence entries (`evidence`) of one page of them, in document order as the exports
    list them; None when the graph has no such edge."""
    ends = {"source_label": label_of(fact.source), "target_label": label_of(fact.target)}
    rows = data.records(
        "edge",
        {
            **ends,
            "type": fact.type,
            "evidence": EVIDENCE_EDGES[fact.type],
            "source": fact.source,
            "target": fact.target,
            "metric": fact.metric or "",
            "skip": page * DOCUMENTS_PER_PAGE,
            "limit": DOCUMENTS_PER_PAGE,
        },
    )
    if not rows:
        return None
    entries = [entry for props in rows[0]["evidence"] for entry in evidence_of(props)]
    props = {k: v for k, v in rows[0]["props"].items() if k not in BOOKKEEPING_PROPS}
    return {**rows[0], "props": props, "evidence": sorted(entries, key=_document_order)}


def _document_order(entry: Evidence) -> tuple:
    """Where an evidence entry comes: by document id, then position in the document."""
    return (entry.doc_id, entry.start, entry.end, entry.sentence)


def quotes(props: Mapping[str, Any], doc_id: str | None = None) -> list[Evidence]:
    """The evidence entries of a row's evidence lists (only `doc_id`'s when given)."""
    return [e for e in evidence_of(props) if doc_id is None or e.doc_id == doc_id]


def year_label(quote: Evidence) -> str:
    """The year of a quoted fact and where it came from, so a reader can tell a year the
    sentence states from one taken from a cited policy or the document's date."""
    source = t(f"year_from_{quote.year_source}") if quote.year_source else ""
    return t("evidence_year", year=quote.year) + (f" · {source}" if source else "")


def documents(ids: set[str]) -> dict[str, dict[str, Any]]:
    """Documents with their text, by id."""
    rows = data.records("document_texts", {"ids": sorted(ids)})
    return {row["id"]: row for row in rows}


def locate(text: str, quote: Evidence) -> tuple[int, int] | None:
    """Where the quoted sentence is in the text: at its offsets, or else where it occurs."""
    if text[quote.start : quote.end] == quote.sentence:
        return quote.start, quote.end
    found = text.find(quote.sentence)
    return (found, found + len(quote.sentence)) if found >= 0 else None


def in_context(text: str, span: tuple[int, int], width: int = CONTEXT_CHARS) -> str:
    """The sentence highlighted within its paragraph (at most `width` chars either side),
    as safe HTML."""
    start, end = span
    left = max(text.rfind("\n", 0, start) + 1, start - width)
    right = text.find("\n", end)
    right = min(len(text) if right < 0 else right, end + width)
    before = ("…" if left > 0 and text[left - 1] != "\n" else "") + text[left:start]
    after = text[end:right] + ("…" if right < len(text) and text[right] != "\n" else "")
    return (
        html.escape(before)
        + f'<mark style="{MARK_STYLE}">{html.escape(text[start:end])}</mark>'
        + html.escape(after)
    )


def highlighted(text: str, spans: list[tuple[int, int]], focus: tuple[int, int] | None) -> str:
    """A whole text as safe HTML with evidence spans marked, `focus` more strongly."""
    marks = sorted({*spans, *([focus] if focus else [])})
    out, position = [], 0
    for start, end in marks:
        if start < position:  # overlapping sentences: the earlier one is marked already
            continue
        style = MARK_STYLE if (start, end) == focus else SOFT_MARK_STYLE
        mark_id = f' id="{FOCUS_ANCHOR}"' if (start, end) == focus else ""
        out.append(html.escape(text[position:start]))
        out.append(f'<mark{mark_id} style="{style}">{html.escape(text[start:end])}</mark>')
        position = end
    out.append(html.escape(text[position:]))
    body = "".join(out).replace("\n", "<br>")
    # one HTML block (no blank lines): markdown leaves the document's * _ $ as they are
    return f'<div style="line-height: 1.9">{body}</div>'


COMPARATORS = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "=", "==": "="}


def goal_text(comparator: str | None, value: Any, unit: str | None) -> str:
    """A numeric goal as people write it: ≥ 90%."""
    sign = COMPARATORS.get(comparator or "", comparator or "")
    number = f"{value:g}" if isinstance(value, float) else str(value)
    return f"{sign} {number}{unit or ''}".strip()


def goal_texts(goals: pd.DataFrame) -> list[str]:
    """`goal_text` of each row of a table of goals (comparator, value, unit columns)."""
    columns = (goals["comparator"], goals["value"], goals["unit"])
    return [goal_text(c, v, u) for c, v, u in zip(*columns, strict=True)]


def node_label(node_id: str, name: str | None = None) -> str:
    """How a node is named in facts: regions with their province, measures bilingual."""
    label = label_of(node_id)
    if label == "Region":
        return data.region_label(node_id)
    if label == "Measure":
        return data.measure_label(node_id)
    return name or node_id


def fact_title(fact: Fact, source_name: str | None, target_name: str | None) -> str:
    title = (
        f"{node_label(fact.source, source_name)} → {t('edge_' + fact.type)} → "
        f"{node_label(fact.target, target_name)}"
    )
    return f"{title} · {fact.metric}" if fact.metric else title


def evidence_table(table: pd.DataFrame, fact_of: Callable[[int], Fact], *, key: str) -> None:
    """A table of facts, a row of which, once selected, shows the evidence of its fact
    (`fact_of(row)`) in a box below."""
    row = selected_row(selectable_table(table, key=key))
    st.caption(t("select_row_hint"))
    if row is not None:
        with st.container(border=True):
            show_fact(fact_of(row))


def adopters_table(
    adopters: pd.DataFrame, measure_id: str, columns: Mapping[str, Any], *, key: str
) -> None:
    """A measure's adopters (`region_id`), their region named first, then `columns`; a selected
    row shows the evidence of that adoption."""
    regions = {t("col_region"): data.region_labels(adopters["region_id"])}
    table = pd.DataFrame(regions | dict(columns))
    evidence_table(
        table, lambda row: Fact("IMPLEMENTS", adopters["region_id"][row], measure_id), key=key
    )


def show_fact(fact: Fact, *, permalink: bool = True, reveal: bool = True) -> None:
    """A fact's title and every sentence supporting it, grouped by document, each
    highlighted in its paragraph, with a link to the document's whole text. With `reveal`
    (the panel a click opens, one per page), the page scrolls to it when it shows a fact it
    did not show before: tables open it below the fold."""
    if reveal:
        anchor(PANEL_ANCHOR)
        scroll_to_once(PANEL_ANCHOR, repr(fact))
    page_key = f"evidence-page:{fact!r}"
    found = edge(fact, st.session_state.get(page_key, 1) - 1)
    if found is None:
        st.warning(t("evidence_missing_edge"))
        return
    props = found["props"]
    st.markdown(f"**{plain(fact_title(fact, found['source_name'], found['target_name']))}**")
    details = []
    if props.get("year"):
        details.append(f"{t('col_year')}: {props['year']}")
    if props.get("value") is not None:
        details.append(goal_text(props.get("comparator"), props["value"], props.get("unit")))
    if props.get("deadline"):
        details.append(f"{t('col_deadline')}: {props['deadline']}")
    if details:
        st.caption(" · ".join(map(plain, details)))
    entries = found["evidence"]
    if not entries:
        st.info(t("evidence_none"))
    pages = -(-found["documents"] // DOCUMENTS_PER_PAGE)
    if pages > 1:
        page = st.number_input(t("evidence_page", pages=pages), 1, pages, key=page_key)
        first = (page - 1) * DOCUMENTS_PER_PAGE + 1
        last = min(found["documents"], page * DOCUMENTS_PER_PAGE)
        st.caption(t("evidence_documents", first=first, last=last, total=found["documents"]))
    texts = documents({q.doc_id for q in entries})
    for doc_id in dict.fromkeys(q.doc_id for q in entries):
        show_document_quotes(texts.get(doc_id), [q for q in entries if q.doc_id == doc_id])
    if permalink:
        page_link(
            "evidence",
            label=t("evidence_link"),
            icon=":material/link:",
            query_params=fact.query_params(),
        )


def show_document_quotes(document: dict[str, Any] | None, entries: list[Evidence]) -> None:
    """One document's title line (its date and address: a web address or a file name, never
    a local path), then each quoted sentence in context, with a link to the whole text at
    that sentence and its citation."""
    if document is None:  # the document was removed meanwhile
        for quote in entries:
            st.markdown(f"> {plain(quote.sentence)}")
        return
    text = document["text"] or ""
    meta = " · ".join(x for x in (document.get("published"), address(document)) if x)
    st.markdown(f"**{t('evidence_document', title=document['title'])}**")
    st.caption(plain(meta))
    for quote in entries:
        span = locate(text, quote)
        body = in_context(text, span) if span else html.escape(quote.sentence)
        year = f" <small>({html.escape(year_label(quote))})</small>" if quote.year else ""
        st.markdown(f'<div style="{QUOTE_STYLE}">{body}{year}</div>', unsafe_allow_html=True)
        link = {"doc": document["id"]}
        if span:
            link |= {"start": str(span[0]), "end": str(span[1])}
        with st.container(horizontal=True, vertical_alignment="center"):
            page_link(
                "document",
                label=t("evidence_whole"),
                icon=":material/article:",
                query_params=link,
            )
            show_citation(document, quote.sentence)


def facts_table(rows: list[dict[str, Any]]) -> tuple[pd.DataFrame, list[Fact]]:
    """Rows of (type, source, target, metric, year, sentences) as a readable table, with the
    fact behind each row."""
    facts = [Fact(r["type"], r["source"], r["target"], r.get("metric")) for r in rows]
    table = pd.DataFrame(
        {
            t("col_fact"): [
                fact_title(f, r.get("source_name"), r.get("target_name"))
                for f, r in zip(facts, rows, strict=True)
            ],
            t("col_year"): [year_text(r.get("year")) for r in rows],
            t("col_evidence"): [r.get("sentences") for r in rows],
        }
    )
    return table, facts


def document_facts(doc_id: str) -> list[dict[str, Any]]:
    """The facts one document supports, by type (with its evidence lists for each), and how
    many of its sentences support each (`sentences`). One statement per type: each finds the
    document's evidence edges by that type's index on `doc`."""
    rows = [
        row
        for fact_type in sorted(EVIDENCE_EDGES)
        for row in data.records(
            "document_facts",
            {"type": fact_type, "evidence": EVIDENCE_EDGES[fact_type], "doc": doc_id},
        )
    ]
    return [{**row, "sentences": len(row["evidence"])} for row in rows]
