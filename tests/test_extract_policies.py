"""Policies and cites through the real pipeline: the document's own titles, 文号 and date
read from its header, notice wrappers and nested titles, short back-references. Every
text here is written for these tests (places real, facts invented)."""

from __future__ import annotations

from edukg.ingest.nlp import load_pipeline
from edukg.ingest.resolve import policy_id
from edukg.store.model import DocumentFacts
from tests.test_extract import edges, facts_of


def policies(facts: DocumentFacts) -> dict[str, dict]:
    return {n.id: n.props for n in facts.nodes if n.label == "Policy"}


def described(facts: DocumentFacts) -> set[str]:
    return {target for _, target in edges(facts, "DESCRIBES")}


def cited(facts: DocumentFacts) -> set[str]:
    return {target for _, target in edges(facts, "CITES")}


def test_cited_notice_is_a_policy_and_so_is_each_title_marked_inside_it():
    text = (
        "临川区农村小学提升行动方案\n"
        "为落实《江西省教育厅关于印发〈乡村小规模学校质量提升计划〉和〈寄宿制学校管理"
        "指引〉的通知》和《抚州市人民政府办公室关于印发城区学位扩容方案的通知》，"
        "结合本区情况，制定本方案。\n"
    )
    facts = facts_of(text)
    wrapper = "江西省教育厅关于印发〈乡村小规模学校质量提升计划〉和〈寄宿制学校管理指引〉的通知"
    unmarked = "抚州市人民政府办公室关于印发城区学位扩容方案的通知"
    expected = {
        policy_id(wrapper),
        policy_id("乡村小规模学校质量提升计划"),
        policy_id("寄宿制学校管理指引"),
        policy_id(unmarked),
    }
    assert cited(facts) == expected  # the unmarked 城区学位扩容方案 is no title of its own
    assert set(policies(facts)) == expected | {policy_id("临川区农村小学提升行动方案")}


def test_notice_title_broken_over_lines_with_portal_metadata():
    text = (
        "当前位置：首页 > 信息公开 > 文件通知\n"
        "婺源县教育局关于印发婺源县\n"
        "学前教育普惠扩容\n"
        "三年行动方案的通知\n"
        "发布机构：婺源县教育局\n"
        "发文字号：婺教发〔2023〕7号\n"
        "成文日期：2023-05-12\n"
        "各乡镇中心学校，县直各学校：\n"
        "现将《婺源县学前教育普惠扩容三年行动方案》印发给你们，望结合本地情况抓好落实。\n"
        "婺源县教育局\n"
        "2023年5月10日\n"
        "婺源县学前教育普惠扩容三年行动方案\n"
        "为落实《关于推动县域学前教育普惠发展的指导意见》，结合本县情况，制定本方案。\n"
    )
    facts = facts_of(text)
    notice = policy_id("婺源县教育局关于印发婺源县学前教育普惠扩容三年行动方案的通知")
    plan = policy_id("婺源县学前教育普惠扩容三年行动方案")
    parent = policy_id("关于推动县域学前教育普惠发展的指导意见")
    assert described(facts) == {notice, plan}
    assert set(policies(facts)) == {notice, plan, parent}  # no metadata line is a title
    assert set(edges(facts, "CITES")) == {(plan, parent)}  # the plan is the body that cites
    assert policies(facts)[notice]["doc_number"] == "婺教发〔2023〕7号"
    assert policies(facts)[notice]["issued"] == "2023-05-10"  # signed, not published
    assert facts.document.props["title"].startswith("婺源县教育局关于印发")
    assert (notice, "org:婺源县教育局") in edges(facts, "ISSUED_BY")


def test_own_title_keeps_the_policy_it_implements_which_is_cited():
    text = (
        "山西省人民政府关于贯彻《国务院关于推进乡村教育振兴的决定》的实施意见\n"
        "(晋政发〔2019〕3号)\n"
        "各市、县人民政府：\n"
        "为贯彻《国务院关于推进乡村教育振兴的决定》，提出如下实施意见。\n"
    )
    facts = facts_of(text)
    own = policy_id("山西省人民政府关于贯彻《国务院关于推进乡村教育振兴的决定》的实施意见")
    decision = policy_id("国务院关于推进乡村教育振兴的决定")
    assert described(facts) == {own}
    assert policies(facts)[own]["doc_number"] == "晋政发〔2019〕3号"
    assert set(edges(facts, "CITES")) == {(own, decision)}


def test_short_form_stands_for_the_title_it_shortens():
    text = (
        "合肥市中小学劳动教育实施方案\n"
        "根据《关于全面加强新时代中小学劳动教育的总体方案》（以下简称《总体方案》），"
        "结合本市情况制定本方案。\n"
        "各校要按《总体方案》要求开足劳动课，《实施方案》由市教育局负责解释。\n"
    )
    facts = facts_of(text)
    own = policy_id("合肥市中小学劳动教育实施方案")
    full = policy_id("关于全面加强新时代中小学劳动教育的总体方案")
    assert set(policies(facts)) == {own, full}
    assert cited(facts) == {full}
    assert edges(facts, "MENTIONS")[(facts.document.id, full)].props["count"] == 3


def test_text_opening_with_the_issuing_sentence_is_the_policy_it_issues():
    text = (
        "各区县教育局，市直各学校：\n"
        "《宜宾市义务教育强校提质行动方案》已经市政府同意，现予印发给你们，请抓好落实。\n"
        "宜宾市教育和体育局\n"
        "2022年3月1日\n"
        "宜宾市义务教育强校提质行动方案\n"
        "根据《四川省人民政府办公厅关于推进义务教育强校工程的通知》（川办发〔2021〕8号），"
        "制定本方案。\n"
    )
    facts = facts_of(text)
    own = policy_id("宜宾市义务教育强校提质行动方案")
    parent = policy_id("四川省人民政府办公厅关于推进义务教育强校工程的通知")
    assert described(facts) == {own}
    assert "doc_number" not in policies(facts)[own]  # 川办发 is the cited notice's number
    assert policies(facts)[parent]["doc_number"] == "川办发〔2021〕8号"
    assert cited(facts) == {parent}


def test_news_headline_about_a_plan_is_no_own_title():
    text = (
        "宁远县出台学前教育三年行动计划\n"
        "来源：永州日报　时间：2023-04-02\n"
        "日前，宁远县印发《宁远县学前教育三年行动计划》，提出新建公办幼儿园10所。\n"
    )
    facts = facts_of(text)
    assert described(facts) == set() and edges(facts, "CITES") == {}
    assert set(policies(facts)) == {policy_id("宁远县学前教育三年行动计划")}


def test_portal_listing_variants_of_the_title_are_one_policy():
    text = (
        "EN\n"
        "返回列表\n"
        "【地方】(2022)贵州省教育厅关于做好县域普通高中提质工作的通知\n"
        "时间：2022-08-01\n"
        "黔教函〔2022〕15号贵州省教育厅关于做好县域普通高中提质工作的通知\n"
        "发布部门：贵州省教育厅\n"
        "贵州省教育厅关于做好县域普通高中提质工作的通知\n"
        "各市（州）教育局：\n"
        "为推动县中发展，依据《县域普通高中振兴计划》，现就有关事项通知如下。\n"
    )
    facts = facts_of(text, title="EN")
    own = policy_id("贵州省教育厅关于做好县域普通高中提质工作的通知")
    assert described(facts) == {own}
    assert set(policies(facts)) == {own, policy_id("县域普通高中振兴计划")}
    assert policies(facts)[own]["doc_number"] == "黔教函〔2022〕15号"
    assert facts.document.props["title"] == policies(facts)[own]["title"]


def test_plan_heading_under_a_breadcrumb_is_the_own_title():
    text = (
        "当前页面：首页 > 县教育局 > 规划计划\n"
        "祁东县特殊教育融合发展规划\n"
        "祁东县特殊教育融合发展规划\n"
        "依据《湖南省特殊教育提升计划》，结合本县情况，编制本规划。\n"
    )
    facts = facts_of(text)
    own = policy_id("祁东县特殊教育融合发展规划")
    assert described(facts) == {own}
    assert cited(facts) == {policy_id("湖南省特殊教育提升计划")}


def test_government_portal_metadata_block_gives_title_number_and_date():
    text = (
        "索引号：11A0-2024-00031\n"
        "主题分类：教育\n"
        "发文机关：咸宁市教育局\n"
        "成文日期：2024年02月26日\n"
        "标题：咸宁市教育局关于开展城乡学校结对共建的通知\n"
        "发文字号：咸教发〔2024〕4号\n"
        "发布日期：2024年03月01日\n"
        "各县（市、区）教育局：\n"
        "依据《湖北省城乡教育一体化推进方案》，现将结对共建有关安排通知如下。\n"
    )
    facts = facts_of(text, title="咸宁市教育局")
    own = policy_id("咸宁市教育局关于开展城乡学校结对共建的通知")
    assert described(facts) == {own}
    assert policies(facts)[own]["doc_number"] == "咸教发〔2024〕4号"
    assert policies(facts)[own]["issued"] == "2024-02-26"  # written, not published
    assert set(policies(facts)) == {own, policy_id("湖北省城乡教育一体化推进方案")}


def test_title_broken_over_two_lines_inside_its_marks():
    text = (
        "孝感市县域普通高中振兴方案\n"
        "近年来全市高中阶段毛入学率稳步提高，但县中办学条件仍有短板，为此依据《湖北省关于"
        "推进县域普通高中发展的\n"
        "指导意见》，结合本市情况，制定本方案。\n"
    )
    facts = facts_of(text)
    assert cited(facts) == {policy_id("湖北省关于推进县域普通高中发展的指导意见")}


def test_news_report_with_a_number_in_its_lead_is_no_policy_text():
    text = (
        "新学期教育新政速览\n"
        "本报讯 省教育厅《关于规范义务教育招生入学的通知》（赣教发〔2023〕2号）明确，"
        "公办学校实行划片入学。\n"
        "此外，《江西省学前教育普惠发展方案》也已开始实施。\n"
    )
    facts = facts_of(text)
    assert described(facts) == set() and edges(facts, "CITES") == {}
    assert len(policies(facts)) == 2


def test_title_written_with_either_kind_of_inner_marks_is_one_policy():
    text = (
        "某区课后服务提质方案\n"
        "依据《湖南省教育厅关于印发〈课后服务工作指引〉的通知》，制定本方案。\n"
        "各校要对照《湖南省教育厅关于印发《课后服务工作指引》的通知》逐项落实。\n"
    )
    facts = facts_of(text)
    notice = policy_id("湖南省教育厅关于印发〈课后服务工作指引〉的通知")
    assert notice == policy_id("湖南省教育厅关于印发《课后服务工作指引》的通知")
    assert cited(facts) == {notice, policy_id("课后服务工作指引")}


def test_red_header_notice_keeps_its_title_apart_from_the_salutation():
    text = (
        "景德镇市教育局文件\n"
        "景教发〔2024〕3号\n\n"
        "景德镇市教育局关于做好2024年义务教育招生工作的通知\n\n"
        "各县（市、区）教育局：\n"
        "为稳妥推进今年招生入学，依据《江西省义务教育招生入学管理办法》，通知如下。\n"
    )
    facts = facts_of(text)
    own = policy_id("景德镇市教育局关于做好2024年义务教育招生工作的通知")
    assert described(facts) == {own}
    assert policies(facts)[own]["doc_number"] == "景教发〔2024〕3号"
    assert cited(facts) == {policy_id("江西省义务教育招生入学管理办法")}


def test_tagged_report_headline_is_no_own_title():
    text = (
        "【解读】抚州市学前教育三年行动计划\n"
        "记者从市教育局获悉，《抚州市学前教育三年行动计划》近日已正式实施。\n"
    )
    facts = facts_of(text)
    assert described(facts) == set()
    assert set(policies(facts)) == {policy_id("抚州市学前教育三年行动计划")}


def test_title_in_its_marks_with_its_qualifier_on_the_next_line():
    text = (
        "《上饶市中小学课后服务管理办法》\n"
        "（试行）\n"
        "第一条 为规范课后服务，依据《江西省中小学课后服务指导意见》，制定本办法。\n"
    )
    facts = facts_of(text)
    own = policy_id("上饶市中小学课后服务管理办法（试行）")
    assert described(facts) == {own}
    assert cited(facts) == {policy_id("江西省中小学课后服务指导意见")}


def test_section_name_is_no_own_title_and_a_revised_issue_is():
    text = (
        "工作计划\n"
        "各县区教育局：\n"
        "现将修订后的《鹰潭市中小学教师县管校聘实施办法》印发给你们，请遵照执行。\n"
    )
    facts = facts_of(text, title="工作计划")
    assert described(facts) == {policy_id("鹰潭市中小学教师县管校聘实施办法")}


def test_short_name_of_a_title_named_before_is_that_policy():
    text = (
        "萍乡市教育事业发展规划\n"
        "依据《国家中长期教育改革和发展规划纲要（2010—2020年）》和《中华人民共和国教育法》，"
        "编制本规划。\n"
        "按照《规划纲要》和《教育法》要求，全市将推进学校标准化建设。\n"
    )
    facts = facts_of(text)
    outline = policy_id("国家中长期教育改革和发展规划纲要（2010—2020年）")
    law = policy_id("中华人民共和国教育法")
    assert cited(facts) == {outline, law}
    assert edges(facts, "MENTIONS")[(facts.document.id, outline)].props["count"] == 2


def test_junk_in_title_marks_is_no_policy():
    text = (
        "《ABC Style Guide规范》 《www.example.com/网站管理办法》\n"
        "赣州市积极推进集团化办学，《赣州市集团化办学实施方案》已印发。\n"
    )
    facts = facts_of(text, title="赣州教育动态")
    assert set(policies(facts)) == {policy_id("赣州市集团化办学实施方案")}


def test_page_title_names_the_notice_when_the_text_does_not():
    text = (
        "各县（区）教育局：\n"
        "为加快补齐农村学校短板，依据《江西省乡村教育振兴行动方案》，市教育局研究制定了"
        "相关措施，请结合实际认真组织实施。\n"
    )
    facts = facts_of(
        text, title="吉安市教育局关于印发〈吉安市乡村学校提质三年方案〉的通知_吉安市人民政府"
    )
    notice = policy_id("吉安市教育局关于印发吉安市乡村学校提质三年方案的通知")
    plan = policy_id("吉安市乡村学校提质三年方案")
    assert described(facts) == {notice, plan}
    assert set(edges(facts, "CITES")) == {(plan, policy_id("江西省乡村教育振兴行动方案"))}


def test_pipeline_exposes_the_own_policy_on_the_doc():
    doc = load_pipeline()(
        "南昌市教育局关于加强中小学作业管理的通知\n洪教字〔2021〕30号\n各县区教育局：\n"
        "为减轻学生作业负担，现就加强作业管理的有关事项通知如下。\n南昌市教育局\n2021年9月1日\n"
    )
    own = doc._.own_policy
    assert own.titles == ("南昌市教育局关于加强中小学作业管理的通知",)
    assert (own.number, own.issued) == ("洪教字〔2021〕30号", "2021-09-01")
    assert load_pipeline()("日前，南昌市教育局出台作业管理新规。\n")._.own_policy is None


def test_document_site_file_name_is_the_own_title():
    text = (
        "九江市教育事业发展第十二个五年规划（征求意见稿）.doc\n"
        "- 格式:doc\n"
        "- 大小:41.50 KB\n"
        "为推进全市教育改革发展，依据《江西省中长期教育改革和发展规划纲要》，编制本规划。\n"
    )
    facts = facts_of(text)
    own = policy_id("九江市教育事业发展第十二个五年规划（征求意见稿）")
    assert described(facts) == {own}
    assert cited(facts) == {policy_id("江西省中长期教育改革和发展规划纲要")}


def test_plan_named_above_a_byline_is_a_headline():
    text = (
        "景德镇市特殊教育第三期提升计划\n"
        "本报讯（记者 李明）景德镇市近日发布《景德镇市特殊教育第三期提升计划》，"
        "提出扩大随班就读规模。\n"
    )
    facts = facts_of(text)
    assert described(facts) == set() and edges(facts, "CITES") == {}
    assert set(policies(facts)) == {policy_id("景德镇市特殊教育第三期提升计划")}


def test_notice_title_above_its_posting_date_stays_whole():
    text = (
        "当前位置：首页 > 通知公告\n\n"
        "自治区教育厅关于开展乡村教师轮岗交流工作的通知\n\n"
        "2023-03-15 10:20     来源：自治区教育厅\n\n"
        "各市教育局：\n\n"
        "依据《乡村教师支持计划实施办法》，现就轮岗交流有关事项通知如下。\n"
    )
    facts = facts_of(text)
    assert described(facts) == {policy_id("自治区教育厅关于开展乡村教师轮岗交流工作的通知")}
    assert cited(facts) == {policy_id("乡村教师支持计划实施办法")}


def test_an_empty_issuer_field_takes_no_other_field_as_its_value():
    from edukg.ingest.components.document import own_policy

    header = "关于推进学区制管理的通知\n制定机关\n公布日期\n2014.01.02\n正文从这里开始。"
    found = own_policy(header)
    assert found is not None and found.issuer is None and found.issued == "2014-01-02"
