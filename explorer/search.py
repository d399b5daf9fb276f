"""One search box over regions, measures, policies, programmes and targets.

Input may be Traditional (東城區) or Simplified; the graph holds Simplified names, so the
input is converted with OpenCC (t2s) first. Matching is a portable CONTAINS over names,
English names, full names, titles, document numbers and aliases; the best matches (exact
name, then name prefix, then shortest name) come first.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import opencc

from explorer import cypher, data

MAX_HITS = 200


@dataclass(frozen=True)
class Hit:
    kind: str  # the node label
    id: str
    name: str
    name_en: str
    matched: str  # the name or alias that contains the query


@cache
def _to_simplified() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    return _to_simplified().convert(text.strip())


def search(text: str) -> list[Hit]:
    """Nodes whose names or aliases contain `text` (any script, any case), best first."""
    query = simplified(text).lower().replace("-", " ")
    if not query:
        return []
    rows = data.records(cypher.SEARCH, {"q": query, "limit": MAX_HITS})
    hits = [
        Hit(row["kind"], row["id"], row["name"], row["name_en"], _matched(row, query))
        for row in rows
    ]
    return sorted(hits, key=lambda hit: _rank(hit, query))


def _matched(row: dict, query: str) -> str:
    names = [row["name"], row["name_en"], row["full_name"], *row["aliases"]]
    return next(
        (name for name in names if name and query in name.lower().replace("-", " ")), row["name"]
    )


def _rank(hit: Hit, query: str) -> tuple:
    matched = hit.matched.lower().replace("-", " ")
    return (matched != query, not matched.startswith(query), len(hit.name), hit.id)
