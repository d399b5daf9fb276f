"""Pickers whose choices can run to thousands (policies, regions, documents, the evidence
page's nodes) search the graph as one types and offer a bounded list, on the demo corpus."""

from __future__ import annotations

import pytest

from edukg.explorer import pickers

PRESCHOOL_PLAN = "policy:北京市学前教育普惠优质发展实施方案(2023-2025)"


def test_the_policy_picker_searches_as_one_types(demo_data_dir, open_explorer):
    app = open_explorer("policy")
    picker = app.text_input(key="policy:pick:search")
    assert picker.label == "Search: Policy"
    picker.input("京教基").run()  # a 文号 prefix; no Enter needed (a live box)
    assert not app.exception and not app.error
    assert app.selectbox(key="policy:pick").value == PRESCHOOL_PLAN
    assert app.query_params["policy"] == PRESCHOOL_PLAN
    assert app.header[0].value == "北京市学前教育普惠优质发展实施方案（2023—2025年）"


def test_a_picker_offers_a_bounded_list(demo_data_dir, open_explorer, monkeypatch):
    monkeypatch.setattr(pickers, "PICKER_HITS", 2)
    app = open_explorer("policy")
    assert len(app.selectbox(key="policy:pick").options) <= 2
    app = open_explorer("region")
    assert len(app.selectbox(key="region:pick").options) <= 3  # two, and the current choice
    app.text_input(key="region:pick:search").input("区").run()
    assert len(app.selectbox(key="region:pick").options) == 2


def test_the_region_picker_searches_and_tells_two_namesakes_apart(demo_data_dir, open_explorer):
    app = open_explorer("region")
    app.text_input(key="region:pick:search").input("朝阳").run()
    picker = app.selectbox(key="region:pick")
    assert set(picker.options) == {"北京市 › 朝阳区", "吉林省 › 长春市 › 朝阳区"}
    app.text_input(key="region:pick:search").input("海澱").run()  # Traditional
    assert app.header[0].value == "北京市海淀区"


def test_the_within_picker_keeps_all_regions_first(demo_data_dir, open_explorer):
    app = open_explorer("measure", measure="measure:group_schooling")
    within = app.selectbox(key="measure:within")
    assert within.options[0] == "(all regions)" and within.value == ""
    app.text_input(key="measure:within:search").input("北京").run()
    assert app.selectbox(key="measure:within").options[:2] == ["(all regions)", "北京市"]


def test_the_document_picker_finds_a_document_by_its_words(demo_data_dir, open_explorer):
    app = open_explorer("document")
    app.text_input(key="document:pick:search").input("普惠性幼儿园").run()
    assert not app.exception and not app.error
    assert app.selectbox(key="document:pick").value.startswith("doc:")
    assert "北京市学前教育普惠优质发展实施方案" in app.selectbox(key="document:pick").options[0]


def test_the_evidence_picker_searches_every_kind_of_fact_node(demo_data_dir, open_explorer):
    app = open_explorer("evidence")
    app.text_input(key="evidence:node:search").input("group schooling").run()
    assert app.selectbox(key="evidence:node").value == "measure:group_schooling"
    assert any("海淀区" in fact for fact in app.dataframe[0].value["Fact"])


@pytest.mark.parametrize("page", ["policy", "region", "document", "evidence"])
def test_a_search_that_finds_nothing_says_so_and_keeps_the_choice(
    page, demo_data_dir, open_explorer
):
    app = open_explorer(page)
    key = {"policy": "policy:pick", "region": "region:pick", "document": "document:pick"}.get(
        page, "evidence:node"
    )
    before = app.selectbox(key=key).value
    app.text_input(key=f"{key}:search").input("完全不相干的词语").run()
    assert not app.exception and not app.error
    assert any("Nothing found" in caption.value for caption in app.caption)
    assert app.selectbox(key=key).value == before


def test_pickers_speak_chinese_too(demo_data_dir, open_explorer):
    app = open_explorer("policy", lang="zh")
    assert app.text_input(key="policy:pick:search").label == "搜索政策"


def test_a_canned_query_s_policy_and_region_parameters_search_as_one_types(
    demo_data_dir, open_explorer
):
    app = open_explorer("queries", q="citation_chain")
    key = "param:citation_chain:policy"
    app.text_input(key=f"{key}:search").input("京教基").run()
    assert app.selectbox(key=key).value == PRESCHOOL_PLAN
    app = next(b for b in app.button if b.label == "Run").click().run()
    assert not app.exception and not app.error
    cited = set(app.dataframe[0].value["policy"])
    assert any("学前教育" in str(name) for name in cited)

    app = open_explorer("queries", q="compare_regions")
    app.text_input(key="param:compare_regions:b:search").input("朝阳").run()
    picker = app.selectbox(key="param:compare_regions:b")
    assert set(picker.options) == {"北京市 › 朝阳区", "吉林省 › 长春市 › 朝阳区"}
    assert "regions" not in app.query_params and "b" not in app.query_params  # not in the address


def test_the_compare_picker_searches_and_keeps_the_regions_chosen(demo_data_dir, open_explorer):
    app = open_explorer("compare", regions="region:110101,region:110108")
    app.text_input(key="compare:pick:search").input("朝阳").run()
    picker = app.multiselect(key="compare:pick")
    assert picker.value == ["region:110101", "region:110108"]
    assert set(picker.options) == {
        "北京市 › 东城区",
        "北京市 › 海淀区",
        "北京市 › 朝阳区",
        "吉林省 › 长春市 › 朝阳区",
    }
    app.multiselect(key="compare:pick").select("region:220104").run()
    assert app.query_params["regions"] == "region:110101,region:110108,region:220104"


def test_a_broken_policy_link_offers_the_policies_its_words_find(demo_data_dir, open_explorer):
    app = open_explorer("policy", policy="policy:北京市学前教育普惠")
    assert not app.exception
    assert "北京市学前教育普惠” (the link is wrong" in app.warning[0].value  # not found
    offered = [b.label for b in app.button if (b.key or "").startswith("policy:pick:match")]
    assert "北京市学前教育普惠优质发展实施方案（2023—2025年） · 京教基〔2023〕12号" in offered
    next(b for b in app.button if b.label == offered[0]).click().run()
    assert app.header[0].value == "北京市学前教育普惠优质发展实施方案（2023—2025年）"


def test_a_graph_not_ranked_yet_still_offers_first_choices(
    demo_server, demo_data_dir, open_explorer
):
    """A graph loaded by an older edukg has no first choices ranked (edukg.store.starters): the
    policy, document and evidence pickers offer some of its nodes all the same, and the
    overview lists its documents."""
    from edukg.store import starters
    from edukg.store.falkordb_store import FalkorDBStore

    with FalkorDBStore(demo_server) as store:
        store.write("MATCH (n) WHERE n.starter_rank > 0 SET n.starter_rank = null")
        try:
            for page, key, kind in [
                ("policy", "policy:pick", "policy:"),
                ("document", "document:pick", "doc:"),
                ("evidence", "evidence:node", "region:"),
            ]:
                app = open_explorer(page)
                assert not app.exception and not app.error and not app.info, page
                assert app.selectbox(key=key).value.startswith(kind), page
            overview = open_explorer("overview")
            assert len(overview.dataframe[0].value) == 7  # the demo corpus's documents
        finally:
            starters.refresh(store)
