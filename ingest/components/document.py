"""`edukg_document`: what a document says about itself in its header.

Sets `doc._.dateline` to the date a report or page gives itself in its header (YYYY-MM-DD:
2022-05-12 09:44 来源：…, 发布时间：…), never a stamp of an update, repost or visit, and
`doc._.own_policy` to an `OwnPolicy` (or None when the header shows no policy text):
its titles (a notice's own title first, then the document it issues: 关于印发X的通知 and
现将《X》印发给你们 make X the body of the text), its 文号, issuer and issue date. Titles are
whole header lines, a title broken over up to four short lines is joined, and a portal's
breadcrumb, site tags (【地方】) and metadata block (发文字号, 发布机构, 成文日期 …) are fields
to read, never titles.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from edukg.ingest.components.matching import text_of
from edukg.ingest.components.policies import INNER_TITLE, find_doc_numbers, policy_kind
from edukg.ingest.resolve import policy_id, unqualified

# Where the header's title lines, metadata block and issuing sentence stand.
_HEADER_CHARS = 1200
# A title broken over lines: at most this many lines, each no longer than this.
_MAX_TITLE_LINES = 4
_MAX_TITLE_PIECE = 40
_MAX_TITLE = 150
# Shorter lines are section names (工作计划, 实施方案), not a document's title.
_MIN_TITLE = 6

# Site navigation and a copy site's page furniture: breadcrumbs, menus (您的位置：首页 >
# 政务公开 > …), a line with a link (本文档由…www.….com提供…), a page counter (第1页共9页).
_CHROME = re.compile(
    r"[>＞]|您的位置|当前位置|当前页面|返回列表|返回首页|https?:|www\.|\.(?:com|cn|net|org)(?![A-Za-z])"
    r"|第\s*\d+\s*页|共\s*\d+\s*页"
)
# A line of running text: a sentence with a full stop.
_PROSE = re.compile(r"^.{20,}。|。.{20,}$")
# What never stands in a title line: sentence punctuation.
_SENTENCE_MARK = re.compile(r"[。；;：:，,！!？?|｜丨]")
# Where a portal runs its metadata into the title line: …意见(试行)文章属性•【制定机关】….
_METADATA_START = re.compile(
    r"文章属性|•|【[^】]{2,6}】|\s{2,}(?:时间|来源|发布)|(?:发布)?(?:时间|日期|来源|作者|浏览|点击)\s*[:：]"
    r"|\s+(?:19|20)\d{2}[-./年]\d{1,2}[-./月]\d{1,2}"
)
# A document site's file name: …规划（征求意见稿）.doc.
_FILE_SUFFIX = re.compile(r"\.(?:docx?|wps|pdf|txt)$", re.IGNORECASE)
# A title line in its marks: 《X》, 《X》（试行）.
_MARKED_LINE = re.compile(r"《([^《》]+)》\s*([(（][^()（）]{1,12}[)）])?")
# A qualifier on the line under a title: （试行）, （2021—2025年）, （征求意见稿）.
_QUALIFIER_LINE = re.compile(
    r"[(（](?:试行|暂行|修订稿?|征求意见稿|送审稿|草案"
    r"|(?:19|20)\d{2}年?\s*[-—–~至]\s*(?:19|20)\d{2}年?)[)）]"
)
# Site tags and field labels before a title: 【地方】(2021)…, 标题：….
_LEAD_TAGS = re.compile(
    r"^(?:【[^】]{1,8}】|[(（](?:19|20)\d{2}[)）]|(?:标\s*题|文件名称|名\s*称)\s*[:：]|\s)+"
)
# Headlines that report a policy rather than bear it: 某省印发…行动计划.
_NEWS_VERB = re.compile(
    r"印发|出台|发布|颁布|公布|解读|图解|读懂|问答|答记者问|出炉|推出|启动|明确|聚焦|亮点"
)
# A news report's byline: the plan named above it is its headline.
_BYLINE = re.compile(r"本报讯|记者|通讯员|新华社|特约评论员")
# A notice issuing a document: 关于印发X的通知 (X the body of the text), or putting a
# marked draft out for comment: 关于征求《X》（修改）意见的通知, 关于就《X》征求意见的通知
# (the draft is the body).
_ISSUING_NOTICE = re.compile(
    r"关于(?:印发|发布|颁布)(.+)的通知$"
    r"|关于(?:(?:公开)?征求(?:对)?|对|就)([〈<《].+[〉>》])(?:(?:公开)?征求)?[^〈<《》〉>]{0,8}意见"
    r"[^的]{0,4}的(?:通知|函)$"
)
# The sentence that issues the body: 现将《X》印发给你们, 《X》已经…同意，现印发给你们.
_ISSUING_SENTENCE = re.compile(
    r"现将[^《》。\n]{0,8}《([^《》\n]{2,150})》(?:[(（][^()（）]{1,8}[)）])?(?:予以)?(?:印发|发布|颁布)"
    r"|《([^《》\n]{2,150})》(?:已经[^。\n]{1,40}同意[，,]\s*)?现(?:予)?(?:印发|发布|颁布)给"
)
# Metadata fields of government portals and law databases.
_NUMBER_LABEL = re.compile(r"(?:发文字号|文号|字号)】?\s*[:：]?\s*")
_ISSUER_LABEL = re.compile(
    r"(?:发文机关|发布机构|发布部门|制定机关|发布单位|发文单位)】?\s*[:：]?\s*"
    r"(?!(?:公布|发布|施行|成文|印发|生效)(?:日期|时间)|文号|字号|主题|索引)"  # an empty field
    r"([\u4e00-\u9fff、 ]{2,40})"
)
_DATE = r"((?:19|20)\d{2})\s*[年.\-/]\s*(\d{1,2})(?:\s*[月.\-/]\s*(\d{1,2}))?"
# The issue date: a line that is only a date (under the signatures), else a labelled one,
# the date the text was written before the date a portal published it.
_DATE_LINE = re.compile(r"^\s*((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日\s*$", re.MULTILINE)
_DATE_LABELS = (
    re.compile(rf"成文(?:日期|时间)】?\s*[:：]?\s*{_DATE}"),
    re.compile(rf"(?:颁布|公布|印发|发布)(?:日期|时间)】?\s*[:：]?\s*{_DATE}"),
)

# Who a page says published it, on a header line: 来源：首都教育报, 【信息来源】某市教育局.
_SOURCE_LABEL = re.compile(
    r"(?:信息来源|文章来源|稿件来源|稿源|来源)】?\s*[:：]\s*"
    r"([^\s:：|｜,，。;；【】()（）]{2,30}(?:[(（][^()（）\s]{1,8}[)）])?)(?=$|\s|[|｜])"
)
_NO_PUBLISHER = {"本站", "本网", "网络", "互联网", "原创", "转载", "未知", "不详"}
# A full date in a header line: 2022-05-12, 2022/5/12, 2022年5月12日.
_STAMP = re.compile(
    r"(?<![\d.])((?:19|20)\d{2})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})(?!\d)"
)
# What makes a stamp no date of the document: a page's update, a repost, a visit count.
_OTHER_STAMP = re.compile(
    r"(?:更新|修改|修订|转载|转发|采集|访问|浏览|截止|截至|下载|编辑)\s*(?:时间|日期)?\s*[:：】]?\s*$"
)

for _name in ("own_policy", "dateline"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@dataclass(frozen=True)
class OwnPolicy:
    """The policy a document is: its titles (the notice first, then what it issues), 文号,
    issuing body and issue date (YYYY-MM-DD)."""

    titles: tuple[str, ...]
    number: str | None = None
    issuer: str | None = None
    issued: str | None = None


@dataclass(frozen=True)
class _TitleLine:
    title: str
    number: str | None  # a 文号 run into the line or standing right under it
    first: bool  # the first line of the text that is no site navigation


def own_policy(text: str) -> OwnPolicy | None:
    """The policy `text` is, read from its header, or None."""
    header = text[:_HEADER_CHARS]
    lines = _lines(header)
    title_lines = list(_title_lines(lines))
    titles = _own_titles(header, title_lines)
    if not titles:
        return None
    own = next((line for line in title_lines if line.title == titles[0]), None)
    number = _labelled_number(header) or (own.number if own else None)
    number = number or next((line.number for line in title_lines if line.number), None)
    number = number or _number_line(lines)
    issuer = _ISSUER_LABEL.search(header)
    return OwnPolicy(
        titles=tuple(titles),
        number=number,
        issuer=issuer.group(1).strip() if issuer else None,
        issued=issue_date(text),
    )


def issue_date(text: str) -> str | None:
    """The date a policy text was issued: the date line under its signatures, else a
    labelled date (成文日期, 颁布时间)."""
    match = _DATE_LINE.search(text)
    for label in _DATE_LABELS:
        match = match or label.search(text)
    if match is None:
        return None
    return "-".join(f"{int(part):02d}" for part in match.groups() if part)


def _own_titles(header: str, lines: list[_TitleLine]) -> list[str]:
    """The document's own title, the first title line of its header (a 关于 title, or a
    plan's heading that opens the text, is repeated or carries a 文号, unless a byline shows
    a news report under it), then the document(s) it issues."""
    issued = [m.group(1) or m.group(2) for m in _ISSUING_SENTENCE.finditer(header)]
    news = has_byline(header)
    counts: dict[str, int] = {}
    for line in lines:
        counts[line.title] = counts.get(line.title, 0) + 1
    own = next(
        (
            line.title
            for line in lines
            if "关于" in line.title
            or (
                not news
                and not line.title.endswith("的通知")  # a portal's short form: X的通知
                and (line.first or line.number or counts[line.title] > 1 or line.title in issued)
            )
        ),
        None,
    )
    titles = [own, *issued_by(own)] if own else []
    return _distinct(titles + issued)


def _distinct(titles: list[str]) -> list[str]:
    """Titles without repeats, a title named again with a trailing qualifier or subtitle
    (X, then X（落实〈Y〉行动计划）) being the same document in its first form."""
    seen: set[str] = set()
    kept = []
    for title in titles:
        key = unqualified(policy_id(title))
        if key not in seen:
            seen.add(key)
            kept.append(title)
    return kept


def issued_by(title: str) -> list[str]:
    """The documents a notice title issues: 关于印发〈X〉和〈Y〉的通知 → X and Y,
    关于印发X的通知 → X."""
    notice = _ISSUING_NOTICE.search(title)
    if notice is None:
        return []
    named = notice.group(1) or notice.group(2)
    return INNER_TITLE.findall(named) or [named]


def _title_lines(lines: list[str]) -> Iterator[_TitleLine]:
    """Whole header lines (or up to four short lines joined) that read as a policy title."""
    first = next(
        (i for i, line in enumerate(lines) if not _CHROME.search(line) and _clean(line)[0]), -1
    )
    i = 0
    while i < len(lines):
        found = None
        joined = ""
        for j in range(i, min(i + _MAX_TITLE_LINES, len(lines))):
            piece, number = _clean(lines[j])
            if (
                not piece
                or _CHROME.search(lines[j])
                or (j > i and (number or len(piece) > _MAX_TITLE_PIECE))
            ):
                break
            joined += piece
            if len(joined) > _MAX_TITLE or _SENTENCE_MARK.search(joined):
                break
            if len(joined) >= _MIN_TITLE and policy_kind(joined) and not reports_policy(joined):
                if j + 1 < len(lines) and _QUALIFIER_LINE.fullmatch(lines[j + 1]):
                    j += 1
                    joined += lines[j]
                number = number or _number_line(lines, j + 1, j + 2)
                found = _TitleLine(joined, number, i == first)
                break
            if number:
                break
        if found:
            yield found
            i = j + 1
        else:
            i += 1


def _lines(header: str) -> list[str]:
    """The header's non-blank lines, stripped, up to its first line of prose: a document's
    title, 文号 and metadata stand before its text begins (a title with a portal's metadata
    and the text run into it is no prose; a site's banner above the title, prose with a link,
    is skipped)."""
    lines: list[str] = []
    for line in header.split("\n"):
        if _PROSE.search(_clean(line)[0]):
            if not lines and _CHROME.search(line):
                continue
            break
        if line.strip():
            lines.append(line.strip())
    return lines


def _clean(line: str) -> tuple[str, str | None]:
    """A header line without site tags and run-in metadata, and a 文号 run into it
    (凌政办发[2020]35号X的通知, X(皖政[2001]85号))."""
    cut = _METADATA_START.search(line, 1)
    if cut:
        line = line[: cut.start()] if cut.start() >= _MIN_TITLE else ""  # a metadata line
    lead = _LEAD_TAGS.match(line)
    if lead and not _NEWS_VERB.search(lead.group()):  # 【解读】 marks a report: kept
        line = line[lead.end() :]
    line = _FILE_SUFFIX.sub("", line.strip())
    if _STAMP.fullmatch(line):  # a page's date with its label cut off
        return "", None
    if marked := _MARKED_LINE.fullmatch(line):
        line = marked.group(1) + (marked.group(2) or "")  # the title in its marks
    for start, end, number in find_doc_numbers(line):
        if start == 0:
            return line[end:].strip(), number
        if line[end:] in ("", ")", "）"):
            return line[:start].rstrip("(（ "), number
    return line, None


def _number_line(lines: list[str], i: int = 0, stop: int | None = None) -> str | None:
    """The 文号 of the first line from i on (up to `stop`, by default to the end) that holds
    nothing else: 宁政发〔2018〕49号, (皖政[2001]85号)."""
    for line in lines[i : len(lines) if stop is None else stop]:
        line = line.strip("()（） ")
        numbers = list(find_doc_numbers(line))
        if len(numbers) == 1 and numbers[0][0] == 0 and numbers[0][1] == len(line):
            return numbers[0][2]
    return None


def has_byline(text: str) -> bool:
    """Whether the text's header carries a news byline (本报讯, 记者…): a report."""
    return _BYLINE.search(text, 0, _HEADER_CHARS) is not None


def reports_policy(title: str) -> bool:
    """Whether a title line is a headline reporting a policy (某省印发…计划), not its title."""
    before = title.split("关于", 1)[0] if "关于" in title else title
    return _NEWS_VERB.search(before) is not None


def _labelled_number(header: str) -> str | None:
    """The 文号 of a metadata field: 发文字号：浙教办函〔2021〕53号, •【字号】杭政函[2005]39号."""
    for label in _NUMBER_LABEL.finditer(header):
        numbers = find_doc_numbers(header[label.end() : label.end() + 40])
        found = next(numbers, None)
        if found and found[0] == 0:
            return found[2]
    return None


def source_label(text: str) -> str | None:
    """The publisher a header line names (来源：首都教育报), unless the field is empty or
    says nothing (来源：本站): for citations of texts that carry no other metadata."""
    for line in _lines(text[:_HEADER_CHARS]):
        for match in _SOURCE_LABEL.finditer(line):
            if match.group(1) not in _NO_PUBLISHER:
                return match.group(1)
    return None


def dateline(text: str) -> str | None:
    """The first full date on a header line before the text begins, unless its label says it
    stamps an update, a repost or a visit (更新时间：…): a report's or page's own date."""
    for line in _lines(text[:_HEADER_CHARS]):
        for match in _STAMP.finditer(line):
            if not _OTHER_STAMP.search(line, 0, match.start()):
                year, month, day = (int(part) for part in match.groups())
                if 1 <= month <= 12 and 1 <= day <= 31:
                    return f"{year}-{month:02d}-{day:02d}"
    return None


class DocumentReader:
    """Sets `doc._.own_policy` and `doc._.dateline` from the document's header."""

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        doc._.own_policy = own_policy(text)
        doc._.dateline = dateline(text)
        return doc


@Language.factory("edukg_document")
def make_document_reader(nlp: Language, name: str) -> DocumentReader:
    return DocumentReader()
