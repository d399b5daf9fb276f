"""Files to facts: find files, run read → normalise → nlp → extract, in parallel when many.

A bad file never stops a batch: whatever goes wrong with one file (unreadable, too large, a
failure in the analysis) is reported as `Skipped` and the other files are loaded.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from graphstore import loader
from graphstore.base import GraphStore
from graphstore.ingestlock import ingest_lock
from graphstore.model import DocumentFacts
from ingest.extract import extract
from ingest.nlp import load_pipeline
from ingest.normalise import normalise
from ingest.readers import SUPPORTED_SUFFIXES, UnreadableDocument, read_document

# Documents handed to the loader at once, written as one batch (graphstore.loader.BATCH_ROWS):
# big enough that an edge many documents support gets its evidence lists rewritten rarely,
# small enough that a huge ingest never holds all its facts in memory.
LOAD_CHUNK = 512

# Below this many files, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 16

# Files larger than this are not even read: decoded, they would take several times that memory.
MAX_FILE_BYTES = 256 * 1024 * 1024

# A worker whose ingest process died (kill -9) notices within this many seconds and exits.
ORPHAN_CHECK_S = 1.0

# The embedded store cannot hold NUL characters (its query text is a C string), and no store can
# hold lone surrogates (undecodable bytes in file names, broken PDF fonts). Both become U+FFFD,
# which keeps every character offset.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


@dataclass(frozen=True)
class Skipped:
    """A file that contributed nothing, and why."""

    source: str
    reason: str
    is_error: bool = True


def find_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[Skipped]]:
    """Expand folders (recursively, skipping hidden files) into supported files, in stable order."""
    found: list[Path] = []
    skipped: list[Skipped] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                relative = child.relative_to(path)
                if child.is_file() and not any(p.startswith(".") for p in relative.parts):
                    _classify(child, found, skipped)
        elif path.is_file():
            _classify(path, found, skipped)
        else:
            skipped.append(Skipped(str(path), "no such file or folder"))
    return found, skipped


def _classify(path: Path, found: list[Path], skipped: list[Skipped]) -> None:
    if path.suffix.lower() in SUPPORTED_SUFFIXES:
        found.append(path)
    else:
        supported = " ".join(sorted(SUPPORTED_SUFFIXES))
        skipped.append(Skipped(str(path), f"unsupported file type (supported: {supported})"))


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def storable(text: str) -> str:
    """`text` with the characters no store can hold replaced by U+FFFD (same length)."""
    return _UNSTORABLE.sub("\ufffd", text)


def process_file(path: Path) -> DocumentFacts | Skipped:
    """One file through the whole pipeline; a file that cannot be read or analysed comes back
    as Skipped, with the reason."""
    source = storable(str(path))
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return Skipped(source, f"file too large: {size:,} bytes (limit {MAX_FILE_BYTES:,})")
        raw = read_document(path)
    except UnreadableDocument as problem:
        return Skipped(source, str(problem))
    except OSError as problem:
        return Skipped(source, f"cannot read: {problem.strerror or problem}")
    nlp = load_pipeline()
    if len(raw.text) > nlp.max_length:
        return Skipped(
            source,
            f"text too long to analyse: {len(raw.text):,} characters (limit "
            f"{nlp.max_length:,}); split it into smaller files",
        )
    raw = dataclasses.replace(
        raw, text=storable(raw.text), source=source, title=raw.title and storable(raw.title)
    )
    try:
        norm = normalise(raw.text)
        return extract(nlp(norm.text), raw, norm)
    except Exception as problem:  # one document's failure must not stop the batch
        return Skipped(source, f"analysis failed: {type(problem).__name__}: {problem}")


def _start_worker() -> None:
    """Load the NLP pipeline, and exit when the ingest process is gone: the pool's workers
    would otherwise wait for work forever after a kill -9 of the ingest."""
    parent = os.getppid()

    def exit_when_orphaned() -> None:
        while os.getppid() == parent:
            time.sleep(ORPHAN_CHECK_S)
        os._exit(1)

    threading.Thread(target=exit_when_orphaned, daemon=True).start()
    load_pipeline()


def process_files(
    paths: list[Path], workers: int | None = None
) -> Iterator[DocumentFacts | Skipped]:
    """Results in the order of `paths`; uses every core when the batch is large enough."""
    workers = workers or os.cpu_count() or 1
    if workers == 1 or len(paths) < PARALLEL_THRESHOLD:
        yield from map(process_file, paths)
        return
    with ProcessPoolExecutor(max_workers=workers, initializer=_start_worker) as pool:
        yield from pool.map(process_file, paths, chunksize=4)


@dataclass
class IngestReport:
    found: int = 0
    unchanged: int = 0
    totals: dict[str, int] = field(default_factory=dict)
    skipped: list[Skipped] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def has_errors(self) -> bool:
        return any(s.is_error for s in self.skipped)


def ingest_paths(
    store: GraphStore,
    paths: Iterable[str | Path],
    *,
    workers: int | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    on_wait: Callable[[str], None] | None = None,
) -> IngestReport:
    """Ingest files and folders into `store`: unchanged files are skipped before any NLP,
    facts are loaded in chunks as they come. `on_progress(done, total)` follows the files.

    Ingests into one graph run one at a time: while another holds the graph's ingest lock,
    this one waits, after telling `on_wait` why.
    """
    with ingest_lock(store, on_wait):
        return _ingest(store, paths, workers, on_progress)


def _ingest(
    store: GraphStore,
    paths: Iterable[str | Path],
    workers: int | None,
    on_progress: Callable[[int, int], None] | None,
) -> IngestReport:
    started = time.perf_counter()
    files, skipped = find_files(paths)
    report = IngestReport(found=len(files), skipped=skipped)
    known = loader.document_index(store)
    todo = []
    for path in (p.resolve() for p in files):
        try:
            unchanged = known.get(storable(str(path))) == file_sha256(path)
        except OSError as problem:
            report.skipped.append(Skipped(storable(str(path)), f"cannot read: {problem}"))
            continue
        if unchanged:
            report.unchanged += 1
        else:
            todo.append(path)

    chunk: list[DocumentFacts] = []

    def flush() -> None:
        if chunk:
            summary = loader.load(store, chunk, compact=False)
            for key, value in summary.counts().items():
                report.totals[key] = report.totals.get(key, 0) + value
            report.skipped.extend(Skipped(src, why, False) for src, why in summary.skipped.items())
            chunk.clear()

    if on_progress:
        on_progress(0, len(todo))
    for done, result in enumerate(process_files(todo, workers), start=1):
        if isinstance(result, Skipped):
            report.skipped.append(result)
        else:
            chunk.append(result)
            if len(chunk) >= LOAD_CHUNK:
                flush()
        if on_progress:
            on_progress(done, len(todo))
    flush()
    if report.totals:
        store.compact()
    report.seconds = time.perf_counter() - started
    return report
