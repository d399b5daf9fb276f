"""SPARQL over the graph as RDF, for RDF users (`edukg sparql`).

A query runs with rdflib over `rdf.to_rdf` of the whole graph, or over an RDF file. The
examples in queries/sparql/ mirror canned queries; `-p name=value` binds `?name` before the query
runs (a node id such as `region:110101` binds the node's IRI), and the prefixes of the export
(edukg:, dcterms:, prov:, schema:, skos:, region:, measure:...) need no declaration.
"""

from __future__ import annotations

from decimal import Decimal
from importlib.resources import files
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.algebra import traverse
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.plugins.sparql.sparql import Query

from edukg import rdf
from edukg.store.base import QueryResult
from edukg.store.model import label_of

EXAMPLES_DIR = Path(str(files("edukg.queries.sparql")))
NAMESPACES = {**rdf.PREFIXES, "rdf": RDF, "rdfs": RDFS, "xsd": XSD}


class SparqlError(ValueError):
    """A query rdflib cannot parse or run; the message says why."""


def query_text(query: str) -> str:
    """QUERY as given on the command line: a file, the name of an example in queries/sparql/, or the
    query itself."""
    for candidate in (Path(query), EXAMPLES_DIR / f"{query}.rq"):
        try:
            if candidate.is_file():
                return candidate.read_text(encoding="utf-8")
        except OSError:  # query text too long to be a file name
            break
    return query


def binding(value: str) -> URIRef | Literal:
    """A -p value as an RDF term: a node id becomes the node's IRI, digits an integer."""
    try:
        label_of(value)
    except ValueError:
        return Literal(int(value)) if value.isdigit() else Literal(value)
    return rdf.node_iri(value)


def run(
    graph: Graph, text: str, params: dict[str, str] | None = None
) -> QueryResult | bool | Graph:
    """SELECT gives a table of plain values (IRIs as strings), ASK a bool, CONSTRUCT and
    DESCRIBE a graph. `params` bind variables by name (without the `?`)."""
    bindings = {name: binding(value) for name, value in (params or {}).items()}
    try:
        prepared = prepareQuery(text, initNs=NAMESPACES)
    except Exception as problem:  # pyparsing and rdflib raise errors of many kinds
        raise SparqlError(f"SPARQL query failed: {problem}") from problem
    refuse_outside_access(prepared)
    try:
        result = graph.query(prepared, initBindings=bindings)
        if result.type == "ASK":
            return bool(result.askAnswer)
        if result.type == "SELECT":
            variables = list(result.vars or ())
            rows = [[_plain(row.get(var)) for var in variables] for row in result.bindings]
            return QueryResult(columns=[str(var) for var in variables], rows=rows)
    except Exception as problem:  # rdflib raises parser and evaluation errors of many kinds
        raise SparqlError(f"SPARQL query failed: {problem}") from problem
    return result.graph


def refuse_outside_access(query: Query) -> None:
    """SERVICE and FROM make rdflib fetch addresses from inside the query (any host, the
    local network included): queries here read the graph they are given, nothing else."""
    if query.algebra.get("datasetClause"):
        raise SparqlError(
            "SPARQL query refused: FROM / FROM NAMED would load graphs from elsewhere; "
            "the query runs over the edukg graph (or the file given with --data)."
        )

    def visit(node: object) -> None:
        if isinstance(node, CompValue) and node.name == "ServiceGraphPattern":
            raise SparqlError(
                "SPARQL query refused: SERVICE would send a request to another server; "
                "the query runs over the edukg graph only."
            )

    traverse(query.algebra, visitPre=visit)


def _plain(term: URIRef | Literal | None) -> Any:
    """Numbers and booleans as such, everything else (IRIs, strings, dates) as text."""
    if term is None:
        return None
    value = term.toPython() if isinstance(term, Literal) else term
    if isinstance(value, Decimal):
        return float(value)
    return value if isinstance(value, bool | int | float) else str(term)
