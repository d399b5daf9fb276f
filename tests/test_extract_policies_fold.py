"""Policies and cites on kinds of text the first rules missed: a copy site's banner above
the header, a notice putting a draft out for comment, a government's work report. Every
text here is written for these tests (places real, facts invented)."""

from __future__ import annotations

import pytest

from edukg.ingest.resolve import policy_id
from tests.test_extract import edges, facts_of
from tests.test_extract_policies import cited, described, policies


@pytest.mark.parametrize(
    "banner",
    [
        "本资料来自某某范文网www.fanwen-demo.com，仅供学习参考，请勿用于商业用途。",
        "更多范文请访问 www.fanwen-demo.net 欢迎下载！",
        "此文档由文库网wenku-demo.com整理发布，下载后可自由编辑，感谢您的支持。",
    ],
)
def test_copy_site_banner_above_the_header_is_skipped(banner: str):
    text = (
        f"{banner}\n"
        "西秀区课后服务提质方案\n"
        "为落实《贵州省义务教育课后服务指导意见》，结合实际，制定本方案。\n"
    )
    facts = facts_of(text)
    assert described(facts) == {policy_id("西秀区课后服务提质方案")}  # the heading opens the text
    assert cited(facts) == {policy_id("贵州省义务教育课后服务指导意见")}


@pytest.mark.parametrize(
    "head, tail",
    [
        ("关于征求《黔南州学前教育发展规划》", "修改意见的通知"),
        ("关于就《黔南州学前教育发展规划》", "公开征求意见的通知"),
    ],
)
def test_notice_putting_a_draft_out_for_comment_issues_the_draft(head: str, tail: str):
    text = (
        f"{head}\n"
        f"{tail}\n"
        "各县（市）教育局：\n"
        "现将《黔南州学前教育发展规划（落实〈贵州省学前教育提升计划〉三年方案）》"
        "（征求意见稿）印发你们，请于月底前反馈修改意见。\n"
        "黔南州学前教育发展规划\n"
        "为贯彻《国家学前教育发展纲要》，依据《贵州省学前教育提升计划》，制定本规划。\n"
    )
    facts = facts_of(text)
    notice = policy_id(head + tail)
    draft = policy_id("黔南州学前教育发展规划")
    assert described(facts) == {notice, draft}  # the draft's longer form is the same document
    assert set(policies(facts)) == {
        notice,
        draft,
        policy_id("贵州省学前教育提升计划"),
        policy_id("国家学前教育发展纲要"),
    }
    assert cited(facts) == {policy_id("贵州省学前教育提升计划"), policy_id("国家学前教育发展纲要")}


def test_government_work_report_is_a_policy_a_monitoring_report_is_not():
    text = (
        "遵义市推进集团化办学纪实\n"
        "近年来，遵义市把集团化办学写入《2022年市政府工作报告》，"
        "并参照《全市义务教育质量监测报告》逐校改进。\n"
    )
    assert set(policies(facts_of(text))) == {policy_id("2022年市政府工作报告")}


def test_draft_issued_with_its_qualifier_after_the_marks():
    text = (
        "凯里市教育局关于征求凯里市校园安全管理办法意见的通知\n"
        "各学校：\n"
        "现将《凯里市校园安全管理办法》（征求意见稿）印发给你们，请提出意见。\n"
        "为落实《贵州省中小学安全工作条例》，制定本办法。\n"
    )
    facts = facts_of(text)
    draft = policy_id("凯里市校园安全管理办法")
    assert described(facts) == {
        policy_id("凯里市教育局关于征求凯里市校园安全管理办法意见的通知"),
        draft,
    }
    assert edges(facts, "CITES").keys() == {(draft, policy_id("贵州省中小学安全工作条例"))}


@pytest.mark.parametrize(
    "furniture",
    ["发布日期：2022-09-01\n", "2022-09-01 来源：都匀市教育局\n", "第1页 共6页\n"],
)
def test_plan_heading_under_a_copy_sites_date_or_page_line_opens_the_text(furniture: str):
    text = (
        f"{furniture}都匀市特殊教育提升三年行动计划\n为办好特殊教育，结合本市实际，制定本计划。\n"
    )
    assert described(facts_of(text)) == {policy_id("都匀市特殊教育提升三年行动计划")}
