"""The query catalog: the canned queries shipped in queries/ and the ones users save in the
data folder, listed by name, saved, deleted, imported, and run read-only with typed
parameters. One query and its file format are edukg.queryfile's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from edukg.queryfile import (
    CannedQuery,
    ParamError,
    QueryFileError,
    QueryParam,
    coerce_params,
    dump_query_file,
    parse_query_file,
    read_query_file,
    used_params,
)
from edukg.store.base import (
    DEFAULT_ROW_LIMIT,
    DEFAULT_TIMEOUT_MS,
    GraphStore,
    QueryResult,
    without_comment_lines,
)
from edukg.store.server import default_data_dir

CANNED_DIR = Path(str(files("edukg.queries")))  # installed unzipped: a real folder
SAVED_DIR_NAME = "saved_queries"
# Beside a folder's queries, `dialects/<backend>/NAME.cypher` holds NAME in one store's own
# Cypher, for a query that store answers far faster so (its statistics, its procedures).
DIALECTS_DIR_NAME = "dialects"

# The int param by which a query caps its rows (see run_canned).
PAGE_PARAM = "limit"


def saved_queries_dir() -> Path:
    """Where queries saved by users live: `saved_queries` in the store's data directory."""
    return default_data_dir() / SAVED_DIR_NAME


def default_folders() -> list[Path]:
    """The canned queries of the repository, then the user's saved queries if any."""
    saved = saved_queries_dir()
    return [CANNED_DIR, saved] if saved.is_dir() else [CANNED_DIR]


def load_catalog(
    folders: Iterable[Path] | None = None, problems: list[str] | None = None
) -> dict[str, CannedQuery]:
    """Every query in the folders, by name. A file whose name an earlier folder has is an
    error: a saved query never replaces a canned one. With a `problems` list, a file that
    cannot be used is left out and said there instead, so that one bad saved query does not
    hide the others. Each query carries its dialect versions (DIALECTS_DIR_NAME)."""
    catalog: dict[str, CannedQuery] = {}
    for folder in default_folders() if folders is None else folders:
        for path in sorted(Path(folder).glob("*.cypher")):
            try:
                query = read_query_file(path)
                if query.name in catalog:
                    raise QueryFileError(
                        f"{path}: left out, a query named {query.name!r} already exists in "
                        f"{catalog[query.name].path}; rename the file"
                    )
                query.dialects = _dialects(query, Path(folder) / DIALECTS_DIR_NAME)
            except QueryFileError as problem:
                if problems is None:
                    raise
                problems.append(str(problem))
                continue
            catalog[query.name] = query
    return catalog


def _dialects(query: CannedQuery, folder: Path) -> dict[str, str]:
    """The query's text in each backend's dialect found in `folder`, by backend (comment lines
    dropped); each must use the params the query declares, and no others."""
    found = {}
    for path in sorted(folder.glob(f"*/{query.name}.cypher")):
        cypher = without_comment_lines(path.read_text(encoding="utf-8"))
        if sorted(used_params(cypher)) != sorted(used_params(query.cypher)):
            raise QueryFileError(f"{path}: must use the params of {query.path}, and only those")
        found[path.parent.name] = cypher.strip()
    return found


@cache
def inner_queries(folder: str) -> dict[str, CannedQuery]:
    """The queries of one of queries/'s inner folders (pages/, examples/, eval/, lookup/,
    export/): edukg's own, not listed to analysts. Read once, when first asked for."""
    return load_catalog([CANNED_DIR / folder])


def grouped(catalog: Mapping[str, CannedQuery]) -> dict[str, list[CannedQuery]]:
    """Queries by group (ungrouped ones under "Other"), groups and queries sorted by title."""
    groups: dict[str, list[CannedQuery]] = {}
    for query in sorted(catalog.values(), key=lambda q: q.title):
        groups.setdefault(query.group or "Other", []).append(query)
    return dict(sorted(groups.items()))


# --------------------------------------------------------------------------- saving


QUERY_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]{0,63}")


def check_query_name(name: str) -> str:
    """`name` if it can be a saved query's file stem, else QueryFileError saying what fits."""
    if not QUERY_NAME.fullmatch(name):
        raise QueryFileError(
            f"{name!r} cannot name a query: use 1 to 64 letters, digits, _ or - "
            "(not starting with -)"
        )
    return name


def save_query(query: CannedQuery, folder: Path | None = None, *, replace: bool = False) -> Path:
    """Write `query` as `<name>.cypher` among the saved queries and return the path.

    The text is parsed back before writing, so a saved file always loads. A name that a
    canned query has is refused (both would be listed under one name), and so is an
    existing saved query unless `replace`.
    """
    name = check_query_name(query.name)
    if (CANNED_DIR / f"{name}.cypher").exists():
        raise QueryFileError(f"{name!r} is the name of a canned query; choose another name")
    text = dump_query_file(query)
    parse_query_file(text, name)
    folder = saved_queries_dir() if folder is None else Path(folder)
    path = folder / f"{name}.cypher"
    if path.exists() and not replace:
        raise QueryFileError(f"a saved query named {name!r} already exists")
    folder.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".cypher.part")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)  # atomic: a reader never sees half a file
    return path


def delete_query(name: str, folder: Path | None = None) -> None:
    """Remove a saved query (canned queries live in the repository and stay)."""
    folder = saved_queries_dir() if folder is None else Path(folder)
    path = folder / f"{check_query_name(name)}.cypher"
    if not path.is_file():
        raise QueryFileError(f"there is no saved query named {name!r}")
    path.unlink()


def import_query_file(
    text: str, filename: str, folder: Path | None = None, *, replace: bool = False
) -> CannedQuery:
    """Save a query file's text (e.g. an upload) under its file stem, after checking it."""
    name = check_query_name(Path(filename).stem)
    query = parse_query_file(text, name)
    query.path = save_query(query, folder, replace=replace)
    return query


# --------------------------------------------------------------------------- running


def run_canned(
    store: GraphStore,
    query: CannedQuery,
    params: Mapping[str, Any] | None = None,
    *,
    timeout_ms: int = DEFAULT_TIMEOUT_MS,
    row_limit: int = DEFAULT_ROW_LIMIT,
) -> QueryResult:
    """Run a canned query read-only; `params` may be raw strings or typed values.

    A query whose result grows with the corpus declares an int param `limit` and ends with
    `LIMIT $limit`, so that the store sorts and sends only that many rows. It is asked for one
    row more, which tells whether the answer was cut (`QueryResult.truncated`).
    """
    cypher, typed = query.statement(coerce_params(query, params or {}), store.backend)
    if PAGE_PARAM not in typed:
        return store.query(cypher, typed, timeout_ms=timeout_ms, row_limit=row_limit)
    page = typed[PAGE_PARAM]
    if page < 0:
        raise ParamError(f"param {PAGE_PARAM!r} must be 0 or more, got {page}")
    result = store.query(
        cypher, {**typed, PAGE_PARAM: page + 1}, timeout_ms=timeout_ms, row_limit=row_limit
    )
    if len(result.rows) > page:
        result.rows, result.truncated = result.rows[:page], True
    return result


def load_choices(store: GraphStore, param: QueryParam) -> list[tuple[Any, str]]:
    """(value, label) pairs for a param with a `choices` query; the default comes first
    when the graph does not hold it (e.g. "" meaning "all")."""
    if not param.choices:
        return []
    result = store.query(param.choices)
    pairs = [(r["value"], str(r["label"])) for r in result.records()]
    if param.default is not None and param.default not in {value for value, _ in pairs}:
        pairs.insert(0, (param.default, "(all)" if param.default == "" else str(param.default)))
    return pairs
