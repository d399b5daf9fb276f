"""Which measure a sentence speaks of: aliases, the taxonomy's patterns for practices named
in other words, and mentions that tell of no adoption. Texts written for these tests."""

from __future__ import annotations

from test_extract import edges, facts_of

from ingest.taxonomy import load_taxonomy


def implemented(text: str, title: str | None = None) -> set[tuple[str, str]]:
    """(region id, measure key) of every IMPLEMENTS edge to a taxonomy measure."""
    return {
        (source, target.removeprefix("measure:"))
        for source, target in edges(facts_of(text, title=title), "IMPLEMENTS")
        if target.startswith("measure:") and not target.startswith("measure:candidate:")
    }


SHUNYI = "region:110113"
MIYUN = "region:110118"


# ------------------------------------------------------------------ aliases too broad


def test_an_assessment_is_not_school_supervision():
    """督导评估 is any inspection (of a county's balance, of preschool coverage); only
    accountable inspectors assigned to schools (挂牌督导, 责任督学) are the measure."""
    text = "顺义区启动义务教育优质均衡发展督导评估，并完善责任督学挂牌督导制度。\n"
    found = implemented(text)
    assert (SHUNYI, "quality_balanced_county") in found
    assert (SHUNYI, "school_supervision") in found
    only_assessment = implemented("密云区做好学前教育普及普惠督导评估的准备工作。\n")
    assert (MIYUN, "school_supervision") not in only_assessment


def test_holiday_care_is_after_school_service_not_entrusted_management():
    text = "密云区面向双职工家庭开展暑期托管服务，另由一所名校托管两所乡村学校。\n"
    found = implemented(text)
    assert (MIYUN, "after_school") in found
    assert (MIYUN, "entrusted_management") in found  # the second clause
    care_only = implemented("密云区为低年级学生提供寒假托管。\n")
    assert care_only == {(MIYUN, "after_school")}


def test_integrating_resources_is_not_school_consolidation():
    text = "顺义区健全各部门之间的资源整合机制；另对生源过少的村小实行撤点并校。\n"
    found = implemented(text)
    assert (SHUNYI, "school_consolidation") in found
    assert implemented("顺义区建立党建资源整合机制。\n") == set()


# ------------------------------------------------------------------ mention, not adoption


def test_a_question_adopts_nothing():
    text = "密云区怎样才能把集团化办学做好？\n密云区组建了三个学前教育集团。\n"
    facts = facts_of(text)
    found = implemented(text)
    assert (MIYUN, "group_schooling") in found
    implements = edges(facts, "IMPLEMENTS")
    evidence = implements[(MIYUN, "measure:group_schooling")].evidence
    assert [e.sentence for e in evidence] == ["密云区组建了三个学前教育集团。"]


def test_a_quoted_central_statement_is_not_the_regions_measure():
    text = (
        "密云区教育发展规划\n"
        "党的十九大报告明确提出，要推动城乡义务教育一体化发展。\n"
        "密云区将推行集团化办学。\n"
    )
    found = implemented(text, title="密云区教育发展规划")
    assert (MIYUN, "group_schooling") in found
    assert (MIYUN, "urban_rural_integration") not in found
    own = implemented("密云区教育发展规划\n密云区推动城乡义务教育一体化发展。\n")
    assert (MIYUN, "urban_rural_integration") in own


def test_patterns_are_valid_expressions():
    from ingest.components.measures import pattern_regex

    for concept in load_taxonomy():
        regex = pattern_regex(concept)
        assert regex is None or not regex.match(""), concept.key
