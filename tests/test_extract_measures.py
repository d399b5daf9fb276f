"""Which measure a sentence speaks of: aliases, the taxonomy's patterns for practices named
in other words, and mentions that tell of no adoption. Texts written for these tests."""

from __future__ import annotations

import pytest
from pyshacl import validate
from rdflib import Graph, Literal, Namespace
from rdflib.namespace import RDF, SH
from test_extract import edges, facts_of

from edukg.ingest.components.measures import pattern_regex
from edukg.ingest.taxonomy import EDUKG, TAXONOMY_PATH, load_taxonomy

PATTERN = EDUKG.pattern
SHAPES = Namespace("https://edukg.org/shapes#")


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
    text = "顺义区迎接义务教育优质均衡创建的督导评估，并完善责任督学挂牌督导制度。\n"
    found = implemented(text)
    assert (SHUNYI, "quality_balanced_county") in found
    assert (SHUNYI, "school_supervision") in found
    only_assessment = implemented("密云区做好学前教育普及普惠的督导评估准备。\n")
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
        "党的十九大报告明确提出，要加快城乡义务教育一体化。\n"
        "密云区将推行集团化办学。\n"
    )
    found = implemented(text, title="密云区教育发展规划")
    assert (MIYUN, "group_schooling") in found
    assert (MIYUN, "urban_rural_integration") not in found
    own = implemented("密云区教育发展规划\n密云区加快城乡义务教育一体化。\n")
    assert (MIYUN, "urban_rural_integration") in own
    answering = implemented("密云区按照党中央提出的要求，加快城乡义务教育一体化。\n")
    assert (MIYUN, "urban_rural_integration") in answering
    central_plan = "《一份中央规划》(中发〔2019〕3号)指出，加快城乡义务教育一体化。\n"
    assert implemented("密云区教育发展规划\n" + central_plan, title="密云区教育发展规划") == set()


def test_patterns_are_valid_expressions():
    for concept in load_taxonomy():
        regex = pattern_regex(concept)
        assert regex is None or not regex.match(""), concept.key


def pattern_violations(data: Graph) -> set[str]:
    """Focus nodes of SHACL results about measure patterns (the taxonomy file alone breaks
    the shapes of exported measures, which need their export's typing)."""
    _, report, _ = validate(data, shacl_graph=Graph().parse(TAXONOMY_PATH.parent / "shapes.ttl"))
    return {
        str(report.value(result, SH.focusNode))
        for result in report.subjects(RDF.type, SH.ValidationResult)
        if report.value(result, SH.resultPath) == PATTERN
        or report.value(result, SH.sourceShape) == SHAPES.MeasurePatterns
    }


def test_the_taxonomy_patterns_conform_to_the_shapes():
    taxonomy = Graph().parse(TAXONOMY_PATH)
    assert set(taxonomy.subjects(PATTERN, None))
    assert pattern_violations(taxonomy) == set()
    concept = next(taxonomy.subjects(PATTERN, None))
    taxonomy.add((concept, PATTERN, Literal(7)))
    assert pattern_violations(taxonomy) == {str(concept)}


# ------------------------------------------------------------------ practices in other words


@pytest.mark.parametrize(
    ("sentence", "key"),
    [
        ("密云区今年新增公办学位三千个。", "capacity_expansion"),
        ("密云区新建、改扩建一批乡镇幼儿园。", "capacity_expansion"),
        ("密云区力争每个乡镇都办好一所公办中心幼儿园。", "capacity_expansion"),
        ("密云区大力发展公办和普惠民办幼儿园。", "inclusive_preschool"),
        ("密云区加快学前教育普及普惠。", "inclusive_preschool"),
        ("密云区构建社会、家庭、学校协同育人的机制。", "home_school_community"),
        ("密云区推动大中小学思政课程一体化建设。", "civics_course"),
        ("密云区开展县域示范高中创建。", "county_high_school"),
        ("密云区推动骨干教师到乡村学校流动。", "teacher_rotation"),
        ("密云区每年安排一定比例的教师交流。", "teacher_rotation"),
        ("密云区组建城区学校与乡村学校发展共同体。", "urban_rural_pairing"),
        ("密云区选派教师开展组团式支教帮扶。", "urban_rural_pairing"),
        ("密云区完善新任教师岗前培训。", "teacher_development"),
        ("密云区以数字化赋能课堂教学。", "digital_education"),
        ("密云区以优质均衡为目标配置资源。", "quality_balanced_county"),
        ("密云区推行集团办学。", "group_schooling"),
        ("密云区新组建三个名校联盟。", "school_alliance"),
        ("密云区在山区试行一长管三校。", "school_alliance"),
    ],
)
def test_a_practice_described_without_an_alias(sentence, key):
    assert (MIYUN, key) in implemented(sentence + "\n")


@pytest.mark.parametrize(
    ("sentence", "key"),
    [
        ("密云区新建了一座图书馆，学位论文数量增加。", "capacity_expansion"),  # two clauses
        ("密云区坚持公益普惠的原则办好课后服务。", "inclusive_preschool"),  # no preschool
        ("密云区举办教师交流展示活动。", "teacher_rotation"),  # an event
        ("密云区组织教师开展“组团式”交流研讨。", "urban_rural_pairing"),  # no aid
        ("密云区一所高职新增硕士学位授权点。", "capacity_expansion"),  # a degree
        ("密云区山区教师流动性较大。", "teacher_rotation"),  # turnover
        ("密云区对城镇和农村困难家庭学生给予帮扶。", "urban_rural_pairing"),  # aid to pupils
        ("密云区以数字化赋能乡村产业振兴。", "digital_education"),  # not education
    ],
)
def test_a_pattern_needs_its_parts_in_one_clause_and_sense(sentence, key):
    assert (MIYUN, key) not in implemented(sentence + "\n")


def test_measures_set_up_together_are_each_found():
    """A pattern may overlap another measure's: 成立…集团和学区 sets up both."""
    found = implemented("顺义区、密云区先后成立组建集团和学区。\n")
    for region in (SHUNYI, MIYUN):
        assert (region, "group_schooling") in found
        assert (region, "school_district") in found
