"""The benchmark report: a Markdown page of tables and a PNG plot of cost against corpus size.

python -m bench.report bench/results.json [--baseline OLD.json]   # redraw from saved figures
"""

from __future__ import annotations

import argparse
import statistics
from collections.abc import Callable, Iterable
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no display: the plot only goes to a file
import matplotlib.pyplot as plt  # noqa: E402

from bench import pipeline_speed, results  # noqa: E402
from bench.latency import CHOICES_PREFIX, REFUSED, SEARCH_PREFIX  # noqa: E402
from bench.machine import DRIFT_NOTED, SAMPLE_EVERY_S  # noqa: E402
from bench.results import LoadFigures, RunResult, SizeResult  # noqa: E402
from edukg.store.model import EVIDENCE_EDGES  # noqa: E402

LOAD_RATIO_TARGET = 0.5
P95_TARGET_MS = 100.0
MEMORY_TARGET_BYTES = 2 * 1024**3
STORE_MEMORY_TARGET_BYTES = 6 * 1024**3
INGEST_TARGET_SECONDS = 15 * 60  # for 100 000 documents
INGEST_TARGET_DOCUMENTS = 100_000
# The parts of a size's probes taken during the load's second and last tenth (bench.run)
LOAD_TENTH_PARTS = ("load, second tenth", "load, last tenth")
LOADER_GROWTH_TARGET = 1.15  # the loader's last tenth of a run at most this many times its second
INCREMENTAL_TARGET = 0.02  # a 1 % re-ingest at most this share of the full ingest's time
PAGE_RATIO_TARGET = 3.0  # a page's time to finish over an empty Streamlit page's
OFFERS = (CHOICES_PREFIX, SEARCH_PREFIX)
EVIDENCE = {
    f"edge:{kind}" for kind in EVIDENCE_EDGES.values()
}  # rows of what offers a parameter's values

MIB = 1024**2


def _row(label: str, cells: Iterable[str]) -> str:
    return f"| {label} | " + " | ".join(cells) + " |"


def _table(header: list[str], rows: list[str]) -> list[str]:
    return [_row(header[0], header[1:]), "|" + "---|" * len(header), *rows, ""]


def _rate(value: float) -> str:
    return f"{value:,.0f}"


def tenth_slices(count: int) -> tuple[slice, slice]:
    """The second and the last tenth of a series of `count` (the first tenth pays for warm-up;
    a series of one has only a first)."""
    tenth = max(1, count // 10)
    second = slice(tenth, 2 * tenth) if count > tenth else slice(0, tenth)
    return second, slice(count - tenth, count)


def tenths(values: list[float]) -> tuple[float, float]:
    """Median of the second and of the last tenth of a series (a median, so that one stall,
    such as the store rewriting its log, is not read as growth)."""
    second, last = tenth_slices(len(values))
    return statistics.median(values[second]), statistics.median(values[last])


def ingest_tenths(size: SizeResult) -> tuple[float, float]:
    """Seconds per document in the second and the last tenth of the ingest's timeline."""
    points = size.ingest.timeline
    steps = [
        (t1 - t0) / (d1 - d0)
        for (d0, t0), (d1, t1) in zip(points, points[1:], strict=False)
        if d1 > d0
    ]
    return tenths(steps) if steps else (0.0, 0.0)


def targets(run: RunResult) -> list[tuple[str, str, bool]]:
    """(target, what was measured, met?) at the largest size."""
    big = run.sizes[-1]
    rows = []
    if run.pipeline:
        speed = pipeline_speed.ratio(run.pipeline)
        rows.append(
            (
                f"whole pipeline per core ≥ {pipeline_speed.TARGET_RATIO:g}× plain jieba.cut",
                f"{speed:.2f}× on the seed documents ({run.pipeline['chars']:,.0f} characters)",
                speed >= pipeline_speed.TARGET_RATIO,
            )
        )
    ratio = big.load.ratio
    rows.append(
        (
            f"load ≥ {LOAD_RATIO_TARGET}× raw CREATE rate",
            f"{ratio:.2f}× at {big.documents:,} documents",
            ratio >= LOAD_RATIO_TARGET,
        )
    )
    for what, chosen in (
        ("canned query", {n: q for n, q in big.queries.items() if not n.startswith(OFFERS)}),
        ("picker", {n: q for n, q in big.queries.items() if n.startswith(OFFERS)}),
    ):
        worst = max(chosen.items(), key=lambda item: item[1].p95_ms)
        slow = sorted(name for name, q in chosen.items() if q.p95_ms > P95_TARGET_MS)
        rows.append(
            (
                f"every {what} p95 ≤ {P95_TARGET_MS:g} ms",
                f"{len(chosen) - len(slow)} of {len(chosen)} at {big.documents:,} documents; "
                f"worst {worst[0]}: {worst[1].p95_ms:.1f} ms"
                + (f"; over: {', '.join(slow)}" if slow else ""),
                not slow,
            )
        )
    per_target = big.ingest.seconds * INGEST_TARGET_DOCUMENTS / big.documents
    rows.append(
        (
            f"{INGEST_TARGET_DOCUMENTS:,} documents ingest in ≤ {INGEST_TARGET_SECONDS // 60} min",
            f"{big.ingest.seconds / 60:.1f} min for {big.documents:,} documents"
            + (
                f" ({per_target / 60:.1f} min per {INGEST_TARGET_DOCUMENTS:,})"
                if big.documents != INGEST_TARGET_DOCUMENTS
                else ""
            ),
            per_target <= INGEST_TARGET_SECONDS,
        )
    )
    peak = big.ingest.peak_bytes
    rows.append(
        (
            "ingest peak memory ≤ 2 GB",
            f"{peak / MIB:,.0f} MiB at {big.documents:,} documents (upper bound)",
            peak <= MEMORY_TARGET_BYTES,
        )
    )
    if big.store_bytes is not None:
        rows.append(
            (
                "store RSS ≤ 6 GB",
                f"{big.store_bytes / MIB:,.0f} MiB at {big.documents:,} documents",
                big.store_bytes <= STORE_MEMORY_TARGET_BYTES,
            )
        )
    ingest_growth, load_growth = _growth(big)
    per_doc = [s.ingest.seconds / s.documents for s in run.sizes]
    rows.append(
        (
            f"loader cost per document flat: last tenth / second tenth ≤ {LOADER_GROWTH_TARGET}×",
            f"median time per document in the last tenth / the second tenth of the "
            f"{big.documents:,}-document run: loader {load_growth:.2f}× (ingest "
            f"{ingest_growth:.2f}×){_load_tenth_probes(big)}; ingest s per 1 000 documents "
            "by size: " + ", ".join(f"{1000 * p:.0f}" for p in per_doc),
            load_growth <= LOADER_GROWTH_TARGET,
        )
    )
    if big.pages:
        ratios = {k: v["first_ratio"] for k, v in big.pages.items() if "first_ratio" in v}
        slow = sorted(name for name, ratio in ratios.items() if ratio > PAGE_RATIO_TARGET)
        worst = max(ratios, key=ratios.__getitem__)
        rows.append(
            (
                f"every explorer page ≤ {PAGE_RATIO_TARGET:g}× an empty Streamlit page",
                f"first visits at {big.documents:,} documents: worst {worst} "
                f"{ratios[worst]:.1f}×" + (f"; over: {', '.join(slow)}" if slow else ""),
                not slow,
            )
        )
    if big.incremental is not None:
        again = big.incremental
        share = again.seconds / big.ingest.seconds
        rows.append(
            (
                f"1 % changed: re-ingest ≤ {INCREMENTAL_TARGET:.0%} of the full ingest, export "
                "identical to a clean load",
                f"{again.changed:,} documents changed at {big.documents:,}: {again.seconds:.1f} s "
                f"= {share:.1%} of {big.ingest.seconds:.0f} s; {again.differing} of "
                f"{again.items:,} nodes and edges differ",
                share <= INCREMENTAL_TARGET and again.differing == 0,
            )
        )
    return rows


def markdown(run: RunResult, baseline: RunResult | None = None) -> str:
    sizes = run.sizes
    header = ["", *(f"{s.documents:,} docs" for s in sizes)]

    def line(label: str, cell: Callable[[SizeResult], str]) -> str:
        return _row(label, (cell(s) for s in sizes))

    out = [
        "# edukg benchmark report",
        "",
        f"Run {run.started} on {run.machine}; corpus seed {run.seed}. Generated by "
        "`python -m bench.run` (see bench/README.md). Timings on a shared machine are noisy: "
        "compare the ratios, which are measured in the same run.",
        "",
        "## Targets",
        "",
        *_table(
            ["target", "measured", "met"],
            [_row(t, [m, "yes" if ok else "**no**"]) for t, m, ok in targets(run)],
        ),
        *_drift(run),
        "## Ingest and load",
        "",
        "Stage rates are characters per second on one core (the stages run on every core "
        "during an ingest); the ingest rate is end to end, wall clock, on all workers. "
        "The load rows are the loader's node and edge rows; the raw CREATE writes the same "
        "rows into another graph of the same server with `UNWIND $rows AS row CREATE …`, in "
        "the same batches, but each node and edge once (a later row of the same node or edge "
        "is an update, which CREATE cannot express).",
        "",
        *_table(
            header,
            [
                line("characters", lambda s: f"{s.chars:,}"),
                line("graph nodes / edges", lambda s: f"{_nodes(s):,} / {_edges(s):,}"),
                line(
                    "evidence edges (one per fact and document)",
                    lambda s: f"{_evidence_edges(s):,}",
                ),
                line("ingest wall time (s)", lambda s: f"{s.ingest.seconds:,.1f}"),
                line(
                    "ingest s per 1 000 docs",
                    lambda s: f"{1000 * s.ingest.seconds / s.documents:,.1f}",
                ),
                line("ingest chars/s (end to end)", lambda s: _rate(s.chars / s.ingest.seconds)),
                *(  # rows of figures a run before 2026-12-07, evening, did not take
                    [line("ingest CPU (core-s): process / workers / store", _ingest_cpu)]
                    if any(s.ingest.cpu_seconds for s in sizes)
                    else []
                ),
                *(
                    [
                        line(
                            f"machine probe (ms of CPU): {' / '.join(parts)}",
                            lambda s: _probes(s, parts),
                        )
                    ]
                    if (parts := _probed_parts(sizes))
                    else []
                ),
                *(
                    line(f"stage {stage} chars/s", lambda s, st=stage: _rate(s.stage_rates()[st]))
                    for stage in (*sizes[0].stage_seconds, "load")
                ),
                line("loader rows", lambda s: f"{s.load.rows:,}"),
                line("loader rows/s", lambda s: _rate(s.load.rows / s.load.load_seconds)),
                line("raw CREATE rows/s", lambda s: _rate(s.load.rows / s.load.raw_create_seconds)),
                line("**loader / raw CREATE**", lambda s: f"**{s.load.ratio:.2f}×**"),
                line("final compaction (s)", lambda s: f"{s.load.compact_seconds:.2f}"),
                line("peak RSS ingest process (MiB)", lambda s: _mib(s.ingest.peak_main_bytes)),
                line("peak RSS largest worker (MiB)", lambda s: _mib(s.ingest.peak_worker_bytes)),
                line("**peak ingest memory bound (MiB)**", lambda s: _mib(s.ingest.peak_bytes)),
                line("store server RSS (MiB)", lambda s: _mib(s.store_bytes)),
                line("store files on disk (MiB)", lambda s: _mib(s.disk_bytes)),
                line("1 % changed: documents", lambda s: _incremental(s, "changed")),
                line("1 % changed: re-ingest (s)", lambda s: _incremental(s, "seconds")),
                line(
                    "1 % changed: share of the full ingest",
                    lambda s: (
                        f"{s.incremental.seconds / s.ingest.seconds:.1%}" if s.incremental else ""
                    ),
                ),
                line(
                    "1 % changed: nodes/edges unlike a clean load",
                    lambda s: _incremental(s, "differing"),
                ),
            ],
        ),
        "The memory bound is the ingest process plus every worker at the largest worker's peak. "
        "An ingest leaves the rewrite of the store's files to the store's own child process: the "
        "times stop when the ingest returns, and the run waits for the rewrite before measuring "
        "on.",
        "",
        "## Query latency (ms, p50 / p95)",
        "",
        f"{run.runs_per_query} runs each after one warm-up run, through "
        "`edukg.catalog.run_canned`, as the CLI and the app run them. Every run draws the "
        "parameters that have a choices query from those choices; an \"all\" default ('') is "
        "kept. The `choices:` rows are the queries that fill the app's select boxes; the "
        "`search:` rows the searches of its pickers for kinds that run to thousands (two "
        "characters of a name typed, the best 50 hits).",
        "",
        *_table(
            ["query", *header[1:], "rows at largest"],
            [
                _row(
                    name,
                    [
                        *(_latency_cell(s, name) for s in sizes),
                        _rows_cell(sizes[-1], name),
                    ],
                )
                for name in _query_names(sizes)
            ],
        ),
    ]
    if sizes[-1].pages:
        out += _page_table(sizes[-1])
    if baseline is not None:
        out += _comparison(baseline, run)
    return "\n".join(out)


def _page_table(size: SizeResult) -> list[str]:
    pages = size.pages or {}
    empty = pages.get("empty page", {}).get("first_s", 0.0)
    rows = [
        _row(
            name,
            [
                f"{v['first_s']:.2f}",
                f"{v['first_ratio']:.1f}×",
                f"{v['again_s']:.2f}",
                f"{v['again_ratio']:.1f}×",
            ],
        )
        for name, v in pages.items()
        if "first_ratio" in v
    ]
    return [
        f"## Explorer pages at {size.documents:,} documents (headless Chromium)",
        "",
        f"Seconds until each page's script finished, opened on the busiest measure, province, "
        f"policy and the newest document (`bench/pages.py`), against an empty Streamlit page "
        f"served and opened the same way: {empty:.2f} s. The first visit runs the page's "
        "queries; the second finds them in the explorer's cache. Each figure is the median of "
        "three visits, the explorer served afresh for each first one.",
        "",
        *_table(["page", "first visit (s)", "ratio", "again (s)", "ratio"], rows),
    ]


def _comparison(before: RunResult, after: RunResult) -> list[str]:
    """Before/after figures for the sizes both runs measured."""
    common = sorted({s.documents for s in before.sizes} & {s.documents for s in after.sizes})
    by_size = {
        n: (
            next(s for s in before.sizes if s.documents == n),
            next(s for s in after.sizes if s.documents == n),
        )
        for n in common
    }
    rows = []
    for n, (old, new) in by_size.items():
        rows.append(
            _row(
                f"{n:,} docs: ingest s",
                [f"{old.ingest.seconds:,.1f}", f"{new.ingest.seconds:,.1f}"],
            )
        )
        rows.append(
            _row(
                f"{n:,} docs: loader / raw CREATE",
                [f"{old.load.ratio:.2f}×", f"{new.load.ratio:.2f}×"],
            )
        )
        rows.append(
            _row(
                f"{n:,} docs: loader last/second tenth",
                [f"{_growth(old)[1]:.2f}×", f"{_growth(new)[1]:.2f}×"],
            )
        )
        if old.probe_seconds and new.probe_seconds:  # the machine's speed in each run
            parts = _probed_parts([new])
            rows.append(
                _row(
                    f"{n:,} docs: machine probe ms of CPU ({' / '.join(parts)})",
                    [_probes(old, parts), _probes(new, parts)],
                )
            )
        rows.append(
            _row(
                f"{n:,} docs: peak memory bound MiB",
                [_mib(old.ingest.peak_bytes), _mib(new.ingest.peak_bytes)],
            )
        )
        for name in _query_names([new]):
            if name in old.queries:
                rows.append(
                    _row(
                        f"{n:,} docs: {name} p95 ms",
                        [f"{old.queries[name].p95_ms:.1f}", f"{new.queries[name].p95_ms:.1f}"],
                    )
                )
    return [
        "## Before and after the fixes",
        "",
        f"Before: the run of {before.started}; after: this run.",
        "",
        *_table(["figure", "before", "after"], rows),
    ]


def _growth(size: SizeResult) -> tuple[float, float]:
    """(ingest, loader): time per document in the last tenth over the second tenth."""
    second, last = ingest_tenths(size)
    load_second, load_last = tenths(per_document(size.load, size.documents))
    return last / second if second else 1.0, load_last / load_second if load_second else 1.0


def _load_tenth_probes(size: SizeResult) -> str:
    """The machine's probe in the load's second and last tenth, when the run took them: a
    loader slower at the end on a machine that slowed down is not a loader that grows."""
    probes = [(size.probe_seconds or {}).get(part) for part in LOAD_TENTH_PARTS]
    if None in probes:
        return ""
    second, last = probes
    return f", the machine's probe in those tenths {second * 1000:.0f} and {last * 1000:.0f} ms"


def per_document(load: LoadFigures, documents: int) -> list[float]:
    """Seconds per document of each full load chunk of `documents`. A shorter last chunk is
    left out: part of a chunk's cost (its statements' own overhead) does not depend on how many
    documents it holds."""
    seconds = load.chunk_seconds
    chunk = load.chunk_documents or -(-documents // len(seconds))  # older runs
    full = seconds if documents == chunk * len(seconds) else seconds[:-1]
    return [s / chunk for s in full] or [s / documents for s in seconds]


def _query_names(sizes: list[SizeResult]) -> list[str]:
    names = dict.fromkeys(name for s in sizes for name in s.queries)
    return sorted(names, key=lambda name: (name.startswith(OFFERS), name))


def _rows_cell(size: SizeResult, name: str) -> str:
    figures = size.queries.get(name)
    if figures is None:
        return ""
    return "timed out" if figures.rows == REFUSED else str(figures.rows)


def _latency_cell(size: SizeResult, name: str) -> str:
    figures = size.queries.get(name)
    if figures is None:
        return ""
    p95 = f"{figures.p95_ms:.1f}"
    if figures.p95_ms > P95_TARGET_MS:
        p95 = f"**{p95}**"
    return f"{figures.p50_ms:.1f} / {p95}"


def _incremental(size: SizeResult, name: str) -> str:
    if size.incremental is None:
        return ""
    value = getattr(size.incremental, name)
    return f"{value:,.1f}" if isinstance(value, float) else f"{value:,}"


def _nodes(size: SizeResult) -> int:
    return sum(v for k, v in size.graph.items() if k.startswith("node:"))


def _edges(size: SizeResult) -> int:
    """Edges but the evidence edges (each document's evidence for a fact, counted apart)."""
    return sum(v for k, v in size.graph.items() if k.startswith("edge:") and k not in EVIDENCE)


def _evidence_edges(size: SizeResult) -> int:
    return sum(v for k, v in size.graph.items() if k in EVIDENCE)


def _ingest_cpu(size: SizeResult) -> str:
    """Where the ingest's CPU went, and how many cores it kept busy on average."""
    cpu = size.ingest.cpu_seconds
    if cpu is None:
        return ""
    parts = [cpu["ingest process"], cpu["workers"], cpu["store"]]
    shown = " / ".join(f"{part:,.0f}" for part in parts)
    busy = sum(parts) / size.ingest.seconds
    return f"{shown} ({busy:.2f} cores busy)"


def _probed_parts(sizes: list[SizeResult]) -> list[str]:
    """The parts of the sizes' figures that have a probe of the machine, in the run's order."""
    return list(dict.fromkeys(m for s in sizes for m in (s.probe_seconds or {})))


def _probes(size: SizeResult, parts: list[str]) -> str:
    """The size's probe of each part, in ms, in the order of `parts` ('-' for none)."""
    probes = size.probe_seconds or {}
    return " / ".join(f"{probes[m] * 1000:.0f}" if m in probes else "-" for m in parts)


def _drift(run: RunResult) -> list[str]:
    """A word on the machine's speed through the run (bench.machine): which sizes' figures of a
    part (an ingest, the queries) were taken while the machine was DRIFT_NOTED times slower
    than for the same part at another size. Parts are set against the same part only: a probe
    taken while every core is busy (an ingest) reads slower than one beside the queries."""
    by_part: dict[str, list[tuple[int, float]]] = {}
    for size in run.sizes:
        for part, seconds in (size.probe_seconds or {}).items():
            by_part.setdefault(part, []).append((size.documents, seconds))
    if not by_part:
        return []  # a run before the machine was sampled
    slowed = []
    for part, taken in by_part.items():
        fastest = min(seconds for _, seconds in taken)
        slowed += [
            f"{part} at {documents:,} documents {seconds / fastest:.2f}×"
            for documents, seconds in taken
            if seconds > DRIFT_NOTED * fastest
        ]
    probe = (
        "its probe (bench.machine): the CPU time of a fixed `jieba.cut`, sampled every "
        f"{SAMPLE_EVERY_S:g} s, "
        "its median over each part in the row 'machine probe' below"
    )
    if not slowed:
        return [f"The machine's speed held through the run, by {probe}.", ""]
    return [
        f"**Read with care: the machine was slower for part of the run**, by {probe}. Against "
        f"the same part at its fastest size: {', '.join(slowed)}.",
        "",
    ]


def _mib(value: int | None) -> str:
    return "?" if value is None else f"{value / MIB:,.0f}"


def plot(run: RunResult, path: Path) -> None:
    """Three panels against the number of documents: time, query p95, memory."""
    docs = [s.documents for s in run.sizes]
    figure, (times, queries, memory) = plt.subplots(1, 3, figsize=(16, 5))

    times.plot(docs, [s.ingest.seconds for s in run.sizes], "o-", label="ingest (wall)")
    for stage in run.sizes[0].stage_seconds:
        times.plot(docs, [s.stage_seconds[stage] for s in run.sizes], ".--", label=f"{stage} (CPU)")
    times.plot(docs, [s.load.load_seconds for s in run.sizes], "s-", label="loader")
    times.plot(docs, [s.load.raw_create_seconds for s in run.sizes], "^-", label="raw CREATE")
    first = run.sizes[0]
    times.plot(
        docs,
        [first.ingest.seconds * n / first.documents for n in docs],
        ":",
        color="grey",
        label="linear from smallest",
    )
    times.set(xscale="log", yscale="log", xlabel="documents", ylabel="seconds", title="Time")
    times.legend(fontsize="small")

    for name in _query_names(run.sizes):
        if not name.startswith(OFFERS):
            queries.plot(docs, [s.queries[name].p95_ms for s in run.sizes], "o-", label=name)
    queries.axhline(P95_TARGET_MS, color="red", linestyle=":", label="target")
    queries.set(xscale="log", yscale="log", xlabel="documents", ylabel="ms", title="Query p95")
    queries.legend(fontsize="x-small")

    memory.plot(docs, [s.ingest.peak_bytes / MIB for s in run.sizes], "o-", label="ingest bound")
    memory.plot(docs, [s.ingest.peak_main_bytes / MIB for s in run.sizes], ".--", label="main")
    memory.plot(docs, [s.ingest.peak_worker_bytes / MIB for s in run.sizes], ".--", label="worker")
    memory.plot(docs, [(s.store_bytes or 0) / MIB for s in run.sizes], "s-", label="store server")
    memory.axhline(MEMORY_TARGET_BYTES / MIB, color="red", linestyle=":", label="target")
    memory.set(xscale="log", xlabel="documents", ylabel="MiB", title="Peak memory")
    memory.legend(fontsize="small")

    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)


def write_report(run: RunResult, folder: Path, baseline: RunResult | None = None) -> None:
    (folder / "REPORT.md").write_text(markdown(run, baseline), encoding="utf-8")
    plot(run, folder / "cost.png")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results", type=Path)
    parser.add_argument("--baseline", type=Path)
    args = parser.parse_args()
    baseline = results.load(args.baseline) if args.baseline else None
    write_report(results.load(args.results), args.results.parent, baseline)


if __name__ == "__main__":
    main()
