"""The graph as RDF: exact round trips, the vocabulary, import, and SPARQL over the export."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from graph_fixture import BEIJING, DONGCHENG, NATIONAL, fixture_documents, miscounted_facts
from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS

from edukg import rdf, sparql
from edukg.catalog import CANNED_DIR, load_catalog, run_canned
from edukg.cli import main
from edukg.export import export_graph
from edukg.ingest.pipeline import ingest_paths
from edukg.ingest.taxonomy import MEASURE, TAXONOMY_PATH
from edukg.store.falkordb_store import FalkorDBStore
from edukg.store.loader import load

SCHEMA = Path(__file__).resolve().parents[1] / "schema"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"
CATALOG = load_catalog([CANNED_DIR])
EDUKG = rdf.EDUKG
ONTOLOGY = Graph().parse(SCHEMA / "ontology.ttl")


@pytest.fixture(scope="module")
def graph_store(embedded_server) -> Iterator[FalkorDBStore]:
    """The fixture documents in a graph of their own (tests here also use the default graph)."""
    with FalkorDBStore(embedded_server, graph_name="rdf-fixture") as store:
        store.clear()
        load(store, fixture_documents())
        yield store


@pytest.fixture(scope="module")
def exported(graph_store) -> dict:
    return export_graph(graph_store)


@pytest.fixture(scope="module")
def as_rdf(exported) -> Graph:
    return rdf.to_rdf(exported)


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def reparsed(graph: Graph, fmt: str) -> Graph:
    return Graph().parse(data=rdf.serialise(graph, fmt), format=rdf.FORMATS[fmt])


# --------------------------------------------------------------------------- round trips


@pytest.mark.parametrize("fmt", sorted(rdf.FORMATS))
def test_the_export_survives_a_trip_through_each_rdf_syntax(exported, as_rdf, fmt):
    assert rdf.from_rdf(reparsed(as_rdf, fmt)) == exported


@pytest.mark.parametrize("fmt", sorted(rdf.FORMATS))
def test_export_import_into_an_empty_store_export_gives_the_same_graph(store, tmp_path, fmt):
    load(store, fixture_documents())
    before = run("export", "--format", "json").stdout
    path = tmp_path / f"graph.{fmt}"
    assert run("export", "--format", fmt, "-o", str(path)).exit_code == 0
    store.clear()

    result = run("import", str(path))

    assert result.exit_code == 0, result.output
    assert "nodes" in result.output and "edges imported" in result.output
    assert json.loads(run("export", "--format", "json").stdout) == json.loads(before)
    assert miscounted_facts(store) == []  # counted again from the evidence imported


def test_values_that_rdf_tools_mangle_come_back_unchanged():
    graph = {  # nodes in id order, as exports have them
        "nodes": [
            {
                "id": "doc:0123456789abcdef",
                "label": "Document",
                "name": "标题",
                "published": "2024-07",
                "sha256": "0123456789abcdef" * 4,
                "text": "正文",
            },
            {"id": "policy:2020年规划", "label": "Policy", "name": "x", "issued": "2020年"},
            {
                "id": "region:710109",
                "label": "Region",
                "name": "某区",
                "adcode": "710109",
                "aliases": [],  # an empty list is not "no property"
                "lat": 25.033964123456789,  # more digits than rdflib writes for an xsd:double
                "lon": 121.5654,
                "ranks": [3, 1, 2],  # an ordered list outside the vocabulary
            },
            {"id": "target:乡村 学校/教师#1", "label": "Target", "name": "乡村学校", "flag": True},
        ],
        "edges": [],
    }
    as_rdf = rdf.to_rdf(graph)
    assert (
        rdf.node_iri("target:乡村 学校/教师#1") == rdf.PREFIXES["target"]["乡村%20学校%2F教师%231"]
    )
    for fmt in rdf.FORMATS:
        assert rdf.from_rdf(reparsed(as_rdf, fmt)) == graph
    published = as_rdf.value(rdf.node_iri("doc:0123456789abcdef"), rdf.SDO.datePublished)
    assert published.datatype == rdf.XSD.gYearMonth
    assert as_rdf.value(rdf.node_iri("policy:2020年规划"), DCTERMS.issued).datatype is None


def test_a_documents_address_and_publisher_are_schema_terms_and_come_back(exported, as_rdf):
    document = rdf.node_iri("doc:a1a1a1a1a1a1a1a1")
    assert str(as_rdf.value(document, rdf.SDO.url)).startswith("https://news.example.org/")
    assert as_rdf.value(document, rdf.SDO.publisher) == Literal("首都教育观察")
    assert as_rdf.value(document, DCTERMS.source) == Literal("fixtures/a1a1a1a1a1a1a1a1.txt")
    for fmt in rdf.FORMATS:
        back = {n["id"]: n for n in rdf.from_rdf(reparsed(as_rdf, fmt))["nodes"]}
        assert back["doc:a1a1a1a1a1a1a1a1"]["publisher"] == "首都教育观察"
        assert back["doc:a1a1a1a1a1a1a1a1"]["url"] == str(as_rdf.value(document, rdf.SDO.url))


def test_import_replaces_what_the_file_says_and_keeps_the_rest(store, tmp_path):
    load(store, fixture_documents())
    graph = export_graph(store)
    dongcheng = next(node for node in graph["nodes"] if node["id"] == "region:110101")
    dongcheng["name"] = "东城"
    del dongcheng["full_name"]
    path = tmp_path / "edited.json"
    path.write_text(json.dumps({"nodes": [dongcheng], "edges": []}), encoding="utf-8")

    assert run("import", str(path)).exit_code == 0
    assert run("import", str(path)).exit_code == 0  # idempotent

    after = export_graph(store)
    assert next(node for node in after["nodes"] if node["id"] == "region:110101") == dongcheng
    assert len(after["nodes"]) == len(graph["nodes"]) and after["edges"] == graph["edges"]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("broken.ttl", "this is not turtle", "not readable as turtle"),
        ("graph.xyz", "", "unknown RDF syntax"),
        (
            "wrong.json",
            '{"nodes": [], "edges": [{"type": "IMPLEMENTS", "source": "policy:a", '
            '"target": "region:110101"}]}',
            "a IMPLEMENTS edge cannot join Policy to Region",
        ),
        (
            "mislabelled.json",
            '{"nodes": [{"id": "region:1", "label": "Policy"}], "edges": []}',
            "cannot be a Policy",
        ),
        ("shapeless.json", '{"points": []}', "not an edukg graph"),
    ],
)
def test_unusable_files_are_refused_with_the_reason(store, tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = run("import", str(path))
    assert result.exit_code == 2
    assert reason in result.output
    assert export_graph(store) == {"nodes": [], "edges": []}


# --------------------------------------------------------------------------- the vocabulary


def test_nodes_are_typed_named_and_identified(as_rdf):
    dongcheng = rdf.node_iri("region:110101")
    assert str(dongcheng) == "https://edukg.org/region/110101"
    assert (dongcheng, RDF.type, EDUKG.Region) in as_rdf
    assert (dongcheng, RDFS.label, Literal("东城区", lang="zh")) in as_rdf
    assert (dongcheng, DCTERMS.identifier, Literal("region:110101")) in as_rdf
    assert (dongcheng, EDUKG.part_of, rdf.node_iri("region:110000")) in as_rdf
    assert (dongcheng, SKOS.altLabel, None) not in as_rdf


def test_measures_are_the_taxonomy_concepts(exported, as_rdf):
    taxonomy = Graph().parse(TAXONOMY_PATH)
    measures = [node["id"] for node in exported["nodes"] if node["label"] == "Measure"]
    assert measures
    for measure_id in measures:
        iri = rdf.node_iri(measure_id)
        assert iri == MEASURE[measure_id.removeprefix("measure:")]
        assert (iri, RDF.type, SKOS.Concept) in taxonomy
        assert (iri, SKOS.inScheme, rdf.MEASURE_SCHEME) in taxonomy
        assert (iri, SKOS.inScheme, rdf.MEASURE_SCHEME) in as_rdf


def test_an_assertion_edge_is_a_triple_and_a_statement_with_its_evidence(as_rdf):
    dongcheng, group = rdf.node_iri("region:110101"), rdf.node_iri("measure:group_schooling")
    assert (dongcheng, EDUKG.implements, group) in as_rdf
    (statement,) = set(as_rdf.subjects(RDF.subject, dongcheng)) & set(
        as_rdf.subjects(RDF.object, group)
    )
    assert (statement, RDF.type, EDUKG.ImplementsStatement) in as_rdf
    assert as_rdf.value(statement, RDF.predicate) == EDUKG.implements
    assert as_rdf.value(statement, EDUKG.year).toPython() == 2014
    quotes = sorted(as_rdf.objects(statement, PROV.wasDerivedFrom))
    assert [as_rdf.value(q, EDUKG.position).toPython() for q in quotes] == [0, 1]
    first = quotes[0]
    assert as_rdf.value(first, PROV.wasQuotedFrom) == rdf.node_iri("doc:a1a1a1a1a1a1a1a1")
    assert str(as_rdf.value(first, PROV.value)).startswith("东城区从2014年开始推行集团化办学")
    assert as_rdf.value(first, EDUKG.evidence_year).toPython() == 2014


def test_each_numeric_goal_is_its_own_statement(as_rdf):
    goals = {
        str(as_rdf.value(statement, EDUKG.metric)): as_rdf.value(statement, EDUKG.value)
        for statement in as_rdf.subjects(RDF.type, EDUKG.TargetsStatement)
        if as_rdf.value(statement, RDF.subject) == rdf.node_iri(DONGCHENG)
    }
    assert {metric: value.toPython() for metric, value in goals.items()} == {
        "集团化办学覆盖率": 90,
        "教育集团成员校数": 3,
        "普惠性幼儿园覆盖率": 85,
    }


def test_edges_without_properties_are_plain_triples(as_rdf):
    statements = set(as_rdf.subjects(RDF.type, RDF.Statement))
    part_of = rdf.statement_class("PART_OF")
    assert not set(as_rdf.subjects(RDF.type, part_of))
    assert all(as_rdf.value(s, RDF.predicate) != EDUKG.part_of for s in statements)


def undeclared(graph: Graph) -> list[str]:
    """The edukg terms the graph uses that schema/ontology.ttl does not declare, or declares
    without a label and a comment in both Chinese and English."""
    used = {p for p in graph.predicates() if p.startswith(EDUKG)}
    used |= {o for o in graph.objects(None, RDF.type) if o.startswith(EDUKG)}
    kinds = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}
    return sorted(
        str(term)
        for term in used
        if not set(ONTOLOGY.objects(term, RDF.type)) & kinds
        or any(
            {"zh", "en"} - {o.language for o in ONTOLOGY.objects(term, predicate)}
            for predicate in (RDFS.label, RDFS.comment)
        )
    )


def test_the_ontology_declares_every_term_the_export_uses(as_rdf):
    assert undeclared(as_rdf) == []


# --------------------------------------------------------------------------- the seed corpus


@pytest.mark.seeds
@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed corpus not found at {SEEDS}")
def test_the_seed_graph_round_trips_exactly_and_uses_only_declared_terms(embedded_server, tmp_path):
    with (
        FalkorDBStore(embedded_server, graph_name="rdf-seeds") as seeds,
        FalkorDBStore(embedded_server, graph_name="rdf-seeds-imported") as imported,
    ):
        seeds.clear()
        imported.clear()
        assert not ingest_paths(seeds, [SEEDS]).has_errors
        exported = export_graph(seeds)
        path = tmp_path / "seeds.ttl"
        path.write_text(rdf.serialise(rdf.to_rdf(exported), "ttl"), encoding="utf-8")

        summary = rdf.load_graph(imported, rdf.read_graph(path))

        assert (summary.nodes, summary.edges) == (len(exported["nodes"]), len(exported["edges"]))
        assert export_graph(imported) == exported
    assert undeclared(rdf.to_rdf(exported)) == []


# --------------------------------------------------------------------------- SPARQL


def canned(store, name: str, **params) -> list[dict]:
    return run_canned(store, CATALOG[name], params).records()


def example(as_rdf, name: str, **params) -> list[dict]:
    return sparql.run(as_rdf, sparql.query_text(name), params).records()


def pick(rows: list[dict], *columns: str) -> list[tuple]:
    return sorted(tuple(str(row[c]) for c in columns) for row in rows)


def test_sparql_examples_answer_like_their_canned_queries(graph_store, as_rdf):
    measure = "measure:group_schooling"
    assert pick(example(as_rdf, "adopters_of_measure", measure=measure), "region_id", "year") == (
        pick(canned(graph_store, "adopters_of_measure", measure=measure), "region_id", "year")
    )
    columns = ("measure_id", "region_id", "year")
    assert pick(example(as_rdf, "measures_of_region", within="region:110000"), *columns) == (
        pick(canned(graph_store, "measures_of_region", region="region:110000"), *columns)
    )
    citing = example(as_rdf, "policies_citing", cited=NATIONAL)
    assert pick(citing, "policy_id") == sorted([(BEIJING,), (DONGCHENG,)])
    assert pick(citing, "policy_id") == pick(
        canned(graph_store, "policies_citing", policy=NATIONAL), "policy_id"
    )
    pair = {"region": "region:110101", "measure": measure}
    columns = ("doc_id", "char_start", "char_end", "sentence", "year", "url", "publisher")
    assert pick(example(as_rdf, "edge_evidence", **pair), *columns) == pick(
        canned(graph_store, "edge_evidence", **pair), *columns
    )
    columns = ("subject_id", "target_id", "metric", "value", "deadline")
    assert pick(example(as_rdf, "policy_targets"), *columns) == pick(
        canned(graph_store, "policy_targets", target=""), *columns
    )


def test_every_sparql_example_mirrors_a_canned_query():
    for path in sparql.EXAMPLES_DIR.glob("*.rq"):
        assert path.stem in CATALOG
        assert f"mirrors queries/{path.stem}.cypher" in path.read_text(encoding="utf-8")


def test_sparql_command_reads_the_store_or_a_file(store, tmp_path):
    load(store, fixture_documents())
    result = run(
        "sparql", "adopters_of_measure", "-p", "measure=measure:group_schooling", "--format", "json"
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(row["region_id"], row["year"]) for row in rows][0] == ("region:110101", 2014)

    ask = "ASK { region:110101 edukg:implements measure:school_district }"
    assert run("sparql", ask).stdout.strip() == "true"
    path = tmp_path / "graph.ttl"
    run("export", "--format", "ttl", "-o", str(path))
    store.clear()
    assert run("sparql", ask).stdout.strip() == "false"
    assert run("sparql", ask, "--data", str(path)).stdout.strip() == "true"
    construct = "CONSTRUCT { ?r a edukg:Region } WHERE { ?r edukg:part_of region:220100 }"
    turtle = run("sparql", construct, "--data", str(path)).stdout
    assert set(Graph().parse(data=turtle, format="turtle").subjects()) == {
        rdf.node_iri("region:220104")
    }

    bad = run("sparql", "SELECT WHERE")
    assert bad.exit_code == 2 and "SPARQL query failed" in bad.output
