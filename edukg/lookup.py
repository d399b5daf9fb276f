"""Names to node ids for the command line: `edukg find TEXT`, and query parameters of a node
type given as a name, an alias (zh or en) or an id.

Both go through the store's full-text `search` (edukg.store.search), the same lookup the
explorer's search page and pickers use.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from edukg.catalog import inner_queries, run_canned
from edukg.queryfile import QueryParam
from edukg.store.base import GraphStore
from edukg.store.model import ID_PREFIXES, label_of
from edukg.store.search import SEARCH_KINDS, SearchHit, fold_words, query_terms, simplified

CLOSEST = 8  # matches listed when a name is unknown or names several nodes

_LABEL_IN_CHOICES = re.compile(r"MATCH\s*\(\s*\w+\s*:\s*(\w+)")
_NOT_DOCUMENT = re.compile(r"NOT\s+\w+\s*:\s*Document", re.IGNORECASE)


# Kinds few enough for a picker to list whole (the taxonomy's measures, the stages); a picker of
# any other kind searches as one types.
LISTED_KINDS = frozenset({"Measure", "Target"})


class LookupProblem(ValueError):
    """A name that matches no node or several; the message lists the closest matches."""


def node_kinds(param: QueryParam) -> tuple[str, ...] | None:
    """The labels a parameter names a node of, read from its choices query (`MATCH (m:Measure)`
    → Measure; `MATCH (n) WHERE NOT n:Document` → every searchable label but documents) or
    from an id as its default; None for a parameter that is not a node."""
    if param.type != "string":
        return None
    if param.choices:
        label = _LABEL_IN_CHOICES.search(param.choices)
        if label and label.group(1) in SEARCH_KINDS:
            return (label.group(1),)
        if _NOT_DOCUMENT.search(param.choices):
            return tuple(kind for kind in SEARCH_KINDS if kind != "Document")
    default = str(param.default or "")
    for label, prefix in ID_PREFIXES.items():
        if default.startswith(prefix) and label in SEARCH_KINDS:
            return (label,)
    return None


def is_empty(store: GraphStore) -> bool:
    """True when the graph holds no node at all."""
    return not any(
        run_canned(store, inner_queries("lookup")["any_node"], {"label": label}, row_limit=1).rows
        for label in ID_PREFIXES
    )


def find(store: GraphStore, text: str, *, kinds: Sequence[str] | None = None, limit: int = 20):
    """Nodes matching `text`, grouped by kind and ranked (the store's full-text search)."""
    return store.search(text, kinds=kinds, limit=limit)


def resolve(store: GraphStore, value: str, kinds: Sequence[str]) -> str:
    """The id of the one node of `kinds` that `value` names: the id itself, or a name or
    alias (Simplified or Traditional, Chinese or English) that only one node has, or that only
    one node matches. Raises LookupProblem listing the closest matches otherwise."""
    if not value.strip():
        return value  # "" means "all" where a query allows it
    if _is_id(value):
        if _exists(store, value):
            return value
        label = label_of(value)
        return resolve_name(store, value.removeprefix(ID_PREFIXES[label]), (label,), value)
    return resolve_name(store, value, kinds, value)


def resolve_name(store: GraphStore, name: str, kinds: Sequence[str], shown: str) -> str:
    hits = store.search(name, kinds=kinds, limit=CLOSEST)
    exact = [hit for hit in hits if fold_words(hit.matched) == fold_words(simplified(name))]
    if len(exact) == 1:
        return exact[0].id
    if len(hits) == 1:
        return hits[0].id
    what = " or ".join(kinds)
    if exact or hits:
        raise LookupProblem(
            f"{shown!r} names several {what} nodes; give one of these ids:\n"
            + listing(exact or hits)
        )
    closest = _closest(store, name, kinds)
    raise LookupProblem(
        f"no {what} is named {shown!r}"
        + (f"; the closest matches:\n{listing(closest)}" if closest else ".")
    )


def listing(hits: Sequence[SearchHit]) -> str:
    """Hits as lines: id, kind, name (and what matched, or the full name, when they differ)."""
    lines = []
    for hit in hits:
        extra = [x for x in (hit.detail, hit.matched, hit.name_en) if x and x != hit.name]
        more = f"  ({'; '.join(dict.fromkeys(extra))})" if extra else ""
        lines.append(f"  {hit.id}  {hit.kind}  {hit.name}{more}")
    return "\n".join(lines)


def _closest(store: GraphStore, name: str, kinds: Sequence[str]) -> list[SearchHit]:
    """Nodes matching some of the words of `name` (a search wants all of them)."""
    found: dict[str, SearchHit] = {}
    for term in query_terms(name):
        for hit in store.search(term, kinds=kinds, limit=CLOSEST):
            found.setdefault(hit.id, hit)
    return list(found.values())[:CLOSEST]


def _is_id(value: str) -> bool:
    try:
        label_of(value)
    except ValueError:
        return False
    return True


def _exists(store: GraphStore, node_id: str) -> bool:
    params = {"label": label_of(node_id), "id": node_id}
    return bool(run_canned(store, inner_queries("lookup")["node_exists"], params, row_limit=1).rows)
