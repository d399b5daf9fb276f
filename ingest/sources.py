"""Where documents were published, as the person ingesting them says: for citations.

A file read from disk has a local path, which means nothing to a reader of a citation. Its web
address and publisher come from the file itself when it says them (an HTML page's canonical
link and source meta tags, see `edukg.ingest.readers`), or from the person ingesting it: `edukg
ingest FILE --source-url URL [--publisher NAME]` for one file, and for a folder a sidecar file
named `sources.csv` in it:

    file,url,publisher
    notice.html,https://jyj.example.gov.cn/2024/0312/notice.html,某市教育局
    reports/visit.txt,https://news.example.cn/a/123,某某日报

A UTF-8 CSV (Excel's BOM is fine) with a header row naming the columns `file` and `url`, and
optionally `publisher`; `file` is a path relative to the sidecar's folder, `url` an absolute
http(s) address (may be empty when only the publisher is known). A sidecar covers the files of
its folder and the folders below; where two sidecars name one file, the one nearer the file
wins. What the person ingesting says outranks what the file says.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from edukg.ingest.readers import MAX_PUBLISHER_CHARS, web_address

SIDECAR = "sources.csv"
MAX_SIDECAR_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True)
class SourceInfo:
    """A document's web address and publisher, either of which may be unknown."""

    url: str | None = None
    publisher: str | None = None

    def __bool__(self) -> bool:
        return bool(self.url or self.publisher)


class SidecarError(ValueError):
    """A sidecar file that cannot be used at all; the message says why."""


def source_info(url: str | None, publisher: str | None = None) -> SourceInfo:
    """A SourceInfo from what a person typed; raises ValueError on an address that is not an
    absolute http(s) one or a publisher name too long to be one."""
    url = (url or "").strip() or None
    publisher = " ".join((publisher or "").split()) or None
    if url and web_address(url) is None:
        raise ValueError(f"not an absolute http(s) address: {url}")
    if publisher and len(publisher) > MAX_PUBLISHER_CHARS:
        raise ValueError(f"publisher name longer than {MAX_PUBLISHER_CHARS} characters")
    return SourceInfo(url, publisher)


def read_sidecar(path: Path) -> tuple[dict[Path, SourceInfo], list[str]]:
    """The sidecar's rows as resolved file path -> SourceInfo, and its problems (one message
    per unusable row). Raises SidecarError when the file cannot be used at all."""
    try:
        if path.stat().st_size > MAX_SIDECAR_BYTES:
            raise SidecarError(f"larger than {MAX_SIDECAR_BYTES >> 20} MB")
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as problem:
        raise SidecarError(f"cannot read: {problem.strerror or problem}") from problem
    except UnicodeDecodeError as problem:
        raise SidecarError("not UTF-8 text") from problem
    reader = csv.DictReader(io.StringIO(text, newline=""))
    columns = {(name or "").strip().lower(): name for name in reader.fieldnames or []}
    if "file" not in columns or "url" not in columns:
        raise SidecarError("the first row must name the columns: file,url[,publisher]")
    folder = path.parent.resolve()
    found: dict[Path, SourceInfo] = {}
    problems: list[str] = []
    for number, row in enumerate(reader, start=2):

        def cell(name: str, row: dict[str, str | None] = row) -> str:
            return (row.get(columns.get(name, "")) or "").strip()

        name = cell("file")
        if not name:
            continue
        target = (folder / name).resolve()
        if not target.is_relative_to(folder):
            problems.append(f"row {number}: {name} is outside the sidecar's folder")
            continue
        if not target.is_file():
            problems.append(f"row {number}: no file {name}")
            continue
        try:
            found[target] = source_info(cell("url"), cell("publisher"))
        except ValueError as problem:
            problems.append(f"row {number}: {problem}")
    return found, problems
