"""Bad input in a batch: every bad file is reported and skipped (or read correctly), the good
files of the batch land, and nothing already in the graph is lost. Run through `edukg ingest`
on the session's embedded store, as a user runs it."""

from __future__ import annotations

import json
import os
from pathlib import Path

import docx
from click.testing import CliRunner
from test_readers import minimal_pdf

from edukg.cli import EXIT_SKIPPED, main

DEMO = Path(__file__).resolve().parents[1] / "examples" / "corpus"
FIFTY_MB = 50 * 1024 * 1024


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def export() -> dict:
    result = run("export", "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def news(district: str, year: int) -> str:
    return f"{district}教育简讯\n{district}自{year}年起推行集团化办学，已组建教育集团多个。\n"


def implements(graph: dict) -> set[tuple[str, str]]:
    return {(e["source"], e["target"]) for e in graph["edges"] if e["type"] == "IMPLEMENTS"}


def broken_docx(folder: Path) -> bytes:
    """A real DOCX with its main part cut in half: the zip opens, the XML does not parse."""
    document = docx.Document()
    document.add_paragraph(news("丰台区", 2019))
    document.save(str(folder / "whole.docx"))
    data = (folder / "whole.docx").read_bytes()
    (folder / "whole.docx").unlink()
    return data[: len(data) // 2]


# (file name, content, the reason it is skipped); the content of a good file is its text.
def bad_files(folder: Path) -> list[tuple[str, bytes, str]]:
    sentence = "集团化办学让更多孩子在家门口上好学。".encode()
    return [
        ("folder[/]empty.txt", b"", "empty file"),  # "[/]" in a path once crashed the summary
        ("binary.txt", bytes(range(256)) * 64, "binary content"),
        ("truncated.pdf", minimal_pdf(["District brief 2024"])[:300], "corrupted PDF"),
        ("corrupted.docx", broken_docx(folder), "corrupted DOCX"),
        ("huge.txt", sentence * (FIFTY_MB // len(sentence)), "too long to analyse"),
        ("utf8 bom, gb18030 body.txt", b"\xef\xbb\xbf" + news("石景山区", 2017).encode("gb18030"),
         "invalid UTF-8"),
    ]  # fmt: skip


# (file name, bytes, the (region, measure) edge it must add)
def good_files() -> list[tuple[str | bytes, bytes, tuple[str, str]]]:
    group = "measure:group_schooling"
    wrong_charset = (
        '<html><head><meta charset="utf-8"><title>闵行区教育简讯</title></head><body><p>'
        "上海市闵行区自2015年起推行集团化办学，已组建教育集团多个。</p></body></html>"
    )
    mixed_scripts = "密云区推行集团化办学。\n延慶區自2018年起推行集團化辦學，組建教育集團多個。\n"
    return [
        ("西城区.txt", news("西城区", 2016).encode(), ("region:110102", group)),
        ("wrong charset.html", wrong_charset.encode("gb18030"), ("region:310112", group)),
        ("mixed scripts.txt", mixed_scripts.encode(), ("region:110119", group)),
        ("a[b] 'q' \"q\" $x `y`;|.txt", news("门头沟区", 2015).encode(), ("region:110109", group)),
        ("名字 带空格 (1).txt", news("房山区", 2014).encode(), ("region:110111", group)),
        ("-leading-dash.txt", news("通州区", 2013).encode(), ("region:110112", group)),
        ("line\nbreak.txt", news("顺义区", 2012).encode(), ("region:110113", group)),
        ("📚 emoji.txt", news("昌平区", 2011).encode(), ("region:110114", group)),
        ("长" * 80 + ".txt", news("大兴区", 2010).encode(), ("region:110115", group)),
        (b"latin-1 \xe9\xff.txt", news("怀柔区", 2009).encode(), ("region:110116", group)),
        ("nul.pdf", minimal_pdf(["District brief\\000 2024"]), None),
    ]  # fmt: skip


def test_a_batch_of_bad_files_is_reported_and_the_rest_lands(store, tmp_path):
    assert run("ingest", str(DEMO)).exit_code == 0
    before = export()
    batch = tmp_path / "batch"
    batch.mkdir()
    for name, data, _reason in bad_files(tmp_path):
        (batch / name).parent.mkdir(exist_ok=True)
        (batch / name).write_bytes(data)
    for name, data, _edge in good_files():
        with open(os.path.join(os.fsencode(batch), os.fsencode(name)), "wb") as file:
            file.write(data)

    result = run("ingest", str(batch))

    assert result.exit_code == EXIT_SKIPPED
    skipped = [line for line in result.output.splitlines() if line.startswith("skipped")]
    for name, _data, reason in bad_files(tmp_path):
        line = next(line for line in skipped if name in line)
        assert reason in line, line
    assert len(skipped) == len(bad_files(tmp_path))
    after = export()
    expected = {edge for _name, _data, edge in good_files() if edge}
    assert expected <= implements(after) - implements(before)
    sources = {n["source"] for n in after["nodes"] if n["label"] == "Document"}
    assert str(batch.resolve() / "line\nbreak.txt") in sources
    assert str(batch.resolve() / "latin-1 \ufffd\ufffd.txt") in sources  # undecodable bytes
    nul_pdf = next(n for n in after["nodes"] if n.get("source", "").endswith("nul.pdf"))
    assert "District brief\ufffd 2024" in nul_pdf["text"]
    # Nothing that was in the graph is lost or changed.
    for kind in ("nodes", "edges"):
        assert all(item in after[kind] for item in before[kind])

    again = run("ingest", str(batch))
    assert again.exit_code == EXIT_SKIPPED
    assert "documents added" not in again.output
    assert export() == after


def test_a_page_declaring_the_wrong_chinese_charset_is_read_right(store, tmp_path):
    page = (
        '<html><head><meta charset="gb2312"><title>臺北市教育簡訊</title></head><body><p>'
        "臺北市大安區自2016年起推行集團化辦學，組建教育集團多個。</p></body></html>"
    )
    (tmp_path / "big5.html").write_bytes(page.encode("big5"))
    run("ingest", str(tmp_path))
    texts = [node["text"] for node in export()["nodes"] if node["label"] == "Document"]
    assert texts and "台北市" in texts[0]
