"""The cost of each pipeline stage: every document read, normalised, parsed and extracted with a
clock around each stage, on a process pool as the ingest runs it. The facts are kept for the
load benchmark in a spool file, one pickled document after another: a corpus's facts take
about 100 MiB per 1 000 documents, more than memory holds at 100 000."""

from __future__ import annotations

import pickle
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from edukg.ingest.extract import extract
from edukg.ingest.nlp import load_pipeline
from edukg.ingest.normalise import normalise
from edukg.ingest.readers import read_document
from edukg.store.model import DocumentFacts

STAGES = ("read", "normalise", "nlp", "extract")


def _timed(path: Path) -> tuple[DocumentFacts, dict[str, float]]:
    clock = time.perf_counter
    start = clock()
    raw = read_document(path)
    read = clock()
    norm = normalise(raw.text)
    normalised = clock()
    doc = load_pipeline()(norm.text)
    parsed = clock()
    facts = extract(doc, raw, norm)
    done = clock()
    return facts, {
        "read": read - start,
        "normalise": normalised - read,
        "nlp": parsed - normalised,
        "extract": done - parsed,
    }


def timed_stages(paths: Iterable[Path], workers: int, spool: Path) -> dict[str, float]:
    """The seconds each stage took over every file (summed over the workers); the facts of
    every file, in order, into `spool` (read back with `spooled`)."""
    seconds: Counter[str] = Counter()
    with (
        ProcessPoolExecutor(max_workers=workers, initializer=load_pipeline) as pool,
        spool.open("wb") as out,
    ):
        for document_facts, stage_seconds in pool.map(_timed, paths, chunksize=4):
            pickle.dump(document_facts, out, protocol=pickle.HIGHEST_PROTOCOL)
            seconds.update(stage_seconds)
    return {stage: seconds[stage] for stage in STAGES}


def spooled(spool: Path) -> Iterator[DocumentFacts]:
    """The facts `timed_stages` kept, one document at a time."""
    with spool.open("rb") as facts:
        while True:
            try:
                yield pickle.load(facts)
            except EOFError:
                return
