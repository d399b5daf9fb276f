"""Bounds on what a user may send to a store: query text and parameters.

The embedded parser needs time exponential in bracket nesting (depth 22 takes seconds, and the
query timeout does not cover parsing) and crashes the server on flat chains of ~70k AND/OR/+
operands. So user query text is bounded in size, nesting and operator count before it is sent.
The FalkorDB client pastes parameters into the query text, where anything but JSON values
fails to parse or silently changes value; they are checked here for both stores alike.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from datetime import date, time
from typing import Any

from graphstore.base import QueryRejected

MAX_QUERY_CHARS = 20_000
MAX_NESTING = 12
MAX_OPERATORS = 500

# String literals, quoted names and comments. An unterminated one runs to the end of the text,
# so that no alternative can fail once started: the scan stays linear in the text's length.
_NOT_CODE = re.compile(
    r"""'(?:[^'\\]|\\.)*+(?:'|\\?\Z)"""
    r"""|"(?:[^"\\]|\\.)*+(?:"|\\?\Z)"""
    r"|`[^`]*+(?:`|\Z)"
    r"|//[^\n]*+"
    r"|/\*(?:[^*]|\*(?!/))*+(?:\*/|\Z)",
    re.DOTALL,
)
_OPERATOR = re.compile(r"\b(?:AND|OR|XOR)\b|\+", re.IGNORECASE)
_INT64 = 1 << 63


def check_query_text(cypher: str) -> None:
    """Raise QueryRejected when the text could hang or crash the embedded parser."""
    if not cypher.strip():
        raise QueryRejected("The query is empty.")
    if len(cypher) > MAX_QUERY_CHARS:
        raise QueryRejected(
            f"The query is {len(cypher):,} characters long; the limit is {MAX_QUERY_CHARS:,}. "
            "Pass long lists of values as a parameter."
        )
    code = _NOT_CODE.sub(" ", cypher)
    depth = _nesting_depth(code)
    if depth > MAX_NESTING:
        raise QueryRejected(
            f"The query nests brackets {depth} deep; the limit is {MAX_NESTING}. "
            "Split nested expressions with WITH."
        )
    operators = len(_OPERATOR.findall(code))
    if operators > MAX_OPERATORS:
        raise QueryRejected(
            f"The query chains {operators} AND/OR/XOR/+ operators; the limit is {MAX_OPERATORS}. "
            "Pass the values as a list parameter and test them with `x IN $values`."
        )


def _nesting_depth(code: str) -> int:
    depth = deepest = 0
    for char in code:
        if char in "([{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in ")]}":
            depth = max(depth - 1, 0)
    return deepest


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
