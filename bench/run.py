"""Run the benchmarks and write the report.

    python -m bench.run --sizes 100 1000 10000

First the pipeline's speed per core against plain jieba.cut on the seed documents. For each
size: generate the corpus, start a fresh embedded store, ingest the corpus in a
process of its own (time, memory, the store's memory and files), change 1 % of the documents
and ingest the folder again, time each pipeline stage, time the loader against a raw CREATE
of the same rows (a clean load of the changed corpus, whose export the re-ingest's must
equal), and time every canned query; the machine's speed sampled all along (bench.machine),
each part of the figures with its own. Writes results.json, REPORT.md and cost.png into
--out (default: this folder).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from bench import pipeline_speed, results
from bench.corpus import SEED, write_corpus
from bench.incremental import change_documents, graph_items
from bench.latency import query_latencies
from bench.load import LOADED_GRAPH, compare_load
from bench.machine import Sampler
from bench.pages import page_timings
from bench.report import LOAD_TENTH_PARTS, per_document, tenth_slices, write_report
from bench.results import IncrementalFigures, IngestFigures, LoadFigures, RunResult, SizeResult
from bench.stages import spooled, timed_stages
from edukg.catalog import inner_queries, run_canned
from edukg.store.falkordb_store import FalkorDBStore
from edukg.store.model import NODE_LABELS, STORED_EDGE_TYPES
from edukg.store.server import EmbeddedServer

HERE = Path(__file__).resolve().parent
FREED_POLL_S = 1.0


def log(message: str) -> None:
    print(f"{time.strftime('%H:%M:%S')} {message}", file=sys.stderr, flush=True)


def measure_size(
    size: int,
    work: Path,
    workers: int,
    runs: int,
    seed: int,
    sampler: Sampler,
    pages: bool = False,
) -> SizeResult:
    corpus_dir = work / f"corpus-{size}"
    shutil.rmtree(corpus_dir, ignore_errors=True)
    corpus = write_corpus(corpus_dir, size, seed)
    log(f"{size} documents: {corpus.chars:,} characters in {corpus_dir}")
    data_dir = work / f"data-{size}"
    shutil.rmtree(data_dir, ignore_errors=True)
    server = EmbeddedServer(data_dir)
    server.start()
    try:
        with sampler.part("ingest"):
            ingest = _ingest_in_own_process(data_dir, corpus_dir, workers)
        log(f"  ingest {ingest.seconds:.1f} s")
        log(f"  the store's files rewritten {_settled(server):.1f} s later")
        store_bytes = server.status().memory_bytes
        disk_bytes = sum(f.stat().st_size for f in server.aof_dir.rglob("*") if f.is_file())
        changed = change_documents(corpus_dir, size, seed)
        with sampler.part("re-ingest"):
            again = _ingest_in_own_process(data_dir, corpus_dir, workers)
        log(f"  {len(changed)} documents changed, ingested again in {again.seconds:.1f} s")
        log(f"  the store's files rewritten {_settled(server):.1f} s later")
        spool = work / f"facts-{size}.pickle"
        with sampler.part("stages"):
            stage_seconds = timed_stages(corpus.paths, workers, spool)
        log("  stages " + ", ".join(f"{k} {v:.1f} s" for k, v in stage_seconds.items()))
        with sampler.part("load"):
            load = compare_load(server, spooled(spool), keep=True)
        _mark_load_tenths(sampler, load, size)
        spool.unlink()
        log(f"  loader {load.load_seconds:.1f} s, raw CREATE {load.raw_create_seconds:.1f} s")
        with FalkorDBStore(server) as store, FalkorDBStore(server, LOADED_GRAPH) as clean:
            clean_items = graph_items(clean)
            differing = len(graph_items(store) ^ clean_items)
            clean.clear()
            incremental = IncrementalFigures(
                len(changed), again.seconds, differing, len(clean_items)
            )
            log(f"  re-ingest against a clean load: {differing} nodes and edges differ")
            log(f"  the clean load's graph freed {_freed(server):.1f} s later")
            graph = _graph_counts(store)
            with sampler.part("queries"):
                queries = query_latencies(store, runs, seed)
            log(f"  queries: worst p95 {max(q.p95_ms for q in queries.values()):.1f} ms")
            timings = None
            if pages:
                with sampler.part("pages"):
                    timings = page_timings(store, data_dir)
        if timings:
            worst = max(v["first_ratio"] for k, v in timings.items() if "first_ratio" in v)
            log(f"  pages: slowest first visit {worst:.1f}× the empty page")
    finally:
        server.stop()
        shutil.rmtree(data_dir, ignore_errors=True)
    return SizeResult(
        documents=size,
        chars=corpus.chars,
        ingest=ingest,
        stage_seconds=stage_seconds,
        load=load,
        queries=queries,
        store_bytes=store_bytes,
        graph=graph,
        disk_bytes=disk_bytes,
        incremental=incremental,
        pages=timings,
        probe_seconds=sampler.probes(),
    )


def _mark_load_tenths(sampler: Sampler, load: LoadFigures, documents: int) -> None:
    """Mark the chunks whose time per document the loader's growth is read from as parts of
    their own, so that each gets the machine's probe."""
    full_chunks = len(per_document(load, documents))
    for name, chunks in zip(LOAD_TENTH_PARTS, tenth_slices(full_chunks), strict=True):
        started, seconds = load.chunk_started[chunks], load.chunk_seconds[chunks]
        sampler.mark(name, started[0], started[-1] + seconds[-1])


def _probes_said(probes: dict[str, float] | None) -> str:
    return ", ".join(f"{part} {seconds * 1000:.0f}" for part, seconds in (probes or {}).items())


def _settled(server: EmbeddedServer) -> float:
    """Wait for the rewrite of the store's files an ingest leaves running (the next figures
    would share the cores with it); the seconds waited."""
    started = time.perf_counter()
    server.finish_rewrite()
    return time.perf_counter() - started


def _freed(server: EmbeddedServer, timeout: float = 300.0) -> float:
    """Wait until the store has freed a deleted graph, which it does in the background (the
    queries timed next would share the cores with it); the seconds waited."""
    started = time.perf_counter()
    db = server.client(timeout=10.0)
    used = int(db.connection.info("memory")["used_memory"])
    while time.perf_counter() - started < timeout:
        time.sleep(FREED_POLL_S)
        before, used = used, int(db.connection.info("memory")["used_memory"])
        if used >= before * 0.99:  # no longer falling
            break
    db.close()
    return time.perf_counter() - started


def _ingest_in_own_process(data_dir: Path, corpus: Path, workers: int) -> IngestFigures:
    command = [sys.executable, "-m", "bench.ingest_job", str(data_dir), str(corpus)]
    done = subprocess.run(
        [*command, "--workers", str(workers)], capture_output=True, text=True, cwd=HERE.parent
    )
    if done.returncode != 0:
        raise RuntimeError(f"the ingest failed (exit {done.returncode}):\n{done.stderr}")
    data = json.loads(done.stdout)
    data["timeline"] = [tuple(point) for point in data["timeline"]]
    return IngestFigures(**data)


def _graph_counts(store: FalkorDBStore) -> dict[str, int]:
    """Nodes per label and edges per type, each a bare count (the stores answer those from
    their statistics; one statement counting them all scans every edge)."""
    pages = inner_queries("pages")
    counts = {
        f"node:{label}": run_canned(store, pages["label_count"], {"label": label}).rows[0][0]
        for label in NODE_LABELS
    }
    counts |= {
        f"edge:{kind}": run_canned(store, pages["type_count"], {"type": kind}).rows[0][0]
        for kind in STORED_EDGE_TYPES
    }
    return {name: total for name, total in counts.items() if total}


def _machine() -> str:
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3
    return (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, {memory:.0f} GiB RAM, "
        f"Python {platform.python_version()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--runs", type=int, default=50, help="Runs of each query.")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--out", type=Path, default=HERE, help="Folder for the report.")
    parser.add_argument("--work", type=Path, help="Scratch folder (default: a temp folder).")
    parser.add_argument("--baseline", type=Path, help="An earlier results.json to compare.")
    parser.add_argument(
        "--no-pages", action="store_true", help="Skip the page timings in Chromium."
    )
    args = parser.parse_args()

    work = args.work or Path(tempfile.mkdtemp(prefix="edukg-bench-"))
    run = RunResult(
        machine=_machine(),
        started=datetime.now().isoformat(timespec="minutes"),
        seed=args.seed,
        runs_per_query=args.runs,
        sizes=[],
    )
    if pipeline_speed.SEEDS.is_dir():
        run.pipeline = pipeline_speed.measure(pipeline_speed.SEEDS, repeat=10, rounds=3)
        log(f"pipeline per core {pipeline_speed.ratio(run.pipeline):.2f}× jieba.cut")
    else:
        log(f"no seed documents at {pipeline_speed.SEEDS}: the pipeline's speed is not measured")
    sizes = sorted(args.sizes)
    with Sampler(work / "machine-samples.tsv") as sampler:
        for size in sizes:
            pages = size == sizes[-1] and not args.no_pages  # the pages at the largest size
            measured = measure_size(size, work, args.workers, args.runs, args.seed, sampler, pages)
            run.sizes.append(measured)
            log("  machine probe (ms of CPU): " + _probes_said(measured.probe_seconds))
            args.out.mkdir(parents=True, exist_ok=True)
            results.save(run, args.out / "results.json")  # after each size: a run may be cut
    baseline = results.load(args.baseline) if args.baseline else None
    write_report(run, args.out, baseline)
    log(f"report: {args.out / 'REPORT.md'}")
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
