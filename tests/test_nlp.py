"""The spaCy pipeline and its components, on short texts written for these tests."""

from __future__ import annotations

import jieba
import pytest
import spacy
from spacy.util import get_words_and_spaces

from edukg.ingest.components.matching import sentence_of, spans_of, text_of
from edukg.ingest.components.policies import policy_kind
from edukg.ingest.nlp import CONFIG_PATH, load_pipeline, words_and_spaces
from edukg.ingest.taxonomy import load_taxonomy


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def regions(doc) -> list[tuple[str, str]]:
    return [(span.text, span._.adcode) for span in doc.spans["regions"]]


def test_pipeline_is_assembled_from_its_config_file(nlp):
    config = spacy.util.load_config(CONFIG_PATH)
    assert nlp.lang == "zh"
    assert nlp.pipe_names == config["nlp"]["pipeline"]
    assert all(name.startswith("edukg_") for name in nlp.pipe_names)
    assert load_pipeline() is nlp


def test_each_component_runs_alone_in_a_blank_pipeline():
    """Components are registered by name: any `zh` pipeline can add one on its own."""
    nlp = spacy.blank(
        "zh", config={"nlp": {"tokenizer": {"@tokenizers": "edukg.segmenting_tokenizer.v1"}}}
    )
    nlp.add_pipe("edukg_measures")
    doc = nlp("海淀区推进集团化办学。")
    assert [span._.measure_key for span in doc.spans["measures"]] == ["group_schooling"]


def test_tokenizer_matches_spacys_alignment(nlp):
    text = "北京市 教委\n\n  发布《通知》。 2024 年起实施 \t新规。\n"
    expected = get_words_and_spaces(list(jieba.cut(text)), text)
    assert words_and_spaces(jieba.cut(text)) == expected
    doc = nlp.make_doc(text)
    assert doc.text == text
    doc.user_data.clear()  # what the components read is what spaCy would rebuild
    assert text_of(doc) == text and text_of(nlp.make_doc(text)) == text


def test_sentences_end_at_chinese_punctuation_and_line_breaks(nlp):
    doc = nlp("第一句。第二句；第三句！标题行\n正文开始？")
    assert [s.text.strip() for s in doc.sents] == [
        "第一句。",
        "第二句；",
        "第三句！",
        "标题行",
        "正文开始？",
    ]


def test_an_opening_quote_or_bracket_after_a_stop_opens_the_next_sentence(nlp):
    """A closing quote or bracket after a stop ends the sentence with it; an opening one
    (“ （ 《 【) begins the next, as a list item's (二) and a title's 《 do."""
    doc = nlp(
        "区里召开推进会。\n（二）推进集团化办学。“双减”政策全面落地。"
        "《某区学区制改革方案》提出目标。【要闻】校长说：“很好。”会议结束。"
    )
    assert [s.text.strip() for s in doc.sents] == [
        "区里召开推进会。",
        "（二）推进集团化办学。",
        "“双减”政策全面落地。",
        "《某区学区制改革方案》提出目标。",
        "【要闻】校长说：“很好。”",
        "会议结束。",
    ]


def test_the_config_may_set_other_sentence_ends():
    tokenizer = {"@tokenizers": "edukg.segmenting_tokenizer.v1", "sentence_ends": ["。"]}
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": tokenizer}})
    assert [s.text for s in nlp("甲；乙。（丙）丁！").sents] == ["甲；乙。", "（丙）丁！"]


def test_a_text_without_stops_is_one_sentence_and_an_empty_one_none(nlp):
    assert [s.text for s in nlp("（一）总体要求").sents] == ["（一）总体要求"]
    assert list(nlp("").sents) == []


def test_the_sentence_of_a_span_is_the_one_spacy_gives(nlp):
    """`sentence_of` finds the sentence by bisection, also for a span across two sentences
    (the one its start is in) and for the last, unterminated one."""
    doc = nlp("东城区推进集团化办学。西城区试行教师轮岗；海淀区\n推行学区制")
    spans = [doc[i:j] for i in range(len(doc)) for j in range(i + 1, min(len(doc), i + 4) + 1)]
    assert len(list(doc.sents)) == 4
    assert [sentence_of(span) for span in spans] == [span.sent for span in spans]
    assert {sentence_of(span).start for span in spans} == {s.start for s in doc.sents}


def test_a_span_group_read_once_follows_the_group_that_replaces_it(nlp):
    doc = nlp("东城区推进集团化办学，西城区试行教师轮岗。")
    first = spans_of(doc, "regions")
    assert [span.text for span in first] == ["东城区", "西城区"]
    assert spans_of(doc, "regions") is first  # made once
    doc.spans["regions"] = [first[1]]
    assert [span.text for span in spans_of(doc, "regions")] == ["西城区"]
    assert spans_of(doc, "no such group") == ()


# ---------------------------------------------------------------------------- regions


def test_regions_with_adcodes(nlp):
    doc = nlp("北京市东城区和海淀区的学校与杭州市上城区开展交流。")
    assert regions(doc) == [
        ("北京市", "110000"),
        ("东城区", "110101"),
        ("海淀区", "110108"),
        ("杭州市", "330100"),
        ("上城区", "330102"),
    ]
    assert [s.label_ for s in doc.spans["regions"]][:2] == ["province", "county"]


def test_region_at_the_start_of_an_organisation_name(nlp):
    assert [code for _, code in regions(nlp("北京市教委近日印发通知。"))] == ["110000"]


def test_short_forms_need_whole_words_and_a_named_province(nlp):
    assert [code for _, code in regions(nlp("北京东城的学校很多。"))] == ["110000", "110101"]
    # 中山 inside 中山大学, 新县 inside 创新县: not regions
    assert regions(nlp("他毕业于中山大学，所在地是全国创新县。")) == []
    # a county's short form alone (景东, a county of 云南省) is a 学区 name here
    assert regions(nlp("北京市的景东学区成立了。")) == [("北京市", "110000")]


@pytest.mark.parametrize(
    ("text", "adcode"),
    [
        ("长春市朝阳区推进学区制改革。", "220104"),
        ("吉林省各地中，朝阳区率先行动。", "220104"),
        ("北京的朝阳区推进学区制改革。", "110105"),
        ("朝阳区推进学区制改革。", "110105"),  # no context: the better-known one
    ],
)
def test_ambiguous_name_resolved_by_context(nlp, text, adcode):
    assert [code for name, code in regions(nlp(text)) if name == "朝阳区"] == [adcode]


# --------------------------------------------------------------------------- policies


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("关于推进中小学学区制管理的指导意见", "意见"),
        ("某市智慧校园建设规范(试行)", "规范"),
        ("城市副中心教育设施专项规划（分区层面）（2019年—2035年）", "规划"),
        ("中华人民共和国教育法", "法"),
        ("中国教育现代化2035", "规划"),
        ("基础教育发展指数报告（2023）", None),
        ("青少年思想品德读本", None),
        ("课堂教学方法", None),
    ],
)
def test_policy_kind(title, kind):
    assert policy_kind(title) == kind


def test_titles_policies_and_doc_numbers(nlp):
    doc = nlp(
        "市教委印发《关于深化集团化办学的实施意见》（京教基一〔2024〕6号），"
        "并参考《区域教育发展报告（2023）》。"
    )
    assert [s.text for s in doc.spans["titles"]] == [
        "关于深化集团化办学的实施意见",
        "区域教育发展报告（2023）",
    ]
    assert [(s.text, s.label_) for s in doc.spans["policies"]] == [
        ("关于深化集团化办学的实施意见", "意见")
    ]
    assert [s._.doc_number for s in doc.spans["doc_numbers"]] == ["京教基一〔2024〕6号"]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("依据国办发[2021]3号文件执行。", "国办发[2021]3号"),
        ("见教基（2023）4号。", "教基（2023）4号"),
        ("文号：沪教委基〔2022〕第15号", "沪教委基〔2022〕第15号"),
        ("根据教育部令第50号的规定。", "教育部令第50号"),
        ("印发京教基一〔2024〕6号通知。", "京教基一〔2024〕6号"),
    ],
)
def test_doc_number_forms(nlp, text, number):
    doc = nlp(text)
    assert [s._.doc_number for s in doc.spans["doc_numbers"]] == [number]


# --------------------------------------------------------------------------- measures


def test_taxonomy_concepts_and_aliases():
    concepts = load_taxonomy()
    keys = {c.key for c in concepts}
    assert {"group_schooling", "school_district", "teacher_rotation"} <= keys
    forms = [form for c in concepts for form in c.surface_forms]
    assert len(forms) == len(set(forms)), "an alias belongs to two measures"
    assert all(c.broader in keys for c in concepts if c.broader)
    group = next(c for c in concepts if c.key == "group_schooling")
    assert group.name_zh == "集团化办学" and "教育集团" in group.aliases


def test_measure_aliases_longest_match_and_quotes(nlp):
    doc = nlp("推广集团化办学模式，实行区管校聘，坚持“五育”并举，建设“双师课堂”。")
    assert [(s.text, s._.measure_key) for s in doc.spans["measures"]] == [
        ("集团化办学模式", "group_schooling"),
        ("区管校聘", "county_managed_hiring"),
        ("五育”并举", "five_education"),
        ("双师课堂", "dual_teacher"),
    ]


def test_years_and_how_they_are_used(nlp):
    doc = nlp("自2014年起实行学区制，截至2017年底覆盖全市，到2025年全面推开，2019年试点。")
    assert [(s._.year, s.label_) for s in doc.spans["years"]] == [
        (2014, "since"),
        (2017, "since"),
        (2025, "deadline"),
        (2019, "year"),
    ]


def test_components_work_alone():
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("edukg_measures", config={"spans_key": "found"})
    doc = nlp("各区推进县管校聘管理改革。")
    assert [s._.measure_key for s in doc.spans["found"]] == ["county_managed_hiring"]


def test_years_at_the_ends_of_a_period(nlp):
    doc = nlp("三年行动计划（2023—2025年）提出，2018年至2035年分步实施。")
    assert [(s._.year, s.label_) for s in doc.spans["years"]] == [
        (2025, "period"),
        (2018, "period"),
        (2035, "period"),
    ]


# ------------------------------------------------------------------------- targets


def goals(nlp, text: str) -> list[tuple]:
    doc = nlp(text)
    return [
        (g.metric, g.value, g.unit, g.comparator, g.deadline, g.group)
        for g in (s._.goal for s in doc.spans["targets"])
    ]


@pytest.mark.parametrize(
    ("text", "goal"),
    [
        (
            "到2026年，全县公办幼儿园在园幼儿占比达到65%以上。",
            ("全县公办幼儿园在园幼儿占比", 65.0, "%", ">=", 2026, "学前教育"),
        ),
        (
            "力争“十五五”时期全市中小学校心理健康教师配备率100%。",
            ("全市中小学校心理健康教师配备率", 100.0, "%", "=", 2030, "教师"),
        ),
        (
            "到2027年，全区90%左右的初中建成标准化实验室。",
            ("初中建成标准化实验室", 90.0, "%", "≈", 2027, "义务教育"),
        ),
        ("今后三年新建两所特殊教育学校。", ("特殊教育学校", 2.0, "所", "=", None, "特殊教育")),
        ("计划培养三百名乡村骨干教师。", ("乡村骨干教师", 300.0, "名", "=", None, "教师")),
        ("到2025年新增普惠性学位1.2万个。", ("普惠性学位", 12000.0, "个", "=", 2025, "学校")),
        (
            "确保学生每天校内体育活动不少于2小时。",
            ("学生每天校内体育活动", 2.0, "小时", ">=", None, "学生"),
        ),
        (
            "力争到2028年，全区实现中小学食堂明厨亮灶全覆盖。",
            ("中小学食堂明厨亮灶覆盖率", 100.0, "%", "=", 2028, "中小学"),
        ),
    ],
)
def test_goal_shapes(nlp, text, goal):
    assert goals(nlp, text) == [goal]


def test_goal_deadline_carries_through_its_paragraph(nlp):
    doc = nlp("主要目标。到2027年，布局更加合理。义务教育巩固率保持在99%以上。\n其他。")
    assert [s._.goal.deadline for s in doc.spans["targets"]] == [2027]


@pytest.mark.parametrize(
    "text",
    [
        "目前全县集团化办学覆盖率已达70%。",  # reported as reached
        "截至去年底，全区累计建成智慧教室300间。",
        "鼓励学校每天开设2节体育课。",  # encouraged, not committed to
        "建立1个区域教育数据中心。",  # a single deliverable
        "提出了扩大资源、优化布局、强化保障等3项措施。",  # a count of a list
        "全市交流轮岗教师占符合条件教师的79%。",  # a share, no goal verb
    ],
)
def test_no_goal_or_a_reported_one(nlp, text):
    doc = nlp(text)
    assert all(s._.goal.reported for s in doc.spans["targets"])


def test_figures_in_a_review_section_are_reported(nlp):
    text = (
        "一、发展基础\n"
        "全区集团化办学覆盖率提升至85%，新建学校6所。\n"
        "二、发展目标\n"
        "到2025年，全区集团化办学覆盖率达到95%以上。\n"
    )
    doc = nlp(text)
    found = [(s._.goal.value, s._.goal.reported) for s in doc.spans["targets"]]
    assert (95.0, False) in found
    assert all(reported for value, reported in found if value != 95.0)


def test_goal_markers_in_news(nlp):
    planned = nlp("下一步，该区将新建三所九年一贯制学校。")
    done = nlp("该区建设了一批特色项目，开发36门劳动课程。")
    stated = planned.spans["targets"][0]._.goal
    assert stated.stated and not stated.reported
    assert done.spans["targets"] and all(not s._.goal.stated for s in done.spans["targets"])


# ---------------------------------------------------------- programmes and candidates


def test_programmes_and_candidate_measures(nlp):
    doc = nlp(
        "全区实施“青苗工程”，打造“云上学堂”数字化平台，推进“星光学区”项目。"
        "推行教师积分制和特色化办学，实行“区管校聘”改革，试行“走班选课”模式。"
        "培养一支“最强的团队”工程队伍。"
    )
    assert [s._.name for s in doc.spans["programs"]] == [
        "青苗工程",
        "云上学堂数字化平台",
        "星光学区项目",
    ]
    assert [s._.name for s in doc.spans["candidate_measures"]] == [
        "教师积分制",
        "特色化办学",
        "走班选课",
    ]


# --------------------------------------------------------------------- organisations


def test_organisations_national_regional_and_relative(nlp):
    doc = nlp("教育部、财政部和杭州市教委联合发文，区教育局负责落实，城市教育发展良好。")
    assert [(s._.name, s.label_, s._.adcode) for s in doc.spans["organizations"]] == [
        ("教育部", "national", None),
        ("财政部", "national", None),
        ("杭州市教育委员会", "regional", "330100"),
        ("区教育局", "relative", None),
    ]
