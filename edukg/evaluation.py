"""Extraction quality against gold files: precision, recall and F1 per field.

The gold format is document-level facts (see the project's GOLD_FORMAT reference): each
field is compared as a set of keys per document, then micro-averaged over documents.
Keys tolerate only what the format allows: 《》, punctuation, spacing and script in titles.
"""

from __future__ import annotations

import json
import tempfile
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from edukg import catalog
from edukg.store.base import GraphStore
from edukg.store.falkordb_store import FalkorDBStore
from edukg.store.search import simplified
from edukg.store.server import EmbeddedServer

FIELDS = ("regions", "policies", "implements", "cites", "targets")

# A predicted target matches a gold one when value, unit and deadline agree and the
# metric names are this similar (metric wording differs freely between annotators).
METRIC_SIMILARITY = 0.5


def fold_title(title: str) -> str:
    """A policy title reduced to what matching may not ignore: Simplified characters,
    no 《》, punctuation, symbols or spaces, half-width letters and digits."""
    text = simplified(unicodedata.normalize("NFKC", title))
    return "".join(c for c in text if unicodedata.category(c)[0] not in "PSZC")


@dataclass
class Score:
    true_positives: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, other: Score) -> None:
        self.true_positives += other.true_positives
        self.predicted += other.predicted
        self.gold += other.gold

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class FieldResult:
    score: Score
    misses: list[str] = field(default_factory=list)
    false_hits: list[str] = field(default_factory=list)


@dataclass
class WrongYear:
    """A matched (region, measure) pair whose adoption year differs from the gold's."""

    adcode: str
    measure: str
    gold: int
    found: int | None
    evidence: str  # the sentence the found year came from ("" when none was found)

    def __str__(self) -> str:
        found = self.found if self.found is not None else "none"
        where = f" from: {self.evidence}" if self.evidence else ""
        return f"({self.adcode}, {self.measure}) gold {self.gold}, found {found}{where}"


@dataclass
class YearScore:
    """Adoption years over the matched (region, measure) pairs that have a gold year."""

    correct: int = 0
    scored: int = 0
    wrong: list[WrongYear] = field(default_factory=list)

    def add(self, other: YearScore) -> None:
        self.correct += other.correct
        self.scored += other.scored
        self.wrong += other.wrong

    @property
    def accuracy(self) -> float:
        return self.correct / self.scored if self.scored else 1.0


@dataclass
class DocumentResult:
    doc: str
    fields: dict[str, FieldResult]
    years: YearScore = field(default_factory=YearScore)


def compare_sets(gold: set, predicted: set) -> FieldResult:
    hits = gold & predicted
    return FieldResult(
        Score(len(hits), len(predicted), len(gold)),
        misses=sorted(map(str, gold - predicted)),
        false_hits=sorted(map(str, predicted - gold)),
    )


def compare_targets(gold: list[dict], predicted: list[dict]) -> FieldResult:
    """Greedy one-to-one matching of numeric goals."""
    unmatched = list(predicted)
    result = FieldResult(Score(0, len(predicted), len(gold)))
    for target in gold:
        match = next((p for p in unmatched if _same_target(target, p)), None)
        if match is None:
            result.misses.append(_describe_target(target))
        else:
            unmatched.remove(match)
            result.score.true_positives += 1
    result.misses.sort()
    result.false_hits = sorted(_describe_target(p) for p in unmatched)  # as compare_sets
    return result


def _same_target(gold: dict, predicted: dict) -> bool:
    if _number(gold.get("value")) != _number(predicted.get("value")):
        return False
    if (gold.get("deadline") or None) != (predicted.get("deadline") or None):
        return False
    if (gold.get("unit") or "") != (predicted.get("unit") or ""):
        return False
    a, b = fold_title(gold.get("metric") or ""), fold_title(predicted.get("metric") or "")
    return a in b or b in a or SequenceMatcher(None, a, b).ratio() >= METRIC_SIMILARITY


def compare_years(gold: dict[tuple, int], found: dict[tuple, tuple[int | None, str]]) -> YearScore:
    """Year accuracy over pairs both sides have (a missed pair is the implements score's
    business, not the year's) where the gold states a year."""
    score = YearScore()
    for pair, year in sorted(gold.items()):
        if pair not in found:
            continue
        score.scored += 1
        found_year, evidence = found[pair]
        if found_year == year:
            score.correct += 1
        else:
            score.wrong.append(WrongYear(*pair, year, found_year, evidence))
    return score


def _number(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _describe_target(target: dict) -> str:
    deadline = target.get("deadline")
    return f"{target.get('metric')} {target.get('value')}{target.get('unit') or ''}" + (
        f" by {deadline}" if deadline else ""
    )


# --------------------------------------------------------------------------- gold side


def gold_facts(gold: dict) -> dict[str, Any]:
    return {
        "regions": {r["adcode"] for r in gold.get("regions", [])},
        "policies": {fold_title(p["title"]) for p in gold.get("policies", [])},
        "implements": {(i["adcode"], i["measure"]) for i in gold.get("implements", [])},
        "years": {
            (i["adcode"], i["measure"]): i["year"]
            for i in gold.get("implements", [])
            if i.get("year")
        },
        "cites": {fold_title(c["target"]) for c in gold.get("cites", [])},
        "targets": list(gold.get("targets", [])),
    }


# --------------------------------------------------------------------------- graph side


def graph_facts(store: GraphStore, doc_id: str) -> dict[str, Any]:
    def rows(name: str) -> list[list]:
        query = catalog.inner_queries("eval")[f"document_{name}"]
        return catalog.run_canned(store, query, {"doc": doc_id}, row_limit=100_000).rows

    implements = {
        (adcode, measure.removeprefix("measure:")): _year_in(doc_id, sources, years, sentences)
        for adcode, measure, sources, years, sentences in rows("implements")
    }
    return {
        "regions": {row[0] for row in rows("regions")},
        "policies": {fold_title(row[0]) for row in rows("policies")},
        "implements": set(implements),
        "years": implements,
        "cites": {fold_title(row[0]) for row in rows("cites")},
        "targets": [
            {"metric": m, "value": v, "unit": u, "deadline": d} for m, v, u, d in rows("targets")
        ],
    }


def _year_in(
    doc_id: str, sources: list[str], years: list[int], sentences: list[str]
) -> tuple[int | None, str]:
    """The year this document gives an edge (its earliest stated one, as the edge's own
    `year` is over all documents), with the sentence it came from."""
    stated = [
        (year, s)
        for d, year, s in zip(sources, years, sentences, strict=True)
        if d == doc_id and year
    ]
    return min(stated) if stated else (None, "")


def documents_by_file_name(store: GraphStore) -> dict[str, str]:
    rows = catalog.run_canned(
        store, catalog.inner_queries("eval")["documents"], row_limit=1_000_000
    ).rows
    return {Path(source).name: doc_id for source, doc_id in rows}


# --------------------------------------------------------------------------- the run


def evaluate_folder(
    gold_dir: Path, docs_dir: Path, ingest: Callable[[GraphStore, list[Path]], Any]
) -> list[DocumentResult]:
    """Ingest the documents of `docs_dir` with `ingest` into a fresh temporary embedded store
    (the user's graph is untouched) and compare it with the gold files of `gold_dir`."""
    with tempfile.TemporaryDirectory(prefix="edukg-eval-") as scratch:
        server = EmbeddedServer(Path(scratch))
        server.start()
        try:
            store = FalkorDBStore(server)
            store.ensure_schema()
            ingest(store, [docs_dir])
            return evaluate(store, gold_dir.glob("*.gold.json"))
        finally:
            server.stop()


def evaluate(store: GraphStore, gold_files: Iterable[Path]) -> list[DocumentResult]:
    """Compare the graph in `store` with each gold file; a document the graph lacks scores
    zero recall (its gold facts all count as misses)."""
    documents = documents_by_file_name(store)
    results = []
    for path in sorted(gold_files):
        gold = json.loads(path.read_text(encoding="utf-8"))
        expected = gold_facts(gold)
        doc_id = documents.get(gold["doc"])
        found = (
            graph_facts(store, doc_id)
            if doc_id
            else {
                "regions": set(),
                "policies": set(),
                "implements": set(),
                "years": {},
                "cites": set(),
                "targets": [],
            }
        )
        fields = {
            name: compare_targets(expected[name], found[name])
            if name == "targets"
            else compare_sets(expected[name], found[name])
            for name in FIELDS
        }
        years = compare_years(expected["years"], found["years"])
        results.append(DocumentResult(gold["doc"], fields, years))
    return results


def micro_average(results: list[DocumentResult]) -> dict[str, Score]:
    totals = {name: Score() for name in FIELDS}
    for result in results:
        for name in FIELDS:
            totals[name].add(result.fields[name].score)
    return totals


def year_total(results: list[DocumentResult]) -> YearScore:
    total = YearScore()
    for result in results:
        total.add(result.years)
    return total


def _year_json(score: YearScore) -> dict[str, Any]:
    return {
        "accuracy": score.accuracy,
        "scored": score.scored,
        "correct": score.correct,
        "wrong": [vars(w) for w in score.wrong],
    }


def as_json(results: list[DocumentResult], totals: dict[str, Score]) -> dict[str, Any]:
    def score(s: Score) -> dict[str, float | int]:
        return {
            "precision": s.precision,
            "recall": s.recall,
            "f1": s.f1,
            "gold": s.gold,
            "predicted": s.predicted,
            "hits": s.true_positives,
        }

    return {
        "micro": {name: score(totals[name]) for name in FIELDS},
        "years": _year_json(year_total(results)),
        "documents": {
            r.doc: {
                **{
                    name: {**score(f.score), "misses": f.misses, "false_hits": f.false_hits}
                    for name, f in r.fields.items()
                },
                "years": _year_json(r.years),
            }
            for r in results
        },
    }
