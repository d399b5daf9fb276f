"""Bounds on user query text and parameters (pure functions, no store)."""

from __future__ import annotations

import contextlib
import math
import time
from datetime import date, datetime
from decimal import Decimal

import pytest

from edukg.store.base import QueryRejected
from edukg.store.guard import (
    MAX_NESTING,
    MAX_OPERATORS,
    MAX_QUERY_CHARS,
    MAX_RANGE,
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


# --------------------------------------------------------------------------- issue 11, case 1-3


@pytest.mark.parametrize(
    "text",
    [
        "RETURN " + "NOT " * 24 + "true",  # 51 s of parsing before the guard knew NOT
        "RETURN " + "- " * 13 + "1",
        "RETURN " + "+" * 13 + "1",
        "RETURN " + "NOT - " * 7 + "1",
        "MATCH (n) WHERE " + "NOT " * 13 + "n.id = 1 RETURN n",
        "RETURN " + "NOT " * 6 + "(" * 7 + "true" + ")" * 7,  # prefix operators and brackets add up
        "RETURN " + "NOT " * 7 + "1 = " + "NOT " * 7 + "1",  # `=` binds tighter than NOT
    ],
)
def test_chains_of_prefix_operators_count_as_nesting(text):
    with pytest.raises(QueryRejected, match="nests brackets .*NOT and signs"):
        check_query_text(text)


def test_prefix_operators_between_operands_are_not_a_chain():
    check_query_text("RETURN " + " AND ".join(["NOT true"] * 40))
    check_query_text("RETURN 1 " + "- -1 " * 300 + ", -x.y * -2, [v IN $l | -v], {a: -1}")
    check_query_text("MATCH (n) WHERE NOT n:Document AND NOT (n)-->() RETURN -count(n)")


def test_many_deep_expressions_exceed_the_parse_budget():
    # 300 of these took 5.5 s to parse: each alone is allowed, together they are refused.
    deep = "(" * MAX_NESTING + "1" + ")" * MAX_NESTING
    check_query_text(f"RETURN {deep} AS a")
    with pytest.raises(QueryRejected, match="too many nested expressions"):
        check_query_text("RETURN " + ", ".join(f"{deep} AS a{i}" for i in range(300)))


@pytest.mark.parametrize(
    ("text", "params", "reason"),
    [
        ("RETURN size(range(1, 1000000000))", {}, "1,000,000,000 numbers"),
        ("UNWIND range(1,20000000) AS x RETURN collect(x)", {}, "20,000,000 numbers"),
        ("RETURN range(0, 10000000, 2)", {}, "5,000,001 numbers"),
        ("RETURN range(1, $n)", {"n": 10**9}, "1,000,000,000 numbers"),
        ("RETURN range(1, 1000 * 1000 * 1000)", {}, "bound `1000 \\* 1000"),
        ("WITH 1000000000 AS n RETURN range(1, n)", {}, "bound `n`"),
        ("RETURN range(1, toInteger('1000000000'))", {}, "bound `toInteger"),
        ("RETURN range(1, 1e9)", {}, "bound `1e9`"),
        ("RETURN RANGE(1000000000 + size(x.y), 1)", {}, "1,000,000,000 numbers"),
    ],
)
def test_range_is_bounded(text, params, reason):
    with pytest.raises(QueryRejected, match=reason):
        check_query_text(text, params)


def test_small_ranges_and_ranges_over_data_pass():
    check_query_text("RETURN range(1, 10), range(10, 1, -1), range(-5, 5)")
    check_query_text(f"RETURN range(1, {MAX_RANGE})")
    check_query_text("RETURN range(1, $n)", {"n": 50})
    check_query_text("MATCH ()-[i]->() UNWIND range(0, size(i.sources) - 1) AS k RETURN k")
    check_query_text("RETURN 'range(1, 1000000000)' AS text, my_range(1) // range(1, 10**12)")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("LOAD CSV FROM 'https://evil.example/x.csv' AS row RETURN row", "LOAD CSV"),
        ("load  csv WITH HEADERS FROM 'file:///etc/passwd' AS r RETURN r", "LOAD CSV"),
        ("MATCH (n) WITH n LOAD /* hidden */ CSV FROM $url AS r RETURN r", "LOAD CSV"),
        ("CALL apoc.load.json('http://127.0.0.1/') YIELD value RETURN value", "apoc.load.json"),
        ("CALL algo.BFS(null, 1, null) YIELD nodes RETURN nodes", "algo.BFS"),
        ("CALL dbms.listConfig()", "dbms.listConfig"),
    ],
)
def test_io_clauses_and_other_procedures_are_refused(text, reason):
    with pytest.raises(QueryRejected, match=reason):
        check_query_text(text)


def test_the_graphs_own_read_procedures_and_subqueries_pass():
    check_query_text("CALL db.labels() YIELD label RETURN label")
    check_query_text("CALL db.idx.fulltext.queryNodes('Region', $q) YIELD node RETURN node")
    check_query_text("CALL { MATCH (n) RETURN n } RETURN n")
    check_query_text("RETURN 'LOAD CSV' AS words // LOAD CSV FROM 'x'")
