"""Resolution: surface forms to the graph's canonical identities.

Policy titles to policy ids (width, quotes, brackets, dashes and year ranges folded), names to
programme, organisation and candidate-measure ids, region mentions to gazetteer regions and
their nodes, taxonomy concepts to measure nodes, a 文号's province abbreviation to its
province. `edukg.ingest.extract` assembles facts from spans and asks this module what each mention
is, so that two documents naming one thing in different ways meet on one node.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from spacy.tokens import Span

from edukg.ingest.gazetteer import Region, load_gazetteer
from edukg.ingest.taxonomy import MeasureConcept
from edukg.store.model import Node

# One-character province abbreviations that open a 文号 (京教基一〔2024〕6号 → 北京市).
PROVINCE_ABBREVIATIONS = {
    "京": "北京市", "津": "天津市", "沪": "上海市", "渝": "重庆市", "冀": "河北省",
    "晋": "山西省", "蒙": "内蒙古自治区", "辽": "辽宁省", "吉": "吉林省", "黑": "黑龙江省",
    "苏": "江苏省", "浙": "浙江省", "皖": "安徽省", "闽": "福建省", "赣": "江西省",
    "鲁": "山东省", "豫": "河南省", "鄂": "湖北省", "湘": "湖南省", "粤": "广东省",
    "桂": "广西壮族自治区", "琼": "海南省", "川": "四川省", "黔": "贵州省", "云": "云南省",
    "滇": "云南省", "藏": "西藏自治区", "陕": "陕西省", "甘": "甘肃省", "青": "青海省",
    "宁": "宁夏回族自治区", "新": "新疆维吾尔自治区", "台": "台湾省", "港": "香港特别行政区",
    "澳": "澳门特别行政区",
}  # fmt: skip

REGIONS_KEY = "edukg_regions"  # in Doc.user_data: region_of's answers by mention
# Trailing qualifiers of a title: （试行）, （2023—2025年）.
_QUALIFIERS = re.compile(r"(?:[(（][^()（）]*[)）])+$")
_ID_FOLD = str.maketrans(
    {"“": '"', "”": '"', "‘": "'", "’": "'", "「": '"', "」": '"', "『": '"', "』": '"',
     "〔": "[", "〕": "]", "【": "[", "】": "]", "—": "-", "–": "-", "―": "-", "‐": "-",
     "‑": "-", "~": "-", "《": None, "》": None, "〈": None, "〉": None}
)  # fmt: skip
# (2018年-2035年) and (2018-2035) are the same title.
_YEAR_IN_RANGE = re.compile(r"(\d{4})年(?=[-)])")
_TRAILING_PUNCT = "。，、；：！？.,;:!?~…·- "
_NAME_FOLD = re.compile(r"[\s“”‘’\"'「」『』《》]")


_ORG_KINDS = (
    ("教育", "education authority"),
    ("政府", "government"),
    ("国务院", "government"),
    ("办公厅", "government"),
    ("财政", "finance"),
    ("发展和改革", "development and reform"),
    ("人力资源", "human resources"),
    ("中共", "party"),
)


def policy_id(title: str) -> str:
    """The node id of a policy: its title with width, quote, bracket and whitespace
    variants folded and trailing punctuation dropped."""
    folded = unicodedata.normalize("NFKC", title).translate(_ID_FOLD)
    folded = re.sub(r"\s+", "", folded).rstrip(_TRAILING_PUNCT)
    folded = _YEAR_IN_RANGE.sub(r"\1", folded)
    return f"policy:{folded}"


def name_id(prefix: str, name: str) -> str:
    """A node id from a name (programs, organisations, candidate measures): quotes,
    brackets and spaces dropped, widths folded."""
    return prefix + _NAME_FOLD.sub("", unicodedata.normalize("NFKC", name))


def region_node(region: Region) -> Node:
    """A region's node: its adcode is its id; its short forms (东城) are its aliases."""
    props = {
        "adcode": region.adcode,
        "level": region.level,
        "full_name": region.full_name,
        "lon": region.lon,
        "lat": region.lat,
        "aliases": [*region.short_names, *region.suffixed_names],
    }
    return Node("Region", f"region:{region.adcode}", region.name, known(props))


def measure_node(concept: MeasureConcept) -> Node:
    """A taxonomy concept's node: its key is its id."""
    props = {
        "name_en": concept.name_en,
        "aliases": list(concept.aliases),
        "broader": concept.broader,
        "curated": True,
    }
    return Node("Measure", f"measure:{concept.key}", concept.name_zh, known(props))


def known(props: dict[str, Any]) -> dict[str, Any]:
    """Props without unknown values, so that loading never blanks what another document set."""
    return {k: v for k, v in props.items() if v is not None}


def region_of(span: Span) -> Region:
    """The gazetteer region a region mention (`edukg_regions` span) or a body's name names,
    kept with its document once looked up: reading the span's extension costs more than the
    rules that ask (a document asks some hundred times, a sentence's regions for each of its
    measures)."""
    known = span.doc.user_data.setdefault(REGIONS_KEY, {})
    key = (span.start, span.end, span.label)  # a body's name may cover a region's tokens
    region = known.get(key)
    if region is None:
        region = known[key] = load_gazetteer().by_adcode(span._.adcode)
        assert region is not None, span._.adcode
    return region


def doc_number_region(number: str | None) -> Region | None:
    """The province a 文号 opens with (京教基一〔2024〕6号 → 北京市), if any."""
    name = PROVINCE_ABBREVIATIONS.get(number[0]) if number else None
    candidates = load_gazetteer().by_name(name) if name else []
    return candidates[0] if candidates else None


def of_kind(region: Region, kind: str) -> Region | None:
    """The region or its nearest ancestor whose name ends in `kind` (市, 区, 县, 省)."""
    return next(
        (r for r in [region, *load_gazetteer().ancestors(region.adcode)] if r.name.endswith(kind)),
        None,
    )


def org_kind(name: str) -> str:
    """What kind of body an organisation's full name makes it."""
    return next((kind for word, kind in _ORG_KINDS if word in name), "other")


def unqualified(node_id: str) -> str:
    """A policy id without its trailing qualifiers: the text may name its own title with or
    without （试行） or its period."""
    return _QUALIFIERS.sub("", node_id)
