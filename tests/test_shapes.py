"""SHACL: the exported RDF conforms to schema/shapes.ttl, and the shapes catch broken data."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from graph_fixture import DONGCHENG, fixture_documents
from pyshacl import validate
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import PROV, RDF, RDFS, SH

from edukg import rdf
from edukg.export import export_graph
from edukg.ingest.pipeline import ingest_paths
from edukg.store.base import SCHEMA_DIR
from edukg.store.falkordb_store import FalkorDBStore
from edukg.store.loader import load
from edukg.store.model import EDGE_ENDPOINTS, NODE_LABELS

SHAPES_PATH = SCHEMA_DIR / "shapes.ttl"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"
SHAPES = Graph().parse(SHAPES_PATH)
EDUKG = rdf.EDUKG
SHAPE = "https://edukg.org/shapes#"


@pytest.fixture(scope="module")
def exported(embedded_server) -> dict:
    with FalkorDBStore(embedded_server, graph_name="shapes-fixture") as store:
        store.clear()
        load(store, fixture_documents())
        return export_graph(store)


def violations(data: Graph) -> set[tuple[str, str]]:
    """(shape, focus node) of every result; a property shape is named by its node shape and
    path, e.g. ("Region edukg:adcode", "https://edukg.org/region/110101")."""
    conforms, report, text = validate(data, shacl_graph=SHAPES)
    results = set()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        source = report.value(result, SH.sourceShape)
        focus = str(report.value(result, SH.focusNode))
        if isinstance(source, URIRef):
            results.add((source.removeprefix(SHAPE), focus))
        else:
            owner = SHAPES.value(None, SH.property, source)
            path = SHAPES.value(source, SH.path).n3(SHAPES.namespace_manager)
            results.add((f"{owner.removeprefix(SHAPE)} {path}", focus))
    assert conforms == (not results), text
    return results


def test_the_fixture_graph_conforms(exported):
    assert violations(rdf.to_rdf(exported)) == set()


@pytest.mark.seeds
@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed corpus not found at {SEEDS}")
def test_the_seed_corpus_graph_conforms(embedded_server):
    with FalkorDBStore(embedded_server, graph_name="rdf-seeds") as store:
        store.clear()
        assert not ingest_paths(store, [SEEDS]).has_errors
        seeds = rdf.to_rdf(export_graph(store))
    assert len(seeds) > 1000
    assert violations(seeds) == set()


def implements_statement(data: Graph, region: str, measure: str) -> URIRef:
    (statement,) = set(data.subjects(RDF.subject, rdf.node_iri(region))) & set(
        data.subjects(RDF.object, rdf.node_iri(measure))
    )
    return statement


def drop_evidence(data: Graph) -> None:
    statement = implements_statement(data, "region:110108", "measure:group_schooling")
    data.remove((statement, PROV.wasDerivedFrom, None))


def shift_offsets(data: Graph) -> None:
    statement = implements_statement(data, "region:110108", "measure:group_schooling")
    quote = data.value(statement, PROV.wasDerivedFrom)
    start = data.value(quote, EDUKG.evidence_start).toPython()
    data.set((quote, EDUKG.evidence_start, Literal(start + 1)))


def unasserted_statement(data: Graph) -> None:
    statement = implements_statement(data, "region:110108", "measure:group_schooling")
    data.remove((rdf.node_iri("region:110108"), EDUKG.implements, None))
    data.add((statement, EDUKG.year, Literal(2016)))


BROKEN: dict[str, tuple[Callable[[Graph], None], tuple[str, str]]] = {
    "an assertion without evidence": (
        drop_evidence,
        ("assertionsHaveEvidence", str(EDUKG.implements)),
    ),
    "evidence whose offsets miss the sentence": (
        shift_offsets,
        ("evidenceQuotesItsDocument", str(EDUKG.Evidence)),
    ),
    "a statement of a triple not in the graph": (
        unasserted_statement,
        ("statementsAreAsserted", str(RDF.Statement)),
    ),
    "a five-digit adcode": (
        lambda data: data.set((rdf.node_iri("region:110101"), EDUKG.adcode, Literal("11010"))),
        ("Region edukg:adcode", str(rdf.node_iri("region:110101"))),
    ),
    "an id that is not region:<adcode>": (
        lambda data: data.set((rdf.node_iri("region:110101"), EDUKG.adcode, Literal("110102"))),
        ("regionIds", str(EDUKG.Region)),
    ),
    "a document that implements a measure": (
        lambda data: data.add(
            (rdf.node_iri("doc:a1a1a1a1a1a1a1a1"), EDUKG.implements, rdf.node_iri(DONGCHENG))
        ),
        ("implements", str(rdf.node_iri("doc:a1a1a1a1a1a1a1a1"))),
    ),
    "a region cited by a policy": (
        lambda data: data.add(
            (rdf.node_iri(DONGCHENG), EDUKG.cites, rdf.node_iri("region:110101"))
        ),
        ("cites edukg:cites", str(rdf.node_iri(DONGCHENG))),
    ),
    "a measure without an English name": (
        lambda data: data.remove(
            (
                rdf.node_iri("measure:group_schooling"),
                RDFS.label,
                Literal("school-group (education group) operation", lang="en"),
            )
        ),
        ("TaxonomyMeasure rdfs:label", str(rdf.node_iri("measure:group_schooling"))),
    ),
    "a document address that is no web address": (
        lambda data: data.set(
            (rdf.node_iri("doc:a1a1a1a1a1a1a1a1"), rdf.SDO.url, Literal("/home/me/a1.txt"))
        ),
        ("Document schema:url", str(rdf.node_iri("doc:a1a1a1a1a1a1a1a1"))),
    ),
    "a region with two parents": (
        lambda data: data.add(
            (rdf.node_iri("region:110101"), EDUKG.part_of, rdf.node_iri("region:220000"))
        ),
        ("part_of edukg:part_of", str(rdf.node_iri("region:110101"))),
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_the_shapes_catch(exported, case):
    damage, expected = BROKEN[case]
    data = rdf.to_rdf(exported)
    damage(data)
    assert expected in violations(data)


def classes(shape: URIRef) -> set[str]:
    """The classes a shape requires: its sh:class, or those of its sh:or alternatives."""
    found = set(SHAPES.objects(shape, SH["class"]))
    for alternatives in SHAPES.objects(shape, SH["or"]):
        for alternative in Collection(SHAPES, alternatives):
            found |= set(SHAPES.objects(alternative, SH["class"]))
    return {str(c).removeprefix(str(EDUKG)) for c in found}


def test_every_label_and_edge_of_the_model_has_its_shape():
    for label in NODE_LABELS:
        assert (None, SH.targetClass, EDUKG[label]) in SHAPES, label
    for edge_type, (sources, targets) in EDGE_ENDPOINTS.items():
        predicate = rdf.predicate_of(edge_type)
        (shape,) = SHAPES.subjects(SH.targetSubjectsOf, predicate)
        (edge,) = (
            p for p in SHAPES.objects(shape, SH.property) if SHAPES.value(p, SH.path) == predicate
        )
        assert (classes(shape), classes(edge)) == (set(sources), set(targets)), edge_type
