"""The queries read a fact's evidence from the edges that hold each document's part of it
(edukg.store.model.EVIDENCE_EDGES): their lists come in document order whatever order the
documents were loaded in, as the export gives them; each goal has its own sentences; a fact
without evidence (as an import may bring) keeps its row."""

from __future__ import annotations

import pytest
from graph_fixture import DONGCHENG, DocumentBuilder, fixture_documents, implements, measure

from edukg import rdf
from edukg.catalog import CANNED_DIR, inner_queries, load_catalog, run_canned
from edukg.export import export_graph
from edukg.store.falkordb_store import FalkorDBStore
from edukg.store.loader import load, remove_document, replace
from edukg.store.model import EVIDENCE_EDGES, DocumentFacts, Edge, Evidence, Node

CATALOG = load_catalog([CANNED_DIR])
PAGES = inner_queries("pages")
GROUP, DISTRICT = "measure:group_schooling", "measure:school_district"
DONGCHENG_DISTRICT, HAIDIAN = "region:110101", "region:110108"
NEWS_A, NEWS_B = "doc:a1a1a1a1a1a1a1a1", "doc:b2b2b2b2b2b2b2b2"
DONGCHENG_2014 = "东城区从2014年开始推行集团化办学，陆续组建了十多个教育集团。"
DONGCHENG_ELSEWHERE = "外地同行也常去东城区学习集团化办学的做法。"
# A report whose id comes before the fixture's, stating 东城区's 集团化办学 twice.
REPORT = "doc:0e0e0e0e0e0e0e0e"
FIRST, SECOND = "东城区教育集团已有十五个。", "东城区2015年新建三个教育集团。"


def report():
    """The report's facts, with its two sentences handed to the loader last one first."""
    builder = DocumentBuilder(REPORT, "东城区教育集团一览", "2024-09-01")
    builder.say(FIRST, implements("110101", "group_schooling"))
    builder.say(SECOND, implements("110101", "group_schooling"), year=2015)
    facts = builder.facts()
    facts.edges.reverse()
    return facts


@pytest.fixture(scope="module")
def graph(embedded_server):
    """The fixture documents and the report, loaded newest id first."""
    with FalkorDBStore(embedded_server, graph_name="evidence-queries") as store:
        store.clear()
        load(store, [report(), *reversed(fixture_documents())])
        yield store


@pytest.fixture
def without_evidence(embedded_server):
    """The fixture graph and one adoption imported without any evidence."""
    with FalkorDBStore(embedded_server, graph_name="evidence-queries-none") as store:
        store.clear()
        load(store, fixture_documents())
        replace(store, [], [Edge("IMPLEMENTS", HAIDIAN, DISTRICT, {"year": 2010})])
        yield store


def run(store, name: str, **params) -> list[dict]:
    query = PAGES[name.removeprefix("pages/")] if name.startswith("pages/") else CATALOG[name]
    return run_canned(store, query, params).records()


def row_of(rows: list[dict], **match) -> dict:
    [found] = [row for row in rows if all(row[k] == v for k, v in match.items())]
    return found


def exported_lists(store, source: str, target: str) -> dict:
    [edge] = [
        e
        for e in export_graph(store)["edges"]
        if (e["type"], e["source"], e["target"]) == ("IMPLEMENTS", source, target)
    ]
    return edge


def test_lists_come_in_document_order_whatever_the_load_order_as_exported(graph):
    sentences = [FIRST, SECOND, DONGCHENG_2014, DONGCHENG_ELSEWHERE]
    sources = [REPORT, REPORT, NEWS_A, NEWS_B]
    exported = exported_lists(graph, DONGCHENG_DISTRICT, GROUP)
    assert (exported["evidence"], exported["sources"]) == (sentences, sources)

    every = run(graph, "edge_evidence", region=DONGCHENG_DISTRICT, measure=GROUP)
    assert [(r["sentence"], r["doc_id"], r["year"]) for r in every] == [
        (FIRST, REPORT, None),
        (SECOND, REPORT, 2015),
        (DONGCHENG_2014, NEWS_A, 2014),
        (DONGCHENG_ELSEWHERE, NEWS_B, None),
    ]
    for limit in range(1, 5):
        cut = run(graph, "edge_evidence", region=DONGCHENG_DISTRICT, measure=GROUP, limit=limit)
        assert cut == every[:limit]


def test_the_dating_sentence_and_the_counts_add_up_every_document(graph):
    adopters = row_of(
        run(graph, "adopters_of_measure", measure=GROUP), region_id=DONGCHENG_DISTRICT
    )
    # Three documents support it; the one quoted is the one giving the year (REPORT sorts first).
    assert (adopters["year"], adopters["documents"]) == (2014, 3)
    assert (adopters["evidence"], adopters["sources"]) == ([DONGCHENG_2014], [NEWS_A])
    measures = row_of(run(graph, "measures_of_region", region=DONGCHENG_DISTRICT), measure_id=GROUP)
    assert {k: measures[k] for k in adopters} == adopters  # the same sentences quoted
    compared = row_of(
        run(graph, "compare_regions", a=DONGCHENG_DISTRICT, b=HAIDIAN), measure_id=GROUP
    )
    assert (compared["year_a"], compared["documents_a"], compared["evidence_a"]) == (
        adopters["year"],
        adopters["documents"],
        adopters["evidence"],
    )
    diffusion = row_of(run(graph, "measure_diffusion", measure=GROUP), region_id=DONGCHENG_DISTRICT)
    assert (diffusion["year"], diffusion["evidence_count"]) == (2014, 4)
    assert (diffusion["evidence"], diffusion["source"]) == (DONGCHENG_2014, NEWS_A)
    facts = run(graph, "pages/node_facts", label="Region", node=DONGCHENG_DISTRICT)
    sentences = row_of(facts, target=GROUP)["sentences"]
    assert sentences == 4 and isinstance(sentences, int)
    compare = run(graph, "pages/compare", regions=[DONGCHENG_DISTRICT])
    assert row_of(compare, measure_id=GROUP)["evidence"] == 4
    reforms = run(graph, "pages/region_reforms", region=DONGCHENG_DISTRICT)
    assert row_of(reforms, target_id=GROUP)["evidence"] == 4


def test_an_undated_adoption_quotes_its_first_document_in_text_order(store):
    first_id, later_id = "doc:1111111111111111", "doc:ffffffffffffffff"
    opening, closing = "东城区正在试行学区制。", "东城区的学区制还在完善。"
    first = DocumentBuilder(first_id, "学区制试点", "2024-03-01")
    first.say(opening, implements("110101", "school_district"))
    first.say(closing, implements("110101", "school_district"))
    handed_backwards = first.facts()
    handed_backwards.edges.reverse()
    later = DocumentBuilder(later_id, "学区制见闻", "2024-05-01")
    later.say("东城区的学区制受到家长欢迎。", implements("110101", "school_district"))
    load(store, [later.facts(), handed_backwards])
    row = row_of(run(store, "adopters_of_measure", measure=DISTRICT), region_id=DONGCHENG_DISTRICT)
    assert (row["year"], row["documents"]) == (None, 2)
    assert (row["evidence"], row["sources"]) == ([opening, closing], [first_id, first_id])
    measures = run(store, "measures_of_region", region=DONGCHENG_DISTRICT)
    assert {k: row_of(measures, measure_id=DISTRICT)[k] for k in row} == row


SHARED_METRIC, SHARED_POLICY = "集团化办学覆盖率", "policy:某区集团化办学方案"
SHARED_SENTENCE = "到2025年，集团化办学覆盖率达到90%。"


def goal_documents(numbers: tuple[int, ...]) -> list[DocumentFacts]:
    """Documents numbered `numbers` (in that order), each stating the same goal for 义务教育."""
    goal = {
        "metric": SHARED_METRIC,
        "value": 90,
        "unit": "%",
        "comparator": ">=",
        "deadline": 2025,
        "about_measures": [GROUP],  # the metric names it
    }
    documents = []
    for number in numbers:
        doc_id = f"doc:{number:016x}"
        text = {"title": "方案解读", "source": f"{number}.txt", "sha256": f"{number:064x}"}
        evidence = Evidence(doc_id, SHARED_SENTENCE, 0, len(SHARED_SENTENCE), 2025)
        edges = [
            Edge("TARGETS", SHARED_POLICY, "target:义务教育", goal, [evidence]),
            Edge("MENTIONS", doc_id, SHARED_POLICY, {"count": 1}),
        ]
        nodes = [
            Node("Policy", SHARED_POLICY, "某区集团化办学方案"),
            Node("Target", "target:义务教育", "义务教育"),
            measure("group_schooling"),
        ]
        documents.append(DocumentFacts(Node("Document", doc_id, "方案解读", text), nodes, edges))
    return documents


def test_a_measures_goals_count_their_documents_and_list_the_first(store):
    """A goal stated by many documents: the measure page's goals carry how many (kept by the
    loader, or counted for a goal stored by an older version), and when asked the first few ids
    (at 100 000 documents, listing them all passed the answer size limit)."""
    load(store, goal_documents((3, 1, 2)))
    [row] = run(store, "pages/measure_goals", measure=GROUP, documents=2)
    assert (row["metric"], row["documents"]) == (SHARED_METRIC, 3)
    assert row["sources"] == ["doc:0000000000000001", "doc:0000000000000002"]
    [unlisted] = run(store, "pages/measure_goals", measure=GROUP)  # a count, no documents
    assert unlisted == row | {"sources": []}
    store.write("MATCH ()-[t:TARGETS]->() SET t = t {.*, documents: null}")  # as of old
    assert run(store, "pages/measure_goals", measure=GROUP) == [unlisted]
    assert run(store, "pages/measure_goals", measure=GROUP, documents=2) == [row]


def test_a_goals_documents_are_counted_and_the_first_quoted_also_as_stored_of_old(store):
    """The numeric goals read a goal's count of documents and its first from the goal (the
    loader keeps them); a goal stored without them, by an older version, is counted from its
    evidence: the same rows."""
    load(store, goal_documents((3, 1, 2)))
    [row] = run(store, "policy_targets", target="target:义务教育")
    assert (row["documents"], row["sources"]) == (3, ["doc:0000000000000001"])
    assert row["evidence"] == [SHARED_SENTENCE]
    remove_document(store, "1.txt")
    [row] = run(store, "policy_targets", target="target:义务教育")
    assert (row["documents"], row["sources"]) == (2, ["doc:0000000000000002"])
    store.write("MATCH ()-[t:TARGETS]->() SET t = t {.*, documents: null, stated_by: null}")
    assert run(store, "policy_targets", target="target:义务教育") == [row]


def adoption_report(number: int, year: int, sentences: int = 1) -> DocumentFacts:
    """A report stating 东城区's 集团化办学 in as many sentences, the first giving the year
    (0: none)."""
    builder = DocumentBuilder(f"doc:{number:016x}", "集团化办学报道", "2024-01-01")
    for said in range(sentences):
        builder.say(
            f"东城区第{number}篇报道第{said + 1}次谈集团化办学。",
            implements("110101", "group_schooling"),
            year=0 if said else year,
        )
    return builder.facts()


def test_an_adoptions_quote_follows_its_documents_also_imported_and_as_stored_of_old(
    store, embedded_server
):
    """The adoption queries read the adoption's counts of documents and sentences and the
    document to quote from the adoption (the loader keeps them as documents come and go, an
    import as a load would): the first by id of those giving the adoption's year, else the
    first, whatever order the store keeps them in. One stored without them, by an older
    version, is walked: the same rows."""
    reports = {
        number: adoption_report(number, year, sentences)
        for number, year, sentences in (
            (1, 0, 1),
            (2, 2014, 1),
            (3, 2016, 2),
            (4, 2014, 1),
            (5, 0, 1),
        )
    }

    def adoption(graph=store) -> tuple:
        [row] = run(graph, "adopters_of_measure", measure=GROUP)
        [diffusion] = run(graph, "measure_diffusion", measure=GROUP)
        kept = graph.query(
            "MATCH (:Region)-[i:IMPLEMENTS]->(:Measure) RETURN i.quoted, i.sentences"
        ).rows
        # what the loader keeps, not what a walk finds
        quoted = row["sources"][0]  # a source per sentence quoted, all of one document
        assert kept == [[quoted, diffusion["evidence_count"]]]
        assert diffusion["source"] == quoted and isinstance(diffusion["evidence_count"], int)
        return row["year"], row["documents"], diffusion["evidence_count"], quoted

    def doc(number: int) -> str:
        return reports[number].document.id

    load(store, [reports[5]])
    assert adoption() == (None, 1, 1, doc(5))
    load(store, [reports[1]])  # no year either, from a document first by id
    assert adoption() == (None, 2, 2, doc(1))
    load(store, [reports[3]])  # two sentences
    assert adoption() == (2016, 3, 4, doc(3))
    load(store, [reports[4]])  # an earlier year, in a later load
    assert adoption() == (2014, 4, 5, doc(4))
    load(store, [reports[2]])  # the same year, from a document first by id
    assert adoption() == (2014, 5, 6, doc(2))
    for gone, left in (
        (3, (2014, 4, 4, doc(2))),  # neither the year nor the one quoted
        (4, (2014, 3, 3, doc(2))),  # the year, but not the one quoted
        (2, (None, 2, 2, doc(1))),  # the one quoted: no year left
        (1, (None, 1, 1, doc(5))),
    ):
        remove_document(store, doc(gone))
        assert adoption() == left
    load(store, [reports[4], reports[3], reports[2], reports[1]])  # one batch
    row = adoption()
    assert row == (2014, 5, 6, doc(2))
    compared = row_of(
        run(store, "compare_regions", a=DONGCHENG_DISTRICT, b=HAIDIAN), measure_id=GROUP
    )
    assert (compared["documents_a"], compared["evidence_a"]) == (
        5,
        ["东城区第2篇报道第1次谈集团化办学。"],
    )
    with FalkorDBStore(embedded_server, graph_name="quote-imported") as imported:
        imported.clear()
        rdf.load_graph(imported, export_graph(store))
        assert adoption(imported) == row

    def page_counts() -> tuple:
        [compared] = run(store, "pages/compare", regions=[DONGCHENG_DISTRICT])
        [reform] = run(store, "pages/region_reforms", region=DONGCHENG_DISTRICT)
        return compared["evidence"], reform["evidence"]

    assert page_counts() == (6, 6)  # the loader's counts
    store.write(
        "MATCH ()-[i:IMPLEMENTS]->() SET i = i {.*, documents: null, sentences: null, quoted: null}"
    )
    assert page_counts() == (6, 6)  # counted from the evidence
    [walked] = run(store, "adopters_of_measure", measure=GROUP)
    [diffusion] = run(store, "measure_diffusion", measure=GROUP)
    assert (walked["year"], walked["documents"], diffusion["evidence_count"]) == row[:3]
    assert walked["sources"][0] == diffusion["source"] == row[3]


def test_each_goal_has_its_own_sentences(graph):
    goals = run(graph, "policy_targets", target="target:义务教育")
    assert [row["documents"] for row in goals] == [1, 1]
    assert {row["metric"]: row["evidence"] for row in goals} == {
        "教育集团成员校数": ["每个教育集团到2025年至少有3所成员校。"],
        "集团化办学覆盖率": ["到2025年，集团化办学覆盖率达到90%以上。"],
    }
    facts = run(graph, "pages/node_facts", label="Policy", node=DONGCHENG)
    assert [(r["metric"], r["sentences"]) for r in facts if r["type"] == "TARGETS"] == [
        ("教育集团成员校数", 1),
        ("集团化办学覆盖率", 1),
        ("普惠性幼儿园覆盖率", 1),
    ]


def test_a_nodes_facts_give_their_sentences_counted_or_as_stored_of_old(store):
    """The evidence page reads each fact's count of sentences; a fact stored by an older
    version without one has its evidence walked, also beside counted facts of the same ends
    (two goals of one policy and stage, only one of them counted)."""
    load(store, [report(), *fixture_documents()])

    def sentences() -> dict:
        return {
            (row["type"], row["source"], row["target"], row["metric"]): row["sentences"]
            for node, label in ((DONGCHENG, "Policy"), (DONGCHENG_DISTRICT, "Region"))
            for row in run(store, "pages/node_facts", label=label, node=node)
        }

    counted = sentences()
    assert counted[("IMPLEMENTS", DONGCHENG_DISTRICT, GROUP, None)] == 4
    assert sum(counted.values()) > len(counted) and all(
        isinstance(n, int) for n in counted.values()
    )
    store.write(
        "MATCH ()-[r:TARGETS {metric: '集团化办学覆盖率'}]->() "
        "SET r = r {.*, documents: null, sentences: null}"
    )
    store.write("MATCH ()-[r:IMPLEMENTS]->() SET r = r {.*, documents: null, sentences: null}")
    assert sentences() == counted


def test_a_nodes_facts_are_cut_in_the_order_shown_and_counted(graph):
    """The evidence page lists the first facts of a busy node (a measure has thousands) and
    says how many there are."""
    every = run(graph, "pages/node_facts", label="Policy", node=DONGCHENG)
    first = run(graph, "pages/node_facts", label="Policy", node=DONGCHENG, limit=2)
    assert len(every) > 2 and first == every[:2]
    [count] = run(graph, "pages/node_facts_count", label="Policy", node=DONGCHENG)
    assert count["facts"] == len(every)


@pytest.mark.parametrize("fact_type", sorted(EVIDENCE_EDGES))
def test_a_documents_facts_carry_that_documents_evidence_only(graph, fact_type):
    for doc_id in (REPORT, NEWS_A, NEWS_B, "doc:c3c3c3c3c3c3c3c3", "doc:d4d4d4d4d4d4d4d4"):
        rows = run(
            graph,
            "pages/document_facts",
            type=fact_type,
            evidence=EVIDENCE_EDGES[fact_type],
            doc=doc_id,
        )
        assert all(row["type"] == fact_type for row in rows)
        assert all(set(row["sources"]) == {doc_id} for row in rows)
        if doc_id == REPORT:
            found = [
                (r["target"], sorted(zip(r["evidence_start"], r["evidence"], strict=True)))
                for r in rows
            ]
            expected = [(GROUP, [(0, FIRST), (len(FIRST), SECOND)])]
            assert found == (expected if fact_type == "IMPLEMENTS" else [])
    targets = run(
        graph,
        "pages/document_facts",
        type="TARGETS",
        evidence="TARGETS_EVIDENCE",
        doc="doc:d4d4d4d4d4d4d4d4",
    )
    assert [(r["metric"], len(r["evidence"])) for r in targets] == [
        ("教育集团成员校数", 1),
        ("集团化办学覆盖率", 1),
        ("普惠性幼儿园覆盖率", 1),
    ]


def test_a_fact_without_evidence_keeps_its_row(without_evidence):
    store = without_evidence
    adopters = row_of(run(store, "adopters_of_measure", measure=DISTRICT), region_id=HAIDIAN)
    assert (adopters["year"], adopters["evidence"], adopters["sources"]) == (2010, [], [])
    diffusion = row_of(run(store, "measure_diffusion", measure=DISTRICT), region_id=HAIDIAN)
    assert (diffusion["evidence_count"], diffusion["evidence"], diffusion["source"]) == (
        0,
        None,
        None,
    )
    compared = row_of(
        run(store, "compare_regions", a=DONGCHENG_DISTRICT, b=HAIDIAN), measure_id=DISTRICT
    )
    assert (compared["in_b"], compared["year_b"], compared["evidence_b"]) == (True, 2010, [])
    assert len(compared["evidence_a"]) == 1
    facts = run(store, "pages/node_facts", label="Region", node=HAIDIAN)
    assert row_of(facts, target=DISTRICT)["sentences"] == 0
    [edge] = run(
        store,
        "pages/edge",
        source_label="Region",
        type="IMPLEMENTS",
        evidence="IMPLEMENTS_EVIDENCE",
        target_label="Measure",
        source=HAIDIAN,
        target=DISTRICT,
    )
    assert (edge["props"], edge["documents"], edge["evidence"]) == (
        {"year": 2010, "documents": 0, "sentences": 0},  # the store's counts: none
        0,
        [],
    )
