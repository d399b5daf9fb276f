"""IMPLEMENTS and regions on kinds of text the first rules missed: mirror copies with pinyin
readings, measures told without their usual aliases, regions that only locate a school,
全州 before a measure, untitled texts and sentences that date themselves."""

from __future__ import annotations

from edukg.ingest.normalise import normalise
from tests.test_extract import edges, facts_of


def implements(text: str) -> set[tuple[str, str]]:
    return set(edges(facts_of(text), "IMPLEMENTS"))


def years(text: str) -> dict[tuple[str, str], set[int]]:
    return {
        key: {e.year for e in edge.evidence}
        for key, edge in edges(facts_of(text), "IMPLEMENTS").items()
    }


def test_pinyin_readings_are_dropped_and_offsets_kept() -> None:
    original = "云南省扩大学(xué)前教育普惠(huì)资源。"
    norm = normalise(original)
    assert norm.text == "云南省扩大学前教育普惠资源。"
    start = norm.text.index("前教育")
    assert norm.to_original(start, start + 3) == (original.index("前教育"), original.index("普"))
    assert ("region:530000", "measure:inclusive_preschool") in implements(original)


def test_pinyin_needs_a_tone_mark_after_a_hanzi() -> None:
    assert normalise("课程(kecheng)与 A(á)").text == "课程(kecheng)与 A(á)"


def test_more_preschool_resources_add_places() -> None:
    found = implements("山东省今年将持续扩大城乡学前教育公共资源。")
    assert ("region:370000", "measure:capacity_expansion") in found
    assert ("region:370000", "measure:inclusive_preschool") in found


def test_estate_kindergartens_built_with_the_housing_add_places() -> None:
    text = "云南省要求城镇小区配套幼儿园与住宅同步规划、同步交付。"
    assert ("region:530000", "measure:capacity_expansion") in implements(text)


def test_aid_to_children_is_student_aid() -> None:
    text = "云南省近五年共资助家庭困难幼儿二十万人次。"
    assert ("region:530000", "measure:free_education_aid") in implements(text)


def test_general_surface_forms() -> None:
    found = implements(
        "广西壮族自治区实施高教强省战略，推行党委领导下的校长负责制，各县普遍组建教联体。"
    )
    assert {
        ("region:450000", "measure:strong_education_region"),
        ("region:450000", "measure:party_led_principal_responsibility"),
        ("region:450000", "measure:urban_rural_pairing"),
    } <= found


def test_a_region_naming_where_a_school_stands_does_not_act() -> None:
    found = implements("百色市今年投入资金，新建田东县第二幼儿园。")
    assert ("region:451000", "measure:capacity_expansion") in found
    assert ("region:451022", "measure:capacity_expansion") not in found


def test_the_whole_prefecture_before_a_measure_acts() -> None:
    text = "大理白族自治州教育局介绍：\n宾川县的几名学生都享受了全州十五年免费教育。"
    found = implements(text)
    assert ("region:532900", "measure:free_education_aid") in found
    assert ("region:532924", "measure:free_education_aid") not in found


def test_an_untitled_text_is_about_the_region_opening_it() -> None:
    text = (
        "山东省扎实推进城乡学校结对帮扶，汶上县的做法得到推广。其他地区也在学习。\n"
        "各地继续推进义务教育优质均衡发展。"
    )
    found = implements(text)
    assert ("region:370000", "measure:quality_balanced_county") in found
    assert ("region:370830", "measure:quality_balanced_county") not in found


def test_a_sentence_dating_itself_keeps_its_own_year() -> None:
    text = (
        "发布日期：2023-03-01\n"
        "2022年，山东省普惠性幼儿园覆盖率稳步提高。为持续扩大学前教育资源，进入2023年，"
        "山东省各地提早谋划。"
    )
    assert years(text)[("region:370000", "measure:capacity_expansion")] == {2023}


def test_a_whole_region_the_measure_is_compared_in_does_not_act() -> None:
    found = implements("济宁市教育新闻\n汶上县在全市率先推行县管校聘改革。")
    assert ("region:370830", "measure:county_managed_hiring") in found
    assert ("region:370800", "measure:county_managed_hiring") not in found
