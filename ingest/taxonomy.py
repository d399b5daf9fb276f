"""The measure taxonomy: SKOS concepts read from `schema/taxonomy.ttl`.

The Turtle file is the single source of truth for measure keys, labels, the surface
forms (aliases) the pipeline looks for in text, and the patterns (`edukg:pattern`) that
describe a practice in words no alias lists (新增…学位, 普惠…幼儿园).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from rdflib import Graph, Namespace
from rdflib.namespace import RDF, SKOS

MEASURE = Namespace("https://edukg.org/measure/")
EDUKG = Namespace("https://edukg.org/ontology#")
TAXONOMY_PATH = Path(str(files("edukg.schema"))) / "taxonomy.ttl"


@dataclass(frozen=True)
class MeasureConcept:
    key: str
    name_zh: str
    name_en: str
    aliases: tuple[str, ...]
    broader: str | None = None
    patterns: tuple[str, ...] = ()

    @property
    def surface_forms(self) -> tuple[str, ...]:
        """Every Chinese form of the measure the text may use, preferred label first."""
        return (self.name_zh, *self.aliases)


def _label(graph: Graph, concept, predicate, lang: str) -> str:
    return next(str(o) for o in graph.objects(concept, predicate) if o.language == lang)


def _key(graph: Graph, concept) -> str:
    return str(graph.value(concept, SKOS.notation))


@lru_cache(maxsize=4)
def load_taxonomy(path: Path = TAXONOMY_PATH) -> tuple[MeasureConcept, ...]:
    """All measure concepts, sorted by key (cached: the file is read once per path)."""
    graph = Graph().parse(path, format="turtle")
    concepts = []
    for concept in graph.subjects(RDF.type, SKOS.Concept):
        alt_labels = graph.objects(concept, SKOS.altLabel)
        aliases = sorted(str(o) for o in alt_labels if o.language == "zh")
        broader = graph.value(concept, SKOS.broader)
        patterns = sorted(str(o) for o in graph.objects(concept, EDUKG.pattern))
        concepts.append(
            MeasureConcept(
                key=_key(graph, concept),
                name_zh=_label(graph, concept, SKOS.prefLabel, "zh"),
                name_en=_label(graph, concept, SKOS.prefLabel, "en"),
                aliases=tuple(aliases),
                broader=_key(graph, broader) if broader is not None else None,
                patterns=tuple(patterns),
            )
        )
    return tuple(sorted(concepts, key=lambda c: c.key))


def measure_by_key() -> dict[str, MeasureConcept]:
    return {concept.key: concept for concept in load_taxonomy()}
