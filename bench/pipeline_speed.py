"""Pipeline throughput per stage, next to plain `jieba.cut` on the same text in the same run.

The corpus is the seed documents (read from ../shared/corpus/seeds at run time) repeated;
the store is left out. Each stage is timed over the whole corpus, the rounds interleave the
stages with the baseline, and the fastest round of each counts: the machines here are
shared, so the ratio of figures measured side by side is what to read. Not part of the test
run:

    python -m bench.pipeline_speed                 # 20 copies, 5 rounds
    python -m bench.pipeline_speed --repeat 50 --rounds 3 --seeds DIR
    python -m bench.pipeline_speed --into bench/results.json   # also kept in a run's figures

`python -m bench.run` measures it too, once a run, for the report's target row.
"""

from __future__ import annotations

import argparse
import dataclasses
import time
from collections.abc import Callable
from pathlib import Path

import jieba

from bench import results
from edukg.ingest.extract import extract
from edukg.ingest.nlp import load_pipeline
from edukg.ingest.normalise import normalise
from edukg.ingest.readers import read_document

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"
TARGET_RATIO = 1.0  # the whole pipeline per core at least as fast as plain jieba.cut
BASELINE = "jieba.cut (baseline)"


def _best_of(rounds: int, runs: dict[str, Callable[[], object]]) -> dict[str, float]:
    """The fastest of `rounds` runs of each named callable, the callables interleaved."""
    best = dict.fromkeys(runs, float("inf"))
    for _ in range(rounds):
        for name, run in runs.items():
            started = time.perf_counter()
            run()
            best[name] = min(best[name], time.perf_counter() - started)
    return best


def measure(seeds: Path, repeat: int, rounds: int) -> dict[str, float]:
    """Seconds per stage (read, normalise, tokenizer, each component, extract) and for
    plain jieba.cut, over the seed documents repeated `repeat` times."""
    paths = sorted(p for p in seeds.iterdir() if p.is_file()) * repeat
    nlp = load_pipeline()  # also teaches the segmenter the region and measure names, as ingest does
    raws = [read_document(path) for path in paths]
    norms = [normalise(raw.text) for raw in raws]
    docs = [nlp(norm.text) for norm in norms]
    made = [nlp.make_doc(norm.text) for norm in norms]

    def components() -> None:
        for doc in made:
            doc.user_data.clear()  # no text cached from an earlier round
            for _, pipe in nlp.pipeline:
                pipe(doc)

    return _best_of(
        rounds,
        {
            BASELINE: lambda: [list(jieba.cut(raw.text)) for raw in raws],
            "read": lambda: [read_document(path) for path in paths],
            "normalise": lambda: [normalise(raw.text) for raw in raws],
            "nlp: tokenizer": lambda: [nlp.make_doc(norm.text) for norm in norms],
            "nlp: components": components,
            "extract": lambda: [
                extract(doc, raw, norm) for doc, raw, norm in zip(docs, raws, norms, strict=True)
            ],
        },
    ) | {"chars": float(sum(len(raw.text) for raw in raws))}


def _stages(seconds: dict[str, float]) -> dict[str, float]:
    return {name: secs for name, secs in seconds.items() if name not in (BASELINE, "chars")}


def ratio(seconds: dict[str, float]) -> float:
    """The whole pipeline's speed over plain jieba.cut's on the same text."""
    return seconds[BASELINE] / sum(_stages(seconds).values())


def report(seconds: dict[str, float]) -> str:
    chars = seconds["chars"]
    stages = _stages(seconds)
    whole = sum(stages.values())
    rows = [(BASELINE, seconds[BASELINE]), *stages.items(), ("whole pipeline", whole)]
    lines = [f"{'stage':<22} {'seconds':>8} {'chars/s':>12}", "-" * 44]
    lines += [f"{name:<22} {secs:>8.3f} {chars / secs:>12,.0f}" for name, secs in rows]
    speed = ratio(seconds)
    verdict = "meets" if speed >= TARGET_RATIO else "misses"
    lines += [
        "-" * 44,
        f"{int(chars):,} characters; pipeline speed / jieba.cut speed = {speed:.2f} "
        f"({verdict} the target of {TARGET_RATIO})",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=Path, default=SEEDS, help="folder of seed documents")
    parser.add_argument("--repeat", type=int, default=20, help="copies of the seed corpus")
    parser.add_argument("--rounds", type=int, default=5, help="rounds; the fastest counts")
    parser.add_argument(
        "--into",
        type=Path,
        help="a run's results.json to keep the figures in (then redraw "
        "its report with python -m bench.report)",
    )
    args = parser.parse_args()
    if not args.seeds.is_dir():
        parser.error(f"no seed corpus at {args.seeds}")
    seconds = measure(args.seeds, args.repeat, args.rounds)
    print(report(seconds))
    if args.into:
        run = results.load(args.into)
        results.save(dataclasses.replace(run, pipeline=seconds), args.into)


if __name__ == "__main__":
    main()
