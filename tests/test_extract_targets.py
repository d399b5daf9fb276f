"""TARGETS from the real pipeline, one test per kind of goal the extractor used to miss or
misread. The texts are written for these tests (invented places and figures)."""

from __future__ import annotations

from tests.test_extract import facts_of


def targets(text: str) -> dict[str, tuple]:
    """metric → (value, unit, deadline) of the document's TARGETS edges."""
    facts = facts_of(text)
    return {
        e.props["metric"]: (e.props["value"], e.props["unit"], e.props["deadline"])
        for e in facts.edges
        if e.type == "TARGETS"
    }


def test_a_short_parenthesis_is_part_of_the_metric():
    found = targets(
        "某市关于发展托幼服务的实施意见\n"
        "到2026年，县(市)普惠性幼儿园覆盖率达到88%，"
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
