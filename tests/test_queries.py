"""Every canned query, run read-only on the real embedded store against the fixture graph."""

from __future__ import annotations

import re

import pytest
from graph_fixture import (
    BEIJING,
    DONGCHENG,
    NATIONAL,
    NATIONAL_TITLE,
    DocumentBuilder,
    fixture_documents,
    fixture_graph,
)

from edukg.catalog import (
    CANNED_DIR,
    PAGE_PARAM,
    inner_queries,
    load_catalog,
    load_choices,
    run_canned,
)
from edukg.queryfile import ParamError, coerce_params, parse_query_file, used_params
from edukg.store.base import QueryRejected
from edukg.store.falkordb_store import FalkorDBStore
from edukg.store.loader import load, remove_document
from edukg.store.model import DocumentFacts

CATALOG = load_catalog([CANNED_DIR])

DONGCHENG_2014 = "东城区从2014年开始推行集团化办学，陆续组建了十多个教育集团。"
DONGCHENG_ELSEWHERE = "外地同行也常去东城区学习集团化办学的做法。"
NEWS_A, NEWS_B = "doc:a1a1a1a1a1a1a1a1", "doc:b2b2b2b2b2b2b2b2"

# Cypher the embedded store lacks or Neo4j 5 does not accept; see DESIGN.md "Stores".
NOT_PORTABLE = {
    "EXISTS {}": r"\bEXISTS\s*\{",
    "COUNT {}": r"\bCOUNT\s*\{",
    "COLLECT {}": r"\bCOLLECT\s*\{",
    "=~": r"=~",
    "elementId()": r"\belementId\s*\(",
    "CALL (x) {}": r"\bCALL\s*\([^)]*\)\s*\{",
    "IN TRANSACTIONS": r"\bIN\s+TRANSACTIONS\b",
    "label expression A|B": r":\s*\w+\s*\|\s*\w",
    "quantified path": r"\)\s*\{\d*,?\d*\}",
    "shortestPath": r"\bshortestPath\b",
    "datetime()": r"\bdatetime\s*\(",
}


@pytest.fixture(scope="module")
def graph(embedded_server):
    with fixture_graph(embedded_server) as store:
        yield store


def run(graph, name: str, **params) -> list[dict]:
    return run_canned(graph, CATALOG[name], params).records()


def column(rows: list[dict], name: str) -> list:
    return [row[name] for row in rows]


@pytest.mark.parametrize("name", sorted(CATALOG))
def test_query_text_is_portable_and_ordered(name):
    query = CATALOG[name]
    texts = [query.cypher, *(p.choices for p in query.params if p.choices)]
    for text in texts:
        for construct, pattern in NOT_PORTABLE.items():
            assert not re.search(pattern, text, re.IGNORECASE), f"{name} uses {construct}"
        assert "ORDER BY" in text, f"{name}: results must come in a fixed order"


@pytest.mark.parametrize("name", sorted(CATALOG))
def test_choices_queries_return_values_and_labels(graph, name):
    for param in CATALOG[name].params:
        if param.choices:
            result = graph.query(param.choices)
            assert result.columns == ["value", "label"]
            assert result.rows and all(value and label for value, label in result.rows)


def test_choices_offer_an_empty_default_as_all(graph):
    within = CATALOG["adopters_of_measure"].param("within")
    pairs = load_choices(graph, within)
    assert pairs[0] == ("", "(all)")
    assert ("region:110101", "北京市东城区") in pairs
    measure = CATALOG["adopters_of_measure"].param("measure")
    assert load_choices(graph, measure)[0] == (
        "measure:county_managed_hiring",
        "县管校聘 · county/district-managed, school-hired teachers",
    )


def test_adopters_of_measure_lists_regions_with_year_and_evidence(graph):
    rows = run(graph, "adopters_of_measure", measure="measure:group_schooling")
    assert column(rows, "region") == ["东城区", "海淀区", "朝阳区"]
    assert column(rows, "year") == [2014, 2016, 2018]
    assert column(rows, "documents") == [2, 1, 1]
    # One document quoted: the one that gives the year.
    assert rows[0]["evidence"] == [DONGCHENG_2014]
    assert rows[0]["sources"] == [NEWS_A]


@pytest.mark.parametrize(
    ("within", "regions"),
    [
        ("region:110000", ["region:110101", "region:110108"]),
        ("region:220000", ["region:220104"]),  # two PART_OF steps down
        ("region:220104", ["region:220104"]),  # the region itself
        ("region:110101", ["region:110101"]),
    ],
)
def test_adopters_of_measure_within_a_region_keeps_it_and_its_subregions(graph, within, regions):
    rows = run(graph, "adopters_of_measure", measure="measure:group_schooling", within=within)
    assert column(rows, "region_id") == regions


def test_measures_of_region_include_subregions_with_depth(graph):
    rows = run(graph, "measures_of_region", region="region:110000")
    assert [(r["measure_id"], r["region"], r["depth"], r["year"]) for r in rows] == [
        ("measure:group_schooling", "东城区", 1, 2014),
        ("measure:group_schooling", "海淀区", 1, 2016),
        ("measure:school_district", "东城区", 1, 2004),
        ("measure:teacher_rotation", "北京市", 0, 2021),
    ]
    rows = run(graph, "measures_of_region", region="region:220000")
    assert {(r["measure_id"], r["region_id"], r["depth"]) for r in rows} == {
        ("measure:group_schooling", "region:220104", 2),
        ("measure:county_managed_hiring", "region:220104", 2),
        ("measure:teacher_rotation", "region:220100", 1),
    }


def test_policies_citing_a_policy(graph):
    rows = run(graph, "policies_citing", policy=NATIONAL)
    assert column(rows, "policy_id") == [BEIJING, DONGCHENG]  # by issue date
    assert rows[0]["doc_number"] == "京教基〔2020〕3号"
    assert rows[1]["evidence"] == [f"同时贯彻《{NATIONAL_TITLE}》的要求。"]
    assert run(graph, "policies_citing", policy=DONGCHENG) == []


def test_citation_chain_follows_cites_outward_with_depth(graph):
    rows = run(graph, "citation_chain", policy=DONGCHENG)
    assert [(r["depth"], r["policy_id"], r["cited_by_id"]) for r in rows] == [
        (1, NATIONAL, DONGCHENG),
        (1, BEIJING, DONGCHENG),
        (2, NATIONAL, BEIJING),
    ]


def test_similar_regions_rank_by_shared_measures_then_jaccard(graph):
    rows = run(graph, "similar_regions", region="region:110101")
    assert [(r["region"], r["shared_count"], r["shared_measures"]) for r in rows] == [
        ("海淀区", 1, ["集团化办学"]),
        ("朝阳区", 1, ["集团化办学"]),
    ]
    assert rows[0]["jaccard"] == pytest.approx(1 / 2)
    assert rows[1]["jaccard"] == pytest.approx(1 / 3)
    assert len(run_canned(graph, CATALOG["similar_regions"], {"limit": "1"}).rows) == 1


def test_compare_regions_side_by_side(graph):
    rows = run(graph, "compare_regions", a="region:110101", b="region:220104")
    assert [(r["measure_id"], r["year_a"], r["year_b"], r["in_a"], r["in_b"]) for r in rows] == [
        ("measure:county_managed_hiring", None, 2019, False, True),
        ("measure:group_schooling", 2014, 2018, True, True),
        ("measure:school_district", 2004, None, True, False),
    ]
    # two documents say so; the one giving the year is quoted (edge_evidence lists them all)
    assert (rows[1]["documents_a"], rows[1]["evidence_a"]) == (2, [DONGCHENG_2014])
    assert (rows[0]["documents_a"], rows[0]["evidence_a"]) == (0, None)


def test_measure_timeline_groups_first_adoptions_by_year(graph):
    rows = run(graph, "measure_timeline")
    assert [(r["year"], r["measure_id"], r["region_count"]) for r in rows] == [
        (2004, "measure:school_district", 1),
        (2014, "measure:group_schooling", 1),
        (2016, "measure:group_schooling", 1),
        (2018, "measure:group_schooling", 1),
        (2019, "measure:county_managed_hiring", 1),
        (2020, "measure:teacher_rotation", 1),
        (2021, "measure:teacher_rotation", 1),
    ]
    rows = run(graph, "measure_timeline", within="region:220000")
    assert [(r["year"], r["regions"]) for r in rows] == [
        (2018, ["朝阳区"]),
        (2019, ["朝阳区"]),
        (2020, ["长春市"]),
    ]


def test_edge_evidence_gives_each_sentence_with_its_document(graph):
    rows = run(graph, "edge_evidence", region="region:110101", measure="measure:group_schooling")
    assert [(r["sentence"], r["year"], r["doc_id"], r["document"]) for r in rows] == [
        (DONGCHENG_2014, 2014, NEWS_A, "北京各区办学改革观察"),
        (
            DONGCHENG_ELSEWHERE,
            None,
            NEWS_B,  # no year stated: null, not 0
            "长春城区教育改革纪实",
        ),
    ]
    assert rows[1]["source"] == "fixtures/b2b2b2b2b2b2b2b2.txt"
    # for a citation: where the first was published and by whom; the second states neither
    assert rows[0]["url"].startswith("https://news.example.org/")
    assert rows[0]["publisher"] == "首都教育观察"
    assert (rows[1]["url"], rows[1]["publisher"]) == (None, None)
    text = graph.query("MATCH (d:Document {id: $id}) RETURN d.text", {"id": NEWS_B}).rows[0][0]
    assert text[rows[1]["char_start"] : rows[1]["char_end"]] == DONGCHENG_ELSEWHERE


def test_policy_targets_with_metric_value_and_deadline(graph):
    rows = run(graph, "policy_targets")
    assert [
        (
            r["subject_id"],
            r["target"],
            r["metric"],
            r["comparator"],
            r["value"],
            r["unit"],
            r["deadline"],
        )
        for r in rows
    ] == [
        (DONGCHENG, "义务教育", "教育集团成员校数", ">=", 3, "所", 2025),
        (DONGCHENG, "义务教育", "集团化办学覆盖率", ">=", 90, "%", 2025),
        (DONGCHENG, "学前教育", "普惠性幼儿园覆盖率", ">=", 85, "%", 2025),
    ]
    rows = run(graph, "policy_targets", target="target:学前教育")
    assert column(rows, "metric") == ["普惠性幼儿园覆盖率"]
    assert rows[0]["evidence"] == ["到2025年，普惠性幼儿园覆盖率不低于85%。"]


def test_region_overview_counts_measures_and_documents(graph):
    rows = run(graph, "region_overview")
    assert [(r["region"], r["parent"], r["measures"], r["documents"]) for r in rows] == [
        ("北京市", None, 1, 1),
        ("东城区", "北京市", 2, 2),
        ("海淀区", "北京市", 1, 1),
        ("吉林省", None, 0, 0),
        ("长春市", "吉林省", 1, 1),
        ("朝阳区", "长春市", 2, 1),
    ]


def test_documents_mentioning_a_node(graph):
    rows = run(graph, "documents_mentioning", node=BEIJING)
    assert column(rows, "doc_id") == ["doc:c3c3c3c3c3c3c3c3", "doc:d4d4d4d4d4d4d4d4"]
    rows = run(graph, "documents_mentioning", node="region:220104")
    assert [(r["doc_id"], r["mentions"]) for r in rows] == [(NEWS_B, 2)]


def test_graph_counts_per_label_and_edge_type(graph):
    counts = {(r["kind"], r["name"]): r["total"] for r in run(graph, "graph_counts")}
    assert counts == {
        ("node", "Document"): 4,
        ("node", "Measure"): 4,
        ("node", "Policy"): 3,
        ("node", "Region"): 6,
        ("node", "Target"): 2,
        ("edge", "CITES"): 3,
        ("edge", "DESCRIBES"): 2,
        ("edge", "IMPLEMENTS"): 7,
        ("edge", "MENTIONS"): 19,
        ("edge", "PART_OF"): 4,
        ("edge", "TARGETS"): 3,
        # one per fact and document that supports it: 东城区's 集团化办学 has two
        ("edge", "CITES_EVIDENCE"): 3,
        ("edge", "IMPLEMENTS_EVIDENCE"): 8,
        ("edge", "TARGETS_EVIDENCE"): 3,
    }


def test_canned_queries_run_read_only(graph):
    sneaky = parse_query_file(
        "// title: T\nMATCH (n:Region) SET n.name = 'x' RETURN n.id", "sneaky"
    )
    with pytest.raises(QueryRejected, match="read-only"):
        run_canned(graph, sneaky)
    assert run(graph, "adopters_of_measure")[0]["region"] == "东城区"


# Queries whose answer grows with the corpus, with a parameter set that gives several rows.
GROWING = {
    "adopters_of_measure": {},
    "citation_chain": {"policy": DONGCHENG},
    "documents_mentioning": {"node": BEIJING},
    "edge_evidence": {"region": "region:110101", "measure": "measure:group_schooling"},
    "measure_diffusion": {},
    "measure_timeline": {},
    "measures_of_region": {"region": "region:110000"},
    "policies_citing": {"policy": NATIONAL},
    "policy_targets": {},
    "region_overview": {},
}


def test_every_growing_query_is_capped_by_a_limit_param():
    capped = {name for name, query in CATALOG.items() if "limit" in used_params(query.cypher)}
    assert set(GROWING) <= capped
    for name in capped:
        assert CATALOG[name].param("limit").type == "int"


@pytest.mark.parametrize("name", sorted(GROWING))
def test_a_limit_keeps_the_first_rows_in_order_and_says_the_answer_was_cut(graph, name):
    whole = run_canned(graph, CATALOG[name], GROWING[name])
    assert len(whole.rows) >= 2 and not whole.truncated
    first = run_canned(graph, CATALOG[name], {**GROWING[name], "limit": "1"})
    assert first.rows == whole.rows[:1]
    assert first.truncated
    exact = run_canned(graph, CATALOG[name], {**GROWING[name], "limit": len(whole.rows)})
    assert exact.rows == whole.rows and not exact.truncated


def test_a_negative_limit_is_refused_before_the_store_sees_it(graph):
    with pytest.raises(ParamError, match="0 or more"):
        run(graph, "policy_targets", limit=-1)


DIALECT_VERSIONS = {
    f"{folder or 'queries'}/{name}": query
    for folder in ("", "pages")
    for name, query in (inner_queries(folder) if folder else CATALOG).items()
    if query.dialects
}


def programme_report() -> DocumentFacts:
    """A region implementing a programme and a policy besides measures: a dialect counting a
    region's edges must tell them apart."""
    builder = DocumentBuilder("doc:f6f6f6f6f6f6f6f6", "朝阳区强校工程", "2024-03-01")
    builder.say(
        "朝阳区启动强校工程，并参照东城区的方案推进集团化办学。",
        ("IMPLEMENTS", "region:220104", "program:强校工程", {}),
        ("IMPLEMENTS", "region:220104", DONGCHENG, {}),
    )
    return builder.facts()


@pytest.mark.parametrize("name", sorted(DIALECT_VERSIONS))
def test_a_dialect_version_answers_as_the_portable_query(embedded_server, name):
    """Also once a document is gone: a store's statistics must follow deletions. (A graph of
    its own: the module's graph stays as loaded.)"""
    query = DIALECT_VERSIONS[name]
    with FalkorDBStore(embedded_server, graph_name="dialects") as store:
        assert store.backend in query.dialects
        store.clear()
        load(store, [*fixture_documents(), programme_report()])
        paged = any(param.name == PAGE_PARAM for param in query.params)
        typed = coerce_params(query, {PAGE_PARAM: 50} if paged else {})
        for step in ("loaded", "one document removed"):
            portable = store.query(*query.statement(typed)).rows
            assert portable, f"{name} answers nothing {step}: the comparison would prove nothing"
            assert store.query(*query.statement(typed, store.backend)).rows == portable, step
            remove_document(store, NEWS_B)
        store.clear()
