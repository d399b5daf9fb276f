"""0 is the store's word for "no year stated" in evidence lists; the files and answers people
read say null (an empty CSV cell) instead, and importing a file gives the store its 0 back."""

from __future__ import annotations

import csv
import io
import json

from graph_fixture import fixture_documents

from edukg.catalog import load_catalog, run_canned
from edukg.export import export_graph, write_csv, write_json
from edukg.rdf import load_graph
from edukg.store.loader import load

CITES_YEARS = "MATCH ()-[c:CITES_EVIDENCE]->() RETURN c.evidence_year"


def test_the_graph_files_say_null_for_an_unknown_year_and_import_gives_0_back(store, tmp_path):
    load(store, fixture_documents())
    stored = [row[0] for row in store.query(CITES_YEARS).rows]
    assert stored and all(years == [0] for years in stored)  # citing sentences state no year

    out = io.StringIO()
    write_json(export_graph(store), out)
    graph = json.loads(out.getvalue())
    years = [e["evidence_year"] for e in graph["edges"] if e["type"] == "CITES"]
    assert years and all(y == [None] for y in years)
    implements = [e["evidence_year"] for e in graph["edges"] if e["type"] == "IMPLEMENTS"]
    assert all(0 not in y for y in implements)
    assert any(2014 in y for y in implements)  # stated years stay

    _, edges_csv = write_csv(export_graph(store), tmp_path)
    edges = list(csv.DictReader(edges_csv.read_text(encoding="utf-8").splitlines()))
    assert {row["evidence_year"] for row in edges if row["type"] == "CITES"} == {"[null]"}

    store.clear()
    load_graph(store, graph)
    assert sorted(row[0] for row in store.query(CITES_YEARS).rows) == sorted(stored)


def test_an_evidence_sentence_without_a_year_answers_null_not_0(store):
    load(store, fixture_documents())  # 东城区's group schooling: one sentence of 2014, one of none
    query = load_catalog()["edge_evidence"]
    result = run_canned(
        store, query, {"region": "region:110101", "measure": "measure:group_schooling"}
    )
    years = [row["year"] for row in result.records()]
    assert 2014 in years and None in years and 0 not in years
