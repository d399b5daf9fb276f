"""Who implements a measure, and which regions a text names: one test per kind of mistake,
on short texts written for these tests and run through the real pipeline."""

from __future__ import annotations

from tests.test_extract import edges, facts_of, node_ids


def implementers(text: str, measure: str, title: str | None = None) -> set[str]:
    facts = facts_of(text, title=title)
    return {source for source, target in edges(facts, "IMPLEMENTS") if target == measure}


# ---------------------------------------------------------------------------- regions


def test_autonomous_prefecture_and_county_by_their_suffixed_short_names():
    """怒江州 for 怒江傈僳族自治州, 金平县 for 金平苗族瑶族傣族自治县: how official texts
    name autonomous divisions; the nationalities do not cut a stem short (黔东南, not 黔东)."""
    text = (
        "红河州教育体育局关于学前教育的通知\n"
        "今年，屏边县和金平县新建了一批普惠性幼儿园。黔东南州的同行来此交流。\n"
    )
    regions = node_ids(facts_of(text), "Region")
    assert {"region:532500", "region:532523", "region:532530", "region:522600"} <= regions


def test_ordinary_word_short_names_count_in_a_list_of_regions():
    """鼓楼 and 和平 are ordinary words, but listed with districts of one city they are
    districts, resolved by their neighbours' province (鼓楼 of 南京, not of 福州);
    alone they stay words."""
    text = (
        "南京的学校开展集团化办学。\n"
        "玄武区、鼓楼、栖霞三区都在推行集团化办学。\n"
        "城里的鼓楼是一处古迹，大家盼望和平。\n"
    )
    facts = facts_of(text)
    regions = node_ids(facts, "Region")
    assert {"region:320106", "region:320113"} <= regions
    assert {"region:350102", "region:120101"}.isdisjoint(regions)
    implements = edges(facts, "IMPLEMENTS")
    assert ("region:320106", "measure:group_schooling") in implements


def test_short_names_inside_a_school_name_or_after_a_post_are_no_places():
    """百色学院, 南宁师范大学 name schools, 厅长尼玛 a person: no region, and no region to
    act in their sentence."""
    text = (
        "广西壮族自治区教育厅通知\n"
        "由南宁师范大学和百色学院牵头，开展结对帮扶。\n"
        "厅长尼玛次仁介绍了情况。\n"
    )
    facts = facts_of(text)
    regions = node_ids(facts, "Region")
    assert {"region:450100", "region:451000", "region:540629"}.isdisjoint(regions)
    assert implementers(text, "measure:urban_rural_pairing") == {"region:450000"}


# --------------------------------------------------------------------- subject region


def test_issuer_inside_the_doc_number_province_is_the_subject():
    """A 文号 tells only the province; the issuing body in the header names the prefecture."""
    text = (
        "各县市教育局：\n"
        "现将有关事项通知如下。\n"
        "楚雄州教育局\n"
        "根据有关文件（云教发〔2023〕5号）要求，全州推进集团化办学。\n"
    )
    facts = facts_of(text)
    assert facts.document.props["subject_region"] == "532300"
    assert implementers(text, "measure:group_schooling") == {"region:532300"}


# ----------------------------------------------------------------- cited policy titles


def test_region_issuing_a_cited_policy_implements_its_measure():
    """《甘肃省…集团化办学…》(甘教基〔2019〕12号) is 甘肃省's measure of 2019, not only the
    citing county's; a national title that names a region as its beneficiary gives that
    region nothing."""
    text = (
        "临洮县推进教育改革的实施方案\n"
        "根据《甘肃省教育厅关于推进集团化办学的实施意见》（甘教基〔2019〕12号）精神，"
        "参照《教育部关于支持西藏深化学区制改革的意见》，结合本县实际，制定本方案。\n"
        "全县推进集团化办学。\n"
    )
    facts = facts_of(text)
    implements = edges(facts, "IMPLEMENTS")
    province = implements[("region:620000", "measure:group_schooling")]
    assert [e.year for e in province.evidence] == [2019]
    assert ("region:621124", "measure:group_schooling") in implements
    assert ("region:540000", "measure:school_district") not in implements
