"""Normalise document text for the NLP pipeline, keeping a map back to the original.

Four steps, in order: full-width ASCII to half-width; pinyin annotations dropped;
Traditional/Taiwan-variant to Simplified (only for texts detected as Traditional); layout
repair (stray spaces inside words, newspaper line breaks, blank lines). Every step is a
list of edits to the current text; applying the edits also carries each character's offset
in the original along, so evidence found in the normalised text can be quoted from the
file as it was.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache
from typing import Literal

import opencc

from edukg.ingest.doc_number import DOC_NUMBER
from edukg.ingest.segmenter import cut

Script = Literal["simplified", "traditional"]

# What OpenCC's tw2sp leaves in Taiwan education vocabulary, as it comes out of OpenCC
# (Simplified characters, Taiwan words) -> the mainland word.
TAIWAN_PHRASES = {
    "中国小幼稚园": "中小学幼儿园",
    "中国小": "中小学",
    "国民中小学": "中小学",
    "国民中学": "初中",
    "国民小学": "小学",
    "国中小": "中小学",
    "国中": "初中",
    "国小": "小学",
    "幼稚园": "幼儿园",
    "高中职": "高中",
    "高级中等学校": "高中阶段学校",
    "技职教育": "职业教育",
    "师资培育": "师资培养",
    "教育品质": "教育质量",
    "偏乡": "乡村",
    "计画": "计划",
    "规画": "规划",
    "资讯": "信息",
}
# Words that mean the same in Taiwan and mainland education texts but that OpenCC's
# Taiwan-to-mainland phrase table rewrites into mainland IT jargon (智慧校园 -> 智能校园,
# 核心素养 -> 内核素养, 新增学位 -> 添加学位): converted character by character instead.
KEEP_WORDS = ("智慧", "建立", "核心", "指标", "整合", "互动", "新增", "线上")
# 国中 / 国小 right after one of these is "X国" + 中/小 (全国中小学, 我国小学), not 國中 / 國小.
_NOT_SCHOOL_AFTER = "全我各本两中外美英法德日韩该此他邻诸"

# A text is Traditional when at least this share of its hanzi change under OpenCC t2s
# (about a third do in real Traditional text; almost none in Simplified text).
TRADITIONAL_SHARE = 0.05

# Layout: a line that fills at least this share of its column runs on into the next line
# when that one fits the column too. Widths are in full-width characters; newspapers set
# columns of 8 to 50, wider "columns" are real paragraphs and are never joined.
FULL_LINE_SHARE = 0.6
NEXT_LINE_SLACK = 1.25
MIN_COLUMN = 8
MAX_COLUMN = 50
COLUMN_LINES = 10  # the non-empty lines after a line that, with it, define its column
COLUMN_PERCENTILE = 0.8
# A line broken inside a word is repaired at any width when it reads as prose: this long,
# with a clause mark inside; jieba looks this many characters either side of the break.
PROSE_LINE = 16
WORD_WINDOW = 3

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
# CJK symbols (、。《》〔〕…), full-width punctuation (，：（）), dashes, quotes, ellipsis.
_CJK_PUNCT = (
    "\u3001-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
    "\u2014\u2026\u2018\u2019\u201c\u201d\u00b7"
)
_HAN_CHAR = re.compile(f"[{_HAN}]")
_CLAUSE_PUNCT = re.compile("[，。、；：,;]")
# A line that is a document number (京教基〔2023〕12号) stands alone, whatever its width.
_DOC_NUMBER_LINE = re.compile(DOC_NUMBER + "$")
# A line opening with a web page's breadcrumb (当前位置：首页 > …), metadata field (时间：…
# 来源：…, 发文字号：…) or posting date (2022-06-09 16:45) stands on its own, apart from the
# title and the text, however short.
_METADATA_FIELD = re.compile(
    r"(?:(?:您的|当前)?位置|当前页面|标题|(?:发布|成文|印发|更新)?(?:时间|日期)|(?:信息)?来源"
    r"|作者|点击|浏览|发布部门|发布机构|发文机关|发文字号|索引号|主题分类)\s*[:：]"
    r"|(?:19|20)\d{2}[-./]\d{1,2}[-./]\d{1,2}"
)
# A notice's salutation (各区县教育局，市直各学校：) opens its text on a line of its own.
_SALUTATION = re.compile(r"各[^。，,；;：:]{1,30}(?:[、，,][^。；;：:]{1,30})*[:：]$")
_CJK_PUNCT_CHAR = re.compile(f"[{_CJK_PUNCT}]")
_SPACE = " \t\u00a0\u3000"
_SPACES = re.compile(rf"(?<=\S)[{_SPACE}]+(?=\S)")
# Two words of two or more hanzi separated by a space: a headline's parts, a byline's names.
_PHRASE_SPACE = re.compile(f"[{_HAN}]{{2}}[{_SPACE}]+[{_HAN}]{{2}}")
# A line ending in one of these keeps its break. ； and ： are not among them: in a column
# they end clauses inside a paragraph far more often than a paragraph.
_SENTENCE_END = frozenset("。！？…!?")
# A closing quote or bracket ends a sentence when a sentence end precedes it (……。”); after a
# word it closes a phrase inside one (“以强带弱”的格局).
_CLOSING = "”」』）)"
# The start of a list item or numbered heading: bullets, （一）, 一、, 1., ——.
_ITEM_START = re.compile(
    r"[•●■◆▲△★☆▶►※]|[-*+] |——|[（(][一二三四五六七八九十\d]{1,3}[）)]"
    r"|[一二三四五六七八九十]{1,3}、|\d{1,2}[.、．](?!\d)"
)

_HALFWIDTH = {0x3000: " "} | {code: chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}
_FULLWIDTH_SAFE = {
    chr(code): half for code, half in _HALFWIDTH.items() if half.isalnum() or half == " "
}
# Found by a regex: most texts hold few of them, and str.translate looks up every character.
_FULLWIDTH_SAFE_CHAR = re.compile(f"[{''.join(map(re.escape, _FULLWIDTH_SAFE))}]")
_FULLWIDTH_NUMERIC = re.compile(r"(?<=[0-9])[．／：＋－](?=[0-9])|(?<=[0-9])％")
# A tone-marked pinyin syllable in brackets right after a hanzi: a mirror site's reading aid
# (学(xué)前, 达(dá)) that splits words apart.
_PINYIN_NOTE = re.compile(f"(?<=[{_HAN}])[(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹ][a-zü]*[)）]")


@dataclass(frozen=True)
class NormalisedText:
    """Normalised text, the original, its detected script and the offset map.

    `offsets[i]` is the index in `original` of the character `text[i]` came from.
    """

    text: str
    original: str
    script: Script
    offsets: list[int]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The span of `original` that `text[start:end]` came from.

        The span runs to where the next kept character came from, so characters dropped
        or merged inside it (a phrase replaced by a shorter one) are included; whitespace
        dropped after its last character is not.
        """
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span {start}:{end} outside text of length {len(self.text)}")
        if start == end:
            at = self.offsets[start] if start < len(self.text) else len(self.original)
            return at, at
        first, last = self.offsets[start], self.offsets[end - 1]
        stop = self.offsets[end] if end < len(self.text) else len(self.original)
        while stop > last + 1 and self.original[stop - 1].isspace():
            stop -= 1
        return first, stop


def normalise(text: str) -> NormalisedText:
    """Normalise `text`: half-width ASCII, Simplified script, repaired layout."""
    offsets = list(range(len(text)))
    current = _FULLWIDTH_SAFE_CHAR.sub(lambda m: _FULLWIDTH_SAFE[m.group()], text)
    current = _FULLWIDTH_NUMERIC.sub(lambda m: _HALFWIDTH[ord(m.group())], current)
    current, offsets = _apply(current, offsets, _pinyin_edits(current))
    script = detect_script(current)
    if script == "traditional":
        current, offsets = _apply(current, offsets, _simplify(current))
        current, offsets = _apply(current, offsets, _phrase_edits(current))
    current, offsets = _apply(current, offsets, _strip_edits(current))
    current, offsets = _apply(current, offsets, _stray_space_edits(current))
    current, offsets = _apply(current, offsets, _line_break_edits(current))
    return NormalisedText(text=current, original=text, script=script, offsets=offsets)


def detect_script(text: str) -> Script:
    """Traditional when a noticeable share of the hanzi change under OpenCC t2s."""
    # Counting every character and keeping the hanzi is quicker than a regex finding each.
    counts = {ch: n for ch, n in Counter(text).items() if _HAN_CHAR.match(ch)}
    if not counts:
        return "simplified"
    chars = list(counts)
    converted = _converter("t2s").convert("\n".join(chars)).split("\n")
    changed = sum(counts[ch] for ch, new in zip(chars, converted, strict=True) if ch != new)
    return "traditional" if changed >= TRADITIONAL_SHARE * sum(counts.values()) else "simplified"


# --- edits ---------------------------------------------------------------------------------

# Replace current[start:end] with the string; edits come sorted and do not overlap.
Edit = tuple[int, int, str]


def _apply(text: str, offsets: list[int], edits: Iterable[Edit]) -> tuple[str, list[int]]:
    """Apply edits to text and carry the offset map along.

    A replacement's characters map evenly onto the characters they replace; an insertion
    maps to the character it is inserted before.
    """
    edits = list(edits)
    if not edits:
        return text, offsets  # most steps change nothing in most texts: nothing to copy
    parts: list[str] = []
    new_offsets: list[int] = []
    done = 0
    for start, end, replacement in edits:
        parts.append(text[done:start])
        new_offsets.extend(offsets[done:start])
        parts.append(replacement)
        if end > start:
            span = end - start
            new_offsets.extend(
                offsets[start + i * span // len(replacement)] for i in range(len(replacement))
            )
        else:
            anchor = offsets[min(start, len(offsets) - 1)]
            new_offsets.extend([anchor] * len(replacement))
        done = end
    parts.append(text[done:])
    new_offsets.extend(offsets[done:])
    return "".join(parts), new_offsets


def _pinyin_edits(text: str) -> Iterator[Edit]:
    """Drop the pinyin a mirror site puts after characters, so words read whole again."""
    for match in _PINYIN_NOTE.finditer(text):
        yield match.start(), match.end(), ""


# --- script --------------------------------------------------------------------------------


@cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def _simplify(text: str) -> Iterator[Edit]:
    """Edits turning Traditional/Taiwan text into Simplified with mainland wording (tw2sp),
    except for the words in KEEP_WORDS, which are converted character by character.

    Most conversions are one character for one; a piece whose length changes (程式設計 ->
    编程) is aligned against its character-by-character conversion, so only the phrases
    that really changed length are spread over their originals.
    """
    start = 0
    for line in text.split("\n"):
        done = 0
        for keep in _keep_pattern().finditer(line):
            yield from _convert(line[done : keep.start()], start + done, "tw2sp")
            yield from _convert(keep.group(), start + keep.start(), "t2s")
            done = keep.end()
        yield from _convert(line[done:], start + done, "tw2sp")
        start += len(line) + 1


def _convert(piece: str, start: int, config: str) -> Iterator[Edit]:
    converted = _converter(config).convert(piece)
    if len(converted) == len(piece):
        yield from _changed_chars(piece, converted, start)
        return
    base = _converter("t2s").convert("\n".join(piece)).replace("\n", "")
    if len(base) != len(piece):
        base = piece
    matcher = SequenceMatcher(None, base, converted, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            yield from _changed_chars(piece[i1:i2], converted[j1:j2], start + i1)
        else:
            yield start + i1, start + i2, converted[j1:j2]


@cache
def _keep_pattern() -> re.Pattern[str]:
    forms = {form for word in KEEP_WORDS for form in (word, _converter("s2t").convert(word))}
    return re.compile("|".join(sorted(forms, key=len, reverse=True)))


def _changed_chars(old: str, new: str, start: int) -> Iterator[Edit]:
    """One edit for a piece converted character for character: `_apply` maps each new
    character onto the old one, as an edit per changed character would, far quicker."""
    if old != new:
        yield start, start + len(old), new


def _phrase_edits(text: str) -> Iterator[Edit]:
    for match in _taiwan_phrase_pattern().finditer(text):
        yield match.start(), match.end(), TAIWAN_PHRASES[match.group()]


@cache
def _taiwan_phrase_pattern() -> re.Pattern[str]:
    guard = f"(?<![{_NOT_SCHOOL_AFTER}])"
    keys = sorted(TAIWAN_PHRASES, key=len, reverse=True)  # longest first wins at a position
    return re.compile("|".join((guard if k[0] == "国" else "") + re.escape(k) for k in keys))


# --- layout --------------------------------------------------------------------------------


def _strip_edits(text: str) -> Iterator[Edit]:
    """Drop whitespace at both ends of every line (indents, trailing spaces, CR)."""
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        body = line.strip()
        if not body:
            if line:
                yield start, end, ""
        else:
            body_start = start + len(line) - len(line.lstrip())
            body_end = body_start + len(body)
            if body_start > start:
                yield start, body_start, ""
            if body_end < end:
                yield body_end, end, ""
        start = end + 1


def _stray_space_edits(text: str) -> Iterator[Edit]:
    """Drop spaces that only pad characters apart inside a line.

    Those are spaces next to Chinese punctuation, between hanzi and digits (2023 年), and
    letter-spaced hanzi (教 育 动 态). A space between two words of two or more hanzi stays:
    in headlines and bylines it separates phrases and names (集团办学 让资源流动起来).
    """
    for match in _SPACES.finditer(text):
        if _is_stray(text, *match.span()):
            yield match.start(), match.end(), ""


def _is_stray(text: str, start: int, end: int) -> bool:
    left, right = text[start - 1], text[end]
    if _is_wide(left) and _is_wide(right) and (_is_punct(left) or _is_punct(right)):
        return True
    if (_is_digit(left) and _is_han(right)) or (_is_han(left) and _is_digit(right)):
        return True
    if not (_is_han(left) and _is_han(right)):
        return False
    single_left = start < 2 or not _is_han(text[start - 2])
    single_right = end + 1 >= len(text) or not _is_han(text[end + 1])
    return single_left or single_right


def _line_break_edits(text: str) -> Iterator[Edit]:
    """Join lines broken inside a sentence; one line per paragraph, no blank lines.

    Newspapers break lines at a fixed column (8 to 50 characters). A line runs on into the
    next non-empty line when it nearly fills its column and does not end a sentence; a short
    line (a heading, a byline, a caption), a headline with spaced phrases, a numbered heading
    without a clause mark, a 文号 or metadata line and a line before a list item keep their
    break. A
    word broken at a line end is joined at any width (`_breaks_word`).
    The column is estimated locally (see `_columns`), because a page mixes a wide lead with
    narrow columns; ordinary documents, with one long line per paragraph, have columns far
    wider than any newspaper's and are left alone.
    """
    spans = []
    position = 0
    for line in text.split("\n"):
        if line:
            spans.append((position, position + len(line)))
        position += len(line) + 1
    if not spans:
        if text:
            yield 0, len(text), ""
        return
    lines = [text[start:end] for start, end in spans]
    widths = [_width(line) for line in lines]
    columns = _columns(lines, widths)
    if spans[0][0] > 0:
        yield 0, spans[0][0], ""
    starts_paragraph = True
    for i, (_, end) in enumerate(spans[:-1]):
        next_start = spans[i + 1][0]
        line = lines[i]
        column = columns[i]
        runs_on = not _keeps_break(line, lines[i + 1]) and (
            (
                MIN_COLUMN <= column <= MAX_COLUMN
                and not _ends_sentence(line)
                and FULL_LINE_SHARE * column <= widths[i] <= NEXT_LINE_SLACK * column
                and widths[i + 1] <= NEXT_LINE_SLACK * column
                and not (starts_paragraph and _PHRASE_SPACE.search(line))
                and not _ITEM_START.match(text, next_start)
                and not _is_heading(line)
            )
            or _breaks_word(line, lines[i + 1])
        )
        if runs_on:
            glue = " " if _is_letter(text[end - 1]) and _is_letter(text[next_start]) else ""
            yield end, next_start, glue
            starts_paragraph = False
        else:
            if next_start > end + 1:
                yield end, next_start, "\n"
            starts_paragraph = True
    if spans[-1][1] < len(text):
        yield spans[-1][1], len(text), ""


def _keeps_break(line: str, next_line: str) -> bool:
    """Whether a 文号 line or a metadata line stands on either side of the break, a
    salutation after it, or a line is repeated (a page's title above the same heading)."""
    return (
        line.strip() == next_line.strip()
        or _SALUTATION.match(next_line.strip()) is not None
        or any(
            _DOC_NUMBER_LINE.match(part) or _METADATA_FIELD.match(part.lstrip())
            for part in (line, next_line)
        )
    )


def _is_heading(line: str) -> bool:
    """A numbered heading: 二、加强教师队伍建设 (no clause mark after its number)."""
    number = _ITEM_START.match(line)
    return bool(number) and not _CLAUSE_PUNCT.search(line, number.end())


def _breaks_word(line: str, next_line: str) -> bool:
    """Whether a line of running text ends inside a word that the next line finishes
    (…以学区为依托的学 / 校、家庭…): a break no writer makes, at any column width.

    The line must read as prose (long, with a comma or full stop inside, no heading number)
    and the segmenter must find a dictionary word across the break.
    """
    if (
        len(line) < PROSE_LINE
        or not _is_han(line[-1])
        or not _is_han(next_line[0])
        or not _CLAUSE_PUNCT.search(line)
        or _ITEM_START.match(line)
    ):
        return False
    left, right = line[-WORD_WINDOW:], next_line[:WORD_WINDOW]
    position = 0
    for word in cut(left + right):
        if position < len(left) < position + len(word):
            return True
        position += len(word)
    return False


def _ends_sentence(line: str) -> bool:
    last = line.rstrip(_CLOSING)
    return bool(last) and last[-1] in _SENTENCE_END


def _width(line: str) -> float:
    """Width in full-width characters: ASCII takes half the room of a hanzi."""
    return len(line) - 0.5 * len(line.encode("ascii", "ignore"))


def _columns(lines: list[str], widths: list[float]) -> list[float]:
    """Each line's column width, the larger of two estimates.

    - The middle width of the lines up to the next sentence end or 文号 line (not counting
      that last, usually short line): the lines of one paragraph share a column, and a
      heading or dateline above a paragraph neither widens nor narrows it.
    - A high percentile of the widths of the line and the ones after it: a run of headings
      and bylines takes the column of the text below it. Earlier lines do not count, since a
      wider block just before (a lead above a heading) says nothing about this line; the last
      lines of a text take the window of the lines before them instead.
    """
    paragraph_widths: list[float] = []
    pending: list[float] = []
    for line, width in zip(lines, widths, strict=True):
        pending.append(width)
        if _ends_sentence(line) or _DOC_NUMBER_LINE.match(line):
            paragraph_widths += [statistics.median_high(pending[:-1] or pending)] * len(pending)
            pending = []
    paragraph_widths += [max(pending, default=0.0)] * len(pending)
    columns = []
    for i, paragraph_width in enumerate(paragraph_widths):
        first = max(0, min(i, len(widths) - COLUMN_LINES - 1))
        window = sorted(widths[first : first + COLUMN_LINES + 1])
        columns.append(max(paragraph_width, window[int(COLUMN_PERCENTILE * (len(window) - 1))]))
    return columns


def _is_han(ch: str) -> bool:
    return _HAN_CHAR.match(ch) is not None


def _is_punct(ch: str) -> bool:
    return _CJK_PUNCT_CHAR.match(ch) is not None


def _is_wide(ch: str) -> bool:
    return _is_han(ch) or _is_punct(ch)


def _is_digit(ch: str) -> bool:
    return "0" <= ch <= "9"


def _is_letter(ch: str) -> bool:
    """An ASCII letter: English words broken at a line end are two words; numbers are one."""
    return ch.isascii() and ch.isalpha()
