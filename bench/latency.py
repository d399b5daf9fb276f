"""Latency of every canned query (and of what the app runs to offer a parameter's values: the
choices query of a select box, or for a kind that runs to thousands, the search its picker
makes as one types), through the same call the CLI and the app make.

Each run draws every parameter that has a choices query from those choices (seeded), except a
default of "" (meaning "all"), which is kept: it is the heaviest case and the app's first view,
and a parameter given a fixed value.

On a graph already built (the store `open_store()` picks, e.g. EDUKG_DATA_DIR), a few queries
with fixed parameters, without rebuilding the benchmark corpus:

    python -m bench.latency --only measure_diffusion -p measure=measure:group_schooling
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Mapping
from typing import Any

from bench.results import Latency
from edukg.catalog import load_catalog, load_choices, run_canned
from edukg.lookup import LISTED_KINDS, node_kinds
from edukg.queryfile import CannedQuery, QueryParam
from edukg.store.base import DEFAULT_TIMEOUT_MS, GraphStore, QueryRejected

CHOICES_PREFIX = "choices: "
SEARCH_PREFIX = "search: "
REFUSED = -1  # the rows of a query the store refused (timed out)
PICKER_HITS = 50  # what a searching picker asks for (edukg.explorer.pickers)
TYPED = 2  # characters typed into a searching picker


def percentile_ms(seconds: list[float], percent: int) -> float:
    return 1000 * statistics.quantiles(seconds, n=100, method="inclusive")[percent - 1]


def _timed(run, runs: int) -> tuple[list[float], Any]:
    """Seconds of each run and the last answer. A run the store refuses (its timeout, or an
    answer over the size cap) counts as the timeout and ends the series: one slow query
    must not cost the figures of a run of an hour."""
    try:
        run(runs)  # a warm-up run, not counted: the first run also pays for the client's lookups
    except QueryRejected:
        return [DEFAULT_TIMEOUT_MS / 1000] * 2, None
    seconds, result = [], None
    for index in range(runs):
        began = time.perf_counter()
        try:
            result = run(index)
        except QueryRejected:
            return seconds + [DEFAULT_TIMEOUT_MS / 1000] * max(2, runs - index), None
        seconds.append(time.perf_counter() - began)
    return seconds, result


def _latency(seconds: list[float], rows: int) -> Latency:
    return Latency(percentile_ms(seconds, 50), percentile_ms(seconds, 95), rows)


def _param_draws(
    store: GraphStore,
    query: CannedQuery,
    runs: int,
    rng: random.Random,
    fixed: Mapping[str, Any] | None = None,
) -> list[dict[str, Any]]:
    """Parameters for each run of `query`, and one more for the warm-up."""
    columns: dict[str, list[Any]] = {}
    for param in query.params:
        if fixed and param.name in fixed:
            columns[param.name] = [fixed[param.name]] * (runs + 1)
            continue
        values = [value for value, _label in load_choices(store, param)]
        if param.default == "" or not values:
            columns[param.name] = [param.default] * (runs + 1)
        else:
            columns[param.name] = [rng.choice(values) for _ in range(runs + 1)]
    return [{name: column[i] for name, column in columns.items()} for i in range(runs + 1)]


def query_latencies(
    store: GraphStore,
    runs: int,
    seed: int,
    catalog: Mapping[str, CannedQuery] | None = None,
    fixed: Mapping[str, Any] | None = None,
    choices: bool = True,
) -> dict[str, Latency]:
    """p50/p95 over `runs` runs of every canned query (the parameters in `fixed` set, the
    others drawn), then of what offers each parameter's values (unless `choices` is False)."""
    catalog = catalog if catalog is not None else load_catalog()
    rng = random.Random(seed)
    latencies = {}
    offers: dict[str, tuple[str, QueryParam]] = {}
    for name, query in sorted(catalog.items()):
        draws = _param_draws(store, query, runs, rng, fixed)
        seconds, result = _timed(lambda i, q=query, d=draws: run_canned(store, q, d[i]), runs)
        latencies[name] = _latency(seconds, len(result.rows) if result else REFUSED)
        for param in query.params:
            if param.choices:
                offers.setdefault(param.choices, (f"{name}.{param.name}", param))
    for cypher, (label, param) in offers.items() if choices else ():
        kinds = node_kinds(param)
        if kinds and not set(kinds) <= LISTED_KINDS:
            latencies[SEARCH_PREFIX + label] = _picker_latency(store, param, kinds, runs, rng)
        else:
            seconds, result = _timed(lambda _i, c=cypher: store.query(c), runs)
            rows = len(result.rows) if result else REFUSED
            latencies[CHOICES_PREFIX + label] = _latency(seconds, rows)
    return latencies


def _picker_latency(
    store: GraphStore, param: QueryParam, kinds: tuple[str, ...], runs: int, rng: random.Random
) -> Latency:
    """A searching picker, run by run: the first characters of the name of a node among the
    choices typed, the best PICKER_HITS nodes of those kinds found."""
    names = [label.strip() for _value, label in load_choices(store, param) if label.strip()]
    typed = [rng.choice(names)[:TYPED] if names else "" for _ in range(runs + 1)]

    def search(run: int) -> list:
        return store.search(typed[run], kinds=kinds, limit=PICKER_HITS, prefix=True)

    seconds, hits = _timed(search, runs)
    return _latency(seconds, len(hits) if hits is not None else REFUSED)


def main() -> None:
    from edukg.store import open_store

    parser = argparse.ArgumentParser(description="p50/p95 of canned queries on a built graph.")
    parser.add_argument("--only", nargs="+", help="Names of the queries to time (default all).")
    parser.add_argument("-p", "--param", action="append", default=[], help="KEY=VALUE, fixed.")
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    catalog = load_catalog()
    if args.only:
        catalog = {name: catalog[name] for name in args.only}
    fixed = dict(item.split("=", 1) for item in args.param)
    with open_store() as store:
        found = query_latencies(store, args.runs, args.seed, catalog, fixed, choices=False)
    for name, latency in found.items():
        p50, p95 = latency.p50_ms, latency.p95_ms
        print(f"{name:32} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  rows {latency.rows}")


if __name__ == "__main__":
    main()
