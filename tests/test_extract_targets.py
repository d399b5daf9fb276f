"""TARGETS from the real pipeline, one test per kind of goal the extractor used to miss or
misread. The texts are written for these tests (invented places and figures)."""

from __future__ import annotations

from edukg.ingest.nlp import load_pipeline
from edukg.ingest.normalise import normalise
from edukg.ingest.resolve import policy_id
from tests.test_extract import facts_of


def targets(text: str, title: str | None = None) -> dict[str, tuple]:
    """metric → (value, unit, deadline) of the document's TARGETS edges."""
    facts = facts_of(text, title=title)
    return {
        e.props["metric"]: (e.props["value"], e.props["unit"], e.props["deadline"])
        for e in facts.edges
        if e.type == "TARGETS"
    }


def test_a_short_parenthesis_is_part_of_the_metric():
    found = targets(
        "某市关于发展托幼服务的实施意见\n"
        "到2026年，县(市)普惠性幼儿园覆盖率提升至88%，"
        "力争60%左右的县(市、区)建成托幼服务指导中心。\n"
    )
    assert found["县(市)普惠性幼儿园覆盖率"] == (88.0, "%", 2026)
    assert found["县(市、区)建成托幼服务指导中心"] == (60.0, "%", 2026)


def test_a_year_opening_the_paragraph_or_its_list_is_the_deadline():
    found = targets(
        "某县关于提升乡村教育质量的实施方案\n"
        "2027年，全县小学寄宿制学校达标率达到80%以上，新建乡村少年宫12所。\n"
        "到2028年，实现以下目标：\n"
        "1.乡村教师本科学历比例达到75%。\n"
        "2.培养县级学科带头人200名。\n"
    )
    assert found["全县小学寄宿制学校达标率"] == (80.0, "%", 2027)
    assert found["乡村少年宫"] == (12.0, "所", 2027)
    assert found["乡村教师本科学历比例"] == (75.0, "%", 2028)
    assert found["县级学科带头人"] == (200.0, "名", 2028)


def test_a_five_year_plan_dates_a_level_but_not_a_count_added_during_it():
    found = targets(
        "某州“十四五”特殊教育发展提升方案\n"
        "“十四五”期间，全州特殊教育学校在校生巩固率稳定在97%，新增资源教室80间。\n"
    )
    assert found["全州特殊教育学校在校生巩固率"] == (97.0, "%", 2025)
    assert found["资源教室"] == (80.0, "间", None)


def test_a_quota_for_each_unit_is_a_goal_even_of_one():
    found = targets(
        "某市关于加强劳动教育的实施意见\n"
        "到2027年，每个区都建成1所劳动教育实践基地，各县(市)至少办1个青少年营地。\n"
        "建立1个全市劳动教育资源平台。\n"
    )
    assert found["每个区建成劳动教育实践基地"] == (1.0, "所", 2027)
    assert found["各县(市)办青少年营地"] == (1.0, "个", 2027)
    assert not any("资源平台" in metric for metric in found)  # a single deliverable


def test_the_last_verb_before_a_count_names_what_is_made():
    found = targets(
        "某区关于深化集团化办学的实施方案\n"
        "2026年全区组建紧密型、松散型教育集团(含分校)合计45个，"
        "推动课程共享、遴选出的30所龙头学校牵头结对。\n"
        "提出了优化布局、提升质量2项具体举措。\n"
    )
    assert found == {"紧密型、松散型教育集团(含分校)": (45.0, "个", 2026)}


def test_years_of_schooling_are_a_goal_in_years():
    found = targets(
        "某省教育事业发展规划\n"
        "到2030年，新增劳动力平均受教育年限达到14.5年，学制为3年的课程不计。\n"
    )
    assert found == {"新增劳动力平均受教育年限": (14.5, "年", 2030)}


def test_a_list_of_quotas_per_region_sets_a_goal_for_each():
    found = targets(
        "浙江省教育厅关于下达2026年乡村小规模学校提升任务的通知\n"
        "2026年，全省新改建乡村小规模学校300所，下达各市的任务数如下：杭州市40所、"
        "宁波市35所、温州市52所。\n"
    )
    assert found["任务数(杭州市)"] == (40.0, "所", 2026)
    assert found["任务数(宁波市)"] == (35.0, "所", 2026)
    assert found["任务数(温州市)"] == (52.0, "所", 2026)


def test_a_headline_year_does_not_enter_the_metric():
    found = targets(
        "《湖南省教育事业发展规划》印发 2030年特殊教育入学率达98%\n"
        "日前，《湖南省教育事业发展规划》正式发布。湖南省明确，到2030年，特殊教育入学率达到98%。\n"
    )
    assert found == {"特殊教育入学率": (98.0, "%", 2030)}
    found = targets(
        "《湖南省教育事业发展规划》印发 特殊教育入学率将达98%\n"
        "湖南省明确，到2030年，特殊教育入学率达到98%。\n"
    )
    assert "特殊教育入学率" in found and not any("印发" in metric for metric in found)


def test_a_clause_naming_only_another_scope_borrows_the_metric_before_it():
    found = targets(
        "某市学前教育三年行动计划\n"
        "到2027年，城区普惠性幼儿园覆盖率要达92%，农村达到85%；"
        "小学寄宿生营养改善率达到100%，初中达到98%。\n"
    )
    assert found["农村普惠性幼儿园覆盖率"] == (85.0, "%", 2027)
    assert found["初中寄宿生营养改善率"] == (98.0, "%", 2027)
    assert found["城区普惠性幼儿园覆盖率"] == (92.0, "%", 2027)


def test_figures_of_an_earlier_five_year_plan_are_reported():
    found = targets(
        "某县“十四五”教育发展规划\n"
        "“十三五”时期，全县新建公办幼儿园26所，学前三年毛入园率提高到90%。"
        "到2025年，学前三年毛入园率达到96%，新建公办幼儿园12所。\n"
    )
    assert found == {"学前三年毛入园率": (96.0, "%", 2025), "公办幼儿园": (12.0, "所", 2025)}


def test_the_units_an_action_covers_are_counted():
    found = targets(
        "某省教育厅关于开展山区学校托管帮扶的通知\n"
        "省内遴选出的20所优质学校牵头，对山区县25所初中和70所小学进行托管帮扶。\n"
    )
    assert found == {
        "托管帮扶的山区县初中": (25.0, "所", None),
        "托管帮扶的山区县小学": (70.0, "所", None),
    }


def test_counties_to_reach_a_standard_are_counted():
    found = targets(
        "某市义务教育优质均衡发展推进方案\n"
        "到2031年，全市6县区全部通过省级义务教育优质均衡评估验收。\n"
    )
    assert found == {"通过省级义务教育优质均衡评估验收的县区数": (6.0, "个", 2031)}


def test_a_fraction_is_a_share_in_percent():
    found = targets("某区中小学美育提升方案\n到2027年，三分之一以上的中小学建成美育特色学校。\n")
    assert found == {"中小学建成美育特色学校": (33.33, "%", 2027)}


def test_news_goals_go_to_the_plan_the_sentence_refers_back_to():
    facts = facts_of(
        "教育简讯\n"
        "日前，省教育厅印发《职业教育产教融合三年行动方案》。"
        "方案明确，到2027年，中职学校“双师型”教师比例达到60%。\n"
    )
    sources = {e.source for e in facts.edges if e.type == "TARGETS"}
    assert sources == {policy_id("职业教育产教融合三年行动方案")}


def test_a_table_of_quotas_per_region_sets_a_goal_for_each():
    found = targets(
        "浙江省教育厅关于下达2026年新增公办学位任务的通知\n"
        "各市教育局：\n"
        "现将各市新增公办学位任务下达给你们，请认真落实。\n"
        "附件：2026年各市新增公办学位任务分解表\n"
        "设区市\n"
        "新增公办学位（个）\n"
        "杭州市\n4000\n"
        "宁波市\n3500\n"
        "合计\n7500\n",
        title="浙江省教育厅关于下达2026年新增公办学位任务的通知",
    )
    assert found == {
        "新增公办学位(杭州市)": (4000.0, "个", 2026),
        "新增公办学位(宁波市)": (3500.0, "个", 2026),
    }


def test_values_given_respectively_go_to_the_metrics_in_order():
    facts = facts_of(
        "某县“十五五”教育发展规划\n"
        "到2030年，学前三年毛入园率、义务教育巩固率和高中阶段毛入学率分别达到93%、97%、94%。\n"
    )
    found = {
        e.props["metric"]: (e.props["value"], e.target) for e in facts.edges if e.type == "TARGETS"
    }
    assert found == {
        "学前三年毛入园率": (93.0, "target:学前教育"),
        "义务教育巩固率": (97.0, "target:义务教育"),
        "高中阶段毛入学率": (94.0, "target:普通高中"),
    }


def test_counts_of_rebuilt_schools_and_sent_teachers_and_the_end_of_a_plan():
    found = targets(
        "某县“十五五”教育发展规划\n"
        "到“十五五”末，改造农村薄弱学校45所，每年选派骨干教师120名到乡村学校支教。\n"
    )
    assert found["农村薄弱学校"] == (45.0, "所", 2030)
    assert found["骨干教师"] == (120.0, "名", 2030)


def test_a_deictic_for_the_region_itself_leaves_the_metric():
    found = targets(
        "某自治区教育发展规划\n"
        "到2030年，自治区特殊教育普及率达到97%，我区新建自治区级示范幼儿园20所。\n"
    )
    assert found == {"特殊教育普及率": (97.0, "%", 2030), "自治区级示范幼儿园": (20.0, "所", 2030)}


def test_a_list_of_regions_with_respective_counts_gives_each_its_own():
    found = targets(
        "某省新建学校三年攻坚方案\n"
        "到2027年，石家庄市、保定市和邯郸市分别新建学校18所、15所、12所。\n"
    )
    assert found == {
        "新建学校(石家庄市)": (18.0, "所", 2027),
        "新建学校(保定市)": (15.0, "所", 2027),
        "新建学校(邯郸市)": (12.0, "所", 2027),
    }


def test_this_share_refers_to_the_goal_before_it():
    doc = load_pipeline()(
        normalise(
            "到2027年，全省40%的县(市、区)建成学前教育普惠示范县；到2032年，这一比例达到75%。"
        ).text
    )
    found = [(s._.goal.metric, s._.goal.value, s._.goal.deadline) for s in doc.spans["targets"]]
    assert found == [
        ("县(市、区)建成学前教育普惠示范县", 40.0, 2027),
        ("县(市、区)建成学前教育普惠示范县", 75.0, 2032),
    ]


def test_figures_since_a_past_time_are_reported():
    found = targets(
        "某县学前教育提升实施方案\n"
        "近年来，全县新建公办幼儿园12所。2019年以来，新增学位4000个。\n"
        "到2027年，新建公办幼儿园6所。\n"
    )
    assert found == {"公办幼儿园": (6.0, "所", 2027)}


def test_a_deadline_governs_the_sentences_after_it_in_a_news_paragraph():
    facts = facts_of(
        "教育简讯\n"
        "日前，省教育厅印发《乡村教育振兴行动计划》。计划提出，到2028年，乡村学校"
        "心理健康教师配备率达到100%。全省每个乡镇都建成1所寄宿制中心学校。"
        "截至2024年底，全省乡村学校已建成心理辅导室1200间。\n"
    )
    found = {
        e.props["metric"]: (e.props["value"], e.props["deadline"])
        for e in facts.edges
        if e.type == "TARGETS"
    }
    assert found == {
        "乡村学校心理健康教师配备率": (100.0, 2028),
        "每个乡镇建成寄宿制中心学校": (1.0, 2028),
    }


def test_a_table_of_counts_that_sets_no_task_is_no_goal():
    found = targets(
        "某省教育厅关于印发2026年教育工作要点的通知\n"
        "附件：2025年各市学校数统计表\n"
        "设区市\n"
        "学校数（所）\n"
        "杭州市\n410\n"
        "宁波市\n385\n",
        title="某省教育厅关于印发2026年教育工作要点的通知",
    )
    assert found == {}


def test_a_goal_quoted_from_a_short_name_comes_from_the_full_titles_node():
    text = (
        "南湖区教育新闻\n"
        "南湖区日前印发《南湖区教育现代化规划纲要》。\n"
        "《规划纲要》提出，到2027年，全区普惠性幼儿园覆盖率达到92%。\n"
    )
    facts = facts_of(text)
    [goal] = [e for e in facts.edges if e.type == "TARGETS"]
    assert goal.source == policy_id("南湖区教育现代化规划纲要")
    assert goal.source in {n.id for n in facts.nodes}  # never a node that was not made


def test_a_goal_lists_the_measures_its_metric_names():
    """The measure page finds a measure's goals by this list (an index), not by reading every
    goal's metric."""
    facts = facts_of(
        "某区深化集团化办学实施方案\n"
        "到2026年，全区义务教育学校集团化办学覆盖率达到95%以上，新建学校5所。\n"
    )
    about = {
        e.props["metric"]: e.props.get("about_measures") for e in facts.edges if e.type == "TARGETS"
    }
    assert about == {
        "全区义务教育学校集团化办学覆盖率": ["measure:group_schooling"],
        "学校": None,
    }


def test_a_goal_set_for_a_measure_is_about_it_and_those_its_metric_names():
    facts = facts_of(
        "甲市教育局召开工作会议\n"
        "会议提出，甲市将全面推行县管校聘改革，目标是到2026年教师交流轮岗比例达到20%以上。\n"
    )
    [goal] = [e for e in facts.edges if e.type == "TARGETS"]
    assert goal.source == "measure:county_managed_hiring"
    assert goal.props["about_measures"] == [
        "measure:county_managed_hiring",
        "measure:teacher_rotation",  # 交流轮岗, one of its names
    ]
