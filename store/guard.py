"""Bounds on what a user may send to a store: query text and parameters.

The embedded parser backtracks: its time doubles with every level of bracket nesting and with
every prefix operator in a row (`NOT NOT …`, `- - …`), the query timeout does not cover
parsing, and the cost of many such expressions adds up; flat chains of ~70k AND/OR/+ operands
crash the server. `range()` allocates its whole list before the memory cap is checked, and
`LOAD CSV` fetches files and web addresses from inside the store. So user query text is
bounded in size, nesting, parse cost and operator count, range() bounds must be small numbers
(or sizes of things that exist), and only procedures that read the graph may be called.
The FalkorDB client pastes parameters into the query text, where anything but JSON values
fails to parse or silently changes value; they are checked here for both stores alike, and for
the embedded store written as that text here too, in the same pass (`params_header`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from datetime import date, time
from functools import lru_cache
from typing import Any

from edukg.store.base import QueryRejected

MAX_QUERY_CHARS = 20_000
MAX_NESTING = 12
MAX_OPERATORS = 500
# Parse work, counted as 2**depth per bracket or prefix operator: 2**17 is ~0.4 s of parsing
# (measured: 16 NOTs in a row 0.4 s, 300 expressions nested 12 deep 5.5 s).
MAX_PARSE_COST = 1 << 17
MAX_RANGE = 1_000_000  # elements of one range(): 16 MB in the store
# Procedures that only read the graph (both engines' names); any other CALL is refused.
READ_PROCEDURES = (
    "db.labels",
    "db.relationshipTypes",
    "db.propertyKeys",
    "db.indexes",
    "db.constraints",
    "db.idx.fulltext.queryNodes",
    "db.index.fulltext.queryNodes",
    "db.meta.stats",
)

# String literals, quoted names and comments. An unterminated one runs to the end of the text,
# so that no alternative can fail once started: the scan stays linear in the text's length.
_NOT_CODE = re.compile(
    r"""(?P<text>'(?:[^'\\]|\\.)*+(?:'|\\?\Z)"""
    r"""|"(?:[^"\\]|\\.)*+(?:"|\\?\Z)"""
    r"|`[^`]*+(?:`|\Z))"
    r"|//[^\n]*+"
    r"|/\*(?:[^*]|\*(?!/))*+(?:\*/|\Z)",
    re.DOTALL,
)
_LITERAL = "literal"  # what a string or quoted name becomes: one operand
_TOKEN = re.compile(
    r"\$?[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*"  # names, params, a.b.c
    r"|\d+(?:\.\d*)?(?:[eE][+-]?\d+)?"
    r"|<>|<=|>=|=~|\+=|\S"
)
_OPERATOR = re.compile(r"\b(?:AND|OR|XOR)\b|\+", re.IGNORECASE)
_OPENING, _CLOSING = set("([{"), set(")]}")
# After these a `-` or `+` is a sign, not a subtraction or addition.
_BEFORE_OPERAND = {
    "RETURN", "WITH", "WHERE", "AND", "OR", "XOR", "NOT", "IN", "IS", "CASE", "WHEN", "THEN",
    "ELSE", "UNWIND", "SKIP", "LIMIT", "BY", "SET", "CONTAINS", "STARTS", "ENDS", "DISTINCT",
}  # fmt: skip
# Where a chain of NOTs ends: operators that bind more loosely than NOT, and clause keywords.
_ENDS_NOTS = {"AND", "OR", "XOR", "RETURN", "WITH", "WHERE", "UNWIND", "MATCH", "ORDER", ","}
_INT64 = 1 << 63
_READ_PROCEDURES = {name.lower() for name in READ_PROCEDURES}


def check_query_text(cypher: str, params: Mapping[str, Any] | None = None) -> None:
    """Raise QueryRejected when the text could hang or crash the store, make it allocate
    without bound, or reach outside the graph; `params` are the values range() may use."""
    if not cypher.strip():
        raise QueryRejected("The query is empty.")
    if len(cypher) > MAX_QUERY_CHARS:
        raise QueryRejected(
            f"The query is {len(cypher):,} characters long; the limit is {MAX_QUERY_CHARS:,}. "
            "Pass long lists of values as a parameter."
        )
    code = _NOT_CODE.sub(lambda m: f" {_LITERAL} " if m.group("text") else " ", cypher)
    tokens = _TOKEN.findall(code)
    _check_parse_cost(tokens)
    operators = len(_OPERATOR.findall(code))
    if operators > MAX_OPERATORS:
        raise QueryRejected(
            f"The query chains {operators} AND/OR/XOR/+ operators; the limit is {MAX_OPERATORS}. "
            "Pass the values as a list parameter and test them with `x IN $values`."
        )
    _check_outside_access(tokens)
    _check_ranges(tokens, params or {})


def _check_parse_cost(tokens: list[str]) -> None:
    """Nesting depth counts brackets and the prefix operators (NOT, signs) in force at a point:
    the parser's time doubles with each of them alike."""
    frames: list[tuple[int, int, int]] = []  # (depth, NOTs, signs) around each open bracket
    depth = nots = signs = cost = 0
    previous = ","
    for token in tokens:
        word = token.upper()
        if token in _OPENING or word == "NOT" or (token in ("+", "-") and _is_sign(previous)):
            if token in _OPENING:
                frames.append((depth, nots, signs))
                depth, nots, signs = depth + nots + signs + 1, 0, 0
                level = depth
            else:
                nots += word == "NOT"
                signs += word != "NOT"
                level = depth + nots + signs
            if level > MAX_NESTING:
                raise QueryRejected(
                    f"The query nests brackets (with NOT and signs in a row counted as levels) "
                    f"{level} deep; the limit is {MAX_NESTING}. Split nested expressions with "
                    "WITH, and write `NOT NOT x` as `x`."
                )
            cost += 1 << level
            if cost > MAX_PARSE_COST:
                raise QueryRejected(
                    "The query has too many nested expressions to be parsed quickly; "
                    "split it into simpler parts (WITH between them) or pass values as "
                    "parameters."
                )
        else:
            if token in _CLOSING:
                depth, nots, signs = frames.pop() if frames else (0, 0, 0)
            elif word in _ENDS_NOTS:
                nots = 0
            signs = 0
        previous = token


def _is_sign(previous: str) -> bool:
    """Whether a `-` or `+` after `previous` starts an operand (a sign) rather than joining two."""
    return (
        not (previous[0].isalnum() or previous[0] in "_$" or previous in _CLOSING)
        or previous.upper() in _BEFORE_OPERAND
    )


def _check_outside_access(tokens: list[str]) -> None:
    """LOAD CSV and procedures other than the graph's own reads are refused: they read files,
    open connections or run work the query timeout does not cover."""
    for before, token in zip(tokens, tokens[1:], strict=False):
        if before.upper() == "LOAD" and token.upper() == "CSV":
            raise QueryRejected(
                "LOAD CSV reads files and web addresses; queries here read only the graph. "
                "Ingest documents with `edukg ingest`, or pass values as parameters."
            )
        called = before.upper() == "CALL" and token not in _OPENING
        if called and token.lower() not in _READ_PROCEDURES:
            raise QueryRejected(
                f"The procedure {token} cannot be called here; allowed: "
                f"{', '.join(READ_PROCEDURES)}."
            )


def _check_ranges(tokens: list[str], params: Mapping[str, Any]) -> None:
    """Each range() makes at most MAX_RANGE numbers. Its bounds must be numbers, parameters,
    properties or size()/length() of something, added or subtracted: anything else (a name
    bound by WITH, a product, a conversion) could be any number."""
    for index, token in enumerate(tokens[:-1]):
        if token.lower() != "range" or tokens[index + 1] != "(":
            continue
        bounds = [_range_bound(arg, params) for arg in _arguments(tokens, index + 1)]
        if all(exact for _, exact in bounds) and len(bounds) in (2, 3):
            first, last, step = (value for value, _ in bounds + [(1, True)] * (3 - len(bounds)))
            count = max(0, (last - first) // step + 1) if step else 0
        else:
            count = max(abs(value) for value, _ in bounds) if bounds else 0
        if count > MAX_RANGE:
            raise QueryRejected(
                f"range() would make {count:,} numbers; the limit is {MAX_RANGE:,}. "
                "Ask for a smaller range."
            )


def _arguments(tokens: list[str], opening: int) -> list[list[str]]:
    """The comma-separated arguments of the call whose `(` is at `opening`."""
    args: list[list[str]] = [[]]
    level = 0
    for token in tokens[opening + 1 : _closing(tokens, opening)]:
        level += (token in _OPENING) - (token in _CLOSING)
        if token == "," and level == 0:
            args.append([])
        else:
            args[-1].append(token)
    return args if args != [[]] else []


def _closing(tokens: list[str], opening: int) -> int:
    """The index of the bracket that closes the one at `opening` (the end if none does)."""
    level = 0
    for index in range(opening, len(tokens)):
        level += (tokens[index] in _OPENING) - (tokens[index] in _CLOSING)
        if level == 0:
            return index
    return len(tokens)


def _range_bound(arg: list[str], params: Mapping[str, Any]) -> tuple[int, bool]:
    """A range() argument as (the sum of its numbers, whether that is all of it)."""
    total, exact, sign, expect_term, index = 0, True, 1, True, 0
    while index < len(arg):
        token = arg[index]
        if token in ("+", "-"):
            sign, expect_term = (-sign if token == "-" else sign), True
        elif not expect_term:
            _bad_range_bound(arg)
        else:
            if token.isdigit():
                total += sign * int(token)
            elif token.startswith("$"):
                value = params.get(token[1:])
                if isinstance(value, int) and not isinstance(value, bool):
                    total += sign * value
            elif token.lower() in ("size", "length") and arg[index + 1 : index + 2] == ["("]:
                index, exact = _closing(arg, index + 1), False
            elif "." in token:  # a property: data in the graph, which a read cannot change
                exact = False
            else:
                _bad_range_bound(arg)
            sign, expect_term = 1, False
        index += 1
    if expect_term:
        _bad_range_bound(arg)
    return total, exact


def _bad_range_bound(arg: list[str]) -> None:
    raise QueryRejected(
        f"range() bound `{' '.join(arg)}` is not allowed: use whole numbers, parameters, "
        "properties or size() of a list, added or subtracted."
    )


def check_params(params: Mapping[str, Any] | None) -> dict[str, Any]:
    """The parameters as JSON values (dates and times become ISO strings); QueryRejected
    names the first parameter that cannot be sent as it is."""
    checked = {}
    for name, value in (params or {}).items():
        if not (isinstance(name, str) and name.isidentifier()):
            raise QueryRejected(f"Parameter name {name!r} is not a plain identifier.")
        checked[name] = _json_value(value, name)
    return checked


def _json_value(value: Any, where: str) -> Any:
    if value is None or isinstance(value, str | bool):
        return value
    if isinstance(value, int):
        if not -_INT64 <= value < _INT64:
            raise QueryRejected(f"Parameter {where} is outside the 64-bit integer range.")
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise QueryRejected(f"Parameter {where} is {value}; only finite numbers are allowed.")
        return value
    if isinstance(value, date | time):  # datetime is a date
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_json_value(item, f"{where}[{i}]") for i, item in enumerate(value)]
    if isinstance(value, Mapping):
        for key in value:
            if not isinstance(key, str) or not key or "`" in key:
                raise QueryRejected(f"Parameter {where} has a map key {key!r} that cannot be sent.")
        return {key: _json_value(item, f"{where}.{key}") for key, item in value.items()}
    raise QueryRejected(
        f"Parameter {where} is a {type(value).__name__}; use text, numbers, true/false, null, "
        "lists or maps (dates as ISO strings)."
    )


def params_header(params: Mapping[str, Any] | None) -> str:
    """The parameters as the embedded store's `CYPHER name=value …` query prefix, checked as
    `check_params` checks them. The loader sends millions of values: checked and written in
    one pass, not two, they cost the loader's client 30 % less time, and `check_params` runs
    only to name a value that cannot be sent."""
    if not params:
        return ""
    try:
        values = " ".join(f"`{_name(name)}`={_literal(value)}" for name, value in params.items())
    except QueryRejected as unsendable:
        check_params(params)  # the same rules, naming where the value is
        raise unsendable
    return f"CYPHER {values} "


def _name(name: Any) -> str:
    if not (isinstance(name, str) and name.isidentifier()):
        raise QueryRejected(f"Parameter name {name!r} is not a plain identifier.")
    return name


def _literal(value: Any) -> str:
    """A JSON value as Cypher literal text (strings in double quotes, map keys in backticks)."""
    kind = type(value)
    if kind is str:
        return _quoted(value)
    if kind is dict:  # rows: lists built, not generated, for join (a fifth less time)
        return "{" + ",".join([_map_key(key) + _literal(item) for key, item in value.items()]) + "}"
    if kind is list or kind is tuple:
        return "[" + ",".join([_literal(item) for item in value]) + "]"
    if value is None:
        return "null"
    if kind is bool:
        return "true" if value else "false"
    if kind is int and -_INT64 <= value < _INT64:
        return str(value)
    if kind is float and math.isfinite(value):
        return repr(value)
    if isinstance(value, date | time):
        return _quoted(value.isoformat())
    plain = _json_value(value, "value")  # QueryRejected for what cannot be sent
    if isinstance(plain, str):  # a subclass of a plain type, such as an enum
        return _quoted(plain)
    if isinstance(plain, int | float):
        return _literal(int(plain) if isinstance(plain, int) else float(plain))
    return _literal(plain)


@lru_cache(maxsize=1024)
def _map_key(key: Any) -> str:
    """A map key as written before its value, checked once: a load's rows repeat their keys."""
    if not isinstance(key, str) or not key or "`" in key:
        raise QueryRejected(f"Parameter map key {key!r} cannot be sent.")
    return f"`{key}`:"


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
