"""A query and its file: one `.cypher` file per query, a `//` YAML header above the Cypher.

A query file starts with `//` comment lines holding YAML (title, description, group and
params), followed by the Cypher. Keeping queries as files lets an analyst add one without
touching code, and lets the CLI and the app list the same set:

    // title:
    //   zh: 采用某项改革的地区
    //   en: Regions adopting a measure
    // description:
    //   zh: 哪些地区实施了某项改革举措，从哪一年开始，依据什么证据。
    //   en: Which regions implement a measure, since when, on what evidence.
    // group: Measures
    // params:
    //   measure:
    //     type: string
    //     default: measure:group_schooling
    //     label: {zh: 改革举措, en: Measure}
    //     choices: MATCH (m:Measure) RETURN m.id AS value, m.name AS label ORDER BY label
    MATCH (r:Region)-[i:IMPLEMENTS]->(m:Measure {id: $measure}) RETURN ...

The title, the description and each param's label are either one text or a mapping with
a Chinese (`zh`) and an English (`en`) text, which the explorer shows by the reader's
language; an older one-text title written "中文 · English" is read as both.

Every `$name` in the Cypher must be declared under `params`. A node label or an edge type
cannot be a Cypher parameter: a param of type `label` or `type` is written `$(name)` where
Cypher wants the name (`MATCH (n:$(label))`), and its value, which must be one of the graph
model's labels or edge types, is put in the text before the query is sent. A `choices` query returns
`value` and `label` columns; the app offers its rows in a select box. A query whose answer
grows with the corpus declares an int param `limit` and ends in `LIMIT $limit` (see
`edukg.catalog.run_canned`). A query one store answers far faster in its own Cypher has that
version in `dialects/<backend>/NAME.cypher` beside it (plain Cypher, same params, same columns).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from edukg.store.model import NODE_LABELS, STORED_EDGE_TYPES

LANGUAGES = ("zh", "en")
BILINGUAL_SEPARATOR = " · "
# Names Cypher cannot take as parameters, by param type, and the values they may have (an edge
# type may be a fact's evidence type too).
NAME_TYPES: dict[str, tuple[str, ...]] = {"label": NODE_LABELS, "type": STORED_EDGE_TYPES}
PARAM_TYPES: dict[str, type] = {
    "string": str,
    "int": int,
    "float": float,
    "bool": bool,
    "list": list,  # of strings; on the command line, comma-separated
    **dict.fromkeys(NAME_TYPES, str),
}
HEADER_KEYS = {"title", "description", "group", "params"}
PARAM_KEYS = {"type", "default", "label", "choices"}
TRUE_WORDS = {"true", "yes", "1", "on"}
FALSE_WORDS = {"false", "no", "0", "off"}
_PARAM_REF = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_NAME_REF = re.compile(r"\$\(([A-Za-z_][A-Za-z0-9_]*)\)")
_ANY_REF = re.compile(f"{_PARAM_REF.pattern}|{_NAME_REF.pattern}")


class QueryFileError(ValueError):
    """A query file whose header or body cannot be used; the message names the file."""


class ParamError(ValueError):
    """Parameters that do not fit a query's declared params."""


@dataclass(frozen=True)
class QueryParam:
    name: str
    type: str = "string"
    default: Any = None
    label: str | None = None
    choices: str | None = None
    labels: dict[str, str] = field(default_factory=dict, compare=False)  # by language

    @property
    def required(self) -> bool:
        return self.default is None

    @property
    def display_label(self) -> str:
        return self.label or self.name

    def label_in(self, language: str) -> str:
        """The label in `language` when the file gives one, else the one it gives."""
        return in_language(self.labels, self.display_label, language)


@dataclass
class CannedQuery:
    name: str
    title: str
    cypher: str
    description: str = ""
    group: str | None = None
    params: list[QueryParam] = field(default_factory=list)
    path: Path | None = None
    titles: dict[str, str] = field(default_factory=dict)  # by language, when given so
    descriptions: dict[str, str] = field(default_factory=dict)
    # The same query in one store's own dialect, by store backend: same params, same columns,
    # sent to that store instead of `cypher` (edukg.catalog reads them from dialects/).
    dialects: dict[str, str] = field(default_factory=dict, compare=False)

    def title_in(self, language: str) -> str:
        """The title in `language` (zh or en); a "中文 · English" title gives its half."""
        return in_language(self.titles or _halves(self.title), self.title, language)

    def description_in(self, language: str) -> str:
        return in_language(self.descriptions, self.description, language)

    def param(self, name: str) -> QueryParam:
        for param in self.params:
            if param.name == name:
                return param
        raise KeyError(name)

    def statement(
        self, typed: Mapping[str, Any], backend: str | None = None
    ) -> tuple[str, dict[str, Any]]:
        """The Cypher to send to a store of `backend` and its parameters, for typed params
        (`coerce_params`): each `$(name)` replaced by its value, a label or edge type of the
        model, checked then."""
        names = {p.name for p in self.params if p.type in NAME_TYPES}
        text = self.dialects.get(backend or "", self.cypher)
        cypher = _NAME_REF.sub(lambda m: typed[m.group(1)], text)
        return cypher, {k: v for k, v in typed.items() if k not in names}


def in_language(texts: Mapping[str, str], fallback: str, language: str) -> str:
    """`texts[language]`, else the other language's text, else `fallback`."""
    return texts.get(language) or next((texts[k] for k in LANGUAGES if texts.get(k)), fallback)


def _halves(title: str) -> dict[str, str]:
    """An older bilingual title, "中文 · English", as its two halves."""
    if BILINGUAL_SEPARATOR not in title:
        return {}
    zh, en = (part.strip() for part in title.split(BILINGUAL_SEPARATOR, 1))
    return {"zh": zh, "en": en} if zh and en else {}


def _localised(value: Any, key: str, where: str) -> tuple[str, dict[str, str]]:
    """A header text that is one string, or a mapping of languages to strings: the text to
    show where no language is chosen (English first, as the CLI speaks it), and the
    mapping."""
    if value is None:
        return "", {}
    if isinstance(value, dict):
        unknown = set(value) - set(LANGUAGES)
        texts = {k: v.strip() for k, v in value.items() if isinstance(v, str) and v.strip()}
        if unknown or not texts or len(texts) < len(value):
            raise QueryFileError(
                f"{where}: `{key}` must be a text or map {' and '.join(LANGUAGES)} to texts"
            )
        return texts.get("en") or texts["zh"], texts
    if isinstance(value, str | int | float):
        return str(value).strip(), {}
    raise QueryFileError(f"{where}: `{key}` must be a text or map zh and en to texts")


def parse_query_file(text: str, name: str, path: Path | None = None) -> CannedQuery:
    """Parse a query file's text; `name` is the file stem (the query's name)."""
    where = str(path) if path else name
    header_lines, body_lines = _split_header(text.splitlines())
    try:
        header = yaml.safe_load("\n".join(header_lines)) if header_lines else None
    except yaml.YAMLError as problem:
        raise QueryFileError(f"{where}: the // header is not valid YAML: {problem}") from problem
    if not isinstance(header, dict):
        raise QueryFileError(
            f"{where}: the file must start with // comment lines holding "
            "YAML with at least a `title`"
        )
    unknown = set(header) - HEADER_KEYS
    if unknown:
        raise QueryFileError(
            f"{where}: unknown header keys {sorted(unknown)}; allowed: {sorted(HEADER_KEYS)}"
        )
    title, titles = _localised(header.get("title"), "title", where)
    if not title:
        raise QueryFileError(f"{where}: the header needs a `title`")
    if titles:  # one text for the CLI and older readers: both halves
        title = BILINGUAL_SEPARATOR.join(titles[k] for k in LANGUAGES if k in titles)
    description, descriptions = _localised(header.get("description"), "description", where)
    cypher = "\n".join(body_lines).strip()
    if not cypher:
        raise QueryFileError(f"{where}: no Cypher after the header")
    params = _parse_params(header.get("params") or {}, where)
    undeclared = sorted(set(used_params(cypher)) - {p.name for p in params})
    if undeclared:
        raise QueryFileError(f"{where}: the Cypher uses undeclared params {undeclared}")
    named = {p.name for p in params if p.type in NAME_TYPES}
    if set(_NAME_REF.findall(cypher)) != named or named & set(_PARAM_REF.findall(cypher)):
        raise QueryFileError(
            f"{where}: a param of type {' or '.join(NAME_TYPES)} is written $(name), and only "
            "such a param"
        )
    return CannedQuery(
        name=name,
        title=title,
        description=description,
        titles=titles,
        descriptions=descriptions,
        group=str(header["group"]) if header.get("group") else None,
        params=params,
        cypher=cypher,
        path=path,
    )


def used_params(cypher: str) -> list[str]:
    """The `$names` and `$(names)` a query uses, in order of first use."""
    found = (m.group(1) or m.group(2) for m in _ANY_REF.finditer(cypher))
    return list(dict.fromkeys(found))


def _split_header(lines: list[str]) -> tuple[list[str], list[str]]:
    """Leading `//` lines (prefix and one following space removed) and the rest."""
    header: list[str] = []
    for index, line in enumerate(lines):
        if not line.startswith("//"):
            return header, lines[index:]
        content = line[2:]
        header.append(content[1:] if content.startswith(" ") else content)
    return header, []


def _parse_params(raw: Any, where: str) -> list[QueryParam]:
    if not isinstance(raw, dict):
        raise QueryFileError(f"{where}: `params` must map each parameter name to its settings")
    params = []
    for name, spec in raw.items():
        spec = spec or {}
        if not isinstance(spec, dict):
            raise QueryFileError(f"{where}: param {name!r} must be a mapping (type, default, ...)")
        unknown = set(spec) - PARAM_KEYS
        if unknown:
            raise QueryFileError(
                f"{where}: param {name!r} has unknown keys {sorted(unknown)}; "
                f"allowed: {sorted(PARAM_KEYS)}"
            )
        kind = spec.get("type", "string")
        if kind not in PARAM_TYPES:
            raise QueryFileError(
                f"{where}: param {name!r} has type {kind!r}; use one of {sorted(PARAM_TYPES)}"
            )
        label, labels = _localised(spec.get("label"), f"params.{name}.label", where)
        param = QueryParam(
            name=str(name),
            type=kind,
            label=label or None,
            choices=spec.get("choices"),
            labels=labels,
        )
        if spec.get("default") is not None:
            try:
                param = replace(param, default=coerce_value(param, spec["default"]))
            except ParamError as problem:
                raise QueryFileError(f"{where}: {problem}") from problem
        params.append(param)
    return params


def read_query_file(path: Path) -> CannedQuery:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as problem:
        raise QueryFileError(f"{path}: not UTF-8 text ({problem.reason})") from problem
    except OSError as problem:
        raise QueryFileError(f"{path}: cannot be read ({problem.strerror or problem})") from problem
    return parse_query_file(text, path.stem, path)


# --------------------------------------------------------------------------- writing


def dump_query_file(query: CannedQuery) -> str:
    """The file text for a query, in the format `parse_query_file` reads."""
    header: dict[str, Any] = {"title": query.titles or query.title}
    if query.descriptions or query.description:
        header["description"] = query.descriptions or query.description
    if query.group:
        header["group"] = query.group
    if query.params:
        header["params"] = {p.name: _param_spec(p) for p in query.params}
    text = yaml.safe_dump(header, allow_unicode=True, sort_keys=False, width=1000)
    comments = "".join(f"// {line}\n" for line in text.splitlines())
    # The header ends at the first line that is not a // comment: a blank line keeps a
    # Cypher that starts with a comment out of it.
    separator = "\n" if query.cypher.lstrip().startswith("//") else ""
    return comments + separator + query.cypher.strip() + "\n"


render = dump_query_file


# A saved query's name is its file stem: portable, and safe to join to a folder.
def _param_spec(param: QueryParam) -> dict[str, Any]:
    spec: dict[str, Any] = {"type": param.type}
    for key in ("default", "label", "choices"):
        if getattr(param, key) is not None:
            spec[key] = getattr(param, key)
    if param.labels:
        spec["label"] = param.labels
    return spec


# --------------------------------------------------------------------------- parameters


def coerce_value(param: QueryParam, value: Any) -> Any:
    """`value` (a string from the command line, or already typed) as the param's type."""
    if param.type in NAME_TYPES:
        if value not in NAME_TYPES[param.type]:
            allowed = ", ".join(NAME_TYPES[param.type])
            raise ParamError(f"param {param.name!r} must be one of {allowed}, got {value!r}")
        return value
    kind = PARAM_TYPES[param.type]
    if kind is list:
        items = value.split(",") if isinstance(value, str) else value
        if not isinstance(items, list | tuple) or not all(isinstance(i, str) for i in items):
            raise ParamError(f"param {param.name!r} expects a list of texts, got {value!r}")
        return [item.strip() for item in items if item.strip()]
    if isinstance(value, kind) and not (kind is int and isinstance(value, bool)):
        return value
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if not isinstance(value, str):
        raise ParamError(f"param {param.name!r} expects {param.type}, got {value!r}")
    text = value.strip()
    if kind is bool:
        if text.lower() in TRUE_WORDS:
            return True
        if text.lower() in FALSE_WORDS:
            return False
    elif kind is str:
        return value
    else:
        try:
            return kind(text)
        except ValueError:
            pass
    raise ParamError(f"param {param.name!r} expects {param.type}, got {value!r}")


def coerce_params(query: CannedQuery, raw: Mapping[str, Any]) -> dict[str, Any]:
    """Typed parameters for `query`: converted by declared type, defaults filled in.

    Unknown names and missing required params are errors naming what the query accepts.
    """
    declared = {p.name: p for p in query.params}
    unknown = sorted(set(raw) - set(declared))
    if unknown:
        raise ParamError(
            f"query {query.name!r} has no params {unknown}; it accepts {sorted(declared) or 'none'}"
        )
    params: dict[str, Any] = {}
    for name, param in declared.items():
        if name in raw:
            params[name] = coerce_value(param, raw[name])
        elif param.required:
            raise ParamError(f"query {query.name!r} needs the param {name!r} ({param.type})")
        else:
            params[name] = param.default
    return params
