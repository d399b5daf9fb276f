"""Reading files of every supported format and encoding into text plus metadata."""

from __future__ import annotations

import codecs
import hashlib
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest

from edukg.ingest.readers import UnreadableDocument, read_document, supported_suffixes

NOTICE_SIMPLIFIED = (
    "关于深化集团化办学改革的实施意见\n"
    "发布日期：2024年3月8日\n"
    "\n"
    "为让更多学生就近享有优质学校，本区将以名校为龙头组建十个教育集团，"
    "推动集团内教师交流轮岗和课程共建共享。\n"
    "到2026年，集团化办学覆盖全区八成以上的义务教育学校。\n"
)
NOTICE_TRADITIONAL = (
    "臺中市推動國中小雙語教育計畫\n"
    "本市將於一一三學年度起擴大雙語課程，補助偏鄉學校聘用外籍教師，"
    "並透過數位學習平臺提供教師專業成長課程。\n"
)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def minimal_pdf(lines: list[str]) -> bytes:
    """A one-page PDF showing `lines` in Helvetica (ASCII only), with a correct xref table."""
    shown = " ".join(f"({line}) '" for line in lines)
    content = f"BT /F1 12 Tf 72 720 Td 14 TL {shown} ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        " /Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    starts = []
    for number, body in enumerate(objects, 1):
        starts.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{start:010d} 00000 n \n" for start in starts).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n".encode()
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    return out


# --- plain text and encodings ---------------------------------------------------------------


def test_utf8_text_with_metadata(tmp_path: Path) -> None:
    data = NOTICE_SIMPLIFIED.encode("utf-8")
    path = write(tmp_path, "notice.txt", data)
    doc = read_document(path)
    assert doc.text == NOTICE_SIMPLIFIED
    assert doc.source == str(path)
    assert doc.sha256 == hashlib.sha256(data).hexdigest()
    assert doc.title == "关于深化集团化办学改革的实施意见"
    # a date in the text is a guess, kept apart from a date the file's metadata states
    assert (doc.published, doc.text_date) == (None, "2024-03-08")
    assert (doc.url, doc.publisher) == (None, None)
    assert (doc.encoding, doc.format) == ("utf-8", "txt")


def test_utf8_bom_is_not_part_of_the_text(tmp_path: Path) -> None:
    path = write(tmp_path, "bom.txt", codecs.BOM_UTF8 + NOTICE_SIMPLIFIED.encode("utf-8"))
    doc = read_document(path)
    assert doc.text == NOTICE_SIMPLIFIED
    assert doc.encoding == "utf-8-sig"
    assert doc.title == "关于深化集团化办学改革的实施意见"


def test_windows_line_endings_are_unified(tmp_path: Path) -> None:
    path = write(tmp_path, "crlf.txt", NOTICE_SIMPLIFIED.replace("\n", "\r\n").encode("utf-8"))
    assert read_document(path).text == NOTICE_SIMPLIFIED


def test_utf16_with_bom(tmp_path: Path) -> None:
    path = write(tmp_path, "utf16.txt", NOTICE_SIMPLIFIED.encode("utf-16"))
    doc = read_document(path)
    assert (doc.text, doc.encoding) == (NOTICE_SIMPLIFIED, "utf-16")


@pytest.mark.parametrize(
    "text",
    [NOTICE_SIMPLIFIED, NOTICE_TRADITIONAL, "县管校聘改革", "推进学区制管理"],
    ids=["simplified", "traditional", "short", "short2"],
)
def test_gb18030_text_decodes(tmp_path: Path, text: str) -> None:
    doc = read_document(write(tmp_path, "gb.txt", text.encode("gb18030")))
    assert (doc.text, doc.encoding) == (text, "gb18030")


@pytest.mark.parametrize(
    "text", [NOTICE_TRADITIONAL, "教師輪調制度", "國民小學"], ids=["notice", "short", "shortest"]
)
def test_big5_text_decodes(tmp_path: Path, text: str) -> None:
    doc = read_document(write(tmp_path, "big5.txt", text.encode("big5")))
    assert doc.text == text
    assert doc.encoding in ("big5", "cp950")


def test_large_gb18030_file(tmp_path: Path) -> None:
    text = NOTICE_SIMPLIFIED * 20_000  # about 3 MB
    doc = read_document(write(tmp_path, "large.txt", text.encode("gb18030")))
    assert doc.encoding == "gb18030"
    assert len(doc.text) == len(text)
    assert doc.title == "关于深化集团化办学改革的实施意见"


def test_markdown_title_drops_heading_marks(tmp_path: Path) -> None:
    body = "# 县域教育共同体建设纪实\n\n2023年9月，全县组建了五个教育共同体。\n"
    doc = read_document(write(tmp_path, "report.md", body.encode("utf-8")))
    assert (doc.title, doc.text_date, doc.format) == ("县域教育共同体建设纪实", "2023-09", "md")
    assert doc.text == body


def test_long_first_line_is_no_title_and_bare_year_is_no_date(tmp_path: Path) -> None:
    body = "2023年全县新建改扩建学校十二所，新增学位九千余个，" * 4 + "\n第二行。\n"
    doc = read_document(write(tmp_path, "long.txt", body.encode("utf-8")))
    assert doc.title is None
    assert doc.text_date is None


# --- HTML -----------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head><meta charset="gb2312">
<title>推进学区制管理的通知</title>
<meta property="article:published_time" content="2024-05-20T09:30:00+08:00">
<style>p { color: red }</style><script>var hidden = "脚本文字";</script>
</head><body>
<nav>首页 | 通知公告</nav>
<h1>学区制管理再深化</h1>
<p>本区将全面推进<b>学区制</b>管理，
促进校际均衡。<br>第二行：Smart campus
 pilot.</p>
<div><p>内层段落</p>外层文字</div>
<ul><li>统筹师资</li><li>共享场馆</li></ul>
<footer>版权所有 教育委员会</footer><!-- 注释不显示 -->
</body></html>"""


def test_html_text_title_and_date(tmp_path: Path) -> None:
    # Declared GB2312 but written by a GB18030 encoder with a character outside GB2312 (镕).
    page = PAGE.replace("外层文字", "外层文字镕")
    doc = read_document(write(tmp_path, "notice.html", page.encode("gb18030")))
    assert doc.text.split("\n") == [
        "学区制管理再深化",
        "本区将全面推进学区制管理，促进校际均衡。",
        "第二行：Smart campus pilot.",
        "内层段落",
        "外层文字镕",
        "统筹师资",
        "共享场馆",
    ]
    assert doc.title == "推进学区制管理的通知"
    assert doc.published == "2024-05-20"
    assert (doc.encoding, doc.format) == ("gb18030", "html")


PORTAL_HEAD = """<html><head><meta charset="utf-8"><title>关于推进学区制管理的通知</title>
<link rel="stylesheet" href="/style.css">
<link rel="canonical" href="https://jyj.example.gov.cn/zwgk/2024/0312/notice.html">
<meta property="og:url" content="https://mirror.example.com/notice.html">
<meta name="SiteName" content="某市人民政府门户网站">
<meta name="ContentSource" content="某市教育局">
<meta name="author" content="编辑部">
<meta name="PubDate" content="2024-03-12 10:20">
</head><body><p>为促进校际均衡，本市推进学区制管理。</p><p>2023年12月1日起试点。</p></body></html>"""


def test_html_portal_meta_give_address_publisher_and_date(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path, "notice.html", PORTAL_HEAD.encode("utf-8")))
    assert doc.url == "https://jyj.example.gov.cn/zwgk/2024/0312/notice.html"  # canonical first
    assert doc.publisher == "某市教育局"  # the article's source before the author and site
    assert doc.published == "2024-03-12"
    assert doc.text_date == "2023-12-01"


@pytest.mark.parametrize(
    ("head", "url", "publisher"),
    [
        (
            '<meta property="og:url" content="https://news.example.cn/a/1.html">'
            '<meta property="og:site_name" content="某某日报">',
            "https://news.example.cn/a/1.html",
            "某某日报",
        ),
        ('<meta name="ArticleSource" content=" 省教育厅 ">', None, "省教育厅"),
        # a relative or script address tells a reader nothing
        ('<link rel="canonical" href="/a/1.html"><meta property="og:url" content="javascript:x">',
         None, None),
    ],
)  # fmt: skip
def test_html_address_and_publisher_from_other_tags(
    tmp_path: Path, head: str, url: str | None, publisher: str | None
) -> None:
    page = f"<html><head>{head}</head><body><p>全区推进集团化办学。</p></body></html>"
    doc = read_document(write(tmp_path, "page.html", page.encode("utf-8")))
    assert (doc.url, doc.publisher) == (url, publisher)


def test_htm_without_title_uses_first_h1(tmp_path: Path) -> None:
    page = "<html><body><h1>教师交流轮岗</h1><p>今年全区交流教师三百名。</p></body></html>"
    doc = read_document(write(tmp_path, "page.htm", page.encode("utf-8")))
    assert (doc.title, doc.format, doc.encoding) == ("教师交流轮岗", "html", "utf-8")
    assert doc.text == "教师交流轮岗\n今年全区交流教师三百名。"


def test_html_without_visible_text_is_rejected(tmp_path: Path) -> None:
    page = b"<html><head><title>x</title><script>var a = 1;</script></head><body></body></html>"
    with pytest.raises(UnreadableDocument, match="no visible text"):
        read_document(write(tmp_path, "empty.html", page))


# --- PDF ------------------------------------------------------------------------------------


def test_pdf_text(tmp_path: Path) -> None:
    pdf = minimal_pdf(["Education Reform Brief", "Issued 2024-06-01 by the district bureau"])
    doc = read_document(write(tmp_path, "brief.pdf", pdf))
    assert "Education Reform Brief" in doc.text
    assert doc.title == "Education Reform Brief"
    assert doc.text_date == "2024-06-01"
    assert (doc.format, doc.encoding) == ("pdf", "")


@pytest.mark.parametrize("keep", [0.3, 0.6, 0.9])
def test_truncated_pdf_is_unreadable(tmp_path: Path, keep: float) -> None:
    pdf = minimal_pdf(["Education Reform Brief"])
    path = write(tmp_path, "cut.pdf", pdf[: int(len(pdf) * keep)])
    with pytest.raises(UnreadableDocument, match="corrupted PDF"):
        read_document(path)


def test_pdf_without_text_is_reported_as_scanned(tmp_path: Path) -> None:
    with pytest.raises(UnreadableDocument, match="no extractable text"):
        read_document(write(tmp_path, "scan.pdf", minimal_pdf([])))


# --- DOCX -----------------------------------------------------------------------------------


def make_docx(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("城乡学校手拉手结对方案")
    document.add_paragraph("2024年4月12日")
    table = document.add_table(rows=2, cols=2)
    header = table.cell(0, 0).merge(table.cell(0, 1))
    header.text = "结对学校名单"
    table.cell(1, 0).text = "城区第一小学"
    table.cell(1, 1).text = "山区中心小学"
    document.add_paragraph("结对学校每学期至少开展两次联合教研。")
    document.save(str(path))
    return path


def test_docx_paragraphs_and_table_cells_in_order(tmp_path: Path) -> None:
    doc = read_document(make_docx(tmp_path / "plan.docx"))
    assert doc.text.split("\n") == [
        "城乡学校手拉手结对方案",
        "2024年4月12日",
        "结对学校名单",
        "城区第一小学",
        "山区中心小学",
        "结对学校每学期至少开展两次联合教研。",
    ]
    assert doc.title == "城乡学校手拉手结对方案"
    assert (doc.text_date, doc.format) == ("2024-04-12", "docx")


def test_corrupt_docx_is_unreadable(tmp_path: Path) -> None:
    data = make_docx(tmp_path / "good.docx").read_bytes()
    with pytest.raises(UnreadableDocument, match="corrupted DOCX"):
        read_document(write(tmp_path, "bad.docx", data[: len(data) // 2]))


def docx_bomb(path: Path, unpacked: int) -> Path:
    """A valid .docx plus a part of `unpacked` zero bytes (deflated to about a thousandth),
    written in steps so the test itself never holds it."""
    make_docx(path)
    step = bytes(1 << 20)
    with (
        zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/media/filler.bin", "w", force_zip64=True) as part,
    ):
        for _ in range(unpacked // len(step)):
            part.write(step)
    return path


def run_reader(path: Path, timeout: float) -> subprocess.CompletedProcess:
    """`read_document(path)` in a process of its own; it prints its outcome and the process's
    peak memory (MB), so that a reader that hangs or blows up cannot take the test with it."""
    script = (
        "import re, sys\n"
        "from edukg.ingest.readers import UnreadableDocument, read_document\n"
        "try:\n"
        "    print(repr(read_document(sys.argv[1]).text[:40]))\n"
        "except UnreadableDocument as problem:\n"
        "    print('unreadable:', problem)\n"
        "status = open('/proc/self/status').read()\n"
        "print(int(re.search(r'VmHWM:\\s*(\\d+)', status).group(1)) // 1024)\n"
    )
    root = Path(__file__).resolve().parents[1]
    return subprocess.run(
        [sys.executable, "-c", script, str(path)],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=True,
    )


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc")
def test_a_docx_that_unpacks_too_big_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    bomb = docx_bomb(tmp_path / "bomb.docx", 144 << 20)  # the limit is 128 MiB
    assert bomb.stat().st_size < 1 << 20
    outcome, peak_mb = run_reader(bomb, timeout=30).stdout.splitlines()
    assert outcome.startswith("unreadable: DOCX unpacks to 151,")
    assert "(limit 134,217,728): not read, to keep memory bounded" in outcome
    assert int(peak_mb) < 128  # the reader's own imports take about 60 MB


# --- HTML nested very deep ------------------------------------------------------------------


@pytest.mark.parametrize("element", ["<div>", "<span>", "<div><p><b>"])
def test_html_nested_100_000_deep_is_read_in_seconds(tmp_path: Path, element: str) -> None:
    """Elements left open, as broken pages do; before, 10 000 levels took 4 s, 100 000 > 120 s."""
    page = f"<html><body>{element * 100_000}北京市东城区推行集团化办学。</body></html>"
    path = write(tmp_path, "deep.html", page.encode())
    outcome, _peak = run_reader(path, timeout=20).stdout.splitlines()
    assert outcome == repr("北京市东城区推行集团化办学。")


# --- refusals -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.md", " \n\t\r\n\u3000".encode(), "whitespace only"),
        ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(300), "binary content"),
        ("noise.txt", bytes(range(1, 32)) * 50, "binary content"),
        ("sheet.xlsx", b"PK\x03\x04", "unsupported file type .xlsx"),
        ("README", b"text", "unsupported file type"),
        ("latin1.txt", "Réforme scolaire à Pékin".encode("latin-1"), "cannot decode"),
    ],
)
def test_unreadable_files_say_why(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    with pytest.raises(UnreadableDocument, match=reason):
        read_document(write(tmp_path, name, data))


def test_unsupported_message_lists_supported_types(tmp_path: Path) -> None:
    with pytest.raises(UnreadableDocument) as caught:
        read_document(write(tmp_path, "a.xlsx", b"x"))
    assert all(suffix in str(caught.value) for suffix in supported_suffixes())


def test_missing_file_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(UnreadableDocument, match="cannot read file"):
        read_document(tmp_path / "missing.txt")


def test_a_new_format_is_one_registered_reader(tmp_path, monkeypatch):
    from edukg.ingest import readers

    monkeypatch.setattr(readers, "FORMATS", dict(readers.FORMATS))
    readers.reads(".tsv", name="tsv", no_text="no rows")(
        lambda data: (data.decode().replace("\t", "，"), "utf-8", readers.PageMeta(title="表"))
    )
    table = tmp_path / "plan.tsv"
    table.write_text("东城区\t集团化办学\n", encoding="utf-8")
    document = read_document(table)
    assert (document.format, document.title, document.text) == ("tsv", "表", "东城区，集团化办学\n")
    assert ".tsv" in supported_suffixes()
    (tmp_path / "empty.tsv").write_text("  \n", encoding="utf-8")
    with pytest.raises(UnreadableDocument, match="no rows"):
        read_document(tmp_path / "empty.tsv")
