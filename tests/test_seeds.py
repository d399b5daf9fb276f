"""The five seed documents (../shared/corpus/seeds) through the whole pipeline into the store.

Checks facts a reader can see in them, and that the exported graph has the shape the
design promises: regions with adcodes, policies, measures, IMPLEMENTS/CITES with evidence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from edukg.export import export_graph
from edukg.ingest.pipeline import ingest_paths
from edukg.store.falkordb_store import FalkorDBStore

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "corpus" / "seeds"

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed corpus not found at {SEEDS}")


@pytest.fixture(scope="module")
def seed_graph(embedded_server) -> Iterator[dict]:
    with FalkorDBStore(embedded_server, graph_name="seeds") as store:
        store.clear()
        report = ingest_paths(store, [SEEDS])
        assert not report.has_errors, report.skipped
        yield export_graph(store)


def edges(graph: dict, edge_type: str) -> list[dict]:
    return [e for e in graph["edges"] if e["type"] == edge_type]


def node(graph: dict, node_id: str) -> dict:
    return next(n for n in graph["nodes"] if n["id"] == node_id)


def test_every_seed_becomes_a_document(seed_graph):
    documents = [n for n in seed_graph["nodes"] if n["label"] == "Document"]
    assert sorted(Path(d["source"]).name for d in documents) == sorted(
        p.name for p in SEEDS.glob("*.txt")
    )
    scripts = {Path(d["source"]).name[:3]: d["script"] for d in documents}
    assert scripts["001"] == "traditional"
    assert scripts["003"] == "simplified"


def test_regions_carry_adcodes_and_hierarchy(seed_graph):
    regions = [n for n in seed_graph["nodes"] if n["label"] == "Region"]
    assert all(re.fullmatch(r"\d{6}", r["adcode"]) for r in regions)
    assert node(seed_graph, "region:110101")["name"] == "东城区"
    part_of = {(e["source"], e["target"]) for e in edges(seed_graph, "PART_OF")}
    assert ("region:110101", "region:110000") in part_of
    assert ("region:330102", "region:330100") in part_of  # 上城区 → 杭州市


def test_dongcheng_implements_school_districts_since_2014(seed_graph):
    edge = next(
        e
        for e in edges(seed_graph, "IMPLEMENTS")
        if e["source"] == "region:110101" and e["target"] == "measure:school_district"
    )
    assert edge["year"] == 2014
    assert len(edge["sources"]) == len(edge["evidence"]) >= 1
    assert any("学区" in sentence for sentence in edge["evidence"])


def test_beijing_plan_cites_the_national_opinion_it_implements(seed_graph):
    described = {e["target"] for e in edges(seed_graph, "DESCRIBES")}
    plan = next(p for p in described if "扩优提质行动计划实施方案" in p)
    assert node(seed_graph, plan)["doc_number"] == "京教基一〔2024〕6号"
    cited = {e["target"]: e for e in edges(seed_graph, "CITES") if e["source"] == plan}
    opinion = "policy:关于实施新时代基础教育扩优提质行动计划的意见"
    assert opinion in cited
    assert cited[opinion]["evidence"] and cited[opinion]["sources"]


def test_every_assertion_edge_quotes_its_documents(seed_graph):
    texts = {n["id"]: n["text"] for n in seed_graph["nodes"] if n["label"] == "Document"}
    for edge in edges(seed_graph, "IMPLEMENTS") + edges(seed_graph, "CITES"):
        assert len(edge["sources"]) == len(edge["evidence"]) == len(edge["evidence_start"])
        for doc_id, sentence, start, end in zip(
            edge["sources"],
            edge["evidence"],
            edge["evidence_start"],
            edge["evidence_end"],
            strict=True,
        ):
            assert texts[doc_id][start:end] == sentence
