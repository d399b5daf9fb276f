"""Document facts from the real pipeline: example texts written for these tests, and the
seed corpus in ../shared when it is there."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from edukg.ingest.extract import extract
from edukg.ingest.nlp import load_pipeline
from edukg.ingest.normalise import normalise
from edukg.ingest.readers import RawDocument, read_document
from edukg.ingest.resolve import policy_id
from edukg.ingest.sources import SIDECAR
from edukg.store.model import EDGE_ENDPOINTS, DocumentFacts, Edge

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"


def raw_of(text: str, **fields) -> RawDocument:
    """A text as the reader would give it for a .txt file; `fields` override (title, …)."""
    plain = {
        "source": "examples/test.txt",
        "sha256": hashlib.sha256(text.encode()).hexdigest(),
        "title": None,
        "published": None,
        "encoding": "utf-8",
        "format": "txt",
    }
    return RawDocument(text=text, **(plain | fields))


def facts_of(text: str, title: str | None = None) -> DocumentFacts:
    return facts_of_raw(raw_of(text, title=title))


def facts_of_raw(raw: RawDocument) -> DocumentFacts:
    norm = normalise(raw.text)
    return extract(load_pipeline()(norm.text), raw, norm)


def edges(facts: DocumentFacts, type_: str) -> dict[tuple[str, str], Edge]:
    return {(e.source, e.target): e for e in facts.edges if e.type == type_}


def node_ids(facts: DocumentFacts, label: str) -> set[str]:
    return {n.id for n in facts.nodes if n.label == label}


DISTRICT_NEWS = (
    "东城区教育改革观察\n"
    "东城区自2014年起实行学区制管理，全区划分为若干学区。\n"
    "2019年，东城区又组建了多个教育集团，推进集团化办学。\n"
    "各学区还将深化学区制改革。\n"
)


def test_the_evidence_of_a_fact_is_its_whole_sentence_from_the_opening_bracket():
    """A sentence opening with a list item's (二) or a quote after a stop is quoted whole,
    and the sentence before it does not end in the opening mark."""
    facts = facts_of(
        "东城区教育工作要点\n东城区召开全区教育大会。\n（二）东城区深化集团化办学。"
        "“学区制”改革在东城区全面推开。\n"
    )
    sentences = {
        measure: [e.sentence for e in edge.evidence]
        for (_, measure), edge in edges(facts, "IMPLEMENTS").items()
    }
    assert sentences["measure:group_schooling"] == ["（二）东城区深化集团化办学。"]
    assert sentences["measure:school_district"] == ["“学区制”改革在东城区全面推开。"]


def test_document_node():
    facts = facts_of(DISTRICT_NEWS, title="东城区教育改革观察")
    document = facts.document
    assert document.id == "doc:" + hashlib.sha256(DISTRICT_NEWS.encode()).hexdigest()[:16]
    assert document.name == document.props["title"] == "东城区教育改革观察"
    assert document.props["text"] == normalise(DISTRICT_NEWS).text
    assert document.props["chars"] == len(document.props["text"])
    assert document.props["script"] == "simplified"
    assert document.props["subject_region"] == "110101"


def test_regions_hierarchy_and_mentions():
    facts = facts_of(DISTRICT_NEWS)
    assert {"region:110101", "region:110000"} <= node_ids(facts, "Region")
    assert ("region:110101", "region:110000") in edges(facts, "PART_OF")
    mentions = edges(facts, "MENTIONS")
    assert mentions[(facts.document.id, "region:110101")].props["count"] == 3
    # the ancestor is a node for the hierarchy, but the text does not name it
    assert (facts.document.id, "region:110000") not in mentions
    dongcheng = next(n for n in facts.nodes if n.id == "region:110101")
    assert dongcheng.props["full_name"] == "北京市东城区"
    assert dongcheng.props["level"] == "county"


def test_implements_with_year_and_merged_evidence():
    facts = facts_of(DISTRICT_NEWS)
    implements = edges(facts, "IMPLEMENTS")
    district = implements[("region:110101", "measure:school_district")]
    assert district.props["year"] == 2014
    assert [e.year for e in district.evidence] == [2014, 0]  # one edge, two sentences
    first = district.evidence[0]
    assert first.sentence == "东城区自2014年起实行学区制管理，全区划分为若干学区。"
    assert facts.document.props["text"][first.start : first.end] == first.sentence
    assert implements[("region:110101", "measure:group_schooling")].props["year"] == 2019
    measure = next(n for n in facts.nodes if n.id == "measure:school_district")
    assert measure.name == "学区制" and "学区制管理" in measure.props["aliases"]


def test_ambiguous_district_follows_the_document():
    facts = facts_of("长春市教育局介绍经验。\n朝阳区推行区管校聘，教师由区里统一管理。\n")
    assert ("region:220104", "measure:county_managed_hiring") in edges(facts, "IMPLEMENTS")
    assert ("region:220104", "region:220100") in edges(facts, "PART_OF")
    assert "region:110105" not in node_ids(facts, "Region")


def test_city_named_in_a_district_plan_stands_for_the_district():
    text = "海淀区教育发展计划\n海淀区参加北京市智慧教育示范区建设。\n"
    implements = edges(facts_of(text), "IMPLEMENTS")
    assert set(implements) == {("region:110108", "measure:digital_education")}


def test_subject_region_from_doc_number_without_region_in_title():
    text = (
        "关于做好课后服务工作的通知\n京教基〔2023〕12号\n"
        "各学校要按照统一部署认真做好课后服务工作，丰富服务内容，提高服务质量。\n"
    )
    facts = facts_of(text)
    assert facts.document.name == "关于做好课后服务工作的通知"
    assert facts.document.props["subject_region"] == "110000"
    assert ("region:110000", "measure:after_school") in edges(facts, "IMPLEMENTS")


def test_no_subject_when_regions_share_the_page():
    text = (
        "两地经验\n"
        "上城区推进教育数字化。\n"
        "福田区推进集团化办学。\n"
        "昌邑市推进县管校聘。\n"
        "广东省深圳市和山东省潍坊市也有报道。\n"
    )
    facts = facts_of(text)
    assert facts.document.props["subject_region"] is None
    assert set(edges(facts, "IMPLEMENTS")) == {
        ("region:330102", "measure:digital_education"),
        ("region:440304", "measure:group_schooling"),
        ("region:370786", "measure:county_managed_hiring"),
    }


def test_no_implements_without_any_region():
    facts = facts_of("学校推进集团化办学。\n")
    assert facts.document.props["subject_region"] is None
    assert edges(facts, "IMPLEMENTS") == {}
    assert "measure:group_schooling" in node_ids(facts, "Measure")


POLICY_TEXT = (
    "某区关于深化集团化办学的实施方案\n"
    "京教基一〔2024〕7号\n"
    "为落实《关于全面推进义务教育优质均衡发展的意见》（教基〔2023〕4号）精神，"
    "参照《区域教育发展报告（2023）》，结合本区实际，制定本方案。\n"
    "《实施方案》自印发之日起施行，各学校要认真组织实施，确保各项任务落到实处。\n"
)


def test_policy_text_describes_itself_and_cites_others():
    facts = facts_of(POLICY_TEXT)
    own = policy_id("某区关于深化集团化办学的实施方案")
    cited = policy_id("关于全面推进义务教育优质均衡发展的意见")
    assert set(edges(facts, "DESCRIBES")) == {(facts.document.id, own)}
    policies = {n.id: n for n in facts.nodes if n.label == "Policy"}
    assert set(policies) == {own, cited}  # the report is no policy; 《实施方案》 is the own one
    assert policies[own].props == {
        "title": "某区关于深化集团化办学的实施方案",
        "kind": "方案",
        "doc_number": "京教基一〔2024〕7号",
    }
    assert policies[cited].props["doc_number"] == "教基〔2023〕4号"
    cites = edges(facts, "CITES")
    assert set(cites) == {(own, cited)}
    assert cites[(own, cited)].evidence[0].sentence.startswith("为落实《关于全面推进")
    assert edges(facts, "MENTIONS")[(facts.document.id, own)].props["count"] == 2
    assert facts.document.props["subject_region"] == "110000"


def test_news_mentions_policies_but_cites_none():
    text = "市教委发布《关于推进中小学学区制管理的指导意见》。\n北京市将深化学区制改革。\n"
    facts = facts_of(text)
    assert edges(facts, "CITES") == {} and edges(facts, "DESCRIBES") == {}
    policy = policy_id("关于推进中小学学区制管理的指导意见")
    assert (facts.document.id, policy) in edges(facts, "MENTIONS")


def test_policy_id_folds_variants():
    assert policy_id("《关于A的意见》") == policy_id("关于A的意见。") == "policy:关于A的意见"
    assert policy_id("建设规范（试行）") == policy_id("建设规范(试行)")
    assert policy_id("“大思政课”建设方案") == policy_id('"大思政课" 建设方案')
    assert policy_id("规划（2018年—2035年）") == policy_id("规划（2018—2035）")


# ------------------------------------------------------------------------------ seeds


def seed(prefix: str) -> DocumentFacts:
    if not SEEDS.is_dir():
        pytest.skip(f"seed corpus not found at {SEEDS}")
    return facts_of_raw(read_document(next(SEEDS.glob(f"{prefix}_*.txt"))))


@pytest.mark.seeds
def test_seed_district_plan_implements_school_districts_since_2014():
    facts = seed("003")
    assert facts.document.props["subject_region"] == "110101"
    district = edges(facts, "IMPLEMENTS")[("region:110101", "measure:school_district")]
    assert district.props["year"] == 2014
    assert any("2014" in e.sentence and "学区制" in e.sentence for e in district.evidence)


@pytest.mark.seeds
def test_seed_traditional_policy_describes_itself_and_cites_its_parent():
    facts = seed("001")
    assert facts.document.props["script"] == "traditional"
    own = policy_id("北京市新时代基础教育扩优提质行动计划实施方案")
    parent = policy_id("关于实施新时代基础教育扩优提质行动计划的意见")
    assert (facts.document.id, own) in edges(facts, "DESCRIBES")
    assert (own, parent) in edges(facts, "CITES")
    policies = {n.id: n for n in facts.nodes if n.label == "Policy"}
    assert policies[own].props["doc_number"] == "京教基一〔2024〕6号"
    assert policies[parent].props["doc_number"] == "教基〔2023〕4号"


# ------------------------------------------------------------------ graph model rules


def assert_model_rules(facts: DocumentFacts) -> None:
    """Every edge joins labels the model allows, and every node the document brings is
    one it MENTIONS or DESCRIBES (or a region it holds up in the PART_OF chain)."""
    labels = {n.id: n.label for n in facts.nodes} | {facts.document.id: "Document"}
    for edge in facts.edges:
        sources, targets = EDGE_ENDPOINTS[edge.type]
        assert labels[edge.source] in sources and labels[edge.target] in targets, edge
    named = {e.target for e in facts.edges if e.type in ("MENTIONS", "DESCRIBES")}
    parents = {e.target for e in facts.edges if e.type == "PART_OF"}
    measures_used = {e.target for e in facts.edges if e.type == "INSTANCE_OF"}
    for node in facts.nodes:
        assert node.id in named | parents | measures_used, node.id


COUNTY_PLAN = (
    "某县推进义务教育优质均衡发展实施方案\n"
    "闽教基〔2024〕8号\n"
    "为落实教育部、财政部《关于加快县域义务教育发展的意见》，制定本方案。\n"
    "一、发展基础\n"
    "全县已组建教育集团8个，集团化办学覆盖率提升至60%。\n"
    "二、发展目标\n"
    "到2026年，全县集团化办学覆盖率达到90%以上。巩固提升义务教育质量，"
    "乡村学校骨干教师比例达到40%以上。\n"
    "三、主要措施\n"
    "（一）实施“强校带弱”工程，推进集团化办学。\n"
    "（二）遴选十所县域新优质学校，推行校长积分制。\n"
    "某县教育局\n"
    "2024年2月18日\n"
)


def test_policy_text_sets_targets_with_metric_value_and_deadline():
    facts = facts_of(COUNTY_PLAN)
    own = policy_id("某县推进义务教育优质均衡发展实施方案")
    targets = {e.props["metric"]: e for e in facts.edges if e.type == "TARGETS"}
    assert set(targets) == {"全县集团化办学覆盖率", "乡村学校骨干教师比例", "县域新优质学校"}
    rate = targets["全县集团化办学覆盖率"]
    assert (rate.source, rate.target) == (own, "target:基础教育")
    assert rate.props == {
        "metric": "全县集团化办学覆盖率",
        "value": 90.0,
        "unit": "%",
        "comparator": ">=",
        "deadline": 2026,
        "about_measures": ["measure:group_schooling"],  # the metric names 集团化办学
    }
    # the deadline of its paragraph, on a target node of its population
    teachers = targets["乡村学校骨干教师比例"]
    assert teachers.props["deadline"] == 2026 and teachers.target == "target:教师"
    assert targets["县域新优质学校"].props["value"] == 10.0
    assert "target:教师" in {e.target for e in facts.edges if e.type == "MENTIONS"}
    assert_model_rules(facts)


def test_policy_issuer_date_programme_and_candidate_measure():
    facts = facts_of(COUNTY_PLAN)
    own = policy_id("某县推进义务教育优质均衡发展实施方案")
    cited = policy_id("关于加快县域义务教育发展的意见")
    policies = {n.id: n for n in facts.nodes if n.label == "Policy"}
    assert policies[own].props["issued"] == "2024-02-18"
    issued_by = {(e.source, e.target) for e in facts.edges if e.type == "ISSUED_BY"}
    assert {(cited, "org:教育部"), (cited, "org:财政部")} <= issued_by
    program = "program:强校带弱工程"
    assert ("program:强校带弱工程", "measure:group_schooling") in edges(facts, "INSTANCE_OF")
    assert program in node_ids(facts, "Program")
    candidate = next(n for n in facts.nodes if n.id == "measure:candidate:校长积分制")
    assert candidate.props == {"curated": False}
    assert all(n.props.get("curated") is not False for n in facts.nodes if "candidate" not in n.id)
    assert_model_rules(facts)


def test_news_reports_figures_but_sets_goals_only_where_it_says_so():
    text = (
        "某区教育新闻\n"
        "西城区集团化办学覆盖率已达85%，去年新建学校3所。\n"
        "依照《西城区教育集团发展三年规划》，到2025年，全区将新增优质学位5000个。\n"
    )
    facts = facts_of(text)
    targets = [e for e in facts.edges if e.type == "TARGETS"]
    assert [(e.source, e.props["metric"], e.props["value"]) for e in targets] == [
        (policy_id("西城区教育集团发展三年规划"), "优质学位", 5000.0)
    ]
    assert_model_rules(facts)


def test_an_institution_inside_a_district_acts_for_itself():
    text = "西城区实验小学教育集团推行双师课堂。西城区推进集团化办学。\n"
    implements = edges(facts_of(text), "IMPLEMENTS")
    assert set(implements) == {("region:110102", "measure:group_schooling")}


def test_regions_listed_together_act_together_and_a_partner_does_not():
    text = (
        "北京市各区经验\n"
        "西城区、通州区和顺义区相继推行区管校聘。\n"
        "大兴区与房山区的学校组成城乡教育共同体。\n"
    )
    implements = set(edges(facts_of(text), "IMPLEMENTS"))
    assert implements == {
        ("region:110102", "measure:county_managed_hiring"),
        ("region:110112", "measure:county_managed_hiring"),
        ("region:110113", "measure:county_managed_hiring"),
        ("region:110115", "measure:urban_rural_pairing"),
    }


def test_a_paragraph_about_a_district_keeps_it_in_focus():
    text = (
        "北京市推进基础教育综合改革\n"
        "通州区今年成立了8个教育集团。按照计划，学校之间推行干部教师交流轮岗。\n"
        "本市还将推进课后服务。\n"
    )
    implements = set(edges(facts_of(text), "IMPLEMENTS"))
    assert ("region:110112", "measure:group_schooling") in implements
    assert ("region:110112", "measure:teacher_rotation") in implements
    assert ("region:110000", "measure:after_school") in implements


def test_the_year_in_the_measures_own_clause_wins():
    text = "北京市各区\n海淀区从2016年开始组建教育集团，朝阳区则在2018年启动集团化办学。\n"
    implements = edges(facts_of(text), "IMPLEMENTS")
    assert implements[("region:110108", "measure:group_schooling")].props["year"] == 2016
    assert implements[("region:110105", "measure:group_schooling")].props["year"] == 2018


def test_same_policy_in_traditional_and_simplified_is_one_node():
    simplified = facts_of("某区新闻\n市里发布了《关于推进智慧校园建设的实施意见》。\n")
    traditional = facts_of("某區新聞\n市裡發布了《關於推進智慧校園建設的實施意見》。\n")
    assert (
        node_ids(simplified, "Policy")
        == node_ids(traditional, "Policy")
        == {policy_id("关于推进智慧校园建设的实施意见")}
    )


def test_national_slogans_are_no_regional_measures():
    text = (
        "北京市教育工作会议\n北京市坚持立德树人，培养德智体美劳全面发展的学生，服务教育强国建设。\n"
    )
    assert edges(facts_of(text), "IMPLEMENTS") == {}


# ----------------------------------------------------------------------- demo corpus

DEMO = Path(__file__).resolve().parents[1] / "examples" / "corpus"


def test_demo_corpus_gives_the_facts_its_readme_lists():
    documents = sorted(path for path in DEMO.iterdir() if path.name != SIDECAR)
    facts = [facts_of_raw(read_document(path)) for path in documents]
    implements = {
        (e.source, e.target): e.props["year"] for f in facts for e in f.edges
        if e.type == "IMPLEMENTS"
    }  # fmt: skip
    assert implements[("region:110105", "measure:group_schooling")] == 2018
    assert implements[("region:220104", "measure:group_schooling")] == 2015
    assert implements[("region:110101", "measure:county_managed_hiring")] == 2015
    assert implements[("region:110108", "measure:dual_teacher")] == 2020
    assert implements[("region:330102", "measure:urban_rural_pairing")] == 2019
    assert implements[("region:350426", "measure:county_managed_hiring")] == 2017
    goals = {
        (e.target, e.props["value"], e.props["deadline"]) for f in facts for e in f.edges
        if e.type == "TARGETS"
    }  # fmt: skip
    assert {
        ("target:学前教育", 92.0, 2025),
        ("target:学前教育", 55.0, 2025),
        ("target:教师", 70.0, 2025),
        ("target:义务教育", 95.0, 2025),
        ("target:教师", 15.0, 2025),
    } <= goals
    cites = {(e.source, e.target) for f in facts for e in f.edges if e.type == "CITES"}
    plan = policy_id("北京市学前教育普惠优质发展实施方案（2023—2025年）")
    assert (policy_id("海淀区基础教育集团化发展三年行动计划（2023—2025年）"), plan) in cites
    assert (plan, policy_id("关于推进学前教育普及普惠优质发展的意见")) in cites
    for document_facts in facts:
        assert_model_rules(document_facts)
