"""The graph as RDF: the export dict ↔ an rdflib Graph, Turtle / JSON-LD files, and import.

The vocabulary is schema/ontology.ttl; docs/semantic-layer.md explains the modelling. In short:
- the node `<kind>:<key>` is `https://edukg.org/<kind>/<key>`, typed with its label's class; a
  measure is a skos:Concept, and a measure of schema/taxonomy.ttl is that scheme's concept
  (same IRI, skos:inScheme);
- a property with a standard equivalent uses it (`PROPERTIES`: rdfs:label, dcterms:title,
  skos:altLabel...), any other is `edukg:<its name>`; ordered lists are rdf:Lists;
- every edge is the triple `source edukg:<type in lower case> target`. An edge with properties
  is also reified: an rdf:Statement, typed `edukg:<Type>Statement`, holds them, and its
  evidence lists become one `edukg:Evidence` per position (a PROV quotation of the document)
  that the statement `prov:wasDerivedFrom`.

`from_rdf(to_rdf(graph)) == graph` for every graph the stores hold, so export → import →
export gives the same graph.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SDO, SKOS, XSD
from rdflib.util import guess_format

from edukg.ingest.taxonomy import measure_by_key
from edukg.store import loader
from edukg.store.base import GraphStore
from edukg.store.model import (
    EDGE_ENDPOINTS,
    EDGE_KEYS,
    EVIDENCE_LISTS,
    ID_PREFIXES,
    NODE_LABELS,
    Edge,
    Node,
    label_of,
)

BASE = "https://edukg.org/"
EDUKG = Namespace(BASE + "ontology#")
MEASURE_SCHEME = URIRef(BASE + "taxonomy/measures")
STATEMENT = BASE + "statement/"

_KINDS = [prefix.removesuffix(":") for prefix in ID_PREFIXES.values()] + ["statement"]
PREFIXES = {
    "edukg": EDUKG,
    **{kind: Namespace(f"{BASE}{kind}/") for kind in _KINDS},
    "dcterms": DCTERMS,
    "prov": PROV,
    "schema": SDO,
    "skos": SKOS,
}
# --format names -> rdflib's; other RDF syntaxes are read by file suffix.
FORMATS = {"ttl": "turtle", "jsonld": "json-ld"}

# The export dict of edukg.export: {"nodes": [{"id", "label", "name", ...}], "edges": [...]}.
GraphDict = dict[str, list[dict[str, Any]]]


@dataclass(frozen=True)
class Term:
    """How one property of the property graph appears in RDF.

    A `ref` property holds node ids (or, with `id_prefix`, what follows the prefix) and becomes
    IRIs; a `date` one becomes xsd:date, gYearMonth or gYear when it is one; a `many` one is a
    set, one triple per element (read back sorted).
    """

    predicate: URIRef
    lang: str | None = None
    kind: str = "value"  # value | date | ref
    id_prefix: str = ""
    many: bool = False


PROPERTIES: dict[str, Term] = {
    "id": Term(DCTERMS.identifier),
    "name": Term(RDFS.label, lang="zh"),
    "name_en": Term(RDFS.label, lang="en"),
    "aliases": Term(SKOS.altLabel, lang="zh", many=True),
    "broader": Term(SKOS.broader, kind="ref", id_prefix="measure:"),
    "title": Term(DCTERMS.title, lang="zh"),
    "issued": Term(DCTERMS.issued, kind="date"),
    "published": Term(SDO.datePublished, kind="date"),
    "source": Term(DCTERMS.source),
    "url": Term(SDO.url),
    "publisher": Term(SDO.publisher),
    "format": Term(DCTERMS.format),
    "text": Term(SDO.text, lang="zh"),
    "lon": Term(SDO.longitude),
    "lat": Term(SDO.latitude),
    "about_measures": Term(EDUKG.about_measures, kind="ref", many=True),
    # on an edukg:Evidence, one element of the edge's evidence lists
    "sources": Term(PROV.wasQuotedFrom, kind="ref"),
    "evidence": Term(PROV.value, lang="zh"),
}
_LITERALS = {(t.predicate, t.lang): name for name, t in PROPERTIES.items() if t.kind != "ref"}
_REFS = {t.predicate: name for name, t in PROPERTIES.items() if t.kind == "ref"}
# Not read as properties: the structure around them, and `id` (read from the IRI).
_SKIPPED = {RDF.type, RDF.subject, RDF.predicate, RDF.object, PROV.wasDerivedFrom}
_SKIPPED |= {SKOS.inScheme, DCTERMS.identifier}

# Characters an IRI may not hold as they are; the rest of a key (Chinese too) stays readable.
_IRI_UNSAFE = re.compile(r"[\x00-\x20<>\"{}|\\^`%/?#\[\]]")
_DATE_TYPES = (
    (re.compile(r"\d{4}-\d{2}-\d{2}"), XSD.date),
    (re.compile(r"\d{4}-\d{2}"), XSD.gYearMonth),
    (re.compile(r"\d{4}"), XSD.gYear),
)


class GraphFileError(ValueError):
    """A file that cannot be read as an edukg graph; the message says why."""


# --------------------------------------------------------------------------- names


def node_iri(node_id: str) -> URIRef:
    kind, _, key = node_id.partition(":")
    return URIRef(f"{BASE}{kind}/{_IRI_UNSAFE.sub(lambda m: quote(m.group(), safe=''), key)}")


def node_id(iri: URIRef) -> str:
    kind, _, key = str(iri).removeprefix(BASE).partition("/")
    return f"{kind}:{unquote(key)}"


def predicate_of(edge_type: str) -> URIRef:
    return EDUKG[edge_type.lower()]


def statement_class(edge_type: str) -> URIRef:
    return EDUKG["".join(word.capitalize() for word in edge_type.split("_")) + "Statement"]


def _term(name: str) -> Term:
    return PROPERTIES.get(name) or Term(EDUKG[name])


def _edge_order(edge: dict[str, Any]) -> tuple[str, ...]:
    """The export's edge order; the key that identifies an edge."""
    keys = (str(edge.get(name, "")) for name in EDGE_KEYS.get(edge["type"], ()))
    return (edge["type"], edge["source"], edge["target"], *keys)


# --------------------------------------------------------------------------- export


def to_rdf(graph: GraphDict) -> Graph:
    """The export dict (`edukg.export.export_graph`) as RDF."""
    rdf = Graph()
    for prefix, namespace in PREFIXES.items():
        rdf.bind(prefix, namespace)
    taxonomy = measure_by_key()
    for node in graph["nodes"]:
        subject = node_iri(node["id"])
        rdf.add((subject, RDF.type, EDUKG[node["label"]]))
        if node["label"] == "Measure":
            rdf.add((subject, RDF.type, SKOS.Concept))
            if node["id"].removeprefix("measure:") in taxonomy:
                rdf.add((subject, SKOS.inScheme, MEASURE_SCHEME))
        for name, value in node.items():
            if name != "label":
                _add_property(rdf, subject, name, value)
    for edge in graph["edges"]:
        _add_edge(rdf, edge)
    return rdf


def _add_edge(rdf: Graph, edge: dict[str, Any]) -> None:
    source, target = node_iri(edge["source"]), node_iri(edge["target"])
    predicate = predicate_of(edge["type"])
    rdf.add((source, predicate, target))
    props = {k: v for k, v in edge.items() if k not in ("type", "source", "target")}
    if not props:
        return
    key = json.dumps(_edge_order(edge), ensure_ascii=False).encode()
    statement = URIRef(STATEMENT + hashlib.sha256(key).hexdigest()[:16])
    rdf.add((statement, RDF.type, RDF.Statement))
    rdf.add((statement, RDF.type, statement_class(edge["type"])))
    rdf.add((statement, RDF.subject, source))
    rdf.add((statement, RDF.predicate, predicate))
    rdf.add((statement, RDF.object, target))
    evidence = {name: props.pop(name) for name in EVIDENCE_LISTS if name in props}
    for name, value in props.items():
        _add_property(rdf, statement, name, value)
    for position, items in enumerate(zip(*evidence.values(), strict=True)):
        quotation = URIRef(f"{statement}/evidence/{position}")
        rdf.add((statement, PROV.wasDerivedFrom, quotation))
        rdf.add((quotation, RDF.type, EDUKG.Evidence))
        rdf.add((quotation, EDUKG.position, Literal(position)))
        for name, value in zip(evidence, items, strict=True):
            _add_property(rdf, quotation, name, value)


def _add_property(rdf: Graph, subject: URIRef, name: str, value: Any) -> None:
    if value is None:
        return
    term = _term(name)
    if isinstance(value, list) and not (term.many and value):
        # An ordered (or empty) list keeps its order as an rdf:List under edukg:<name>.
        items = BNode()
        Collection(rdf, items, [_object(term, item) for item in value])
        rdf.add((subject, EDUKG[name], items))
    else:
        for item in value if isinstance(value, list) else [value]:
            rdf.add((subject, term.predicate, _object(term, item)))


def _object(term: Term, value: Any) -> URIRef | Literal:
    if term.kind == "ref":
        return node_iri(term.id_prefix + value)
    if isinstance(value, float):
        # xsd:decimal, not xsd:double: rdflib writes doubles to Turtle with 7 significant
        # digits (RDFLib/rdflib#1852), which would move coordinates.
        return Literal(Decimal(repr(value)))
    if term.kind == "date" and isinstance(value, str):
        for pattern, datatype in _DATE_TYPES:
            if pattern.fullmatch(value) and _is_date(value):
                return Literal(value, datatype=datatype)
    if isinstance(value, str) and term.lang:
        return Literal(value, lang=term.lang)
    return Literal(value)


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat((text + "-01-01")[:10])
    except ValueError:
        return False
    return True


def serialise(rdf: Graph, fmt: str) -> str:
    """Turtle (`ttl`) or JSON-LD (`jsonld`, compacted with the prefixes above)."""
    if fmt == "jsonld":
        context = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
        return rdf.serialize(format="json-ld", context=context, indent=2, ensure_ascii=False)
    return rdf.serialize(format=FORMATS[fmt])


# --------------------------------------------------------------------------- import


def from_rdf(rdf: Graph) -> GraphDict:
    """The export dict of an RDF graph in this vocabulary; other triples are ignored."""
    nodes = [
        {"id": node_id(subject), "label": label, "name": None, **_properties(rdf, subject)}
        for label in NODE_LABELS
        for subject in rdf.subjects(RDF.type, EDUKG[label])
    ]
    edges = []
    for edge_type in EDGE_ENDPOINTS:
        reified = set()
        for statement in rdf.subjects(RDF.type, statement_class(edge_type)):
            ends = (rdf.value(statement, RDF.subject), rdf.value(statement, RDF.object))
            reified.add(ends)
            edges.append(
                {
                    "type": edge_type,
                    "source": node_id(ends[0]),
                    "target": node_id(ends[1]),
                    **_properties(rdf, statement),
                    **_evidence_lists(rdf, statement),
                }
            )
        for source, target in rdf.subject_objects(predicate_of(edge_type)):
            if (source, target) not in reified:
                edges.append(
                    {"type": edge_type, "source": node_id(source), "target": node_id(target)}
                )
    nodes.sort(key=lambda node: node["id"])
    edges.sort(key=_edge_order)
    return {"nodes": nodes, "edges": edges}


def _properties(rdf: Graph, subject: URIRef) -> dict[str, Any]:
    props: dict[str, Any] = {}
    for predicate, obj in rdf.predicate_objects(subject):
        if predicate in _SKIPPED:
            continue
        if isinstance(obj, Literal):
            name = _LITERALS.get((predicate, obj.language)) or _edukg_name(predicate)
        elif isinstance(obj, BNode) or obj == RDF.nil:
            name = _edukg_name(predicate)
        else:
            name = _REFS.get(predicate)  # None: an edge, or a link to another vocabulary
        if name is None:
            continue
        term = _term(name)
        if isinstance(obj, BNode) or obj == RDF.nil:
            props[name] = [_value(term, item) for item in Collection(rdf, obj)]
        elif term.many:
            props.setdefault(name, []).append(_value(term, obj))
        else:
            props[name] = _value(term, obj)
    for name, value in props.items():
        if _term(name).many:
            value.sort()
    return dict(sorted(props.items()))


def _edukg_name(predicate: URIRef) -> str | None:
    return predicate.removeprefix(EDUKG) if predicate.startswith(EDUKG) else None


def _evidence_lists(rdf: Graph, statement: URIRef) -> dict[str, list]:
    quotations = sorted(
        (rdf.value(quotation, EDUKG.position).toPython(), quotation)
        for quotation in rdf.objects(statement, PROV.wasDerivedFrom)
    )
    lists: dict[str, list] = defaultdict(list)
    for _position, quotation in quotations:
        props = _properties(rdf, quotation)
        for name in EVIDENCE_LISTS:
            lists[name].append(props.get(name))
    return dict(lists)


def _value(term: Term, obj: URIRef | Literal) -> Any:
    if isinstance(obj, URIRef):
        return node_id(obj).removeprefix(term.id_prefix)
    if obj.datatype == XSD.decimal:
        return float(obj.toPython())
    if obj.datatype in (None, XSD.string, XSD.date, XSD.gYearMonth, XSD.gYear):
        return str(obj)  # the lexical form: "2020" stays "2020"
    return obj.toPython()


def parse(path: Path, fmt: str | None = None) -> Graph:
    """An RDF file as an rdflib Graph: Turtle, JSON-LD or another syntax rdflib knows, from `fmt`
    (a --format name) or the file's suffix."""
    syntax = FORMATS.get(fmt or path.suffix.lstrip(".")) or guess_format(str(path))
    if syntax is None:
        raise GraphFileError(f"{path}: unknown RDF syntax; name the file .ttl or .jsonld")
    try:
        return Graph().parse(path, format=syntax)
    except Exception as problem:  # each rdflib parser raises errors of its own
        raise GraphFileError(f"{path}: not readable as {syntax}: {problem}") from problem


def read_graph(path: Path, fmt: str | None = None) -> GraphDict:
    """The graph in a file: RDF in this vocabulary (see `parse`) or the JSON export (`.json`)."""
    try:
        if (fmt or path.suffix.lstrip(".")) == "json":
            graph = json.loads(path.read_text(encoding="utf-8"))
        else:
            graph = from_rdf(parse(path, fmt))
        _check(graph)
    except GraphFileError:
        raise
    except (KeyError, TypeError, ValueError) as problem:
        raise GraphFileError(f"{path}: not an edukg graph: {problem!r}") from problem
    return graph


def _check(graph: GraphDict) -> None:
    """Every node id fits its label, every edge joins labels its type allows."""
    for node in graph["nodes"]:
        if label_of(node["id"]) != node["label"]:
            raise GraphFileError(f"node {node['id']!r} cannot be a {node['label']}")
    for edge in graph["edges"]:
        allowed = EDGE_ENDPOINTS.get(edge["type"])
        ends = (label_of(edge["source"]), label_of(edge["target"]))
        if allowed is None or ends[0] not in allowed[0] or ends[1] not in allowed[1]:
            raise GraphFileError(f"a {edge['type']} edge cannot join {ends[0]} to {ends[1]}")


# --------------------------------------------------------------------------- into a store


def load_graph(
    store: GraphStore, graph: GraphDict, batch_size: int = 1000
) -> loader.ReplaceSummary:
    """Write a graph (the export dict) into the store through the loader: what the file says
    replaces what the store holds for the same nodes and edges."""
    _check(graph)
    head = ("id", "label", "name")
    nodes = [
        Node(node["label"], node["id"], node.get("name"), _props(node, head))
        for node in graph["nodes"]
    ]
    edges = [Edge.from_row(edge) for edge in graph["edges"]]
    return loader.replace(store, nodes, edges, batch_size)


def _props(row: dict[str, Any], head: tuple[str, ...]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k not in head}
