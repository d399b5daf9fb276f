"""What one benchmark run measured, per corpus size; saved as JSON next to the report so that
the report and the plot can be redrawn and later runs compared with this one."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path


@dataclass
class IngestFigures:
    """One `ingest_paths` run in its own process, as a user runs it."""

    seconds: float
    workers: int
    peak_main_bytes: int  # ru_maxrss of the ingest process
    peak_worker_bytes: int  # ru_maxrss of its largest NLP worker
    timeline: list[tuple[int, float]]  # (documents done, seconds since start)
    totals: dict[str, int]
    skipped: int
    # CPU seconds (user + system) the ingest took in each part: "ingest process", "workers",
    # "store" (the server). None in runs before 2026-12-07, evening.
    cpu_seconds: dict[str, float] | None = None

    @property
    def peak_bytes(self) -> int:
        """An upper bound on the memory the ingest held at once: main plus every worker at
        its largest (shared copy-on-write pages are counted once per process)."""
        return self.peak_main_bytes + self.workers * self.peak_worker_bytes


@dataclass
class LoadFigures:
    """The loader against a raw `UNWIND … CREATE` of the same rows, same store, same run."""

    rows: int  # rows the loader sent
    raw_rows: int  # rows the raw CREATE wrote: each node and edge once
    statements: int
    load_seconds: float  # loader.load over all chunks, without the final compaction
    compact_seconds: float
    raw_create_seconds: float
    chunk_seconds: list[float]  # loader time of each chunk, in order
    chunk_documents: int = 0  # documents in each chunk but the last (0: not recorded)
    # time.time() as each chunk began, for the machine's probe of a tenth of the chunks; empty
    # in runs before 2026-12-07, late
    chunk_started: list[float] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.rows / self.load_seconds

    @property
    def raw_rate(self) -> float:
        return self.raw_rows / self.raw_create_seconds

    @property
    def ratio(self) -> float:
        """Loader rate / raw CREATE rate, in rows per second (the target is at least 0.5)."""
        return self.rate / self.raw_rate


@dataclass
class IncrementalFigures:
    """A re-ingest after 1 % of the documents changed, against a clean load of the new corpus."""

    changed: int  # documents rewritten
    seconds: float  # the re-ingest, end to end
    differing: int  # nodes and edges of its export that the clean load's export lacks, and back
    items: int  # nodes and edges in the clean load's export


@dataclass
class Latency:
    p50_ms: float
    p95_ms: float
    rows: int  # rows of the last run


@dataclass
class SizeResult:
    documents: int
    chars: int
    ingest: IngestFigures
    stage_seconds: dict[str, float]  # per stage, summed over the workers (CPU-bound)
    load: LoadFigures
    queries: dict[str, Latency]
    store_bytes: int | None  # resident memory of the store server after the ingest
    graph: dict[str, int] = field(default_factory=dict)  # node and edge counts
    disk_bytes: int | None = None  # the store's files after the ingest's compaction
    incremental: IncrementalFigures | None = None
    pages: dict[str, dict[str, float]] | None = None  # bench.pages.page_timings, largest size
    # The machine's probe (bench.machine) while each part of this size's figures ran, the
    # median of its samples: "ingest", "re-ingest", "stages", "load", "queries", "pages".
    # None in runs before 2026-12-07, night.
    probe_seconds: dict[str, float] | None = None

    def stage_rates(self) -> dict[str, float]:
        """Characters per second of each stage on one core; load over the whole run."""
        rates = {name: self.chars / s for name, s in self.stage_seconds.items() if s}
        rates["load"] = self.chars / self.load.load_seconds
        return rates


@dataclass
class RunResult:
    machine: str
    started: str
    seed: int
    runs_per_query: int
    sizes: list[SizeResult]
    # bench.pipeline_speed.measure over the seed documents: seconds of each stage and of
    # plain jieba.cut, and the characters (None: no seed documents on the machine)
    pipeline: dict[str, float] | None = None


def save(result: RunResult, path: Path) -> None:
    path.write_text(json.dumps(asdict(result), ensure_ascii=False, indent=1), encoding="utf-8")


def load(path: Path) -> RunResult:
    data = json.loads(path.read_text(encoding="utf-8"))
    sizes = [
        SizeResult(
            documents=size["documents"],
            chars=size["chars"],
            ingest=IngestFigures(
                **{**size["ingest"], "timeline": [tuple(t) for t in size["ingest"]["timeline"]]}
            ),
            stage_seconds=size["stage_seconds"],
            load=LoadFigures(**size["load"]),
            queries={name: Latency(**figures) for name, figures in size["queries"].items()},
            store_bytes=size["store_bytes"],
            graph=size["graph"],
            disk_bytes=size.get("disk_bytes"),
            incremental=IncrementalFigures(**size["incremental"])
            if size.get("incremental")
            else None,
            pages=size.get("pages"),
            probe_seconds=size.get("probe_seconds"),
        )
        for size in data.pop("sizes")
    ]
    return RunResult(**data, sizes=sizes)
