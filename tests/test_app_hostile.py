"""The explorer against hostile or unlucky input (issue 11): bad saved query files, Markdown
in documents and in the address, long upload names, a region named twice, a huge answer."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from edukg.explorer.navigation import PAGES
from edukg.queryfile import parse_query_file
from edukg.store import falkordb_store

LINK = "[点击查看全文](https://evil.example/p)"
IMAGE = "![x](https://evil.example/i.png)"
# A link a policy title may carry and still read as a title (an address with a host makes
# it page junk, which extraction leaves out).
TITLE_LINK = "[点击查看全文](/全文/意见)"
# Written for this test: a policy whose title carries a Markdown link, and an image.
POLICY_TEXT = (
    f"《{TITLE_LINK}关于推进集团化办学的意见》\n2024年3月1日\n"
    f"东城区印发《{TITLE_LINK}关于推进集团化办学的意见》，自2019年起推行集团化办学。{IMAGE}\n"
)


def markdown_sources(app: AppTest) -> list[str]:
    """The Markdown the page sent to the browser: headings, text, captions, boxes, labels."""
    kinds = ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error")
    sources = [e.value for kind in kinds for e in getattr(app, kind)]
    return sources + [e.label for e in app.expander]


def assert_no_live_markup(app: AppTest) -> None:
    for source in markdown_sources(app):
        assert "](" not in source and "![" not in source, source


@pytest.fixture
def own_store(private_server, monkeypatch):
    monkeypatch.setenv("EDUKG_DATA_DIR", str(private_server.data_dir))
    return private_server


def upload(app: AppTest, *files: tuple[str, bytes, str]) -> AppTest:
    app.file_uploader[0].set_value(list(files))
    return next(b for b in app.button if b.label == "Ingest").click().run(timeout=180)


def test_bad_saved_query_files_break_no_page_and_are_named(demo_data_dir, open_explorer):
    folder = demo_data_dir / "saved_queries"
    folder.mkdir()
    (folder / "broken.cypher").write_text("// title: [unclosed\nRETURN 1", encoding="utf-8")
    (folder / "old.cypher").write_bytes("// title: 旧\nRETURN 1\n".encode("gb18030"))
    (folder / "graph_counts.cypher").write_text("// title: Mine\nRETURN 1", encoding="utf-8")
    (folder / "fine.cypher").write_text("// title: Fine one\nRETURN 1 AS one", encoding="utf-8")
    for page in PAGES:
        app = open_explorer(page)
        assert not app.exception, (page, app.exception)
    app = open_explorer("queries")
    warnings = " ".join(w.value for w in app.warning)
    for name in ("broken", "old", "graph\\_counts"):
        assert f"{name}\\.cypher" in warnings
    assert "Fine one" in {b.label for b in app.button}


def test_markdown_in_the_address_is_shown_as_text(demo_data_dir, open_explorer):
    app = open_explorer("search", q=f"{LINK}{IMAGE}")
    assert not app.exception
    assert "\\[点击查看全文\\]\\(https\\://evil\\.example/p\\)" in app.info[0].value
    assert_no_live_markup(app)


def test_markdown_in_a_document_is_shown_as_text(own_store, open_explorer, tmp_path):
    app = upload(open_explorer("ingest"), ("policy.txt", POLICY_TEXT.encode(), "text/plain"))
    assert not app.exception and not app.error
    assert_no_live_markup(app)
    policy = "policy:" + TITLE_LINK + "关于推进集团化办学的意见"
    for page, params in [
        ("policy", {"policy": policy}),
        ("evidence", {"node": "region:110101"}),
        ("region", {"region": "region:110101"}),
    ]:
        app = open_explorer(page, **params)
        assert not app.exception, page
        assert_no_live_markup(app)
    assert open_explorer("policy", policy=policy).header[0].value.startswith("\\[点击查看全文\\]")


def test_an_upload_with_a_very_long_name_is_ingested_with_the_rest(own_store, open_explorer):
    long_name = "关于推进集团化办学的意见" * 10 + ".txt"  # 363 bytes: more than a file name holds
    app = upload(
        open_explorer("ingest"),
        (long_name, POLICY_TEXT.encode(), "text/plain"),
        ("short.txt", "西城区自2019年起推行集团化办学。\n".encode(), "text/plain"),
    )
    assert not app.exception and not app.error
    summary = dict(zip(*app.dataframe[0].value.to_dict("list").values(), strict=True))
    assert summary["documents added"] == 2
    stored = {p.name for p in (own_store.data_dir / "uploads").iterdir()} - {"short.txt"}
    assert len(stored) == 1
    shortened = stored.pop()
    assert len(shortened.encode()) <= 255
    assert shortened.startswith("关于推进") and shortened.endswith(".txt")


def test_a_region_named_twice_in_the_address_is_compared_once(demo_data_dir, open_explorer):
    app = open_explorer("compare", regions="region:110101,region:110101")
    assert not app.exception
    assert app.info  # one region: pick another
    app = open_explorer("compare", regions="region:110101,region:110108,region:110101")
    assert not app.exception
    assert app.multiselect[0].value == ["region:110101", "region:110108"]


def test_a_huge_answer_is_refused_in_the_app_and_the_app_carries_on(
    demo_data_dir, open_explorer, monkeypatch
):
    monkeypatch.setattr(falkordb_store, "MAX_ANSWER_BYTES", 1 << 20)
    app = open_explorer("saved")
    app.text_area(key="saved:cypher").input("UNWIND range(1, 300000) AS x RETURN collect(x)")
    app = next(b for b in app.run().button if b.label == "Run").click().run()
    assert not app.exception
    assert "larger than 1 MB" in app.error[0].value
    app.text_area(key="saved:cypher").input("UNWIND range(1, 20000000) AS x RETURN collect(x)")
    app = next(b for b in app.run().button if b.label == "Run").click().run()
    assert "20,000,000 numbers" in app.error[0].value


def test_a_query_starting_with_a_comment_is_saved_with_its_own_title(demo_data_dir, open_explorer):
    app = open_explorer("saved")
    app.text_input(key="saved:name").input("commented")
    app.text_input(key="saved:title").input("Real title")
    cypher = "// title: not this\n// why\nRETURN 1 AS one"
    app.text_area(key="saved:cypher").input(cypher)
    app = next(b for b in app.run().button if b.label == "Save").click().run()
    assert not app.exception and not app.error
    saved = parse_query_file(
        (demo_data_dir / "saved_queries" / "commented.cypher").read_text("utf-8"), "commented"
    )
    assert (saved.title, saved.cypher) == ("Real title", cypher)


def test_two_uploads_with_one_name_are_not_silently_merged(own_store, open_explorer):
    first = "西城区自2019年起推行集团化办学。\n".encode()
    second = "海淀区自2016年起推行集团化办学。\n".encode()
    app = upload(
        open_explorer("ingest"),
        ("news.txt", first, "text/plain"),
        ("news.txt", second, "text/plain"),
    )
    assert not app.exception
    assert any("news" in e.value and "same name" in e.value for e in app.error)
    stored = own_store.data_dir / "uploads" / "news.txt"
    assert stored.read_bytes() == first  # the first kept, the second refused, not overwritten


def test_every_page_says_when_the_stores_files_are_damaged(own_store, open_explorer):
    from edukg.store.server import DAMAGE_FILE

    app = open_explorer("overview")
    assert not any("problem" in e.value for e in app.error)  # a sound store says nothing
    (own_store.data_dir / DAMAGE_FILE).write_text(
        "Part of the store's data was lost: run edukg db repair", encoding="utf-8"
    )
    for page in ("overview", "measure"):
        app = open_explorer(page)
        assert any(
            "db repair" in e.value and "answers may lack facts" in e.value for e in app.error
        )
