"""Files to facts: find files, run read → normalise → nlp → extract, in parallel when many.

A bad file never stops a batch: whatever goes wrong with one file (unreadable, too large, a
failure in the analysis, over its time or memory budget) is reported as `Skipped` and the other
files are loaded. Every path given or found that is not read is reported too, with why: hidden,
not a regular file (a FIFO would block the reader forever), a broken symlink or a symlink loop,
a symlink leading out of the folders given (not followed unless asked), listed twice.

A folder's `sources.csv` sidecar (see `edukg.ingest.sources`) gives its files' web addresses and
publishers; it is read, not ingested.
"""

from __future__ import annotations

import dataclasses
import errno
import gc
import os
import re
import resource
import signal
import stat
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from edukg.ingest.extract import extract
from edukg.ingest.file_hashes import FileHashes, Stamp, stamp
from edukg.ingest.nlp import load_pipeline
from edukg.ingest.normalise import normalise
from edukg.ingest.readers import UnreadableDocument, read_document, supported_suffixes
from edukg.ingest.sources import SIDECAR, SidecarError, SourceInfo, read_sidecar
from edukg.store import loader
from edukg.store.base import GraphStore
from edukg.store.ingestlock import ingest_lock
from edukg.store.model import DocumentFacts
from edukg.store.search import shadow_text

# Documents handed to the loader at once, written as one batch (edukg.store.loader.ROWS_PER_BATCH):
# big enough that an edge many documents support gets its evidence lists rewritten rarely,
# small enough that a huge ingest never holds all its facts in memory.
DOCUMENTS_PER_LOAD = 512

# Below this many files, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 16
# Files a worker is handed at once: fewer round trips than one by one.
FILES_PER_TASK = 4

# Files larger than this are not even read: decoded, they would take several times that memory.
MAX_FILE_BYTES = 256 * 1024 * 1024

# What one file may take to be read and analysed: seconds of wall time, and bytes of memory in a
# worker process beyond what the worker holds once its pipeline is loaded. A file over either is
# skipped, and the batch goes on. Settings: EDUKG_FILE_SECONDS, EDUKG_FILE_MEMORY_MB.
FILE_SECONDS = float(os.environ.get("EDUKG_FILE_SECONDS", 300))
FILE_MEMORY_BYTES = int(float(os.environ.get("EDUKG_FILE_MEMORY_MB", 2048)) * 1024 * 1024)

# How often Python's cycle collector runs (gc.set_threshold): by default every 700 new
# containers, when it scans all young ones. An ingest's facts are hundreds of thousands of
# containers alive until their chunk is loaded, and almost never in a cycle: collections that
# freed nothing took a third of the ingest process's CPU and a sixteenth of a worker's (whose
# spaCy Docs do form cycles). Measured best on the benchmark corpus: 0.9 s instead of 4.4 s of
# collections in the ingest process over 2 000 documents, 0.8 s instead of 1.5 s in a worker
# over 1 000.
INGEST_GC_THRESHOLDS = (100_000, 50, 1_000)
WORKER_GC_THRESHOLDS = (20_000, 10, 10)

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


Result = DocumentFacts | Skipped  # what reading one file gives


def find_files(
    paths: Iterable[str | Path], *, follow_symlinks: bool = False
) -> tuple[list[Path], list[Skipped]]:
    """Expand folders (recursively) into supported files (by their real paths), in stable
    order, and say why each other path is left out. A path given is taken even when it is a
    symlink; inside a folder, a symlink leading out of the folders given is followed only with
    `follow_symlinks`."""
    finder = _find(paths, follow_symlinks)
    return finder.found, finder.skipped


def _find(paths: Iterable[str | Path], follow_symlinks: bool) -> _Finder:
    finder = _Finder([Path(given) for given in paths], follow_symlinks)
    for given in finder.given:
        if given.is_dir():
            finder.walk(given)
        elif given.exists() or given.is_symlink():
            finder.take(given)
        else:
            finder.skip(given, "no such file or folder")
    return finder


class _Finder:
    """The walk of `find_files`: what it found, what it left out, where it has been."""

    def __init__(self, given: list[Path], follow_symlinks: bool) -> None:
        self.given, self.follow_symlinks = given, follow_symlinks
        self.roots = [path.resolve() for path in given]
        self.found: list[Path] = []  # the files taken, by their real path, in walk order
        self.stamps: dict[Path, Stamp] = {}  # their stat as taken, by real path
        self.skipped: list[Skipped] = []
        # what sidecars say of files, by real path, with the depth of the sidecar's folder
        self.sources: dict[Path, tuple[int, SourceInfo]] = {}
        self._seen: set[Path] = set()  # files and folders taken, by their real path

    def skip(self, path: Path, reason: str, is_error: bool = True) -> None:
        self.skipped.append(Skipped(replace_unstorable(str(path)), reason, is_error))

    def walk(self, folder: Path) -> None:
        real_folder = self._first_visit(folder)
        if real_folder is None:
            self.skip(folder, _TWICE, is_error=False)
            return
        try:
            with os.scandir(folder) as listing:  # entries know their type: no stat each
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as problem:
            self.skip(folder, f"cannot list the folder: {problem.strerror or problem}")
            return
        for entry in entries:
            child = folder / entry.name
            if entry.name.startswith("."):
                self.skip(child, "hidden: not read", is_error=False)
            elif entry.is_symlink():
                self._link(child)
            elif entry.is_dir():
                self.walk(child)
            else:  # not a link, in a folder whose real path is known: no need to resolve it
                self.take(child, real_folder / entry.name)

    def take(self, path: Path, real: Path | None = None) -> None:
        """A file given or found (`real`, its real path, when known): taken if it is a regular
        file of a supported type."""
        try:
            info = path.stat()
        except (OSError, RuntimeError) as problem:  # a symlink loop is a RuntimeError
            why = _broken_link(problem) if path.is_symlink() else f"cannot read: {problem}"
            self.skip(path, why)
            return
        mode = info.st_mode
        if stat.S_ISDIR(mode):
            self.walk(path)
        elif not stat.S_ISREG(mode):
            self.skip(path, f"not a regular file ({_file_kind(mode)}): not read")
        elif path.name == SIDECAR:
            self._sidecar(path)
        elif path.suffix.lower() not in supported_suffixes():
            supported = " ".join(sorted(supported_suffixes()))
            self.skip(path, f"unsupported file type (supported: {supported})")
        elif (real := self._first_visit(path, real)) is not None:
            self.found.append(real)
            self.stamps[real] = stamp(info)
        else:
            self.skip(path, _TWICE, is_error=False)

    def _sidecar(self, path: Path) -> None:
        """Take what a sources.csv says of the files it names; a nearer sidecar wins."""
        try:
            found, problems = read_sidecar(path)
        except SidecarError as problem:
            self.skip(path, f"sources sidecar not used: {problem}")
            return
        for problem in problems:
            self.skip(path, f"sources sidecar, {problem}", is_error=False)
        depth = len(path.resolve().parent.parts)
        for file, info in found.items():
            if self.sources.get(file, (-1, None))[0] < depth:
                self.sources[file] = (depth, info)

    def _link(self, link: Path) -> None:
        try:
            target = link.resolve(strict=True)
        except (OSError, RuntimeError) as problem:
            self.skip(link, _broken_link(problem))
            return
        inside = any(target.is_relative_to(root) for root in self.roots)
        if inside or self.follow_symlinks:
            self.take(link)
        else:
            self.skip(
                link,
                f"a symlink to {replace_unstorable(str(target))}, outside the folders given: "
                "not followed (`edukg ingest --follow-symlinks` follows it)",
                is_error=False,
            )

    def _first_visit(self, path: Path, real: Path | None = None) -> Path | None:
        """The real path of a file or folder not visited before; None for one visited."""
        real = real or path.resolve()
        if real in self._seen:
            return None
        self._seen.add(real)
        return real


_TWICE = "listed more than once (or linked to): read once"


def _broken_link(problem: Exception) -> str:
    loop = isinstance(problem, RuntimeError) or getattr(problem, "errno", None) == errno.ELOOP
    return f"{'a symlink loop' if loop else 'a broken symlink'}: not read"


def _file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    return "a socket" if stat.S_ISSOCK(mode) else "a device"


def replace_unstorable(text: str) -> str:
    """`text` with the characters no store can hold replaced by U+FFFD (same length)."""
    return _UNSTORABLE.sub("\ufffd", text)


class _OverTime(BaseException):
    """A file took longer than FILE_SECONDS. Not an Exception, so that the catch-alls around
    the readers' libraries let it through."""


@contextmanager
def _time_budget(seconds: float) -> Iterator[None]:
    """Raise _OverTime in this thread after `seconds`. A timer signal reaches the main thread
    only: elsewhere (the explorer's script thread) files run without a time budget."""
    if threading.current_thread() is not threading.main_thread() or seconds <= 0:
        yield
        return

    def over_time(_signum: int, _frame: object) -> None:
        raise _OverTime

    previous = signal.signal(signal.SIGALRM, over_time)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def process_file(path: Path, given: SourceInfo | None = None) -> Result:
    """One file through the whole pipeline, within its time budget (and, in a worker, its
    memory budget); a file that cannot be read or analysed comes back as Skipped, with why.
    `given` is the address and publisher the person ingesting it stated: they outrank the
    file's own."""
    source = replace_unstorable(str(path))
    load_pipeline()  # loaded once per process, outside any file's budget
    try:
        with _time_budget(FILE_SECONDS):
            return _process_file(path, source, given or SourceInfo())
    except _OverTime:
        return Skipped(
            source,
            f"took longer than {FILE_SECONDS:g} s to read and analyse: stopped "
            "(EDUKG_FILE_SECONDS sets the limit)",
        )
    except MemoryError:
        return Skipped(
            source,
            f"needed more than {FILE_MEMORY_BYTES >> 20:,} MB of memory to read and analyse: "
            "stopped (EDUKG_FILE_MEMORY_MB sets the limit)",
        )


def _process_file(path: Path, source: str, given: SourceInfo) -> Result:
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
    publisher = given.publisher or raw.publisher
    raw = dataclasses.replace(
        raw,
        text=replace_unstorable(raw.text),
        source=source,
        title=raw.title and replace_unstorable(raw.title),
        url=given.url or raw.url,
        publisher=publisher and replace_unstorable(publisher),
    )
    try:
        norm = normalise(raw.text)
        facts = extract(nlp(norm.text), raw, norm)
        facts.search_text = shadow_text(facts.document.id, facts.document.as_row())
        return facts
    except MemoryError:
        raise
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
    gc.set_threshold(*WORKER_GC_THRESHOLDS)
    load_pipeline()
    _limit_memory(FILE_MEMORY_BYTES)


def _limit_memory(budget: int) -> None:
    """Cap this worker's address space at what it uses now plus `budget`: a file that needs
    more gets a MemoryError (reported as a skip) instead of the machine's memory."""
    try:
        with open("/proc/self/statm") as statm:  # sizes in pages
            in_use = int(statm.read().split()[0]) * resource.getpagesize()
    except OSError:
        return  # no /proc (macOS): no budget
    resource.setrlimit(resource.RLIMIT_AS, (in_use + budget, resource.RLIM_INFINITY))


def _process_files(paths: list[Path], given: list[SourceInfo | None]) -> list[Result]:
    return [process_file(path, info) for path, info in zip(paths, given, strict=True)]


class _Reading:
    """`process_file` over the files an ingest finds changed, begun as they are found: the
    workers start on the PARALLEL_THRESHOLD-th while the rest are still compared with the store
    (whose hashing of every file the workers sat out, 1.5-4.6 s of a 1 % re-ingest at 100 000
    documents). Fewer files are read in this process. Results come in the order of `add`."""

    def __init__(self, workers: int | None, sources: dict[Path, SourceInfo]) -> None:
        self.workers = workers or os.cpu_count() or 1
        self.sources = sources  # some files' stated address and publisher (see process_file)
        self.paths: list[Path] = []
        self._pool: ProcessPoolExecutor | None = None
        self._unsent: list[Path] = []
        self._sent: deque[Future[list[Result]]] = deque()

    def __enter__(self) -> _Reading:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)

    def add(self, path: Path) -> None:
        self.paths.append(path)
        self._unsent.append(path)
        if self._pool is None and self.workers > 1 and len(self.paths) >= PARALLEL_THRESHOLD:
            self._pool = ProcessPoolExecutor(max_workers=self.workers, initializer=_start_worker)
        if self._pool is not None and len(self._unsent) >= FILES_PER_TASK:
            self._send()

    def _send(self) -> None:
        assert self._pool is not None
        paths, self._unsent = self._unsent, []
        given = [self.sources.get(path) for path in paths]
        self._sent.append(self._pool.submit(_process_files, paths, given))

    def results(self) -> Iterator[Result]:
        """The results, each dropped here once handed on (a large ingest never holds them all)."""
        if self._pool is None:
            yield from (process_file(path, self.sources.get(path)) for path in self.paths)
            return
        if self._unsent:
            self._send()
        while self._sent:
            yield from self._sent.popleft().result()


class _EarlierVersions:
    """The stored versions of the changed files an ingest reads, removed ahead of their new
    facts: the next chunk's while the workers read it. Left to the loader, which removes them
    when the new facts come, they kept the workers waiting at the end of an ingest: a third of a
    1 % re-ingest at 100 000 documents."""

    def __init__(self, store: GraphStore, todo: list[Path], known: dict[str, str]) -> None:
        self.store = store
        self.sources = [replace_unstorable(str(path)) for path in todo]
        self.stored = {source for source in self.sources if source in known}
        self.removed: set[str] = set()
        self.ahead = 0  # the files before this index have had their stored versions removed

    def remove_ahead(self, read: int) -> None:
        """Remove the stored versions of the next chunk's files, `read` files having been read.
        Never of a file read: the store may hold its new version already."""
        start, end = max(self.ahead, read), read + DOCUMENTS_PER_LOAD
        sources = [source for source in self.sources[start:end] if source in self.stored]
        if sources:
            loader.remove_documents(self.store, sources, compact=False)
            self.removed.update(sources)
        self.ahead = max(self.ahead, end)

    def count_replaced(self, chunk: list[DocumentFacts], summary: loader.LoadSummary) -> None:
        """The loader counts a document whose earlier version went ahead as added: it replaced
        one (unless its new text is a copy of another document's, which the loader skips)."""
        sources = (facts.document.props["source"] for facts in chunk)
        again = sum(s in self.removed and s not in summary.skipped for s in sources)
        summary.documents_added -= again
        summary.documents_replaced += again


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
    follow_symlinks: bool = False,
    sources: dict[Path, SourceInfo] | None = None,
) -> IngestReport:
    """Ingest files and folders into `store`: unchanged files are skipped before any NLP,
    facts are loaded in chunks as they come. `on_progress(done, total)` follows the files.

    `sources` maps files to the address and publisher the person ingesting them states (the
    CLI's --source-url); they outrank the folders' sidecars, which outrank the files' own. An
    unchanged file whose stated address or publisher is new gets them on its Document.

    A file whose document the store holds incompletely (`loader.check_documents`) is loaded
    again, and a changed file that can no longer be read loses the facts of its earlier version.
    Ingests into one graph run one at a time: while another holds the graph's ingest lock,
    this one waits, after telling `on_wait` why.
    """
    with ingest_lock(store, on_wait), _collecting_every(INGEST_GC_THRESHOLDS):
        return _ingest(store, list(paths), workers, on_progress, follow_symlinks, sources or {})


@contextmanager
def _collecting_every(thresholds: tuple[int, int, int]) -> Iterator[None]:
    """The cycle collector's thresholds set for a while (this process may be the explorer's).
    Of two ingests that overlap, whichever ends last leaves the thresholds as before both."""
    before = gc.get_threshold()
    gc.set_threshold(*thresholds)
    try:
        yield
    finally:
        if gc.get_threshold() == thresholds:  # else an earlier ingest ended and restored them
            gc.set_threshold(*before)


def _ingest(
    store: GraphStore,
    paths: list[str | Path],
    workers: int | None,
    on_progress: Callable[[int, int], None] | None,
    follow_symlinks: bool,
    stated: dict[Path, SourceInfo],
) -> IngestReport:
    started, listed_at_ns = time.perf_counter(), time.time_ns()
    finder = _find(paths, follow_symlinks)
    files = finder.found
    hashes = FileHashes(store.file_hashes_path, finder.stamps, listed_at_ns)
    sources = {path: info for path, (_, info) in finder.sources.items()}
    sources |= {Path(path).resolve(): info for path, info in stated.items()}
    report = IngestReport(found=len(files), skipped=finder.skipped)
    store.record_ingested(Path(path) for path in paths)  # what `edukg db repair` ingests again
    _redo_incomplete(store, {replace_unstorable(str(path)) for path in files}, report)
    known = loader.document_index(store)
    with _Reading(workers, sources) as reading:
        restated = _changed_files(files, known, hashes, sources, reading, report)
        if updated := loader.update_citations(store, restated):
            _count(report, "citations_updated", updated)
        _read_and_load(store, reading, known, hashes, report, on_progress)
    hashes.save()
    if report.totals:
        # Not waited for: the rewrite was a quarter to a half of a 1 % re-ingest at 100 000
        # documents, and stopping the store waits for it.
        loader.finish(store, wait=False)
    report.seconds = time.perf_counter() - started
    return report


def _changed_files(
    files: list[Path],
    known: dict[str, str],
    hashes: FileHashes,
    sources: dict[Path, SourceInfo],
    reading: _Reading,
    report: IngestReport,
) -> list[tuple[str, str | None, str | None]]:
    """Hand `reading` the files whose content the store does not hold; the unchanged files'
    stated addresses and publishers, which their Documents take."""
    restated = []
    for path in files:
        source = replace_unstorable(str(path))
        try:
            stored = known.get(source)  # None: not held, or held incompletely
            unchanged = stored is not None and stored == hashes.sha256(path)
        except OSError as problem:
            report.skipped.append(Skipped(source, f"cannot read: {problem}"))
            continue
        if not unchanged:
            reading.add(path)
            continue
        report.unchanged += 1
        if info := sources.get(path):
            restated.append((source, info.url, info.publisher))
    return restated


def _read_and_load(
    store: GraphStore,
    reading: _Reading,
    known: dict[str, str],
    hashes: FileHashes,
    report: IngestReport,
    on_progress: Callable[[int, int], None] | None,
) -> None:
    """Load the facts of the files `reading` reads, in chunks as they come, each file's stored
    version removed ahead; remember the hashes of those read."""
    todo = reading.paths
    chunk: list[DocumentFacts] = []
    earlier = _EarlierVersions(store, todo, known)

    def flush(done: int) -> None:
        if chunk:
            summary = loader.load(store, chunk, compact=False)
            earlier.count_replaced(chunk, summary)
            for key, value in summary.counts().items():
                report.totals[key] = report.totals.get(key, 0) + value
            report.skipped.extend(Skipped(src, why, False) for src, why in summary.skipped.items())
            chunk.clear()
        earlier.remove_ahead(read=done)

    if on_progress:
        on_progress(0, len(todo))
    earlier.remove_ahead(read=0)  # while the workers read the first files
    for done, result in enumerate(reading.results(), start=1):
        if isinstance(result, Skipped):
            report.skipped.append(_forget_earlier_version(store, result, report, earlier))
        else:
            hashes.remember(todo[done - 1], result.document.props["sha256"])
            chunk.append(result)
            if len(chunk) >= DOCUMENTS_PER_LOAD:
                flush(done)
        if on_progress:
            on_progress(done, len(todo))
    flush(len(todo))


def _count(report: IngestReport, key: str, value: int = 1) -> None:
    report.totals[key] = report.totals.get(key, 0) + value


def _redo_incomplete(store: GraphStore, sources: set[str], report: IngestReport) -> None:
    """Make the documents of these files that the store holds incompletely load again (a load
    cut short, or facts the store lost since), however unchanged their files are."""
    quick = store.problem() is None  # a store known to have lost writes has every fact counted
    damaged = [doc for doc in loader.check_documents(store, quick=quick) if doc.source in sources]
    if damaged:
        loader.mark_incomplete(store, (doc.id for doc in damaged))
        _count(report, "incomplete_documents_redone", len(damaged))


def _forget_earlier_version(
    store: GraphStore, skipped: Skipped, report: IngestReport, earlier: _EarlierVersions
) -> Skipped:
    """A file that changed (or it would not be read again) and now cannot be read: the facts of
    its earlier version would be stale, so they go (or went ahead)."""
    gone = skipped.source in earlier.removed
    if not (gone or loader.remove_documents(store, [skipped.source], compact=False)):
        return skipped
    _count(report, "documents_removed")
    return dataclasses.replace(
        skipped, reason=f"{skipped.reason}; the facts of its earlier version were removed"
    )
