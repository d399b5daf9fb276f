"""The 文号 of an official document (京教基一〔2024〕6号, 国务院令第123号): an issuer's
abbreviation, the year in brackets and a serial number. Normalising keeps a 文号 line whole;
the policies component reads 文号 in the text and their years."""

from __future__ import annotations

import re

HAN = "\u4e00-\u9fff"
# The year of a 文号, in its brackets: 〔2024〕, [2024], （2024）.
NUMBER_YEAR = r"[〔\[［【（(]\s*((?:19|20)\d{2})\s*[〕\]］】）)]"
ISSUER_CHARS = 12  # at most, in the issuer's abbreviation before the year or 令第
DOC_NUMBER = (
    rf"[{HAN}]{{1,{ISSUER_CHARS}}}"
    rf"(?:{NUMBER_YEAR}\s*第?\s*\d{{1,5}}\s*号|令第\s*\d{{1,5}}\s*号)"
)


def doc_number_year(number: str | None) -> int | None:
    """The year a 文号 was issued in (京教基一〔2024〕6号 → 2024), if it says."""
    found = re.search(NUMBER_YEAR, number or "")
    return int(found.group(1)) if found else None
