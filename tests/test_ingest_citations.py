"""What a citation needs, kept on Document nodes at ingest: the web address and publisher (from
a page's own tags, `--source-url`/`--publisher` or a folder's sources.csv; the publisher also
from a header line 来源：…) and the date, in the
order metadata > the document's own date > a date guessed from its opening text. Texts written
for these tests."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from edukg.cli import main
from edukg.ingest.pipeline import ingest_paths
from edukg.ingest.readers import read_document
from edukg.store.base import GraphStore
from tests.test_extract import facts_of_raw, raw_of

NEWS = "西城区推进集团化办学纪实\n西城区自2016年起推行集团化办学，全区已组建教育集团十余个。\n"
REPORT = "海淀区学区制改革观察\n海淀区于2018年推行学区制管理，覆盖全部中小学。\n"
PAGE = """<html><head><meta charset="utf-8"><title>东城区深化集团化办学</title>
<link rel="canonical" href="https://jw.example.gov.cn/dc/2024/0401/1.html">
<meta name="ContentSource" content="东城区教育委员会">
<meta name="PubDate" content="2024-04-01">
</head><body><p>东城区教育观察</p><p>2024年3月28日</p>
<p>东城区自2014年起推行集团化办学。</p></body></html>"""


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def documents(store: GraphStore) -> dict[str, dict]:
    """Documents by file name: their citation properties."""
    rows = store.query("MATCH (d:Document) RETURN d.source, d.url, d.publisher, d.published").rows
    return {
        Path(source).name: {"url": url, "publisher": publisher, "published": published}
        for source, url, publisher, published in rows
    }


def test_an_html_page_gives_its_canonical_address_publisher_and_meta_date(store, tmp_path):
    (tmp_path / "dc.html").write_text(PAGE, encoding="utf-8")
    assert not ingest_paths(store, [tmp_path]).has_errors
    assert documents(store)["dc.html"] == {
        "url": "https://jw.example.gov.cn/dc/2024/0401/1.html",
        "publisher": "东城区教育委员会",
        "published": "2024-04-01",  # the meta tag's, before the page's own dateline
    }


def test_source_url_and_publisher_name_one_files_address(store, tmp_path):
    news = tmp_path / "news.txt"
    news.write_text(NEWS, encoding="utf-8")
    url = "https://news.example.cn/2024/xc.html"
    result = run("ingest", str(news), "--source-url", url, "--publisher", "某某日报")
    assert result.exit_code == 0, result.output
    assert documents(store)["news.txt"] | {"published": None} == {
        "url": url,
        "publisher": "某某日报",
        "published": None,
    }

    # the file is unchanged, so not read again; its new address still reaches its document
    moved = "https://news.example.cn/archive/xc.html"
    result = run("ingest", str(news), "--source-url", moved)
    assert result.exit_code == 0, result.output
    assert "citations updated" in result.output
    assert documents(store)["news.txt"]["url"] == moved
    assert documents(store)["news.txt"]["publisher"] == "某某日报"  # not stated: kept


def test_source_url_is_refused_for_a_folder_or_an_address_that_is_none(store, tmp_path):
    (tmp_path / "news.txt").write_text(NEWS, encoding="utf-8")
    folder = run("ingest", str(tmp_path), "--source-url", "https://news.example.cn/a.html")
    assert folder.exit_code == 2 and "sources.csv" in folder.output
    local = run("ingest", str(tmp_path / "news.txt"), "--source-url", "/home/me/news.txt")
    assert local.exit_code == 2 and "http(s)" in local.output
    assert documents(store) == {}


def test_a_folders_sidecar_gives_its_files_addresses(store, tmp_path):
    (tmp_path / "news.txt").write_text(NEWS, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "report.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "dc.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "sources.csv").write_text(
        "\ufefffile,url,publisher\n"  # as Excel saves it
        "news.txt,https://news.example.cn/xc.html,某某日报\n"
        "sub/report.txt,,海淀区教育观察\n"
        "dc.html,https://mirror.example.org/dc.html,\n"
        "gone.txt,https://news.example.cn/gone.html,\n"
        "../outside.txt,https://news.example.cn/out.html,\n",
        encoding="utf-8",
    )

    report = ingest_paths(store, [tmp_path])

    found = documents(store)
    assert (found["news.txt"]["url"], found["news.txt"]["publisher"]) == (
        "https://news.example.cn/xc.html",
        "某某日报",
    )
    report_file = found["report.txt"]
    assert (report_file["url"], report_file["publisher"]) == (None, "海淀区教育观察")
    # what the person ingesting says outranks the page; what they leave out, the page says
    assert (found["dc.html"]["url"], found["dc.html"]["publisher"]) == (
        "https://mirror.example.org/dc.html",
        "东城区教育委员会",
    )
    # the sidecar is read, not ingested; its unusable rows are warnings, not errors
    reasons = [skip.reason for skip in report.skipped if skip.source.endswith("sources.csv")]
    assert len(reasons) == 2
    assert any("no file gone.txt" in r for r in reasons)
    assert any("outside" in r for r in reasons)
    assert not report.has_errors and report.found == 3


def test_a_sidecar_without_its_header_is_an_error_and_the_files_still_load(store, tmp_path):
    (tmp_path / "news.txt").write_text(NEWS, encoding="utf-8")
    (tmp_path / "sources.csv").write_text("news.txt,https://news.example.cn/xc.html\n")
    report = ingest_paths(store, [tmp_path])
    assert report.has_errors
    assert "file,url" in report.skipped[0].reason
    assert documents(store)["news.txt"]["url"] is None


NOTICE = (
    "关于印发《西城区集团化办学实施办法》的通知\n"
    "各中小学：\n"
    "根据2019年6月1日市教委印发的有关文件，现将《西城区集团化办学实施办法》印发给你们，"
    "请认真贯彻执行。西城区将推进集团化办学。\n"
    "西城区教育委员会\n"
    "2021年3月5日\n"
)


def test_a_policys_issue_date_outranks_a_date_the_text_mentions_first(tmp_path):
    path = tmp_path / "notice.txt"
    path.write_text(NOTICE, encoding="utf-8")
    raw = read_document(path)
    assert raw.text_date == "2019-06-01"  # the reader's guess: a date the text mentions
    assert facts_of_raw(raw).document.props["published"] == "2021-03-05"


def publisher_of(text: str, stated: str | None = None) -> str | None:
    return facts_of_raw(raw_of(text, publisher=stated)).document.props["publisher"]


def test_a_header_line_naming_the_source_gives_the_publisher():
    body = "西城区近年来持续推进集团化办学，新组建三个教育集团。\n"
    header = "西城区教育集团扩容\n2022-05-12 09:30  来源：首都教育报\n"
    assert publisher_of(header + body) == "首都教育报"
    traditional = "西城區教育集團擴容\n來源:首都教育報 時間:2022-05-12  閱讀:次  |\n"
    assert publisher_of(traditional + body) == "首都教育报"  # the text is Simplified
    assert publisher_of(header + body, stated="某某日报") == "某某日报"  # the file's own first
    for empty in ("发布日期:2020-06-29    作者:     来源:     点击:\n", "来源：本站\n"):
        assert publisher_of("西城区教育集团扩容\n" + empty + body) is None
