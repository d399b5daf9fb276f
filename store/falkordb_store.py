"""The embedded store: FalkorDB over its native protocol on the server's unix socket.

(FalkorDB's Bolt listener is not used: it crashes on writes with the AOF on and on any message
over ~4 KiB.)
"""

from __future__ import annotations

import contextlib
import contextvars
import gc
import pathlib
import re
import socket
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from falkordb import Edge, Node, Path
from falkordb.graph import Graph
from falkordb.query_result import QueryResult as FalkorResult
from redis._parsers import _HiredisParser
from redis.exceptions import BusyLoadingError, ResponseError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from edukg.store.base import (
    DEFAULT_ROW_LIMIT,
    DEFAULT_TIMEOUT_MS,
    MAX_ANSWER_BYTES,
    AnswerTooLarge,
    GraphStore,
    QueryRejected,
    QueryResult,
    StoreError,
    StoreUnavailable,
    schema_statement,
    schema_statements,
)
from edukg.store.guard import check_query_text, params_header
from edukg.store.model import NODE_LABELS
from edukg.store.search import SHADOW
from edukg.store.server import (
    ANSWER_WAIT_S,
    DEFAULT_GRAPH,
    LIMIT_VARIABLES,
    NOT_ANSWERING,
    NOT_RUNNING,
    STILL_LOADING,
    TIMEOUT_DEFAULT_MS,
    TIMEOUT_MAX_MS,
    EmbeddedServer,
    disk_full_message,
    rewritten,
)

WRITE_REJECTED = "This query writes to the graph; only read-only queries are allowed here."
INGEST_LOCK_FILE = "ingest.lock"  # in the data directory (store.ingestlock)

# QueryResult.stats keys (the names of Neo4j's counters) -> the falkordb client's names.
STATS = {
    "nodes_created": "nodes_created",
    "nodes_deleted": "nodes_deleted",
    "relationships_created": "relationships_created",
    "relationships_deleted": "relationships_deleted",
    "properties_set": "properties_set",
    "labels_added": "labels_added",
    "indexes_added": "indices_created",
}

# Edges come back with the server's internal node ids only; this maps them to `id` properties.
_ENDPOINT_IDS = "UNWIND $ids AS i MATCH (n) WHERE id(n) = i RETURN i, n.id"
_SEARCH = schema_statement("falkordb_search.cypher")
_SYNTAX_ERROR = re.compile(r"errMsg: (.*?)(?: errCtx:|$)", re.DOTALL)


@dataclass
class _Budget:
    """Bytes a read's answer may still take; the metered socket spends it."""

    limit: int
    used: int = 0

    def spend(self, count: int) -> None:
        self.used += count
        if self.used > self.limit:
            raise AnswerTooLarge(
                f"The answer is larger than {self.limit >> 20} MB and was dropped. Ask for "
                "fewer rows (LIMIT) or smaller columns, e.g. size(list) instead of the list."
            )


_BUDGET: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar("budget", default=None)


class _MeteredSocket:
    """A socket whose reads spend the current answer budget, if any."""

    def __init__(self, sock: socket.socket) -> None:
        self._sock = sock

    def recv_into(self, buffer: bytearray, *args: Any) -> int:
        count = self._sock.recv_into(buffer, *args)
        budget = _BUDGET.get()
        if budget is not None:
            budget.spend(count)  # the connection drops the rest of the answer unread
        return count

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sock, name)


class _MeteredParser(_HiredisParser):
    """The C reply parser, reading through a metered socket."""

    def on_connect(self, connection: Any, **kwargs: Any) -> None:
        super().on_connect(connection, **kwargs)
        self._sock = _MeteredSocket(self._sock)


@contextlib.contextmanager
def _answer_budget(limit: int) -> Iterator[None]:
    token = _BUDGET.set(_Budget(limit))
    try:
        yield
    finally:
        _BUDGET.reset(token)


class FalkorDBStore(GraphStore):
    backend = "falkordb"

    def __init__(
        self,
        server: EmbeddedServer,
        graph_name: str = DEFAULT_GRAPH,
        answer_wait_s: float = ANSWER_WAIT_S,
    ) -> None:
        self.server = server
        self._answer_wait_s = answer_wait_s
        self._db = server.client(timeout=answer_wait_s)
        pool = self._db.connection.connection_pool
        pool.connection_kwargs["parser_class"] = _MeteredParser
        pool.reset()  # connections made so far have the plain parser
        self._graph: Graph = self._db.select_graph(graph_name)

    @property
    def lock_path(self) -> pathlib.Path:
        """In the data directory, beside the graph it guards."""
        return self.server.data_dir / INGEST_LOCK_FILE

    def query(
        self,
        cypher: str,
        params: dict[str, Any] | None = None,
        *,
        timeout_ms: int = DEFAULT_TIMEOUT_MS,
        row_limit: int = DEFAULT_ROW_LIMIT,
    ) -> QueryResult:
        if not 0 < timeout_ms <= TIMEOUT_MAX_MS:
            raise ValueError(f"timeout_ms must be in 1..{TIMEOUT_MAX_MS}")
        header = params_header(params)
        check_query_text(cypher, params)
        with self._errors(timeout_ms), _collector_paused(), _answer_budget(MAX_ANSWER_BYTES):
            try:
                result = self._graph.ro_query(header + cypher, timeout=timeout_ms)
            except ResponseError as exc:
                if "empty key" not in str(exc):
                    raise
                # Nothing was ever written: read-only commands cannot create the graph.
                self.ensure_schema()
                result = self._graph.ro_query(header + cypher, timeout=timeout_ms)
            return self._result(result, row_limit)

    def _search_kind(self, kind: str, terms: list[str], limit: int) -> list[dict[str, Any]]:
        # RediSearch: words separated by spaces must all match; terms hold word characters only.
        params = {"label": kind, "q": " ".join(terms), "limit": limit}
        return self.query(_SEARCH, params, row_limit=limit).records()

    def write(self, cypher: str, params: dict[str, Any] | None = None) -> QueryResult:
        with self._errors(TIMEOUT_DEFAULT_MS):
            return self._result(self._graph.query(params_header(params) + cypher), None)

    def ensure_schema(self) -> None:
        """Create the indexes (a range index on `id` for every label, then schema/falkordb.cypher)
        and, if any was new, rewrite the AOF: indexes created inside the AOF are ignored when
        it is replayed, which makes every later MERGE in the replay scan its whole label."""
        statements = [f"CREATE INDEX FOR (n:{label}) ON (n.id)" for label in NODE_LABELS]
        created = 0
        for statement in statements + schema_statements("falkordb.cypher"):
            try:
                self.write(statement)
                created += 1
            except QueryRejected as exc:
                if "already indexed" not in str(exc):
                    raise
        if created:
            self.compact()

    def problem(self) -> str | None:
        return self.server.problem()

    def record_ingested(self, paths: Iterable[pathlib.Path]) -> None:
        self.server.record_ingested(paths)

    def compact(self, *, wait: bool = True) -> None:
        """Rewrite the AOF as one RDB snapshot, so that a restart loads it in a blink instead of
        replaying every write (with indexes, as the snapshot holds them). Also after a small
        ingest: at 100 000 documents the server once crashed replaying the 44 MiB a 1 %
        re-ingest appends (FalkorDB 4.16.3, in TrieMapNode_Find). The rewrite runs in a child
        process (10-25 s at 100 000 documents); without `wait` it is left to finish while the
        server serves, and `EmbeddedServer.stop` waits for it."""
        if not wait and (self.server.disk_full() or not self.server.room_to_rewrite()):
            # what a rewrite waited for would tell: the writes may not be on disk, or no new
            # snapshot fits beside the old files (checked before the rewrite takes space)
            raise StoreError(disk_full_message(self.server.data_dir))
        connection = self._db.connection
        with self._errors(None):
            try:
                connection.bgrewriteaof()
            except ResponseError as exc:
                if "already in progress" not in str(exc):
                    raise
            if not wait:
                return
            try:
                ok = rewritten(connection)
            except TimeoutError as exc:
                raise StoreError(
                    f"Rewriting the AOF takes too long: {self.server.log_path}"
                ) from exc
        if not ok:
            raise StoreError(f"Rewriting the AOF failed; see {self.server.log_path}")

    def clear(self) -> None:
        with self._errors(None):
            try:
                self._graph.delete()
            except ResponseError as exc:
                if "empty key" not in str(exc):  # there was no graph yet
                    raise
        self.ensure_schema()

    def close(self) -> None:
        self._db.close()

    def _result(self, result: FalkorResult, row_limit: int | None) -> QueryResult:
        rows = result.result_set
        truncated = row_limit is not None and len(rows) > row_limit
        if truncated:
            rows = rows[:row_limit]
        return QueryResult(
            columns=[name for _type, name in result.header],
            rows=self._plain_rows(rows),
            truncated=truncated,
            stats={name: int(getattr(result, attr)) for name, attr in STATS.items()},
        )

    def _plain_rows(self, rows: list[list[Any]]) -> list[list[Any]]:
        entities = [item for row in rows for value in row for item in _entities(value)]
        node_ids = {n.id: n.properties.get("id") for n in entities if isinstance(n, Node)}
        unknown = {
            end
            for edge in entities
            if isinstance(edge, Edge)
            for end in (edge.src_node, edge.dest_node)
            if end not in node_ids
        }
        if unknown:
            # A second read; an internal id is reused only after a delete in between.
            lookup = self._graph.ro_query(_ENDPOINT_IDS, {"ids": sorted(unknown)})
            node_ids.update(dict(lookup.result_set))
        return [[_plain(value, node_ids) for value in row] for row in rows]

    @contextlib.contextmanager
    def _errors(self, timeout_ms: int | None) -> Iterator[None]:
        """Turn client and server errors into StoreError messages for the user."""
        # Another process may have deleted and recreated the graph, which renumbers labels and
        # property names; the client caches the numbering, so make it ask again when needed.
        self._graph.schema.clear()
        try:
            yield
        except BusyLoadingError as exc:
            raise StoreUnavailable(STILL_LOADING) from exc
        except RedisTimeoutError as exc:
            raise StoreUnavailable(NOT_ANSWERING.format(seconds=self._answer_wait_s)) from exc
        except RedisConnectionError as exc:
            raise StoreUnavailable(NOT_RUNNING) from exc
        except ResponseError as exc:
            if str(exc).startswith("MISCONF"):  # it cannot write its append-only file
                raise StoreUnavailable(disk_full_message(self.server.data_dir)) from exc
            raise QueryRejected(_explain(str(exc), timeout_ms)) from exc


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while an answer is read and converted.

    An answer is thousands of new lists and strings, alive until it is read whole, and none of
    them in a cycle. Collections during the read only promote them to the oldest generation,
    whose growth then sets off full collections of the whole heap: in a 50-run benchmark they
    tripled p95 against p50 (10 000 documents, 500-row answers). Paused, an answer that is
    dropped soon after is freed by reference counting and never collected.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _explain(message: str, timeout_ms: int | None) -> str:
    if "RO_QUERY is to be executed only on read-only queries" in message:
        return WRITE_REJECTED
    if message.startswith("Query timed out"):
        seconds = (timeout_ms or TIMEOUT_DEFAULT_MS) / 1000
        return f"The query ran longer than {seconds:g} s and was stopped."
    if "exceeded capacity" in message:
        return (
            "The query needed more memory than the store allows a query and was stopped. Ask "
            f"for less, or raise {LIMIT_VARIABLES['query_memory_mb']} and restart the store "
            "(`edukg db stop`; the next command starts it)."
        )
    if "Max pending queries exceeded" in message:
        return "The store is busy with other queries and refused this one; try again shortly."
    syntax = _SYNTAX_ERROR.match(message)
    if syntax:
        return f"Syntax error: {syntax.group(1).strip()}"
    return f"The store rejected the query: {message}"


def _entities(value: Any) -> Iterator[Node | Edge]:
    if isinstance(value, Node | Edge):
        yield value
    elif isinstance(value, Path):
        yield from value.nodes()
        yield from value.edges()
    elif isinstance(value, list):
        for item in value:
            yield from _entities(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _entities(item)


def _plain(value: Any, node_ids: dict[int, str | None]) -> Any:
    """Driver values as plain Python: nodes and edges become dicts keyed by `id` properties."""
    if isinstance(value, Node):
        props = value.properties
        props = {k: v for k, v in props.items() if k != SHADOW}  # the index's, not data
        label = value.labels[0] if value.labels else None
        return {"id": props.get("id"), "label": label, "name": props.get("name"), **props}
    if isinstance(value, Edge):
        source, target = node_ids.get(value.src_node), node_ids.get(value.dest_node)
        return {"type": value.relation, "source": source, "target": target, **value.properties}
    if isinstance(value, Path):
        nodes, edges = value.nodes(), value.edges()
        steps = [nodes[0], *(item for pair in zip(edges, nodes[1:], strict=True) for item in pair)]
        return [_plain(step, node_ids) for step in steps]
    if isinstance(value, list):
        return [_plain(item, node_ids) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item, node_ids) for key, item in value.items()}
    if hasattr(value, "isoformat"):  # date(), localtime() and friends
        return value.isoformat()
    return value
