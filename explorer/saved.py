"""Saved queries as the editor holds them: a draft (name, title, description, Cypher and a
type and value per `$parameter`) that becomes a query file like those in queries/."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field, replace

from edukg.catalog import saved_queries_dir
from edukg.queryfile import (
    PARAM_TYPES,
    CannedQuery,
    QueryParam,
    coerce_value,
    dump_query_file,
    used_params,
)

TEMPLATE_CYPHER = """MATCH (r:Region)-[i:IMPLEMENTS]->(m:Measure {id: $measure})
RETURN r.full_name AS region, i.year AS year,
       reduce(n = 0, s IN [(r)-[e:IMPLEMENTS_EVIDENCE]->(m) | size(e.evidence)] | n + s)
         AS sentences
ORDER BY year, region"""


@dataclass
class Draft:
    name: str = "my_query"
    title: str = ""
    description: str = ""
    cypher: str = TEMPLATE_CYPHER
    # per parameter: (type, value as typed); kept for parameters no longer used, so that
    # editing the Cypher back and forth does not lose them
    params: dict[str, tuple[str, str]] = field(
        default_factory=lambda: {"measure": ("string", "measure:group_schooling")}
    )
    kept: dict[str, QueryParam] = field(
        default_factory=dict
    )  # labels and choices of a loaded query
    origin: CannedQuery | None = None  # the loaded query: its texts in both languages

    @classmethod
    def of(cls, query: CannedQuery) -> Draft:
        return cls(
            name=query.name,
            title=query.title,
            description=query.description,
            cypher=query.cypher,
            params={
                p.name: (p.type, "" if p.default is None else _typed_text(p.default))
                for p in query.params
            },
            kept={p.name: p for p in query.params},
            origin=query,
        )

    def param_names(self) -> list[str]:
        return used_params(self.cypher)

    def query(self) -> CannedQuery:
        """The draft as a query; ParamError when a value does not fit its type."""
        params = []
        for name in self.param_names():
            kind, text = self.params.get(name, ("string", ""))
            kept = self.kept.get(name)
            param = QueryParam(
                name=name,
                type=kind if kind in PARAM_TYPES else "string",
                label=kept.label if kept else None,
                choices=kept.choices if kept else None,
                labels=kept.labels if kept else {},
            )
            if text != "" or param.type == "string":
                param = replace(param, default=coerce_value(param, text))
            params.append(param)
        title, description = self.title.strip(), self.description.strip()
        origin = self.origin
        return CannedQuery(
            name=self.name.strip(),
            title=title or self.name.strip(),
            description=description,
            cypher=self.cypher.strip(),
            params=params,
            # a title or description left as loaded keeps both its languages
            titles=origin.titles if origin and title == origin.title else {},
            descriptions=origin.descriptions
            if origin and description == origin.description
            else {},
        )


def _typed_text(value: object) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def export_all() -> bytes:
    """Every saved query file, zipped (the same files `import` accepts)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        folder = saved_queries_dir()
        for path in sorted(folder.glob("*.cypher")) if folder.is_dir() else []:
            archive.write(path, path.name)
    return buffer.getvalue()


def file_text(draft: Draft) -> str:
    return dump_query_file(draft.query())
