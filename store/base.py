"""One store interface, two adapters (embedded FalkorDB and Neo4j).

Everything above this layer speaks Cypher in the dialect both engines run and gets
plain Python values back: nodes and edges become dicts, never driver objects.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from edukg.store.search import SearchHit

DEFAULT_TIMEOUT_MS = 10_000
# The loader's reads over the whole graph (every document's facts counted, before an ingest
# into a store found amiss and in `edukg db check`): 10-25 s at 100 000 documents.
SCAN_TIMEOUT_MS = 120_000
DEFAULT_ROW_LIMIT = 10_000
ALL_ROWS = 1 << 62  # for reads whose size is bounded by what they ask for
# The most bytes a read's answer may take on the wire. Rows are capped by `row_limit`, but one
# row can hold a list of millions of values: past this size the read stops before the answer
# is built in memory (an answer takes ~15 times its wire size as Python objects).
MAX_ANSWER_BYTES = 32 << 20

SCHEMA_DIR = Path(str(files("edukg.schema")))


class StoreError(Exception):
    """A store failure with a message that tells the user what to do."""


class StoreUnavailable(StoreError):
    """The store cannot be reached or started."""


class QueryRejected(StoreError):
    """A query was refused: a write in read-only mode, a syntax error, a timeout, or text
    too large or too deeply nested to be sent safely."""


class AnswerTooLarge(QueryRejected):
    """A read's answer was larger than MAX_ANSWER_BYTES and was dropped while arriving."""


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[list[Any]]
    truncated: bool = False
    stats: dict[str, Any] = field(default_factory=dict)

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


class GraphStore(ABC):
    """A graph database holding the edukg graph.

    `query` is for reading (user and canned queries: read-only, timeout, row limit);
    `write` is for the loader and schema setup.
    """

    backend: str

    @property
    @abstractmethod
    def lock_path(self) -> Path:
        """The file whose flock serialises the ingests into this graph (store.ingestlock)."""

    @property
    def file_hashes_path(self) -> Path:
        """Where ingests into this graph remember their files' hashes (ingest.file_hashes):
        beside its ingest lock."""
        return self.lock_path.with_name(f"{self.lock_path.stem}-file-hashes.sqlite")

    @abstractmethod
    def query(
        self,
        cypher: str,
        params: dict[str, Any] | None = None,
        *,
        timeout_ms: int = DEFAULT_TIMEOUT_MS,
        row_limit: int = DEFAULT_ROW_LIMIT,
    ) -> QueryResult:
        """Run a read-only query with parameters, a timeout and a row limit."""

    def search(
        self,
        text: str,
        *,
        kinds: Sequence[str] | None = None,
        limit: int = 20,
        prefix: bool = False,
    ) -> list[SearchHit]:
        """Nodes whose names, aliases (zh or en) or, for documents, text hold every word of
        `text` (Simplified or Traditional), at most `limit` per kind, grouped by kind in
        `edukg.store.search.SEARCH_KINDS` order and ranked within each. With `prefix` the last
        English word may be unfinished (search as one types). Reads the full-text index only.
        """
        from edukg.store import search

        terms = search.query_terms(text, prefix=prefix)
        if not terms:
            return []
        rows = [
            {**row, "kind": kind}
            for kind in search.kinds_or_all(kinds)
            for row in self._search_kind(kind, terms, limit)
        ]
        return search.ranked(rows, text)

    def _search_kind(self, kind: str, terms: list[str], limit: int) -> list[dict[str, Any]]:
        """The best `limit` nodes of one label holding every term (a term ending in `*` is
        a prefix), as records with id, name, name_en, full_name, title, doc_number, aliases
        and score: the backend's own full-text call (schema/<backend>_search.cypher). Both
        adapters implement it; wrappers that only pass reads and writes on need not."""
        raise NotImplementedError(f"{type(self).__name__} has no full-text search")

    @abstractmethod
    def write(self, cypher: str, params: dict[str, Any] | None = None) -> QueryResult:
        """Run one write statement (atomic on both engines)."""

    @abstractmethod
    def ensure_schema(self) -> None:
        """Create the indexes the loader's MERGE keys need (idempotent)."""

    def compact(self, *, wait: bool = True) -> None:  # noqa: B027 - a no-op suits most
        """Make recent bulk writes cheap to recover (embedded store: rewrite the AOF); without
        `wait`, return while that goes on."""

    def problem(self) -> str | None:
        """What is known to be wrong with the store's files, with the command that fixes
        it (embedded store: damaged, missing, disk full); None for a store that looks after
        its own files."""
        return None

    def record_ingested(self, paths: Iterable[Path]) -> None:  # noqa: B027 - see compact
        """Remember paths ingested, for a store whose repair ingests them again."""

    @abstractmethod
    def clear(self) -> None:
        """Delete the whole graph."""

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def without_comment_lines(text: str) -> str:
    """Cypher text without its `//` comment lines (a statement file's notes)."""
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))


def schema_statement(filename: str) -> str:
    """The one statement of a file in schema/ (comment lines dropped)."""
    return without_comment_lines((SCHEMA_DIR / filename).read_text(encoding="utf-8"))


def schema_statements(filename: str) -> list[str]:
    """The DDL statements of one backend's file in schema/: one per line or `;`-separated,
    `//` starts a comment line."""
    code = without_comment_lines((SCHEMA_DIR / filename).read_text(encoding="utf-8"))
    return [part.strip() for part in code.replace(";", "\n").splitlines() if part.strip()]
