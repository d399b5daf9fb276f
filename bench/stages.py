"""The cost of each pipeline stage: every document read, normalised, parsed and extracted with a
clock around each stage, on a process pool as the ingest runs it. Returns the facts too, for
the load benchmark."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable
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


def timed_stages(
    paths: Iterable[Path], workers: int
) -> tuple[list[DocumentFacts], dict[str, float]]:
    """The facts of every file, and the seconds each stage took (summed over the workers)."""
    seconds: Counter[str] = Counter()
    facts = []
    with ProcessPoolExecutor(max_workers=workers, initializer=load_pipeline) as pool:
        for document_facts, stage_seconds in pool.map(_timed, paths, chunksize=4):
            facts.append(document_facts)
            seconds.update(stage_seconds)
    return facts, {stage: seconds[stage] for stage in STAGES}
