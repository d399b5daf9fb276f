"""Read one file into text plus metadata (title, date, source, sha256, address, publisher).

Readers keep the text as the file holds it (only decoded and with line endings unified);
layout repair and script conversion belong to `edukg.ingest.normalise`, which maps its offsets back
onto this text.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import charset_normalizer
import docx
import pypdf
from bs4 import BeautifulSoup, NavigableString, PageElement, Tag
from bs4.dammit import EncodingDetector
from docx.document import Document as DocxDocument
from docx.text.paragraph import Paragraph

# Non-UTF-8 Chinese text is GB (mainland) or Big5 (Taiwan, Hong Kong); cp950 is Big5 with
# Microsoft's extensions, tried after plain Big5.
CHINESE_ENCODINGS = ("gb18030", "big5", "cp950")

TITLE_MAX_CHARS = 60
DATE_SEARCH_CHARS = 500
BINARY_SAMPLE_BYTES = 64 * 1024
ENCODING_SAMPLE_CHARS = 20_000  # enough text to tell GB from Big5
# A .docx is a zip archive; its parts are read into memory whole and their XML parsed at some
# five times its size. Real documents unpack to a few MB.
MAX_UNPACKED_BYTES = 128 * 1024 * 1024

# Full dates first, then year and month: 2024年7月15日, 2024-07-15, 2024/7/15, 2024.07.15.
_FULL_DATE = re.compile(
    r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
    r"|(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)"
)
_YEAR_MONTH = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月|(?<!\d)(\d{4})[-/](\d{1,2})(?!\d)")
_FIRST_LINE = re.compile(r"\S[^\n]*")
_PUBLISHED_META = (
    "article:published_time", "pubdate", "publishdate", "firstpublishedtime", "date", "dc.date",
    "dcterms.issued", "dc.date.issued",
)  # fmt: skip
# Who published a page, most specific first: the article's own source field (Chinese portals:
# ArticleSource, ContentSource, source), then its author, then the site's name.
_PUBLISHER_META = (
    "articlesource", "contentsource", "source", "publisher", "author", "og:site_name", "sitename",
)  # fmt: skip
_URL_META = ("og:url",)
MAX_URL_CHARS = 2000
MAX_PUBLISHER_CHARS = 200
_HTML_DROPPED = ("script", "style", "nav", "footer", "noscript", "template")
_HTML_BLOCKS = (
    "p", "div", "section", "article", "header", "main", "aside", "h1", "h2", "h3", "h4", "h5",
    "h6", "li", "ul", "ol", "dl", "dt", "dd", "tr", "td", "th", "table", "blockquote", "pre",
    "figure", "figcaption", "address", "hr", "center",
)  # fmt: skip
_WIDE = "\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef"
# A source line break inside running CJK text is no space when rendered (CSS Text 3).
_HTML_CJK_BREAK = re.compile(rf"(?<=[{_WIDE}])\s*\n\s*(?=[{_WIDE}])")
_HTML_SPACE = re.compile(r"\s+")

# Control bytes that plain text does not contain (tab, newlines, form feed, ESC excepted).
_CONTROL_BYTES = [bytes([b]) for b in range(32) if b not in b"\t\n\r\f\x1b"]

# Marks block boundaries while source whitespace is collapsed; a NUL byte is never text.
_BLOCK_BREAK = "\x00"


class UnreadableDocument(Exception):
    """The file cannot be turned into text; the message says why in plain words."""


@dataclass(frozen=True)
class RawDocument:
    """A document's text as read from its file, with what the file tells about it.

    `encoding` is the text encoding used for txt/md/html and "" for container formats
    (pdf, docx), whose text the container itself defines. `published` is a date the file's
    metadata states (an HTML page's meta tags); `text_date` is only the first date in the
    opening text, a guess that ranks below the dateline or issue date the analysis finds.
    `url` and `publisher` are the address and publisher the file states (a page's canonical
    link, its source meta tags), for citations.
    """

    text: str
    source: str
    sha256: str
    title: str | None
    published: str | None
    encoding: str
    format: str
    text_date: str | None = None
    url: str | None = None
    publisher: str | None = None


@dataclass(frozen=True)
class PageMeta:
    """What a file says about itself besides its text (an HTML page's head)."""

    title: str | None = None
    published: str | None = None
    url: str | None = None
    publisher: str | None = None


# bytes -> (text, encoding, what the file says about itself); raises UnreadableDocument.
Reader = Callable[[bytes], tuple[str, str, PageMeta]]


@dataclass(frozen=True)
class Format:
    name: str  # RawDocument.format
    read: Reader
    no_text: str  # why a file of this format that could be read still gives no text
    title_markup: str = ""  # what marks a heading line (Markdown's #)


FORMATS: dict[str, Format] = {}  # by file suffix; a reader registers itself with `reads`


def reads(*suffixes: str, name: str, no_text: str, title_markup: str = "") -> Callable:
    """Register the decorated function as the reader of files with these suffixes."""

    def register(read: Reader) -> Reader:
        for suffix in suffixes:
            FORMATS[suffix] = Format(name, read, no_text, title_markup)
        return read

    return register


def supported_suffixes() -> tuple[str, ...]:
    return tuple(FORMATS)


def read_document(path: Path) -> RawDocument:
    """Read a supported file; raise UnreadableDocument saying why when that is impossible."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        shown = suffix or "without a suffix"
        raise UnreadableDocument(
            f"unsupported file type {shown} (supported: {' '.join(supported_suffixes())})"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableDocument(f"cannot read file: {exc.strerror or exc}") from exc
    if not data:
        raise UnreadableDocument("empty file")
    fmt = FORMATS[suffix]
    text, encoding, page = fmt.read(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise UnreadableDocument(fmt.no_text)
    return RawDocument(
        text=text,
        source=str(path),
        sha256=hashlib.sha256(data).hexdigest(),
        title=page.title or first_line_title(text, markup=fmt.title_markup),
        published=page.published,
        encoding=encoding,
        format=fmt.name,
        text_date=find_date(text[:DATE_SEARCH_CHARS]),
        url=page.url,
        publisher=page.publisher,
    )


def web_address(value: str | None) -> str | None:
    """`value` when it is an absolute http(s) address of sane length, else None (a relative
    canonical link or a javascript: one tells a reader nothing)."""
    value = (value or "").strip()
    if not value or len(value) > MAX_URL_CHARS or any(ch.isspace() for ch in value):
        return None
    parts = urlsplit(value)
    return value if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def first_line_title(text: str, markup: str = "") -> str | None:
    """The first non-empty line when it is short enough to be a heading, else None.

    `markup` lists leading characters to drop first ("#" for Markdown headings).
    """
    match = _FIRST_LINE.search(text)
    first = match.group().lstrip(markup).strip() if match else ""
    return first if 0 < len(first) <= TITLE_MAX_CHARS else None


def find_date(text: str) -> str | None:
    """The first full date in `text` as YYYY-MM-DD, else the first year and month as YYYY-MM.

    A bare year is not taken: texts mention years (plans, statistics) far more often than they
    state when they were published.
    """
    for pattern in (_FULL_DATE, _YEAR_MONTH):
        for match in pattern.finditer(text):
            year, month, *day = (int(part) for part in match.groups() if part is not None)
            if 1900 <= year <= 2100 and 1 <= month <= 12 and all(1 <= d <= 31 for d in day):
                return "-".join([f"{year:04d}", f"{month:02d}", *(f"{d:02d}" for d in day)])
    return None


# --- text and HTML --------------------------------------------------------------------


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode the bytes of a text file; return (text, encoding name).

    UTF-8 (with or without BOM) and UTF-16 with BOM are taken as they are. Anything else must
    be Chinese GB or Big5: charset-normalizer proposes the encodings that fit and the one whose
    text uses the most frequent hanzi wins, because on short texts charset-normalizer's own
    ranking confuses the two.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_strict(data, "utf-16"), "utf-16"
    _reject_binary(data)
    if data.startswith(codecs.BOM_UTF8):
        return _decode_strict(data, "utf-8-sig"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    proposed = [
        m.encoding for m in charset_normalizer.from_bytes(data, cp_isolation=[*CHINESE_ENCODINGS])
    ]
    decoded: dict[str, str] = {}
    for encoding in proposed or CHINESE_ENCODINGS:
        try:
            decoded[encoding] = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    if not decoded:
        raise UnreadableDocument("cannot decode the text: it is not UTF-8, GB18030 or Big5")
    # On a tie the earlier of CHINESE_ENCODINGS wins (Big5 before its superset cp950).
    best = max(decoded, key=lambda enc: (_frequent_hanzi_share(decoded[enc]), -_preference(enc)))
    return decoded[best], best


@reads(".md", name="md", no_text="empty file (whitespace only)", title_markup="#")
@reads(".txt", name="txt", no_text="empty file (whitespace only)")
def _read_plain_text(data: bytes) -> tuple[str, str, PageMeta]:
    return *decode_text(data), PageMeta()


def _decode_strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise UnreadableDocument(f"invalid {encoding.upper()} text: {exc.reason}") from exc


def _preference(encoding: str) -> int:
    return CHINESE_ENCODINGS.index(encoding) if encoding in CHINESE_ENCODINGS else 99


def _reject_binary(data: bytes) -> None:
    """Refuse bytes that are not text: NUL bytes or mostly control characters."""
    sample = data[:BINARY_SAMPLE_BYTES]
    controls = sum(sample.count(code) for code in _CONTROL_BYTES)
    if b"\x00" in sample or controls > 0.1 * len(sample):
        raise UnreadableDocument("binary content, not a text document")


def _frequent_hanzi_share(text: str) -> float:
    """Share of the non-ASCII characters (in a sample) that are frequent hanzi.

    Bytes decoded with the wrong one of GB and Big5 come out as rare characters, symbols or
    private-use code points, so the right decoding has the higher share.
    """
    wide = [ch for ch in text[:ENCODING_SAMPLE_CHARS] if ord(ch) > 127]
    if not wide:
        return 0.0
    frequent = {ch for ch in set(wide) if _is_frequent_hanzi(ch)}
    return sum(ch in frequent for ch in wide) / len(wide)


def _is_frequent_hanzi(ch: str) -> bool:
    """In level 1 of GB2312 (3755 commonest simplified) or Big5's frequent block (5401)."""
    for encoding, first_lead, last_lead in (("gb2312", 0xB0, 0xD7), ("big5", 0xA4, 0xC6)):
        try:
            lead = ch.encode(encoding)[0]
        except UnicodeEncodeError:
            continue
        if first_lead <= lead <= last_lead:
            return True
    return False


@reads(".html", ".htm", name="html", no_text="no visible text in the HTML page")
def _read_html(data: bytes) -> tuple[str, str, PageMeta]:
    """Visible text of a page, one block element per line, with what its head says."""
    markup, encoding = _decode_html(data)
    soup = BeautifulSoup(markup, "html.parser")
    visible = _visible_text(soup.body or soup)
    flowing = _HTML_SPACE.sub(" ", _HTML_CJK_BREAK.sub("", visible))
    lines = (line.strip() for line in flowing.split(_BLOCK_BREAK))
    return "\n".join(line for line in lines if line), encoding, _page_meta(soup)


def _page_meta(soup: BeautifulSoup) -> PageMeta:
    """Title, date, address and publisher from the head: the first meta tag of each kind, in
    the order of the `_*_META` tuples; the canonical link before og:url."""
    title_tag = soup.title or soup.find("h1")
    title = title_tag.get_text(" ", strip=True) if title_tag else None
    metas: dict[str, str] = {}
    for meta in soup.find_all("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        content = _HTML_SPACE.sub(" ", str(meta.get("content") or "")).strip()
        if content and key not in metas:
            metas[key] = content
    published = next(
        (found for key in _PUBLISHED_META if (found := find_date(metas.get(key, "")))), None
    )
    links = (
        str(link.get("href") or "")
        for link in soup.find_all("link")
        if "canonical" in [rel.lower() for rel in (link.get("rel") or [])]
    )
    urls = [*links, *(metas.get(key, "") for key in _URL_META)]
    return PageMeta(
        title=title or None,
        published=published,
        url=next((found for url in urls if (found := web_address(url))), None),
        publisher=next(filter(_fits, (metas.get(key, "") for key in _PUBLISHER_META)), None),
    )


def _fits(name: str) -> bool:
    """Whether a meta tag's text can be a publisher's name (some sites put a paragraph there)."""
    return 0 < len(name) <= MAX_PUBLISHER_CHARS


def _visible_text(root: Tag) -> str:
    """The text `get_text` would give, without the dropped elements, with `_BLOCK_BREAK` around
    block elements and for `<br>`.

    One pass with an explicit stack: linear however deep the elements nest (marking blocks in
    the tree instead costs a walk down each block's last descendants, quadratic on deep nesting,
    and recursion would overflow).
    """
    wanted = root.interesting_string_types
    parts: list[str] = []
    stack: list[PageElement | str] = [root]
    while stack:
        item = stack.pop()
        if isinstance(item, Tag):
            if item.name in _HTML_DROPPED:
                continue
            if item.name == "br":
                parts.append(_BLOCK_BREAK)
                continue
            if item.name in _HTML_BLOCKS:
                parts.append(_BLOCK_BREAK)
                stack.append(_BLOCK_BREAK)
            stack.extend(reversed(item.contents))
        elif not isinstance(item, NavigableString) or type(item) in wanted:
            parts.append(item)  # a string of the page, or the break closing a block
    return "".join(parts)


_LEGACY_CHINESE = {"gb18030", "big5", "big5hkscs", "cp950"}


def _decode_html(data: bytes) -> tuple[str, str]:
    """Decode with the charset the page declares when it fits, else as a text file.

    A byte order mark outranks the declaration.
    """
    declared = EncodingDetector.find_declared_encoding(data, is_html=True)
    if declared and not data.startswith(
        (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
    ):
        try:
            name = codecs.lookup(declared).name
            # Pages declaring GB2312 or GBK routinely use characters only GB18030 covers.
            name = "gb18030" if name in ("gb2312", "gbk") else name
            text = data.decode(name)
        except (LookupError, UnicodeDecodeError):
            return decode_text(data)
        if name not in _LEGACY_CHINESE:
            return text, name
        # GB and Big5 bytes often decode without error as each other, and pages declare the
        # wrong one: keep the declaration unless the detected decoding reads clearly better.
        detected, detected_name = decode_text(data)
        if _frequent_hanzi_share(detected) > _frequent_hanzi_share(text):
            return detected, detected_name
        return text, name
    return decode_text(data)


# --- container formats ---------------------------------------------------------------------


@reads(".pdf", name="pdf", no_text="PDF has no extractable text (scanned?)")
def _read_pdf(data: bytes) -> tuple[str, str, PageMeta]:
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableDocument("PDF is password-protected")
        pages = [page.extract_text() or "" for page in reader.pages]
    except UnreadableDocument:
        raise
    except Exception as exc:  # pypdf raises many exception types on damaged files
        raise UnreadableDocument(f"corrupted PDF: {exc}") from exc
    return "\n".join(pages), "", PageMeta()


@reads(".docx", name="docx", no_text="no text in the DOCX document")
def _read_docx(data: bytes) -> tuple[str, str, PageMeta]:
    _check_unpacked_size(data)
    try:
        document = docx.Document(io.BytesIO(data))
        lines = list(_docx_lines(document))
    except Exception as exc:  # zipfile, lxml and python-docx each raise their own
        raise UnreadableDocument(f"corrupted DOCX: {exc}") from exc
    return "\n".join(lines), "", PageMeta()


def _check_unpacked_size(data: bytes) -> None:
    """Refuse an archive whose parts unpack to more than MAX_UNPACKED_BYTES, before unpacking.

    python-docx reads every part into memory and parses the XML whole: a 2.5 MB zip bomb that
    inflates to 1 GB took 5 GB. The sizes are those the archive's directory states, and zipfile
    returns no more of a part than that (an archive crafted to inflate beyond them is left to
    the worker's memory budget, see edukg.ingest.pipeline).
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(part.file_size for part in archive.infolist())
    except (zipfile.BadZipFile, ValueError) as exc:
        raise UnreadableDocument(f"corrupted DOCX: {exc}") from exc
    if unpacked > MAX_UNPACKED_BYTES:
        raise UnreadableDocument(
            f"DOCX unpacks to {unpacked:,} bytes (limit {MAX_UNPACKED_BYTES:,}): "
            "not read, to keep memory bounded"
        )


def _docx_lines(document: DocxDocument) -> Iterator[str]:
    """Paragraphs in reading order; a table gives one line per cell (merged cells once)."""
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            yield block.text
            continue
        for row in block.rows:
            seen: set[object] = set()
            for cell in row.cells:
                # A merged cell appears once per grid column it spans, all on one <w:tc>.
                if cell._tc not in seen:
                    seen.add(cell._tc)
                    yield cell.text
