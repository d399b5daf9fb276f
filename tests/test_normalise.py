"""Normalisation: script conversion, half-width forms, layout repair and the offset map."""

from __future__ import annotations

from pathlib import Path

import pytest

from edukg.ingest.normalise import TAIWAN_PHRASES, NormalisedText, normalise
from edukg.ingest.readers import read_document

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"

HEADLINE = "集团办学 让优质资源流动起来"
BYLINE = "本报记者 林一帆"
SUBHEAD = "县域统筹"
PARAGRAPHS = [
    "近年来，这个山区县把义务教育优质均衡发展作为“一号工程”，先后投入3.6亿元"
    "新建和改扩建学校21所，让2844名进城务工人员随迁子女在家门口就能上好学。",
    "县教育局负责人介绍，全县组建了6个教育集团，由城区名校牵头，带动乡村学校在课程、"
    "师资和管理上同步提升，集团内教师每三年交流一次，“以强带弱”的格局基本形成。",
    "下一步，县里还将推进“县管校聘”改革，把教师编制和岗位统一交由教育部门调配，"
    "确保每一所乡村小学都有音乐、美术和体育专职教师。",
]


def wrap(paragraph: str, column: float) -> list[str]:
    """Break a paragraph into lines of a newspaper column (ASCII takes half the room)."""
    lines, line, used = [], "", 0.0
    for ch in paragraph:
        room = 0.5 if ch.isascii() else 1.0
        if used + room > column:
            lines.append(line)
            line, used = "", 0.0
        line += ch
        used += room
    return [*lines, line]


def newspaper_page(column: float, blank_lines: bool) -> str:
    lines = [HEADLINE, BYLINE, *wrap(PARAGRAPHS[0], column), SUBHEAD]
    for paragraph in PARAGRAPHS[1:]:
        lines += wrap(paragraph, column)
    return ("\n\n" if blank_lines else "\n").join(lines) + "\n"


def assert_offsets_exact(norm: NormalisedText) -> None:
    """Every character of the normalised text is the original character it maps to."""
    assert len(norm.offsets) == len(norm.text)
    assert all(a <= b for a, b in zip(norm.offsets, norm.offsets[1:], strict=False))
    for i, ch in enumerate(norm.text):
        assert norm.original[norm.offsets[i]] == ch, (i, ch)


# --- script ---------------------------------------------------------------------------------


def test_traditional_taiwan_text_becomes_simplified_mainland() -> None:
    text = "臺中市推動國中小雙語教育計畫，補助偏鄉學校，全國中小學資訊課程均納入規畫。"
    norm = normalise(text)
    assert norm.script == "traditional"
    assert norm.text == "台中市推动中小学双语教育计划，补助乡村学校，全国中小学信息课程均纳入规划。"


@pytest.mark.parametrize(
    ("traditional", "simplified"),
    [
        ("本市幼稚園與國小、國民中學及高中職學生", "本市幼儿园与小学、初中及高中学生"),
        ("各級中國小幼稚園教師", "各级中小学幼儿园教师"),
        ("學校開設程式設計課程，提升教育品質。", "学校开设编程课程，提升教育质量。"),
        ("我國小學教育與美國中學教育的比較", "我国小学教育与美国中学教育的比较"),
    ],
)
def test_taiwan_phrase_table(traditional: str, simplified: str) -> None:
    assert normalise(traditional).text == simplified


def test_phrase_table_targets_are_simplified_mainland_words() -> None:
    assert all(target and target != source for source, target in TAIWAN_PHRASES.items())


def test_simplified_text_is_left_exactly_as_it_is() -> None:
    # OpenCC tw2sp would turn 程序设计 into 进程设计 and 乾坤 into 干坤.
    text = "本区推进程序设计课程进校园，着力提升教学质量，细节里藏着乾坤。"
    norm = normalise(text)
    assert norm.script == "simplified"
    assert norm.text == text
    assert norm.offsets == list(range(len(text)))


def test_converted_phrase_maps_back_to_its_original_phrase() -> None:
    text = "學校開設程式設計課程，國中小學生均可選修。"
    norm = normalise(text)
    for normalised, original in [("编程", "程式設計"), ("中小学", "國中小"), ("学生", "學生")]:
        start = norm.text.index(normalised)
        first, stop = norm.to_original(start, start + len(normalised))
        assert text[first:stop] == original
    comma = norm.text.index("，")
    assert text[norm.offsets[comma]] == "，"


# --- half-width forms ------------------------------------------------------------------------


def test_full_width_letters_digits_and_numeric_symbols() -> None:
    text = "全市１２３所学校达标率９８．５％，ＳＴＥＭ课程占１００％。时间：８：３０，比例１／２。"
    norm = normalise(text)
    assert norm.text == "全市123所学校达标率98.5%，STEM课程占100%。时间：8:30，比例1/2。"
    assert len(norm.text) == len(text)
    assert norm.offsets == list(range(len(text)))


def test_chinese_punctuation_is_kept() -> None:
    text = "“双减”之后，《意见》（试行）要求：一、二；好吗？好！〔2024〕"
    assert normalise(text).text == text


# --- layout ---------------------------------------------------------------------------------


def test_stray_spaces_inside_words_are_removed() -> None:
    text = "特邀 地 区 来 与 大 家 交 流 经 验，2023 年全国 2844 个县，选取 18 个城区 。"
    norm = normalise(text)
    assert norm.text == "特邀地区来与大家交流经验，2023年全国2844个县，选取18个城区。"
    assert_offsets_exact(norm)


def test_full_width_spaces_between_letter_spaced_hanzi_are_removed() -> None:
    assert normalise("教\u3000育\u3000动\u3000态").text == "教育动态"


def test_spaces_between_phrases_and_names_stay() -> None:
    text = "城乡携手 共促均衡\n本报记者 林一帆 王晓雯\nSTEM 课程"
    assert normalise(text).text == text


@pytest.mark.parametrize("column", [9, 12, 17, 24, 40])
@pytest.mark.parametrize("blank_lines", [False, True], ids=["packed", "blank-lines"])
def test_newspaper_columns_are_joined_into_paragraphs(column: int, blank_lines: bool) -> None:
    page = newspaper_page(column, blank_lines)
    norm = normalise(page)
    assert norm.text.split("\n") == [HEADLINE, BYLINE, PARAGRAPHS[0], SUBHEAD, *PARAGRAPHS[1:]]
    assert_offsets_exact(norm)


def test_lead_wider_than_the_columns_below() -> None:
    lead = wrap(PARAGRAPHS[0], 40)
    body = wrap(PARAGRAPHS[1], 16) + wrap(PARAGRAPHS[2], 16)
    title = "乡村学校迎来新变化"
    page = "\n\n".join([title, *lead, HEADLINE, *body])
    assert normalise(page).text.split("\n") == [title, PARAGRAPHS[0], HEADLINE, *PARAGRAPHS[1:]]


def test_closing_quote_ends_a_line_only_after_a_sentence_end() -> None:
    text = (
        "全县推行“集团化办学、学区化管理”\n的模式，城乡学校结对帮扶六十\n余对。\n"
        "“办好每一所家门口的学校。”\n这是全县教师的共同心愿。"
    )
    assert normalise(text).text.split("\n") == [
        "全县推行“集团化办学、学区化管理”的模式，城乡学校结对帮扶六十余对。",
        "“办好每一所家门口的学校。”",
        "这是全县教师的共同心愿。",
    ]


def test_break_before_list_items_is_kept() -> None:
    items = ["一、加强统筹协调，", "二、完善经费保障，", "三、强化督导评估，", "四、营造良好氛围，"]
    text = "\n".join(["主要举措包括以下几个方面的工作内容", *items]) + "\n"
    assert normalise(text).text.split("\n") == ["主要举措包括以下几个方面的工作内容", *items]


def test_latin_words_split_across_lines_get_a_space() -> None:
    lines = [
        "学校与科技企业合作开设Smart",
        "campus课程，学生每周参加两次",
        "编程实践活动，效果良好。",
    ]
    assert normalise("\n".join(lines)).text == (
        "学校与科技企业合作开设Smart campus课程，学生每周参加两次编程实践活动，效果良好。"
    )


def test_ordinary_long_paragraphs_are_left_alone() -> None:
    paragraphs = [p * 3 for p in PARAGRAPHS]
    text = "\n".join(["一、总体要求", paragraphs[0], "二、主要任务", *paragraphs[1:]])
    norm = normalise(text)
    assert norm.text == text
    assert norm.offsets == list(range(len(text)))


def test_blank_lines_and_indents_collapse() -> None:
    text = "\n\n\u3000\u3000第一段落，内容完整。  \r\n\n\n\n  第二段落，内容完整。\n\n"
    norm = normalise(text)
    assert norm.text == "第一段落，内容完整。\n第二段落，内容完整。"
    assert_offsets_exact(norm)


def test_empty_and_whitespace_text() -> None:
    assert normalise("").text == ""
    norm = normalise(" \n\n \u3000\n")
    assert (norm.text, norm.offsets) == ("", [])


# --- offsets --------------------------------------------------------------------------------


def test_to_original_across_a_joined_line_break() -> None:
    page = newspaper_page(12, blank_lines=True)
    norm = normalise(page)
    phrase = "义务教育优质均衡发展"
    start = norm.text.index(phrase)
    first, stop = norm.to_original(start, start + len(phrase))
    quoted = page[first:stop]
    assert quoted.replace("\n", "") == phrase
    assert "\n" in quoted  # the phrase spans a column break in the original


def test_to_original_excludes_dropped_trailing_whitespace() -> None:
    text = "第一段落。  \n\n第二段落。"
    norm = normalise(text)
    assert norm.to_original(0, 5) == (0, 5)
    assert norm.to_original(len(norm.text), len(norm.text)) == (len(text), len(text))
    with pytest.raises(ValueError):
        norm.to_original(3, len(norm.text) + 1)


# --- seed corpus ----------------------------------------------------------------------------


def seed(prefix: str) -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"seed corpus not found at {SEEDS}")
    return next(SEEDS.glob(f"{prefix}_*.txt"))


@pytest.mark.seeds
def test_seed_traditional_policy_becomes_simplified() -> None:
    norm = normalise(read_document(seed("001")).text)
    assert norm.script == "traditional"
    assert "实施方案" in norm.text
    assert "京教基一〔2024〕6号" in norm.text
    assert "實施" not in norm.text


@pytest.mark.seeds
def test_seed_narrow_columns_are_joined() -> None:
    raw = read_document(seed("002"))
    norm = normalise(raw.text)
    assert norm.script == "simplified"
    assert "义务教育优质均衡发展县" in norm.text
    assert "地区来与大家分享" in norm.text
    assert "区域简况" in norm.text.split("\n")
    start = norm.text.index("义务教育优质均衡发展县")
    first, stop = norm.to_original(start, start + len("义务教育优质均衡发展县"))
    assert "\n" in raw.text[first:stop]


@pytest.mark.seeds
def test_seed_wide_paragraphs_keep_their_lines() -> None:
    raw = read_document(seed("003"))
    norm = normalise(raw.text)
    original_lines = [line for line in raw.text.split("\n") if line.strip()]
    assert len(norm.text.split("\n")) == len(original_lines)
    assert_offsets_exact(norm)


# ------------------------------------------------------------- phrase and layout fixes


@pytest.mark.parametrize(
    ("traditional", "simplified"),
    [
        ("各校推動智慧校園與智慧教育平臺建設。", "各校推动智慧校园与智慧教育平台建设。"),
        ("培養學生核心素養，建立評價指標。", "培养学生核心素养，建立评价指标。"),
        ("今年新增學位三千個，線上線下互動教學。", "今年新增学位三千个，线上线下互动教学。"),
        ("各區推動數位學習與網路課程。", "各区推动数字学习与网络课程。"),  # still mainland words
    ],
)
def test_taiwan_words_that_mean_the_same_on_the_mainland_are_kept(
    traditional: str, simplified: str
) -> None:
    result = normalise(traditional)
    assert result.text == simplified
    kept = result.text.find("智慧")
    if kept >= 0:
        assert traditional[slice(*result.to_original(kept, kept + 2))] == "智慧"


def test_a_word_broken_across_a_wide_line_is_joined() -> None:
    prose = (
        "今年全区继续推进集团化办学，各集团统一安排课程和教研，逐步形成以集团为纽带的学\n"
        "校、家庭、社会协同育人格局。\n"
        "下一段从这里开始，说的是另一件事情。\n"
    )
    lines = normalise(prose).text.splitlines()
    assert lines[0].endswith("以集团为纽带的学校、家庭、社会协同育人格局。")
    assert lines[1] == "下一段从这里开始，说的是另一件事情。"


def test_numbered_headings_of_a_short_text_keep_their_lines() -> None:
    text = (
        "一、扩大学前教育资源\n"
        "各区要按照规划建设幼儿园。\n"
        "二、加强教师队伍建设\n"
        "教师培训要覆盖全体教师。\n"
    )
    assert normalise(text).text == text.strip()


def test_a_document_number_line_keeps_its_own_line_in_a_short_text() -> None:
    text = "某区教育事业发展三年行动计划\n某教发〔2024〕2号\n各学校：\n现将计划印发给你们。\n"
    assert normalise(text).text.splitlines()[:2] == [
        "某区教育事业发展三年行动计划",
        "某教发〔2024〕2号",
    ]


def test_digits_broken_across_column_lines_join_without_a_space() -> None:
    paragraph = "依照新的规划（2023—2025年），这个区将在集团内推广双师课堂，并扩大优质学位供给。"
    page = "\n".join(wrap(paragraph, 12)) + "\n"
    assert "（2023—2025年）" in normalise(page).text
