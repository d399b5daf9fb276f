"""Full-text search shared by both adapters: the segmented shadow property and the ranking.

Chinese has no spaces, and neither engine's full-text index segments it well, so every
searchable node carries `search_text`: its names (and, for a document, its title and text)
cut into words (by jieba-rs, as jieba cuts them) and joined by spaces, lower-cased. Each
backend indexes that property with a plain whitespace-like analyzer (schema/falkordb.cypher,
schema/neo4j.cypher) and the query is cut the same way, so the index only has to match whole
words.

- Names are cut in search mode (朝阳区 -> 朝阳 朝阳区) and also into every run of one
  to three characters, so a few characters typed into a picker find the names containing them.
- Document text is cut in search mode only (no n-grams: documents are large).
- Measures add their taxonomy key (group_schooling -> group schooling), which is an English
  name of its own.

Traditional input is converted to Simplified first (the graph holds Simplified text).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from edukg.store.base import GraphStore

SHADOW = "search_text"
# The labels searched, in the order the results are shown; each has a full-text index.
SEARCH_KINDS = ("Region", "Measure", "Policy", "Program", "Target", "Document")
# Properties that name a node (a list property counts each entry).
NAME_FIELDS = ("name", "name_en", "full_name", "title", "doc_number", "aliases")
NGRAM_MAX = 3
# Bounds on what one search asks of the index: a pasted page is cut to its first characters.
MAX_QUERY_CHARS = 200
MAX_TERMS = 32
_WORD = re.compile(r"\w+")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_ASCII_WORD = re.compile(r"[0-9a-z_]+")


# Nodes loaded before the shadow property existed (an older edukg), found and filled in batches.
# A document gets its shadow when its load completes and loses it when its removal starts: one
# whose load or removal was cut short waits for the next ingest.
_UNINDEXED = (
    "MATCH (n:{label}) WHERE n.search_text IS NULL "
    "AND NOT (n:Document AND (n.sha256 IS NULL OR n.removing IS NOT NULL)) "
    "RETURN n.id AS id, properties(n) AS props LIMIT $limit"
)
_SET_SHADOW = "UNWIND $rows AS row MATCH (n:{label} {{id: row.id}}) SET n.search_text = row.text"
NODES_PER_BACKFILL = 500


@dataclass(frozen=True)
class SearchHit:
    """One node found: `matched` is the name or alias the text matched best (for display),
    `score` the index's own relevance."""

    kind: str
    id: str
    name: str
    name_en: str
    matched: str
    score: float
    detail: str = ""  # a region's full name or a policy's 文号


@cache
def _segmenter() -> Any:
    """A jieba-rs segmenter of our own, with its plain dictionary: segmentation must be the
    same when loading and when searching, in any process, whatever words the pipeline's
    segmenter was taught."""
    import rjieba

    return rjieba.Jieba()


@cache
def _to_simplified() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """The text in Simplified characters, trimmed."""
    return _to_simplified().convert(text.strip())


def _words(text: str) -> list[str]:
    """The search-mode words of `text` (jieba's), lower-cased, punctuation dropped, each once
    in the order of its first use. A document's pieces repeat: each is split once (a
    document's search text 0.70 → 0.58 ms)."""
    pieces = dict.fromkeys(_segmenter().cut_for_search(text.lower(), False))
    return list(dict.fromkeys(word for piece in pieces for word in _WORD.findall(piece)))


def _ngrams(text: str) -> list[str]:
    return [
        run[start : start + size]
        for run in _CJK.findall(text)
        for size in range(1, NGRAM_MAX + 1)
        for start in range(len(run) - size + 1)
    ]


def _names(props: Mapping[str, Any]) -> list[str]:
    names: list[str] = []
    for field in NAME_FIELDS:
        value = props.get(field)
        names += [str(v) for v in value if v] if isinstance(value, list) else [str(value or "")]
    return [name for name in names if name]


def shadow_text(node_id: str, props: Mapping[str, Any]) -> str:
    """The `search_text` of a node, from its id and properties (as the loader writes them)."""
    words: list[str] = []
    for name in _names(props):
        words += _words(name) + _ngrams(name)
    words += " ".join(_key_words(node_id)).split()
    if node_id.startswith("doc:") and props.get("text"):
        words += _words(str(props["text"]))
    return " ".join(dict.fromkeys(word for word in words if word))


def searchable_row(label: str, row: Mapping[str, Any]) -> dict[str, Any]:
    """A node's row as the store should hold it: with its shadow property when its label is
    searched (what the loader and the RDF/JSON import write)."""
    return {**row, SHADOW: shadow_text(row["id"], row)} if label in SEARCH_KINDS else dict(row)


def _key_words(node_id: str) -> list[str]:
    """A measure's taxonomy key as English words (measure:group_schooling -> group schooling)."""
    if not node_id.startswith("measure:") or node_id.startswith("measure:candidate:"):
        return []
    return [node_id.removeprefix("measure:").replace("_", " ")]


def query_terms(text: str, *, prefix: bool = False) -> list[str]:
    """The words a search for `text` must all find; with `prefix`, the last word may be the
    start of a longer English word (search as one types)."""
    query = simplified(text[:MAX_QUERY_CHARS]).lower().replace("_", " ")
    terms = list(
        dict.fromkeys(
            word for piece in _segmenter().cut(query, False) for word in _WORD.findall(piece)
        )
    )[:MAX_TERMS]
    if prefix and terms and len(terms[-1]) >= 2 and _ASCII_WORD.fullmatch(terms[-1]):
        terms[-1] += "*"
    return terms


def ranked(rows: Iterable[Mapping[str, Any]], text: str) -> list[SearchHit]:
    """Hits from index rows (kind, id, name, name_en, full_name, title, doc_number, aliases,
    score), within each kind: exact name or alias first, then a name that starts with the
    text, then one that contains it, then the index's score, shorter names first."""
    query = fold_words(simplified(text))
    hits = []
    for row in rows:
        names = _names(row) + _key_words(str(row["id"])) or [str(row["id"])]
        matched = min(names, key=lambda name: _closeness(name, query))
        hits.append(
            (
                (SEARCH_KINDS.index(row["kind"]), _closeness(matched, query), -row["score"]),
                SearchHit(
                    kind=row["kind"],
                    id=row["id"],
                    name=str(row.get("name") or row.get("title") or row["id"]),
                    name_en=str(row.get("name_en") or ""),
                    matched=matched,
                    score=float(row["score"]),
                    detail=str(row.get("full_name") or row.get("doc_number") or ""),
                ),
            )
        )
    hits.sort(key=lambda pair: (*pair[0], len(pair[1].name), pair[1].id))
    return [hit for _key, hit in hits]


def fold_words(text: str) -> str:
    """Lower-case words with `_` as a space: how names are compared (group_schooling)."""
    return " ".join(_WORD.findall(text.lower().replace("_", " ")))


def _closeness(name: str, query: str) -> int:
    folded = fold_words(name)
    if folded == query:
        return 0
    if folded.startswith(query):
        return 1
    if query in folded:
        return 2
    return 3 if all(word in folded for word in query.split()) else 4


def sentences_with(text: str, query: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text` that contains every word of `query` (the
    phrase itself, or all its words): what a document hit shows."""
    phrase = simplified(query)
    words = [w for w in query_terms(query) if not w.endswith("*")]
    found = []
    for match in _SENTENCE.finditer(text):
        sentence = match.group().lower()
        if phrase.lower() in sentence or (words and all(w in sentence for w in words)):
            found.append((match.start(), match.end()))
    return found


def highlights(sentence: str, query: str) -> list[tuple[str, bool]]:
    """`sentence` cut into (piece, is_hit) parts: the phrase where it occurs, else each of
    its words. The caller shows each part as text (never as Markdown or HTML)."""
    phrase = simplified(query)
    needles = [phrase] if phrase and phrase.lower() in sentence.lower() else []
    needles = needles or sorted(
        (w for w in query_terms(query) if not w.endswith("*")), key=len, reverse=True
    )
    if not needles:
        return [(sentence, False)]
    pattern = re.compile("|".join(re.escape(n) for n in needles), re.IGNORECASE)
    parts: list[tuple[str, bool]] = []
    position = 0
    for match in pattern.finditer(sentence):
        if match.start() > position:
            parts.append((sentence[position : match.start()], False))
        parts.append((match.group(), True))
        position = match.end()
    if position < len(sentence):
        parts.append((sentence[position:], False))
    return parts


# A sentence ends at 。！？；!? or a line break (the text is normalised Simplified).
_SENTENCE = re.compile(r"[^。！？；!?\n]+[。！？；!?]?")


def unindexed(store: GraphStore) -> bool:
    """True when some searchable node has no shadow property yet (`edukg find --reindex`)."""
    return any(
        store.query(_UNINDEXED.format(label=label), {"limit": 1}).rows for label in SEARCH_KINDS
    )


def index_missing(store: GraphStore) -> int:
    """Write the shadow property of every searchable node that lacks it (a graph loaded by an
    older edukg); how many nodes got one. The loader writes it for everything it loads."""
    done = 0
    for label in SEARCH_KINDS:
        while True:
            params = {"limit": NODES_PER_BACKFILL}
            rows = store.query(_UNINDEXED.format(label=label), params).records()
            if not rows:
                break
            shadows = [{"id": r["id"], "text": shadow_text(r["id"], r["props"])} for r in rows]
            store.write(_SET_SHADOW.format(label=label), {"rows": shadows})
            done += len(shadows)
    return done


def statements() -> dict[str, str]:
    """The statements above, for the Cypher linter."""
    return {
        "edukg/store/search.py unindexed": _UNINDEXED.format(label="Region"),
        "edukg/store/search.py set shadow": _SET_SHADOW.format(label="Region"),
    }


def kinds_or_all(kinds: Sequence[str] | None) -> tuple[str, ...]:
    """The kinds asked for, checked (labels cannot be parameters; they come from this list)."""
    if kinds is None:
        return SEARCH_KINDS
    unknown = set(kinds) - set(SEARCH_KINDS)
    if unknown:
        raise ValueError(f"cannot search {sorted(unknown)}; kinds are {SEARCH_KINDS}")
    return tuple(kind for kind in SEARCH_KINDS if kind in kinds)
