"""TARGETS kinds the held-out documents showed, through the real pipeline. The texts are
written for these tests (invented places, plans and figures)."""

from __future__ import annotations

from edukg.ingest.normalise import normalise
from tests.test_extract_targets import targets

REPORT = (
    "某省晨报讯 省教育厅日前印发《某省幼教质量评估工作方案》（以下简称《方案》）。\n"
    "《方案》要求各县托育机构备案率达到70%，保育员与幼儿配备比例不低于1∶12。此外，家长满意率须高于88%。\n"
    "《方案》明确，到2029年，全省三分之二左右的县通过评估；山区每个乡镇至少有一所示范园。\n"
)


def test_pinyin_notes_of_a_mirror_copy_are_dropped():
    assert normalise("示范(shì)园建(jiàn)设与县(市、区)").text == "示范园建设与县(市、区)"


def test_a_report_quoting_a_plans_requirements_gives_its_goals():
    found = targets(REPORT)
    assert found["各县托育机构备案率"] == (70.0, "%", None)
    assert found["家长满意率"] == (88.0, "%", None)


def test_a_ratio_to_one_is_a_value_of_the_unit_one_to_x():
    assert targets(REPORT)["保育员与幼儿配备比例"] == (12.0, "1∶X", None)


def test_a_fraction_is_a_percentage_to_two_places():
    assert targets(REPORT)["县通过评估"] == (66.67, "%", 2029)


def test_a_quota_per_unit_may_follow_a_scope():
    found = targets(REPORT)
    assert any(m.startswith("山区每个乡镇") and v[:2] == (1.0, "所") for m, v in found.items())


def test_counts_in_a_list_share_the_noun_after_the_last():
    found = targets(
        "某州教育新闻\n据了解，2028年某州将新建3所、改扩建5所寄宿制学校，新增床位900个。\n"
    )
    assert found["新建寄宿制学校"] == (3.0, "所", 2028)
    assert found["改扩建寄宿制学校"] == (5.0, "所", 2028)


def test_a_figure_repeated_by_headline_and_body_is_one_goal():
    found = targets(
        "某县午托覆盖率将达95%\n"
        "某县教育局印发《某县午托服务实施方案》，要求到2027年某县午托覆盖率达到95%。\n"
        "《方案》提出，到2027年午托覆盖率达到95%。\n"
    )
    assert [v for v in found.values() if v == (95.0, "%", 2027)] == [(95.0, "%", 2027)]


def test_a_due_year_after_the_count_makes_it_a_goal_after_a_report():
    found = targets(
        "某省教育厅关于推进学校标准化建设的通知\n"
        "按照原定安排，已有12个县(市、区)完成标准化验收，"
        "其余20个县(市、区)应在2029年通过省级复核。\n"
    )
    assert [v for v in found.values() if v[0] in (12.0, 20.0)] == [(20.0, "个", 2029)]


def test_a_coefficients_bound_is_a_unitless_goal_for_each_scope():
    found = targets(
        "某市义务教育优质均衡发展实施方案\n"
        "2026年省里出台了评估细则。到2030年，各县校际差异系数小学、初中分别不高于0.48、0.42。\n"
    )
    assert found["小学各县校际差异系数"] == (0.48, "", 2030)
    assert found["初中各县校际差异系数"] == (0.42, "", 2030)


def test_a_year_dating_a_past_act_is_no_deadline():
    found = targets(
        "某市特殊教育提升方案\n2021年省厅印发了评估办法，要求随班就读比例达到60%以上。\n"
    )
    assert found["随班就读比例"] == (60.0, "%", None)


def test_an_average_per_unit_is_no_quota():
    found = targets(
        "某县学区建设实施方案\n全县平均每个学区建有6所学校。到2029年，办好每一所学校。\n"
    )
    assert not [v for v in found.values() if v[1] == "所"]
