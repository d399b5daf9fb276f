"""Bounds on user query text and parameters (pure functions, no store)."""

from __future__ import annotations

import contextlib
import math
import time
from datetime import date, datetime
from decimal import Decimal

import pytest

from graphstore.base import QueryRejected
from graphstore.guard import (
    MAX_NESTING,
    MAX_OPERATORS,
    MAX_QUERY_CHARS,
    check_params,
    check_query_text,
)

ORDINARY = """
MATCH (r:Region)-[i:IMPLEMENTS]->(m:Measure {id: $measure})
WHERE i.year >= $since AND (r.level = 'county' OR r.level = 'prefecture')
RETURN r.name AS region, i.year AS year, [s IN i.evidence | left(s, 40)] AS quotes
ORDER BY year LIMIT 50
"""


def nested(depth: int) -> str:
    return "RETURN " + "(" * depth + "1" + ")" * depth


def test_ordinary_queries_pass():
    check_query_text(ORDINARY)
    check_query_text(nested(MAX_NESTING))
    check_query_text("RETURN " + " + ".join(["1"] * (MAX_OPERATORS + 1)))


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("   \n", "empty"),
        ("RETURN '" + "x" * MAX_QUERY_CHARS + "'", "characters long"),
        (nested(MAX_NESTING + 1), "nests brackets"),
        ("RETURN " + "[" * 30 + "]" * 30, "nests brackets"),
        ("RETURN {a: {b: {c: {d: {e: {f: {g: {h: {i: {j: {k: {l: {m: 1}}}}}}}}}}}}}", "nests"),
        ("RETURN " + " AND ".join(["1=1"] * (MAX_OPERATORS + 2)), "operators; the limit"),
        ("RETURN " + " or ".join(["true"] * (MAX_OPERATORS + 2)), "operators; the limit"),
        ("RETURN " + "+".join(["1"] * (MAX_OPERATORS + 2)), "operators; the limit"),
    ],
)
def test_dangerous_text_is_rejected_with_the_reason(text, reason):
    with pytest.raises(QueryRejected, match=reason):
        check_query_text(text)


def test_brackets_and_operators_inside_strings_and_comments_do_not_count():
    deep = "(" * 40 + "[" * 40
    chain = " AND " * 600
    check_query_text(f"RETURN '{deep}{chain}' AS a, \"{deep}\" AS b // {deep}{chain}\n")
    check_query_text(f"/* {deep} */ RETURN 'it\\'s {deep}' AS `{deep}`")


def test_an_unterminated_string_hides_nothing_before_it():
    with pytest.raises(QueryRejected, match="nests"):
        check_query_text(nested(MAX_NESTING + 1) + " + '" + "(" * 50)


def test_the_check_is_fast_on_the_largest_allowed_texts():
    worst = ["/*a" * (MAX_QUERY_CHARS // 3), "'\\" * (MAX_QUERY_CHARS // 2), "(" * MAX_QUERY_CHARS]
    started = time.perf_counter()
    for text in worst:
        with contextlib.suppress(QueryRejected):
            check_query_text(text)
    assert time.perf_counter() - started < 1.0


def test_params_become_json_values():
    checked = check_params(
        {
            "day": date(2024, 3, 1),
            "at": datetime(2024, 3, 1, 8, 30),
            "names": ("东城区", "西城区"),
            "nested": {"years": [2019, 2020], "flag": True, "none": None, "score": 0.5},
        }
    )
    assert checked == {
        "day": "2024-03-01",
        "at": "2024-03-01T08:30:00",
        "names": ["东城区", "西城区"],
        "nested": {"years": [2019, 2020], "flag": True, "none": None, "score": 0.5},
    }
    assert check_params(None) == {}


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"amount": Decimal("1.5")}, "amount is a Decimal"),
        ({"raw": b"bytes"}, "raw is a bytes"),
        ({"x": math.nan}, "only finite"),
        ({"x": [1, math.inf]}, r"x\[1\] is inf"),
        ({"big": 2**63}, "64-bit"),
        ({"m": {"bad`key": 1}}, "map key"),
        ({"two words": 1}, "not a plain identifier"),
        ({"s": {1, 2}}, "s is a set"),
    ],
)
def test_params_that_cannot_be_sent_are_named(params, message):
    with pytest.raises(QueryRejected, match=message):
        check_params(params)
