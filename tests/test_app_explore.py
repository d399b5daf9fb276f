"""The explorer's profile pages on the demo corpus, as a newcomer uses them: which districts
of 北京市 adopted 集团化办学 since when and on what evidence, how 东城区 and 海淀区 differ, and
search, evidence and document pages (facts from examples/README.md)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from edukg.explorer.evidence import MARK_STYLE

DONGCHENG, HAIDIAN, BEIJING = "region:110101", "region:110108", "region:110000"
GROUP_SCHOOLING = "measure:group_schooling"
DONGCHENG_SENTENCE = "东城区自2014年起推行集团化办学，以优质校为龙头，吸纳周边学校组成教育集团。"


def select_row(app: AppTest, key: str, row: int) -> AppTest:
    app.session_state[key] = {"selection": {"rows": [row], "columns": []}}
    return app.run()


def select_cell(app: AppTest, key: str, row: int, column: str) -> AppTest:
    app.session_state[key] = {"selection": {"rows": [], "columns": [], "cells": [[row, column]]}}
    return app.run()


def quotes(app: AppTest) -> str:
    """The evidence shown: quoted sentences (as HTML with <mark>) and document titles."""
    return "\n".join(m.value for m in app.markdown)


def test_measure_profile_answers_which_districts_of_beijing_and_since_when(
    demo_data_dir, open_explorer
):
    app = open_explorer("measure", measure=GROUP_SCHOOLING, within=BEIJING)
    assert not app.exception and not app.error
    assert app.header[0].value == "集团化办学"
    adopters = app.dataframe[0].value
    years = dict(zip(adopters["Region"], adopters["Since"], strict=True))
    assert years["北京市 › 东城区"] == "2014"
    assert years["北京市 › 海淀区"] == "2016"
    assert not any(region.startswith("吉林省") for region in years)  # Changchun's 朝阳区 is out
    assert app.get("vega_lite_chart"), "a timeline"
    assert not app.get("deck_gl_json_chart"), "the map waits for its tab"

    row = list(adopters["Region"]).index("北京市 › 东城区")
    app = select_row(app, "measure:adopters", row)
    shown = quotes(app)
    assert f'<mark style="{MARK_STYLE}">{DONGCHENG_SENTENCE}</mark>' in shown
    assert "东城区十年探索：集团化办学与学区制双轮驱动" in shown
    links = {link.page: link.query_string for link in app.get("page_link")}
    assert "doc=doc%3A" in links["document"]
    assert "lang=en" in links["document"]  # a copied link opens in the reader's language

    app.session_state["measure:view"] = "Where it was adopted"
    app.run()
    assert app.get("deck_gl_json_chart"), "a map of the adopting regions"
    assert all("Since" not in frame.value.columns for frame in app.dataframe)  # table in its tab


def test_a_scope_without_adopters_says_so_on_either_tab(demo_data_dir, open_explorer):
    app = open_explorer("measure", measure=GROUP_SCHOOLING, within="region:350000")  # 福建省
    assert {m.label: m.value for m in app.metric}["Regions"] == "0"
    listed, mapped = app.tabs
    assert [c.value for c in listed.caption] == ["None recorded."]
    app.session_state["measure:view"] = "Where it was adopted"
    app.run()
    assert not app.exception, app.exception
    listed, mapped = app.tabs
    assert not listed.caption and [c.value for c in mapped.caption] == ["None recorded."]


def test_the_within_filter_lists_every_adopter_when_empty(demo_data_dir, open_explorer):
    app = open_explorer("measure", measure=GROUP_SCHOOLING)
    regions = set(app.dataframe[0].value["Region"])
    assert {"北京市 › 东城区", "吉林省 › 长春市 › 朝阳区", "浙江省 › 杭州市 › 上城区"} <= regions


def test_compare_shows_shared_and_distinct_measures_with_years_and_evidence(
    demo_data_dir, open_explorer
):
    app = open_explorer("compare")
    assert app.multiselect[0].value == [DONGCHENG, HAIDIAN]  # the busiest siblings by default
    text = quotes(app)
    shared, only_dongcheng, only_haidian = (
        text.split("**Shared by all**")[1].split("**Only 东城区**")[0],
        text.split("**Only 东城区**")[1].split("**Only 海淀区**")[0],
        text.split("**Only 海淀区**")[1],
    )
    assert "集团化办学" in shared
    for measure in ("学区制", "县管校聘", "干部教师交流轮岗"):
        assert measure in only_dongcheng and measure not in only_haidian
    for measure in ("九年一贯制", "双师课堂", "教育数字化"):
        assert measure in only_haidian and measure not in only_dongcheng

    matrix = app.dataframe[0].value
    row = next(i for i, m in enumerate(matrix["Measure"]) if m.startswith("集团化办学 · "))
    assert (matrix["东城区"][row], matrix["海淀区"][row]) == ("2014", "2016")
    app = select_cell(app, "compare:matrix", row, "海淀区")
    assert "海淀区" in quotes(app) and "2016" in quotes(app)
    assert "北京市 › 海淀区 → implements → 集团化办学" in quotes(app)


def test_compare_needs_two_regions(demo_data_dir, open_explorer):
    app = open_explorer("compare", regions=DONGCHENG)
    assert "at least two" in app.info[0].value
    app.multiselect[0].select(HAIDIAN).run()
    assert app.query_params["regions"] == f"{DONGCHENG},{HAIDIAN}"
    assert app.dataframe


def test_region_profile_shows_sub_regions_reforms_map_and_evidence(demo_data_dir, open_explorer):
    app = open_explorer("region", region=BEIJING)
    assert app.header[0].value == "北京市"
    below = app.dataframe[1].value
    rows = list(zip(below["Sub-region"], below["Measure"], below["Since"], strict=True))
    assert (
        "北京市 › 东城区",
        "集团化办学 · school-group (education group) operation",
        "2014",
    ) in rows
    assert app.get("deck_gl_json_chart")
    row = next(i for i, r in enumerate(rows) if r[0] == "北京市 › 东城区" and r[2] == "2014")
    app = select_row(app, "region:below", row)
    assert "<mark" in quotes(app)

    parent = open_explorer("region", region=DONGCHENG)
    links = [link for link in parent.get("page_link") if link.page == "region"]
    assert links[0].value == "Part of: 北京市" and "region%3A110000" in links[0].query_string


def test_a_link_to_another_region_wins_over_the_earlier_choice(demo_data_dir, open_explorer):
    app = open_explorer("region", region=DONGCHENG)
    app.query_params["region"] = HAIDIAN  # a link followed within the same page
    app.run()
    assert app.header[0].value == "北京市海淀区"
    app.selectbox(key="region:pick").select(DONGCHENG).run()  # the reader's own choice
    assert app.header[0].value == "北京市东城区"
    assert app.query_params["region"] == DONGCHENG


@pytest.mark.parametrize(
    ("typed", "kind", "name"),
    [
        ("東城區", "Region", "北京市 › 东城区"),  # Traditional input
        ("集團化辦學", "Measure", "集团化办学"),  # Traditional, an exact name
        ("School District", "Measure", "学区制"),  # English name, any case
        ("group schooling", "Measure", "集团化办学"),  # English words of the taxonomy key
        ("group schoo", "Measure", "集团化办学"),  # still being typed
        ("学区化管理", "Measure", "学区制"),  # an alias
        ("京教基", "Policy", "北京市学前教育普惠优质发展实施方案（2023—2025年）"),  # 文号
        ("教育集团", "Document", "东城区十年探索：集团化办学与学区制双轮驱动"),  # text
    ],
)
def test_search_finds_names_aliases_and_traditional_input(
    typed, kind, name, demo_data_dir, open_explorer
):
    app = open_explorer("search")
    app.text_input(key="search:q").input(typed).run()  # no button: results follow the typing
    assert not app.exception and not app.error
    hits = app.dataframe(key=f"search:{kind}").value
    assert name in set(hits["Name"])


def test_search_results_are_grouped_by_kind(demo_data_dir, open_explorer):
    app = open_explorer("search", q="学前教育")
    kinds = [header.value.split(" (")[0] for header in app.subheader]
    assert kinds == [
        "Measure",
        "Policy",
        "Stage or population",
        "Document",
        "Sentences with these words",
    ]
    targets = app.dataframe(key="search:Target").value
    assert list(targets["Name"])[0] == "学前教育"  # the exact name first


def test_search_marks_the_phrase_in_the_sentences_that_contain_it(demo_data_dir, open_explorer):
    app = open_explorer("search", q="組成教育集團")  # Traditional
    assert f'<mark style="{MARK_STYLE}">组成教育集团</mark>' in quotes(app)
    assert DONGCHENG_SENTENCE.replace(
        "组成教育集团", f'<mark style="{MARK_STYLE}">组成教育集团</mark>'
    ) in quotes(app)
    links = [link for link in app.get("page_link") if link.page == "document"]
    assert links and "start=" in links[0].query_string


def test_search_shows_markup_in_sentences_as_text(demo_data_dir, open_explorer, monkeypatch):
    from edukg.explorer import search

    def with_markup(text, hits):
        return [search.Sentence("doc:x", "**t** [x](http://e.x)", None, "<b>集团</b> **x**", 0, 1)]

    monkeypatch.setattr(search, "sentences", with_markup)
    app = open_explorer("search", q="集团")
    shown = quotes(app)
    assert "&lt;b&gt;<mark" in shown and "<b>" not in shown
    assert "**\\*\\*t\\*\\* \\[x\\]\\(http\\://e\\.x\\)**" in shown  # the title as text


def test_search_converts_traditional_and_a_row_opens_the_profile(demo_data_dir, open_explorer):
    app = open_explorer("search", q="東城區")
    assert "“东城区”" in app.caption[0].value
    hits = app.dataframe(key="search:Region").value
    app = select_row(app, "search:Region", list(hits["Name"]).index("北京市 › 东城区"))
    assert app.header[0].value == "北京市东城区"
    assert app.query_params["region"] == DONGCHENG


def test_search_keeps_the_words_in_the_address(demo_data_dir, open_explorer):
    app = open_explorer("search")
    app.text_input(key="search:q").input("海淀").run()
    assert app.query_params["q"] == "海淀"


def test_search_without_hits_says_so(demo_data_dir, open_explorer):
    app = open_explorer("search", q="不存在的改革")
    assert "Nothing found" in app.info[0].value


def test_the_evidence_page_shows_a_linked_fact_and_every_fact_of_a_node(
    demo_data_dir, open_explorer
):
    app = open_explorer("evidence", type="IMPLEMENTS", source=DONGCHENG, target=GROUP_SCHOOLING)
    assert app.query_params["node"] == DONGCHENG
    assert DONGCHENG_SENTENCE in quotes(app)
    assert "year: 2014 · stated in the sentence" in quotes(app)  # not an inferred year
    facts = list(app.dataframe[0].value["Fact"])
    assert "北京市 › 东城区 → implements → 学区制 · school-district (xuequ) management" in facts
    app = select_row(app, "evidence:facts", facts.index(next(f for f in facts if "学区制" in f)))
    assert "东城区启动学区制改革" in quotes(app)
    assert app.query_params["target"] == "measure:school_district"


def test_a_linked_fact_the_graph_does_not_hold_shows_no_evidence(demo_data_dir, open_explorer):
    app = open_explorer(
        "evidence", type="IMPLEMENTS", source=DONGCHENG, target="measure:double_reduction"
    )
    assert not app.exception and not app.error
    assert "Evidence" not in [s.value for s in app.subheader]


def test_the_document_page_highlights_evidence_in_the_whole_text(
    demo_server, demo_data_dir, open_explorer
):
    from edukg.store.falkordb_store import FalkorDBStore

    with FalkorDBStore(demo_server) as store:
        doc_id, text = store.query(
            "MATCH (d:Document) WHERE d.title STARTS WITH '东城区十年探索' RETURN d.id, d.text"
        ).rows[0]
    start = text.index(DONGCHENG_SENTENCE)
    app = open_explorer(
        "document", doc=doc_id, start=str(start), end=str(start + len(DONGCHENG_SENTENCE))
    )
    page = quotes(app)
    assert f'<mark id="focus" style="{MARK_STYLE}">{DONGCHENG_SENTENCE}</mark>' in page
    assert page.count("<mark") > 3  # the other evidence sentences, marked more lightly
    facts = app.dataframe[0].value["Fact"]
    assert facts.str.contains("北京市 › 东城区 → implements → 集团化办学").any()


def test_a_profile_lists_the_documents_mentioning_most_and_counts_them_all(
    demo_data_dir, open_explorer, monkeypatch
):
    app = open_explorer("region", region=BEIJING)
    everything = app.metric[2].value
    listed = app.dataframe[-1].value
    assert int(everything) == len(listed) > 1
    assert not any("that mention it most" in caption.value for caption in app.caption)

    monkeypatch.setattr("edukg.explorer.data.DOCUMENTS_SHOWN", 1)
    app = open_explorer("region", region=BEIJING)
    assert app.metric[2].value == everything  # still every document
    [first] = app.dataframe[-1].value["Mentions"]
    assert first == listed["Mentions"].max()
    assert f"The 1 that mention it most, of {everything}" in [c.value for c in app.caption]


def test_the_measure_profile_lists_the_goals_about_it_within_the_region(
    demo_data_dir, open_explorer
):
    """Goals are found by the measures they are about (a metric naming 教育集团 is about
    集团化办学) and kept within the region by their documents and implementers."""

    def goals(**within: str) -> list[str]:
        app = open_explorer("measure", measure=GROUP_SCHOOLING, **within)
        [table] = [df.value for df in app.dataframe if "Metric" in df.value.columns]
        return sorted(table["Policy"].str[:3])

    assert goals() == ["海淀区", "福田区"]
    assert goals(within=BEIJING) == ["海淀区"]
