"""The machine's speed through a run: the CPU time a fixed piece of work takes, sampled.

The machines here are shared, and their speed drifts, within minutes and within a run: on
2026-12-07, from about 11:40, every figure at 100 000 documents took 1.3-1.5× longer, old code
and new alike, and the report could only say so from figures taken outside it; that evening,
on an idle machine, this probe took 0.32 s, then 0.58 s a minute later. So a run samples the
machine all along (`Sampler`, a process of its own) and keeps, for each part of each size's
figures, the median sample taken while that part ran (`SizeResult.probe_seconds`); the report
says which figures were taken on a slowed machine.

The work is plain `jieba.cut` over the first PROBE_DOCUMENTS documents of the benchmark corpus
(bench.corpus: no seed documents needed), with a tokenizer of its own, the best of
PROBE_ROUNDS rounds. It is timed in CPU time, not wall time: a sample taken while an ingest
keeps every core busy must not count its wait for a core.

    python -m bench.machine          # samples now, one a second, until Ctrl-C
"""

from __future__ import annotations

import multiprocessing
import statistics
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import jieba

from bench.corpus import SEED, document

PROBE_DOCUMENTS = 10  # about 32 000 characters: 0.1 s of CPU a round
PROBE_ROUNDS = 3
SAMPLE_EVERY_S = 20.0  # a sample takes about 0.25 s of CPU: 1 % of one core, in every run alike
# A part whose probe is this many times the same part's at another size is marked: the probe of
# a part spreads by a tenth on an idle machine, slowdowns seen here were 1.3-1.5×.
DRIFT_NOTED = 1.2


@cache
def _probe_input() -> tuple[jieba.Tokenizer, str]:
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()  # its dictionary loaded before any round is timed
    text = "".join(document(index, SEED).text for index in range(PROBE_DOCUMENTS))
    return tokenizer, text


def probe_seconds() -> float:
    """The CPU seconds of the probe's work, the fastest of PROBE_ROUNDS rounds."""
    tokenizer, text = _probe_input()
    best = float("inf")
    for _ in range(PROBE_ROUNDS):
        started = time.thread_time()
        for _word in tokenizer.cut(text):
            pass
        best = min(best, time.thread_time() - started)
    return best


def _sample_forever(samples: Path, every: float) -> None:
    _probe_input()
    while True:
        with samples.open("a") as out:
            out.write(f"{time.time():.3f}\t{probe_seconds():.5f}\n")
        time.sleep(every)


class Sampler:
    """Probes the machine every `every` seconds, in a process of its own, while in a `with`;
    the samples go to the file `samples` (time, CPU seconds). The parts of a run marked with
    `part` get their probe from `probes`."""

    def __init__(self, samples: Path, every: float = SAMPLE_EVERY_S) -> None:
        self.samples, self.every = samples, every
        self._process: multiprocessing.Process | None = None
        self._parts: dict[str, tuple[float, float]] = {}  # when each part ran

    def __enter__(self) -> Sampler:
        self.samples.unlink(missing_ok=True)
        self._process = multiprocessing.Process(
            target=_sample_forever, args=(self.samples, self.every), daemon=True
        )
        self._process.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.join()

    @contextmanager
    def part(self, name: str) -> Iterator[None]:
        """Mark a part of the figures (an ingest, the queries): its probe is taken during it."""
        start = time.time()
        try:
            yield
        finally:
            self.mark(name, start, time.time())

    def mark(self, name: str, start: float, end: float) -> None:
        """Mark a part that ran between two `time.time()`s (a tenth of a part, say)."""
        self._parts[name] = (start, end)

    def probes(self) -> dict[str, float]:
        """The probe of each part marked since the last call, by name."""
        probes = {name: self.during(*window) for name, window in self._parts.items()}
        self._parts.clear()
        return {name: seconds for name, seconds in probes.items() if seconds is not None}

    def during(self, start: float, end: float) -> float | None:
        """The median probe of the samples taken between two `time.time()`s; for a part too
        short to hold one, the sample nearest to it. None before any sample."""
        if not self.samples.exists():
            return None
        written = self.samples.read_text().split("\n")[:-1]  # not a line still being written
        taken = [tuple(map(float, line.split("\t"))) for line in written]
        if not taken:
            return None
        within = [seconds for at, seconds in taken if start <= at <= end]
        if within:
            return statistics.median(within)
        middle = (start + end) / 2
        return min(taken, key=lambda sample: abs(sample[0] - middle))[1]


if __name__ == "__main__":
    try:
        while True:
            print(f"{probe_seconds() * 1000:.0f} ms of CPU", flush=True)
            time.sleep(1.0)
    except KeyboardInterrupt:
        pass
