"""Latency of every canned query (and of the choices queries the app runs to fill its select
boxes), through the same call the CLI and the app make.

Each run draws every parameter that has a choices query from those choices (seeded), except a
default of "" (meaning "all"), which is kept: it is the heaviest case and the app's first view.
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Mapping
from typing import Any

from bench.results import Latency
from edukg.catalog import load_catalog, load_choices, run_canned
from edukg.queryfile import CannedQuery
from edukg.store.base import GraphStore

CHOICES_PREFIX = "choices: "


def percentile_ms(seconds: list[float], percent: int) -> float:
    return 1000 * statistics.quantiles(seconds, n=100, method="inclusive")[percent - 1]


def _timed(run, runs: int) -> tuple[list[float], Any]:
    run(runs)  # a warm-up run, not counted: the first run also pays for the client's lookups
    seconds, result = [], None
    for index in range(runs):
        began = time.perf_counter()
        result = run(index)
        seconds.append(time.perf_counter() - began)
    return seconds, result


def _latency(seconds: list[float], rows: int) -> Latency:
    return Latency(percentile_ms(seconds, 50), percentile_ms(seconds, 95), rows)


def _param_draws(
    store: GraphStore, query: CannedQuery, runs: int, rng: random.Random
) -> list[dict[str, Any]]:
    """Parameters for each run of `query`, and one more for the warm-up."""
    columns: dict[str, list[Any]] = {}
    for param in query.params:
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
) -> dict[str, Latency]:
    """p50/p95 over `runs` runs of every canned query, then of every distinct choices query."""
    catalog = catalog if catalog is not None else load_catalog()
    rng = random.Random(seed)
    latencies = {}
    choices: dict[str, str] = {}
    for name, query in sorted(catalog.items()):
        draws = _param_draws(store, query, runs, rng)
        seconds, result = _timed(lambda i, q=query, d=draws: run_canned(store, q, d[i]), runs)
        latencies[name] = _latency(seconds, len(result.rows))
        for param in query.params:
            if param.choices:
                choices.setdefault(param.choices, f"{CHOICES_PREFIX}{name}.{param.name}")
    for cypher, label in choices.items():
        seconds, result = _timed(lambda _i, c=cypher: store.query(c), runs)
        latencies[label] = _latency(seconds, len(result.rows))
    return latencies
