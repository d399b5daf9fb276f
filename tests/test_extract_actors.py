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
    # 河南县 (青海) is a whole word, not the start of 河南县域 (河南's counties)
    assert "region:632324" not in node_ids(facts_of("河南县域义务教育均衡发展。"), "Region")


def test_prefectures_of_the_diqu_and_meng_kind_by_their_stems():
    """喀什 for 喀什地区, 锡林郭勒 for 锡林郭勒盟; 阿里 (阿里地区) is too common a word."""
    text = "新疆喀什和阿克苏的学校，内蒙古锡林郭勒的学校，阿里巴巴的员工。\n"
    regions = node_ids(facts_of(text), "Region")
    assert {"region:653100", "region:652900", "region:152500"} <= regions
    assert "region:542500" not in regions


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
    # a city building schools is still the city
    assert implementers("柳州新建小学5所，推进集团化办学。", "measure:group_schooling") == {
        "region:450200"
    }


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


def test_signatory_above_the_closing_date_is_the_subject():
    """A county notice citing its province's and city's policies, signed by the county's
    bureau: the signature is more exact than the cited bodies or the mention count."""
    text = (
        "各乡镇中心学校：\n"
        "根据《湖南省教育厅关于推进集团化办学的意见》和衡阳市的部署，现将有关事项通知如下。\n"
        "今年推进集团化办学。\n"
        "衡阳县教育局\n"
        "2023年3月1日\n"
    )
    assert facts_of(text).document.props["subject_region"] == "430421"


def test_the_addressee_of_a_notice_is_not_its_issuer():
    """浙江省's reply opens with its addressee 杭州市教育局：, which the text is not about."""
    text = (
        "杭州市教育局：\n"
        "你局关于集团化办学的请示收悉。经研究，同意你局推进集团化办学。\n"
        "浙教函〔2023〕7号\n"
    )
    assert facts_of(text).document.props["subject_region"] == "330000"


# ----------------------------------------------------------------- cited policy titles


def test_region_issuing_a_cited_policy_implements_its_measure():
    """《甘肃省…集团化办学…》(甘教基〔2019〕12号) is 甘肃省's measure of 2019, not only the
    citing county's; a national title that names a region as its beneficiary gives that
    region nothing."""
    text = (
        "临洮县推进教育改革的实施方案\n"
        "根据《甘肃省教育厅关于推进集团化办学的实施意见》（甘教基〔2019〕12号）精神，"
        "参照《教育部关于支持西藏深化学区制改革的意见》和《中共甘肃省委 甘肃省人民政府"
        "关于办好课后服务的通知》，结合本县实际，制定本方案。\n"
        "全县推进集团化办学。\n"
    )
    facts = facts_of(text)
    implements = edges(facts, "IMPLEMENTS")
    province = implements[("region:620000", "measure:group_schooling")]
    assert [e.year for e in province.evidence] == [2019]
    assert ("region:621124", "measure:group_schooling") in implements
    assert ("region:540000", "measure:school_district") not in implements
    assert ("region:620000", "measure:after_school") in implements


# ------------------------------------------------------------------ who carries it out


def test_every_region_of_a_list_with_its_share_implements():
    """Shares handed out city by city (甲市12个、乙市8个) make each listed city plan it."""
    text = (
        "江西省教育厅关于组建教育集团的通知\n"
        "今年全省新增教育集团60个，分配如下：南昌市12个、九江市8个、赣州市15个。\n"
    )
    assert {"region:360100", "region:360400", "region:360700"} <= implementers(
        text, "measure:group_schooling"
    )


def test_regions_named_as_a_measures_scope_do_not_implement_it():
    """结对帮扶的范围是A县、B县: the counties receive the help; the issuer gives it."""
    text = (
        "贵州省教育厅关于开展结对帮扶的通知\n"
        "本次结对帮扶的主要对象是毕节市的威宁县、赫章县等边远县的学校。\n"
    )
    assert implementers(text, "measure:urban_rural_pairing") == {"region:520000"}


def test_what_the_centre_said_is_not_the_regions_measure():
    """A background sentence reporting the party congress's line names no adopter; the
    plan's own sentences still give the subject region its measures."""
    text = (
        "青海省中小学布局规划\n"
        "党的十九大明确提出，要推进集团化办学，办好人民满意的教育。\n"
        "全省将推进学区制改革。\n"
    )
    facts = facts_of(text)
    implements = edges(facts, "IMPLEMENTS")
    assert ("region:630000", "measure:group_schooling") not in implements
    assert ("region:630000", "measure:school_district") in implements


def test_a_count_of_schools_after_a_region_is_no_institution():
    """东城区一七一中学 is a school acting for itself, but 东城区已划分8个学区 counts the
    district's own units: the district acts."""
    text = "东城区教育概况\n东城区已划分8个学区，推行学区制管理。\n"
    assert implementers(text, "measure:school_district") == {"region:110101"}


def test_a_region_doing_something_to_its_schools_stays_in_focus():
    """红河州推进学区制改革 is the prefecture at work, not an institution it locates: the
    next sentence, naming no region, is still about the prefecture."""
    text = "云南省教育厅工作通报\n\n红河州推进学区制改革，成效明显。同时推进集团化办学。\n"
    assert implementers(text, "measure:group_schooling") == {"region:532500"}


def test_a_prefectures_own_word_for_itself():
    """全州 in an autonomous prefecture's text is the prefecture, as 全市 is the city."""
    text = (
        "红河州教育体育局关于2023年工作的总结\n\n"
        "屏边县推进学区制改革，成效明显。\n\n"
        "全州推进集团化办学，覆盖各县市。\n"
    )
    assert implementers(text, "measure:group_schooling") == {"region:532500"}


def test_each_region_heading_a_row_of_an_announced_table_implements():
    """A sentence announcing a table of shares (如下表：) and short lines each opening with
    a city: every listed city plans the measure, with its own line as evidence."""
    text = (
        "江西省教育厅关于分解集团化办学任务的通知\n\n"
        "各设区市新增教育集团任务如下表：\n"
        "序号\t设区市\t新增教育集团数\n"
        "1\t南昌市\t12\n"
        "2\t九江市\t8\n"
        "3\t赣州市\t15\n"
        "各地要按时完成，萍乡市另行安排。\n"
    )
    facts = facts_of(text)
    implements = edges(facts, "IMPLEMENTS")
    cities = {s for s, t in implements if t == "measure:group_schooling"}
    assert {"region:360100", "region:360400", "region:360700"} <= cities
    assert "region:360300" not in cities
    row = implements[("region:360700", "measure:group_schooling")].evidence
    assert [e.sentence for e in row] == ["3赣州市15"]  # normalising drops the tabs


def test_a_city_named_with_its_own_programme_runs_it():
    """In a district's text the city stands for the district, except where the city names
    its own programme or event (入选杭州市…项目): then the city runs it too. A title the
    city awards (获评杭州市首批…示范区) stays the district's alone."""
    programme = "滨江区2023年教育工作回顾\n\n今年，2所学校入选杭州市集团化办学示范项目。\n"
    assert implementers(programme, "measure:group_schooling") == {
        "region:330108",
        "region:330100",
    }
    title = "滨江区2023年教育工作回顾\n\n今年，滨江区获评杭州市首批集团化办学示范区。\n"
    assert implementers(title, "measure:group_schooling") == {"region:330108"}


def test_a_measure_as_the_time_or_setting_of_a_sentence_is_not_adopted_there():
    """“双减”之后，… and “双减”背景下的… use the measure as a time or a setting; a region
    that adopted something before (实施集团化办学之后) still adopted it."""
    text = (
        "东城区教育观察\n\n"
        "“双减”之后，学生的周末更充实了。东城区做好“双减”背景下的课后服务。"
        "东城区实施集团化办学之后，学校质量提升。\n"
    )
    implements = edges(facts_of(text), "IMPLEMENTS")
    assert ("region:110101", "measure:double_reduction") not in implements
    assert ("region:110101", "measure:after_school") in implements
    assert ("region:110101", "measure:group_schooling") in implements


def test_a_measure_describing_an_institution_is_not_the_regions():
    """作为九年一贯制学校的杭州市某某学校: the measure is the school's type and the city only
    locates the school; a city that only locates an institution named as another object
    of the sentence leaves the measure to the text's region."""
    described = "上城区教育观察\n\n作为九年一贯制学校的杭州市清泉实验学校，场地一直紧张。\n"
    assert implementers(described, "measure:nine_year_school") == set()
    located = "北京市教育工作要点\n\n发挥智慧教育平台优势，推动北京数字学校转型升级。\n"
    assert implementers(located, "measure:digital_education") == {"region:110000"}
