"""Adoption years and where they come from, through the real pipeline, on texts written for
these tests: a year stated in the fact's own clause or opening its sentence or paragraph,
else the document's own date (a policy's issue date or 文号 year, a report's dateline);
never a deadline, a period, or a page's update stamp."""

from __future__ import annotations

from tests.test_extract import edges, facts_of

GROUPS = ("region:110102", "measure:group_schooling")


def year_of(text: str, pair: tuple[str, str] = GROUPS) -> tuple[int, str]:
    evidence = edges(facts_of(text), "IMPLEMENTS")[pair].evidence
    return evidence[0].year, evidence[0].year_source


def test_a_year_in_the_measures_own_clause():
    text = "西城区教育观察\n西城区自2016年起推行集团化办学，2020年又扩大了学区。\n"
    assert year_of(text) == (2016, "clause")


def test_a_year_opening_the_sentence_or_paragraph_dates_what_it_tells():
    sentence = "西城区教育观察\n2019年，西城区组建了五个教育集团，推进集团化办学。\n"
    assert year_of(sentence) == (2019, "clause")
    paragraph = (
        "西城区教育观察\n2021年，西城区新增学位三千个。西城区还推进集团化办学，覆盖更多学校。\n"
    )
    assert year_of(paragraph) == (2021, "clause")


def test_a_year_in_another_clause_of_the_sentence_is_not_the_adoption_year():
    text = "西城区教育观察\n西城区在全市率先推进集团化办学，截至2021年底共有学校八十所。\n"
    assert year_of(text) == (0, "")


POLICY = (
    "西城区推进基础教育优质发展实施方案\n"
    "西教发〔2023〕5号\n"
    "各中小学：\n"
    "到2030年，全区深化集团化办学，实现优质教育资源全覆盖。\n"
    "2033年底，西城区实现义务教育优质均衡发展的目标。\n"
    "西城区教育委员会\n"
    "2024年3月1日\n"
)


def test_a_deadline_is_never_the_adoption_year_the_policys_issue_date_is():
    assert year_of(POLICY) == (2024, "document_date")
    balance = ("region:110102", "measure:quality_balanced_county")
    assert year_of(POLICY, balance) == (2024, "document_date")  # 2033 lies after the policy


def test_without_an_issue_date_a_policy_takes_the_year_of_its_doc_number():
    undated = POLICY.replace("2024年3月1日\n", "")
    assert year_of(undated) == (2023, "document_date")


def test_a_report_takes_its_dateline_and_ignores_a_pages_update_stamp():
    news = (
        "西城区教育集团扩容\n"
        "2022-05-12 09:30  来源：首都教育报\n"
        "西城区近年来持续推进集团化办学，新组建三个教育集团。\n"
    )
    assert year_of(news) == (2022, "document_date")
    assert facts_of(news).document.props["published"] == "2022-05-12"
    reposted = news.replace("2022-05-12 09:30  来源：首都教育报", "更新时间：2025-01-02")
    assert year_of(reposted) == (0, "")


def test_a_year_a_plan_commits_to_is_a_deadline_too():
    # Years before the policy's own date: only the wording makes them deadlines.
    planned = POLICY.replace("2033年底，西城区实现", "西城区原计划2022年实现").replace(
        "到2030年，全区深化集团化办学", "全区各校应在2023年推行集团化办学"
    )
    balance = ("region:110102", "measure:quality_balanced_county")
    assert year_of(planned, balance) == (2024, "document_date")
    assert year_of(planned) == (2024, "document_date")


def test_a_report_for_one_year_dates_what_it_tells_by_that_year():
    notice = (
        "西城区教育委员会关于印发2023年西城区教育工作总结的通知\n"
        "西教发〔2024〕3号\n"
        "西城区深化集团化办学，新组建两个教育集团。\n"
        "西城区教育委员会\n"
        "2024年1月15日\n"
    )
    assert year_of(notice) == (2023, "document_date")
