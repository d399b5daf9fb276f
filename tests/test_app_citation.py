"""Citations in the explorer, on the demo corpus (whose sources.csv gives the 东城区 report its
address and publisher): a "copy citation" in the evidence panel and on the document page, in
a Chinese and an English style; the document page opened at the chosen sentence; file names,
never the reader's local paths."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import DEMO_CORPUS

DONGCHENG_FACT = {
    "type": "IMPLEMENTS",
    "source": "region:110101",
    "target": "measure:group_schooling",
}
SENTENCE = "东城区自2014年起推行集团化办学，以优质校为龙头，吸纳周边学校组成教育集团。"
TITLE = "东城区十年探索：集团化办学与学区制双轮驱动"
URL = "https://news.example.org/2023/09/dongcheng-group-schooling.html"
ZH = f"首都教育观察（示例稿）：《{TITLE}》，2023年9月12日。来源：{URL}。引文：“{SENTENCE}”"
EN = f"首都教育观察（示例稿）, “{TITLE}”, 12 September 2023. Source: {URL}. Quote: “{SENTENCE}”"


def citations(app: AppTest) -> list[str]:
    return [code.value for code in app.code]


def shown_text(app: AppTest) -> str:
    """Every text the page shows: Markdown, captions, code, table cells."""
    parts = [e.value for kind in ("markdown", "caption", "code") for e in app.get(kind)]
    for table in app.dataframe:
        parts += [str(cell) for cell in table.value.to_numpy().ravel()]
    return "\n".join(parts)


def scripts(app: AppTest) -> list[str]:
    """The scroll components' frames (components.html: an iframe with a srcdoc)."""
    return [e.proto.srcdoc for e in app.get("iframe")]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_evidence_panel_gives_a_citation_in_both_styles(demo_data_dir, open_explorer, lang):
    app = open_explorer("evidence", lang=lang, **DONGCHENG_FACT)
    assert not app.exception and not app.error
    assert ZH in citations(app) and EN in citations(app)
    labels = {
        "zh": ("复制引文", "中文格式", "英文格式"),
        "en": ("Copy citation", "Chinese style", "English style"),
    }
    copy, zh_style, en_style = labels[lang]
    assert copy in [popover.proto.popover.label for popover in app.get("popover")]
    assert {zh_style, en_style} <= {caption.value for caption in app.caption}
    # the panel's address line names the web address, not the path it was read from
    assert URL in shown_text(app) and str(DEMO_CORPUS) not in shown_text(app)


def test_read_the_whole_document_opens_it_at_the_quoted_sentence(demo_data_dir, open_explorer):
    app = open_explorer("evidence", **DONGCHENG_FACT)
    links = [
        dict(part.split("=", 1) for part in link.proto.query_string.split("&"))
        for link in app.get("page_link")
        if link.page == "document"
    ]
    assert len(links) == len(citations(app)) // 2, "one link per quoted sentence"
    spans = {(link["doc"], int(link["start"]), int(link["end"])) for link in links}
    assert len(spans) == len(links)

    for doc, start, end in sorted(spans):
        app = open_explorer("document", doc=doc.replace("%3A", ":"), start=str(start), end=str(end))
        assert not app.exception and not app.error
        focused = shown_text(app).split('<mark id="focus"', 1)[1].split(">", 1)[1]
        quoted = focused.split("</mark>", 1)[0]
        # the document's citation quotes that sentence, and the page opens at it
        assert any(f"引文：“{quoted}”" in cited for cited in citations(app))
        assert any('"focus"' in script for script in scripts(app)), "a script scrolls to it"
    assert quoted

    app.run()  # a rerun for another reason stays where the reader is
    assert not any('"focus"' in script for script in scripts(app))


def test_choosing_a_fact_in_a_table_scrolls_to_its_evidence(demo_data_dir, open_explorer):
    app = open_explorer("evidence", node="region:110101")
    assert not scripts(app)
    app.session_state["evidence:facts"] = {"selection": {"rows": [0], "columns": []}}
    app.run()
    assert any('"evidence-panel"' in script for script in scripts(app))
    for script in scripts(app):
        assert "东城" not in script  # our own ids only, never text of the graph


def test_a_document_without_an_address_is_cited_by_its_file_name(demo_data_dir, open_explorer):
    app = open_explorer("document", lang="en")
    shown = shown_text(app)
    assert str(DEMO_CORPUS) not in shown
    cited = "\n".join(citations(app))
    assert "Source: " in cited and "/" not in cited.split("Source: ")[1].split(" ")[0].rstrip(".")


@pytest.mark.parametrize(
    ("page", "params"),
    [
        ("overview", {}),
        ("queries", {"q": "documents_mentioning"}),
        ("queries", {"q": "edge_evidence"}),
    ],
)
def test_pages_show_file_names_never_local_paths(demo_data_dir, open_explorer, page, params):
    app = open_explorer(page, **params)
    if page == "queries":
        app = next(b for b in app.button if b.label == "Run").click().run()
    shown = shown_text(app)
    assert not app.exception
    assert str(DEMO_CORPUS) not in shown
    assert "beijing_dongcheng_report.txt" in shown or URL in shown


def test_the_citation_leaves_out_what_the_graph_does_not_know():
    from edukg.explorer.citation import citation, file_name

    document = {"title": "《某区推进学区制管理的报告》", "source": "C:\\Users\\me\\报告.docx"}
    assert citation(document, None, "zh") == "《某区推进学区制管理的报告》。来源：报告.docx。"
    assert citation(document, " 一句\n话。", "en") == (
        "“某区推进学区制管理的报告”. Source: 报告.docx. Quote: “一句 话。”"
    )
    assert file_name("/home/me/corpus/a.txt") == "a.txt"
    assert file_name(str(Path("x") / "y.pdf")) == "y.pdf"
