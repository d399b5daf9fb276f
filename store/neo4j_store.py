"""The production store: Neo4j 5 through the official driver, used the way its manual advises.

- Reads (`query`) run as managed READ transactions (`session.execute_read`): routed to a reader
  on a cluster, refused by the server if they write, retried on transient errors, stopped by
  their timeout.
- Writes (`write`) go through `driver.execute_query` with WRITE routing, one statement per
  call; the loader batches its rows into each statement with UNWIND.
- Reads use the bookmark manager of `execute_query`, so a read sees every write before it even
  on a cluster (causal consistency).
- Name the database (NEO4J_DATABASE) to spare the driver a home-database lookup per transaction.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import os
import pathlib
from collections.abc import Iterator
from typing import Any

import neo4j
from neo4j import GraphDatabase, RoutingControl
from neo4j.exceptions import AuthError, ClientError, ServiceUnavailable, SessionExpired
from neo4j.graph import Node, Path, Relationship

from edukg.store.base import (
    DEFAULT_ROW_LIMIT,
    DEFAULT_TIMEOUT_MS,
    GraphStore,
    QueryRejected,
    QueryResult,
    StoreUnavailable,
    schema_statement,
    schema_statements,
)
from edukg.store.guard import check_params, check_query_text
from edukg.store.search import SHADOW
from edukg.store.server import default_data_dir

WRITE_REJECTED = "This query writes to the graph; only read-only queries are allowed here."
STATS = (
    "nodes_created",
    "nodes_deleted",
    "relationships_created",
    "relationships_deleted",
    "properties_set",
    "labels_added",
    "indexes_added",
)
# Relationships come back with their end nodes' properties only when those nodes are returned
# too; this finds the other ends' `id` properties in the same transaction.
_ENDPOINT_IDS = "MATCH (n) WHERE elementId(n) IN $ids RETURN elementId(n), n.id"
_SEARCH = schema_statement("neo4j_search.cypher")
# Deletes in slices, so that a large graph does not need one huge transaction.
_DELETE_SLICE = "MATCH (n) WITH n LIMIT 10000 DETACH DELETE n"


class Neo4jStore(GraphStore):
    backend = "neo4j"
    schemes = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")  # the driver's

    @classmethod
    def from_environment(cls, uri: str) -> Neo4jStore:
        """The store at `uri`, with NEO4J_USER (default neo4j), NEO4J_PASSWORD and the optional
        NEO4J_DATABASE."""
        return cls(
            uri,
            os.environ.get("NEO4J_USER", "neo4j"),
            os.environ.get("NEO4J_PASSWORD", ""),
            database=os.environ.get("NEO4J_DATABASE") or None,
        )

    @property
    def lock_path(self) -> pathlib.Path:
        """One file per database URI in the local data directory: it serialises the ingests
        run from this machine."""
        digest = hashlib.sha256(self.uri.encode()).hexdigest()[:16]
        return default_data_dir() / f"ingest-neo4j-{digest}.lock"

    def __init__(self, uri: str, user: str, password: str, database: str | None = None) -> None:
        self.uri = uri
        self._database = database
        self._driver = GraphDatabase.driver(uri, auth=(user, password), user_agent="edukg")
        # Fail now with a clear message: transactions retry an unreachable server for 30 s.
        try:
            with self._errors(None):
                self._driver.verify_connectivity()
        except StoreUnavailable:
            self._driver.close()
            raise

    def query(
        self,
        cypher: str,
        params: dict[str, Any] | None = None,
        *,
        timeout_ms: int = DEFAULT_TIMEOUT_MS,
        row_limit: int = DEFAULT_ROW_LIMIT,
    ) -> QueryResult:
        params = check_params(params)
        check_query_text(cypher, params)

        @neo4j.unit_of_work(timeout=timeout_ms / 1000)
        def read(tx: neo4j.ManagedTransaction) -> QueryResult:
            result = tx.run(cypher, params)
            columns = list(result.keys())
            records = list(itertools.islice(result, row_limit + 1))
            counters = result.consume().counters
            rows = [list(record.values()) for record in records[:row_limit]]
            return QueryResult(
                columns=columns,
                rows=_plain_rows(rows, tx),
                truncated=len(records) > row_limit,
                stats={name: int(getattr(counters, name)) for name in STATS},
            )

        with (
            self._errors(timeout_ms),
            self._driver.session(
                database=self._database,
                bookmark_manager=self._driver.execute_query_bookmark_manager,
            ) as session,
        ):
            return session.execute_read(read)

    def _search_kind(self, kind: str, terms: list[str], limit: int) -> list[dict[str, Any]]:
        # Lucene: `+word` is required; terms hold word characters only, so nothing needs escaping.
        params = {"index": f"search_{kind.lower()}", "q": " ".join(f"+{t}" for t in terms)}
        return self.query(_SEARCH, {**params, "limit": limit}, row_limit=limit).records()

    def write(self, cypher: str, params: dict[str, Any] | None = None) -> QueryResult:
        with self._errors(None):
            records, summary, keys = self._driver.execute_query(
                cypher,
                check_params(params),
                database_=self._database,
                routing_=RoutingControl.WRITE,
            )
        rows = [list(record.values()) for record in records]
        return QueryResult(
            columns=list(keys),
            rows=_plain_rows(rows, None),
            stats={name: int(getattr(summary.counters, name)) for name in STATS},
        )

    def ensure_schema(self) -> None:
        for statement in schema_statements("neo4j.cypher"):
            self.write(statement)

    def clear(self) -> None:
        while self.write(_DELETE_SLICE).stats["nodes_deleted"]:
            pass
        self.ensure_schema()

    def close(self) -> None:
        self._driver.close()

    @contextlib.contextmanager
    def _errors(self, timeout_ms: int | None) -> Iterator[None]:
        """Turn driver errors into StoreError messages for the user."""
        try:
            yield
        except (ServiceUnavailable, SessionExpired) as exc:
            raise StoreUnavailable(
                f"Neo4j at NEO4J_URI={self.uri} does not answer. Start it (docker compose up) "
                "or unset NEO4J_URI to use the embedded store."
            ) from exc
        except AuthError as exc:
            raise StoreUnavailable(
                f"Neo4j at NEO4J_URI={self.uri} refused the login; check NEO4J_USER and "
                "NEO4J_PASSWORD."
            ) from exc
        except ClientError as exc:
            raise QueryRejected(_explain(exc, timeout_ms)) from exc


def statements() -> dict[str, str]:
    """The adapter's own statements, by name (for the Cypher linter; they are Neo4j-only)."""
    return {
        "neo4j: endpoint ids": _ENDPOINT_IDS,
        "neo4j: delete slice": _DELETE_SLICE,
        "neo4j: search": _SEARCH,
    }


def _explain(exc: ClientError, timeout_ms: int | None) -> str:
    code = exc.code or ""
    if "AccessMode" in code or "Forbidden" in code:
        return WRITE_REJECTED
    if "TransactionTimedOut" in code and timeout_ms:
        return f"The query ran longer than {timeout_ms / 1000:g} s and was stopped."
    if code.endswith("SyntaxError"):
        return f"Syntax error: {exc.message}"
    return f"The store rejected the query: {exc.message}"


def _plain_rows(rows: list[list[Any]], tx: neo4j.ManagedTransaction | None) -> list[list[Any]]:
    """Plain rows; with `tx`, edges whose end nodes were not returned get their ids looked up."""
    node_ids: dict[str, str | None] = {}
    unknown: set[str] = set()
    for value in itertools.chain.from_iterable(rows):
        for rel in _relationships(value):
            for end in (rel.start_node, rel.end_node):
                if end is not None and "id" in end:
                    node_ids[end.element_id] = end["id"]
                elif end is not None:
                    unknown.add(end.element_id)
    if tx is not None and unknown - node_ids.keys():
        node_ids.update(tx.run(_ENDPOINT_IDS, ids=sorted(unknown - node_ids.keys())).values())
    return [[_plain(value, node_ids) for value in row] for row in rows]


def _relationships(value: Any) -> list[Relationship]:
    if isinstance(value, Relationship):
        return [value]
    if isinstance(value, Path):
        return list(value.relationships)
    if isinstance(value, list):
        return [rel for item in value for rel in _relationships(item)]
    if isinstance(value, dict):
        return [rel for item in value.values() for rel in _relationships(item)]
    return []


def _plain(value: Any, node_ids: dict[str, str | None]) -> Any:
    """Driver values as plain Python: nodes and edges become dicts keyed by `id` properties."""
    if isinstance(value, Node):
        props = dict(value)
        props = {k: v for k, v in props.items() if k != SHADOW}  # the index's, not data
        label = min(value.labels) if value.labels else None
        return {"id": props.get("id"), "label": label, "name": props.get("name"), **props}
    if isinstance(value, Relationship):
        start, end = value.start_node, value.end_node
        source = node_ids.get(start.element_id) if start is not None else None
        target = node_ids.get(end.element_id) if end is not None else None
        return {"type": value.type, "source": source, "target": target, **dict(value)}
    if isinstance(value, Path):
        steps = [value.start_node]
        for rel, node in zip(value.relationships, value.nodes[1:], strict=True):
            steps += [rel, node]
        return [_plain(step, node_ids) for step in steps]
    if isinstance(value, list):
        return [_plain(item, node_ids) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item, node_ids) for key, item in value.items()}
    if hasattr(value, "iso_format"):  # neo4j.time Date, DateTime, Time, Duration
        return value.iso_format()
    return value
