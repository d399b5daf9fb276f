"""One ingest measured from inside its own process, so that its peak memory is its own.

    python -m bench.ingest_job DATA_DIR CORPUS_DIR --workers 2

The embedded server of DATA_DIR must be running. Prints the figures as one JSON object.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from dataclasses import asdict
from pathlib import Path

from bench.results import IngestFigures
from edukg.ingest.pipeline import ingest_paths
from edukg.store.falkordb_store import FalkorDBStore
from edukg.store.server import EmbeddedServer

TIMELINE_POINTS = 100
KIB = 1024  # ru_maxrss and /proc/self/status give KiB on Linux


def own_peak_bytes() -> int:
    """This process's peak resident memory. Not ru_maxrss: Linux carries the parent's resident
    memory at the fork over the exec into it (bench.run holding 1.4 GB made every ingest's peak
    at least that), while VmHWM is the high-water mark of this program's own memory."""
    try:
        status = Path("/proc/self/status").read_text().splitlines()
    except OSError:
        status = []
    peak = next((line.split()[1] for line in status if line.startswith("VmHWM:")), None)
    if peak is None:  # no /proc (macOS): the rusage figure, an upper bound
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * KIB
    return int(peak) * KIB


def store_cpu_seconds(server: EmbeddedServer) -> float:
    """The CPU time (user + system) the store server has had so far, as it reports it."""
    db = server.client()
    try:
        cpu = db.connection.info("cpu")
    finally:
        db.close()
    return float(cpu["used_cpu_user"]) + float(cpu["used_cpu_sys"])


def _cpu(usage: resource.struct_rusage) -> float:
    return usage.ru_utime + usage.ru_stime


def measured_ingest(data_dir: Path, corpus: Path, workers: int) -> IngestFigures:
    """The ingest's wall time, progress, peak memory and CPU time: where the CPU goes tells
    what bounds an ingest when every core is busy."""
    timeline: list[tuple[int, float]] = []
    server = EmbeddedServer(data_dir)
    store_before = store_cpu_seconds(server)
    own_before = _cpu(resource.getrusage(resource.RUSAGE_SELF))
    started = time.perf_counter()

    def progress(done: int, total: int) -> None:
        if done == total or done % max(1, total // TIMELINE_POINTS) == 0:
            timeline.append((done, time.perf_counter() - started))

    with FalkorDBStore(server) as store:
        report = ingest_paths(store, [corpus], workers=workers, on_progress=progress)
    seconds = time.perf_counter() - started
    store_after = store_cpu_seconds(server)
    cpu_seconds = {
        "ingest process": _cpu(resource.getrusage(resource.RUSAGE_SELF)) - own_before,
        "workers": _cpu(resource.getrusage(resource.RUSAGE_CHILDREN)),
        "store": store_after - store_before,
    }
    return IngestFigures(
        seconds=seconds,
        workers=workers,
        peak_main_bytes=own_peak_bytes(),
        peak_worker_bytes=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * KIB,
        timeline=timeline,
        totals=report.totals,
        skipped=len(report.skipped),
        cpu_seconds=cpu_seconds,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    figures = measured_ingest(args.data_dir, args.corpus, args.workers)
    print(json.dumps(asdict(figures)))


if __name__ == "__main__":
    main()
