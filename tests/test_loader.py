"""Loading facts: idempotent, batched, and a changed document replaces its old facts."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

import pytest
from graph_fixture import miscounted_facts

from edukg.catalog import CANNED_DIR, load_catalog, run_canned
from edukg.export import export_graph
from edukg.ingest import pipeline
from edukg.ingest.pipeline import ingest_paths
from edukg.store import timeline
from edukg.store.base import ALL_ROWS, GraphStore
from edukg.store.loader import (
    check_documents,
    document_index,
    finish,
    load,
    remove_document,
    replace,
)
from edukg.store.model import ASSERTION_EDGES, EVIDENCE_LISTS, DocumentFacts, Edge, Evidence, Node

BEIJING = Node("Region", "region:110000", "北京市", {"level": "province", "adcode": "110000"})
DONGCHENG = Node("Region", "region:110101", "东城区", {"level": "county", "adcode": "110101"})
XICHENG = Node("Region", "region:110102", "西城区", {"level": "county", "adcode": "110102"})
HEBEI = Node("Region", "region:130000", "河北省", {"level": "province", "adcode": "130000"})
SHIJIAZHUANG = Node(
    "Region", "region:130100", "石家庄市", {"level": "prefecture", "adcode": "130100"}
)
CHANGAN = Node("Region", "region:130102", "长安区", {"level": "county", "adcode": "130102"})
PARENT = {DONGCHENG.id: BEIJING, XICHENG.id: BEIJING, CHANGAN.id: SHIJIAZHUANG}
PARENT[SHIJIAZHUANG.id] = HEBEI

GROUPS = Node("Measure", "measure:group_schooling", "集团化办学", {"name_en": "school groups"})
ROTATION = Node("Measure", "measure:teacher_rotation", "教师轮岗", {"name_en": "teacher rotation"})
DISTRICTS = Node("Measure", "measure:school_district", "学区制", {"name_en": "school districts"})
PLAN = Node("Policy", "policy:示范区建设方案", "示范区建设方案", {"kind": "方案"})
COMPULSORY = Node("Target", "target:义务教育", "义务教育")

Claim = tuple[Node, Node, int]  # region implements measure, from a year (0: none stated)
Goal = tuple[Node, Node, str | None]  # policy targets a stage, with a metric


def document(
    source: str,
    claims: Sequence[Claim] = (),
    *,
    mentions: Sequence[Node] = (),
    goals: Sequence[Goal] = (),
) -> DocumentFacts:
    """The facts of a made-up document with one sentence per claim, goal and mention.

    Claimed regions and measures are mentioned; their parent regions are facts (PART_OF)
    without being mentioned, as the gazetteer adds them.
    """
    sentences = [f"{r.name}{f'自{y}年起' if y else ''}推行{m.name}。" for r, m, y in claims]
    sentences += [f"{p.name}提出{t.name}{metric or ''}目标。" for p, t, metric in goals]
    sentences += [f"文中还提到{node.name}。" for node in mentions]
    text = "".join(sentences)
    sha256 = hashlib.sha256(text.encode()).hexdigest()
    doc = Node("Document", f"doc:{sha256[:16]}", source, {"source": source, "sha256": sha256})
    doc.props.update(text=text, title=source)

    evidence = []
    start = 0
    for sentence in sentences:
        evidence.append((sentence, start, start + len(sentence)))
        start += len(sentence)
    edges = []
    for (region, measure, year), (sentence, begin, end) in zip(claims, evidence, strict=False):
        proof = Evidence(doc.id, sentence, begin, end, year)
        edges.append(Edge("IMPLEMENTS", region.id, measure.id, {}, [proof]))
    for (policy, target, metric), (sentence, begin, end) in zip(
        goals, evidence[len(claims) :], strict=False
    ):
        proof = Evidence(doc.id, sentence, begin, end)
        edges.append(Edge("TARGETS", policy.id, target.id, {"metric": metric}, [proof]))

    mentioned = {node.id: node for node in mentions}
    for region, measure, _ in claims:
        mentioned.update({region.id: region, measure.id: measure})
    for policy, target, _ in goals:
        mentioned.update({policy.id: policy, target.id: target})
    nodes = dict(mentioned)
    for node in list(mentioned.values()):
        while node.id in PARENT:
            edges.append(Edge("PART_OF", node.id, PARENT[node.id].id))
            node = nodes.setdefault(PARENT[node.id].id, PARENT[node.id])
    edges += [Edge("MENTIONS", doc.id, node_id, {"count": 1}) for node_id in mentioned]
    return DocumentFacts(doc, list(nodes.values()), edges)


def export(store: GraphStore) -> tuple[list[dict], list[dict]]:
    """The whole graph as the model sees it (each fact with its evidence lists), sorted."""
    graph = export_graph(store)
    return graph["nodes"], graph["edges"]


def edge(store: GraphStore, source: Node, edge_type: str, target: Node) -> dict | None:
    found = [
        edge
        for edge in export(store)[1]
        if (edge["type"], edge["source"], edge["target"]) == (edge_type, source.id, target.id)
    ]
    assert len(found) <= 1
    return found[0] if found else None


def evidence_years(edge: dict) -> dict[str, list[int]]:
    """doc id -> the years its evidence entries give."""
    years: dict[str, list[int]] = {}
    for doc_id, year in zip(edge["sources"], edge["evidence_year"], strict=True):
        years.setdefault(doc_id, []).append(year)
    return years


def node_ids(store: GraphStore) -> set[str]:
    return {node_id for (node_id,) in store.query("MATCH (n) RETURN n.id", row_limit=ALL_ROWS).rows}


def assert_evidence_is_parallel_and_quotes_its_documents(store: GraphStore) -> None:
    texts = dict(store.query("MATCH (d:Document) RETURN d.id, d.text").rows)
    facts = [edge for edge in export(store)[1] if edge["type"] in ASSERTION_EDGES]
    assert facts
    for props in facts:
        lists = [props[name] for name in EVIDENCE_LISTS]
        assert len({len(values) for values in lists}) == 1, props
        for doc_id, sentence, start, end, *_year in zip(*lists, strict=True):
            assert texts[doc_id][start:end] == sentence


A1 = document("news/a.txt", [(DONGCHENG, GROUPS, 2018), (XICHENG, ROTATION, 2019)])
A2 = document("news/a.txt", [(DONGCHENG, DISTRICTS, 2020)])
B = document("news/b.txt", [(DONGCHENG, GROUPS, 2016)])
C = document("policy/c.md", [(DONGCHENG, GROUPS, 0)], goals=[(PLAN, COMPULSORY, "覆盖率")])


def test_loading_the_same_documents_again_changes_nothing(any_store):
    first = load(any_store, [A1, B, C])
    assert (first.documents_added, first.documents_replaced, first.documents_unchanged) == (3, 0, 0)
    assert first.nodes_created == len(node_ids(any_store)) == 10
    # Edges the documents share are merged before writing: one row each, created once.
    assert (first.edges_created, first.edges_updated, first.edges_unmatched) == (15, 0, 0)
    snapshot = export(any_store)

    outcomes = []
    again = load(any_store, [B, A1, C], on_document=lambda facts, o: outcomes.append(o))
    assert outcomes == ["unchanged"] * 3
    assert again.documents_unchanged == 3 and again.skipped["news/b.txt"] == "unchanged"
    assert again.nodes_created == again.edges_created == again.edges_updated == 0
    assert export(any_store) == snapshot


def test_evidence_from_each_document_is_appended_and_the_year_is_the_earliest(any_store):
    load(any_store, [A1, B, C])
    implements = edge(any_store, DONGCHENG, "IMPLEMENTS", GROUPS)
    assert evidence_years(implements) == {
        A1.document.id: [2018],
        B.document.id: [2016],
        C.document.id: [0],
    }
    assert implements["sources"] == sorted(implements["sources"])  # whatever the load order
    assert implements["year"] == 2016
    assert edge(any_store, XICHENG, "IMPLEMENTS", ROTATION)["year"] == 2019
    assert_evidence_is_parallel_and_quotes_its_documents(any_store)


def test_batch_size_does_not_change_the_graph(any_store):
    load(any_store, [A1, B, C], batch_size=2000)
    whole = export(any_store)
    any_store.clear()
    load(any_store, [A1, B, C], batch_size=1)
    assert export(any_store) == whole


def test_a_changed_document_replaces_its_old_facts(any_store):
    load(any_store, [A1, B])
    summary = load(any_store, [A2])
    assert summary.documents_replaced == 1 and summary.documents_added == 0

    ids = node_ids(any_store)
    assert A1.document.id not in ids and A2.document.id in ids
    assert XICHENG.id not in ids  # only the old version mentioned it
    assert {BEIJING.id, ROTATION.id} <= ids  # parent of a living region; taxonomy measure
    assert edge(any_store, XICHENG, "IMPLEMENTS", ROTATION) is None
    shared = edge(any_store, DONGCHENG, "IMPLEMENTS", GROUPS)
    assert shared["sources"] == [B.document.id] and shared["year"] == 2016
    assert edge(any_store, DONGCHENG, "IMPLEMENTS", DISTRICTS)["year"] == 2020
    assert_evidence_is_parallel_and_quotes_its_documents(any_store)
    assert miscounted_facts(any_store) == []

    # The same graph as if the old version had never been loaded, but for the measure.
    replaced_nodes, replaced_edges = export(any_store)
    any_store.clear()
    load(any_store, [B, A2])
    fresh_nodes, fresh_edges = export(any_store)
    assert replaced_edges == fresh_edges
    assert [node for node in replaced_nodes if node["id"] != ROTATION.id] == fresh_nodes


def times_indexed(store: GraphStore, label: str) -> int:
    """How many times the embedded store has indexed nodes of `label`: its index numbers each
    version of a node it takes in."""
    rows = store.query(
        "CALL db.indexes() YIELD label, entitytype, info "
        "WHERE label = $label AND entitytype = 'NODE' RETURN info.maxDocId",
        {"label": label},
    ).rows
    return rows[0][0]


def test_a_node_named_again_alike_is_left_alone_and_a_changed_one_written(store):
    """Each write of a node makes the embedded store index it anew, its full-text words too,
    whether or not anything changed; later documents name the same regions again and again.
    (Chunks of an ingest: what `finish` writes is test_starters'.)"""
    load(store, [A1], compact=False)
    before = times_indexed(store, "Region")
    regions = store.query("MATCH (r:Region) RETURN count(r)").rows[0][0]
    assert before == regions  # each new node indexed once, with all its properties
    load(store, [B], compact=False)  # 东城区 again, 北京市 above it
    assert times_indexed(store, "Region") == before

    renamed = Node(
        "Region", DONGCHENG.id, DONGCHENG.name, DONGCHENG.props | {"name_en": "Dongcheng"}
    )
    load(store, [document("news/d.txt", [(renamed, GROUPS, 2017)])], compact=False)
    assert times_indexed(store, "Region") == before + 1
    stored = store.query("MATCH (r:Region {id: $id}) RETURN r.name_en", {"id": DONGCHENG.id})
    assert stored.rows == [["Dongcheng"]]


def test_the_year_is_recomputed_when_the_earliest_evidence_goes(any_store):
    load(any_store, [A1, B])
    load(any_store, [document("news/b.txt", [(DONGCHENG, ROTATION, 2021)])])
    shared = edge(any_store, DONGCHENG, "IMPLEMENTS", GROUPS)
    assert shared["sources"] == [A1.document.id] and shared["year"] == 2018


def test_an_adoption_stored_without_a_quote_is_dated_again_when_its_year_goes(any_store):
    """An older version kept no quoted document: the year is looked for again when a document
    giving it goes, and no quote is made up."""
    load(any_store, [A1, B])  # 东城区's school groups: 2018 (a.txt), 2016 (b.txt)
    any_store.write("MATCH ()-[i:IMPLEMENTS]->() SET i = i {.*, quoted: null}")
    remove_document(any_store, "news/b.txt")
    adoption = "MATCH (:Region {id: $region})-[i:IMPLEMENTS]->(:Measure {id: $measure}) "
    dated = any_store.query(
        adoption + "RETURN i.year, i.quoted", {"region": DONGCHENG.id, "measure": GROUPS.id}
    )
    assert dated.rows == [[2018, None]]


def test_a_copy_under_another_source_is_skipped(any_store):
    copy = document("mirror/a-copy.txt", [(DONGCHENG, GROUPS, 2018), (XICHENG, ROTATION, 2019)])
    outcomes = []
    summary = load(any_store, [A1, copy], on_document=lambda facts, o: outcomes.append(o))
    assert outcomes == ["added", "duplicate"]
    assert summary.skipped == {"mirror/a-copy.txt": "duplicate of news/a.txt"}
    assert document_index(any_store) == {"news/a.txt": A1.document.props["sha256"]}
    assert edge(any_store, DONGCHENG, "IMPLEMENTS", GROUPS)["sources"] == [A1.document.id]


def test_a_document_changed_into_a_copy_of_another_loses_its_old_facts(any_store):
    load(any_store, [A1, B])
    now_like_b = document("news/a.txt", [(DONGCHENG, GROUPS, 2016)])
    summary = load(any_store, [now_like_b])
    assert summary.skipped == {"news/a.txt": "duplicate of news/b.txt"}
    assert document_index(any_store) == {"news/b.txt": B.document.props["sha256"]}
    assert XICHENG.id not in node_ids(any_store)
    assert edge(any_store, DONGCHENG, "IMPLEMENTS", GROUPS)["sources"] == [B.document.id]


def test_each_metric_of_a_target_is_its_own_edge(any_store):
    load(any_store, [C, document("policy/d.md", goals=[(PLAN, COMPULSORY, "覆盖率")])])
    load(any_store, [document("policy/e.md", goals=[(PLAN, COMPULSORY, None)])])
    assert targets(any_store) == [("", 1), ("覆盖率", 2)]
    assert_evidence_is_parallel_and_quotes_its_documents(any_store)
    # Found again by its metric: its evidence grows, no twin edge is made.
    again = document("policy/f.md", goals=[(PLAN, COMPULSORY, "覆盖率")], mentions=[BEIJING])
    summary = load(any_store, [again])
    assert targets(any_store) == [("", 1), ("覆盖率", 3)]
    assert summary.edges_updated >= 1
    assert_evidence_is_parallel_and_quotes_its_documents(any_store)


def targets(store: GraphStore) -> list[tuple[str, int]]:
    """(metric, evidence entries) of every TARGETS fact."""
    edges = export(store)[1]
    return [(edge["metric"], len(edge["sources"])) for edge in edges if edge["type"] == "TARGETS"]


def test_removal_keeps_the_regions_a_living_region_needs(any_store):
    county = document("a.txt", [(CHANGAN, GROUPS, 2017)])
    city = document("b.txt", mentions=[SHIJIAZHUANG])
    load(any_store, [county, city])
    assert {CHANGAN.id, SHIJIAZHUANG.id, HEBEI.id} <= node_ids(any_store)

    assert remove_document(any_store, "a.txt")
    assert node_ids(any_store) == {city.document.id, SHIJIAZHUANG.id, HEBEI.id, GROUPS.id}
    assert edge(any_store, SHIJIAZHUANG, "PART_OF", HEBEI) is not None

    assert remove_document(any_store, city.document.id)
    assert node_ids(any_store) == {GROUPS.id}  # measures belong to the taxonomy
    assert not remove_document(any_store, "a.txt")


def test_a_policy_lives_while_a_document_describes_it(any_store):
    """A node lives while a document mentions it, and a policy also while a document describes
    it (an import may give a policy's own text without a mention)."""
    own_text = document("policy/plan.md")
    own_text.nodes.append(PLAN)
    own_text.edges.append(Edge("DESCRIBES", own_text.document.id, PLAN.id))
    report = document("news/n.txt", mentions=[PLAN])
    load(any_store, [own_text, report])
    remove_document(any_store, "news/n.txt")
    assert PLAN.id in node_ids(any_store)
    remove_document(any_store, "policy/plan.md")
    assert PLAN.id not in node_ids(any_store)


def test_a_county_mentioned_alone_takes_its_unmentioned_parents_with_it(any_store):
    load(any_store, [document("a.txt", [(CHANGAN, GROUPS, 2017)])])
    remove_document(any_store, "a.txt")
    assert node_ids(any_store) == {GROUPS.id}


def test_an_interrupted_load_is_redone(any_store):
    load(any_store, [A1, B])
    complete = export(any_store)
    # A load that stopped before its last statement leaves the document without its sha256.
    any_store.write("MATCH (d:Document {id: $id}) SET d.sha256 = null", {"id": A1.document.id})
    assert document_index(any_store) == {"news/b.txt": B.document.props["sha256"]}
    summary = load(any_store, [A1, B])
    assert (summary.documents_replaced, summary.documents_unchanged) == (1, 1)
    assert export(any_store) == complete


def test_edges_to_unknown_nodes_are_counted_not_invented(any_store):
    orphan = document("x.txt", [(DONGCHENG, GROUPS, 2018)])
    orphan.edges.append(Edge("IMPLEMENTS", BEIJING.id, "program:never-loaded"))
    summary = load(any_store, [orphan])
    assert summary.edges_unmatched == 1
    assert "program:never-loaded" not in node_ids(any_store)


def test_edges_between_wrong_labels_are_refused(any_store):
    wrong = document("x.txt", [(DONGCHENG, GROUPS, 2018)])
    wrong.edges.append(Edge("IMPLEMENTS", GROUPS.id, DONGCHENG.id))
    with pytest.raises(ValueError, match="IMPLEMENTS edge cannot join Measure to Region"):
        load(any_store, [wrong])


def test_an_edge_read_back_from_its_flat_form_is_the_same_edge():
    from edukg.store.model import Edge, Evidence

    edge = Edge(
        "IMPLEMENTS",
        "region:110101",
        "measure:group_schooling",
        {"year": 2014},
        [Evidence("doc:a", "东城区推行集团化办学。", 0, 11, 2014, "clause")],
    )
    row = {"type": edge.type, "source": edge.source, "target": edge.target}
    row |= edge.props | edge.evidence_lists()
    assert Edge.from_row(row) == edge
    older = {k: v for k, v in row.items() if k != "evidence_year_source"} | {
        "evidence_year": [None]
    }
    (evidence,) = Edge.from_row(older).evidence  # an export without the newest list, null year
    assert (evidence.year, evidence.year_source) == (0, "")


def test_lost_evidence_is_found_by_the_quick_check_and_a_lost_fact_by_the_whole_count(any_store):
    load(any_store, [A1, B, C])
    assert check_documents(any_store) == check_documents(any_store, quick=True) == []

    # A write the store lost: one document's evidence for a fact. The quick check sees fewer
    # owned edges than the documents wrote, and counts everything to name the document.
    any_store.write(
        "MATCH ()-[e:IMPLEMENTS_EVIDENCE {doc: $doc}]->(:Measure {id: $measure}) DELETE e",
        {"doc": B.document.id, "measure": GROUPS.id},
    )
    [damaged] = check_documents(any_store, quick=True)
    assert (damaged.id, damaged.reason) == (B.document.id, "3 of its 4 facts are in the store")

    # A lost fact edge leaves every owned edge in place: only the whole count finds the
    # documents whose evidence now supports nothing.
    any_store.clear()
    load(any_store, [A1, B])
    any_store.write(
        "MATCH (:Region {id: $region})-[r:IMPLEMENTS]->(:Measure {id: $measure}) DELETE r",
        {"region": DONGCHENG.id, "measure": GROUPS.id},
    )
    assert {doc.id for doc in check_documents(any_store)} == {A1.document.id, B.document.id}


def test_an_unfinished_document_is_found_by_the_quick_check(any_store):
    load(any_store, [A1, B])
    any_store.write("MATCH (d:Document {id: $id}) SET d.sha256 = null", {"id": B.document.id})
    [unfinished] = check_documents(any_store, quick=True)
    assert (unfinished.id, unfinished.reason) == (B.document.id, "its loading never finished")


def same_in_either_order(
    store: GraphStore, one: DocumentFacts, other: DocumentFacts
) -> tuple[list[dict], list[dict]]:
    """The export after loading both documents together, checked to be the export after
    loading them one at a time the other way round."""
    load(store, [one, other])
    in_order = export(store)
    store.clear()
    load(store, [other])
    load(store, [one])
    assert export(store) == in_order
    return in_order


def goal_document(source: str, value: float, mentions: Sequence[Node] = ()) -> DocumentFacts:
    """A document giving the goal PLAN → COMPULSORY (覆盖率) the figure `value`."""
    facts = document(source, goals=[(PLAN, COMPULSORY, "覆盖率")], mentions=mentions)
    for edge in facts.edges:
        if edge.type == "TARGETS":
            edge.props |= {"value": value, "unit": "%"}
    return facts


def test_a_goal_stated_differently_shows_the_first_documents_figure_in_any_load_order(any_store):
    one, other = goal_document("a.md", 90.0), goal_document("b.md", 95.0, mentions=[BEIJING])
    first, second = sorted((one, other), key=lambda facts: facts.document.id)
    in_order = same_in_either_order(any_store, one, other)
    [goal] = [edge for edge in in_order[1] if edge["type"] == "TARGETS"]
    stated = next(e for e in first.edges if e.type == "TARGETS").props["value"]
    assert goal["value"] == stated and "stated_by" not in goal

    # The document that stated it goes: the goal shows the figure of the one left.
    assert miscounted_facts(any_store) == []
    remove_document(any_store, first.document.props["source"])
    assert miscounted_facts(any_store) == []
    [goal] = [edge for edge in export(any_store)[1] if edge["type"] == "TARGETS"]
    assert goal["value"] == next(e for e in second.edges if e.type == "TARGETS").props["value"]


def test_a_goal_whose_first_document_states_less_keeps_its_other_properties(any_store):
    """Three documents give a goal: the first by id its value alone, the middle one also a
    comparator, the last a unit. Loaded last to first, the goal shows the first's figures and
    keeps its metric, count and bookkeeping (an update removing two properties, one of them
    the last added, removed another on FalkorDB 4.16); removing the first shows the middle's."""
    documents = [
        goal_document(f"{name}.md", 90.0, mentions)
        for name, mentions in (("a", []), ("b", [BEIJING]), ("c", [HEBEI]))
    ]
    first, middle, last = sorted(documents, key=lambda facts: facts.document.id)
    for facts, change in ((first, {"unit": None}), (middle, {"comparator": ">="})):
        for edge in facts.edges:
            if edge.type == "TARGETS":
                edge.props |= change
    for facts in (last, middle, first):
        load(any_store, [facts])
    [goal] = [edge for edge in export(any_store)[1] if edge["type"] == "TARGETS"]
    figures = ("metric", "value", "unit", "comparator", "deadline")
    stated = next(e for e in first.edges if e.type == "TARGETS").props
    assert {k: goal.get(k) for k in figures} == {k: stated.get(k) for k in figures}
    assert miscounted_facts(any_store) == []
    in_order = export(any_store)
    any_store.clear()
    load(any_store, [first, middle, last])
    assert export(any_store) == in_order

    remove_document(any_store, first.document.props["source"])
    [goal] = [edge for edge in export(any_store)[1] if edge["type"] == "TARGETS"]
    assert (goal["comparator"], goal["unit"], goal["metric"]) == (">=", "%", "覆盖率")


def test_a_removal_from_a_store_of_old_without_counts_leaves_what_a_clean_load_makes(any_store):
    """Facts stored by an older version have no count of documents: a removal looks for
    their evidence instead. The adoption and the goal only the removed document supports go,
    though their ends stay (another document mentions them)."""
    removed = document(
        "news/d.txt", [(DONGCHENG, ROTATION, 2019)], goals=[(PLAN, COMPULSORY, "覆盖率")]
    )
    kept = document("news/e.txt", [(DONGCHENG, GROUPS, 2016)], mentions=[PLAN, COMPULSORY])
    load(any_store, [removed, kept])
    any_store.write(
        "MATCH ()-[r]->() WHERE r.documents IS NOT NULL SET r = r {.*, documents: null}"
    )
    remove_document(any_store, "news/d.txt")
    uncounted = export(any_store)
    any_store.clear()
    load(any_store, [kept])
    nodes, edges = export(any_store)
    assert uncounted[1] == edges
    assert [node for node in uncounted[0] if node["id"] != ROTATION.id] == nodes  # measures stay


def test_documents_changed_together_leave_the_graph_a_clean_load_makes(any_store):
    b2 = document("news/b.txt", [(XICHENG, GROUPS, 2015)], mentions=[HEBEI])
    load(any_store, [A1, B, C])
    summary = load(any_store, [A2, b2, C])  # two changed at once, removed in one go
    assert (summary.documents_replaced, summary.documents_unchanged) == (2, 1)
    assert miscounted_facts(any_store) == []
    incremental = export(any_store)
    any_store.clear()
    load(any_store, [A2, b2, C])
    nodes, edges = export(any_store)
    assert incremental[1] == edges
    assert [node for node in incremental[0] if node["id"] != ROTATION.id] == nodes


def test_a_removal_counts_off_its_evidence_from_facts_between_every_kind_of_ends(any_store):
    """Adoptions of a measure, a programme and a policy; goals of a policy, a measure and a
    programme. A removal finds each fact by its ends' labels: every pair of them an edge type
    joins must have its evidence counted off and deleted, as a clean load of the rest shows."""
    program = Node("Program", "program:名校带新校", "名校带新校")
    claims = [(DONGCHENG, GROUPS, 2018), (DONGCHENG, program, 2019), (XICHENG, PLAN, 2020)]
    goals = [(PLAN, COMPULSORY, "覆盖率"), (GROUPS, COMPULSORY, "比例")]
    goals += [(program, COMPULSORY, "数量")]
    removed = document("news/f.txt", claims, goals=goals)
    kept = document("news/g.txt", claims, goals=goals, mentions=[HEBEI])
    load(any_store, [removed, kept])
    remove_document(any_store, "news/f.txt")
    left = "MATCH ()-[e]->() WHERE e.doc = $doc RETURN count(e)"
    assert any_store.query(left, {"doc": removed.document.id}).rows == [[0]]
    assert miscounted_facts(any_store) == []
    after_removal = export(any_store)
    any_store.clear()
    load(any_store, [kept])
    assert after_removal == export(any_store)


TAIPING = "org:太平区教育局"  # two counties of that name: one node, stated differently


def stating(
    facts: DocumentFacts, nodes: Sequence[Node], links: Sequence[Edge] = ()
) -> DocumentFacts:
    """The document also mentions `nodes`, stating them as they are given, and states
    `links` between them (a policy's issuers)."""
    facts.nodes += nodes
    facts.edges += [Edge("MENTIONS", facts.document.id, node.id, {"count": 1}) for node in nodes]
    facts.edges += links
    return facts


def bureau(region: str | None) -> Node:
    return Node("Organization", TAIPING, "太平区教育局", {"region": region} if region else {})


def plan(doc_number: str | None = None) -> Node:
    return Node("Policy", PLAN.id, PLAN.name, {"kind": "方案", "doc_number": doc_number})


def issued_by(*orgs: str) -> list[Edge]:
    return [Edge("ISSUED_BY", PLAN.id, org) for org in orgs]


def node(store: GraphStore, node_id: str) -> dict:
    return next(found for found in export(store)[0] if found["id"] == node_id)


def test_a_node_stated_differently_takes_each_property_from_the_first_document(any_store):
    one = stating(document("a.md", [(DONGCHENG, GROUPS, 2018)]), [bureau("230100"), plan()])
    other = stating(
        document("b.md", [(XICHENG, GROUPS, 2019)]), [bureau("450300"), plan("京教发〔2020〕3号")]
    )
    first, second = sorted((one, other), key=lambda facts: facts.document.id)
    in_order = same_in_either_order(any_store, one, other)
    region = {facts.document.id: facts.nodes[-2].props["region"] for facts in (one, other)}
    assert node(any_store, TAIPING)["region"] == region[first.document.id]
    assert node(any_store, PLAN.id)["doc_number"] == "京教发〔2020〕3号"  # stated by one only
    assert not {"props_stated_by", "statement"} & {
        key for item in in_order[0] + in_order[1] for key in item
    }

    # The first document goes: each property is the next document's, one it left unsaid goes.
    remove_document(any_store, first.document.props["source"])
    assert node(any_store, TAIPING)["region"] == region[second.document.id]
    assert ("doc_number" in node(any_store, PLAN.id)) == (second is other)


YEARS_OF = (("a", 2018), ("b", 2019), ("c", 2020))  # three documents' names and years


def test_a_property_stated_alike_by_several_documents_passes_to_the_first_of_them(any_store):
    """The documents left stating a node alike are read as one statement (a national policy
    is stated alike by thousands): the property still passes to the first of them by id,
    then to the next, and never back to the document going."""
    first, second, third = sorted(
        (document(f"{name}.md", [(DONGCHENG, GROUPS, year)]) for name, year in YEARS_OF),
        key=lambda facts: facts.document.id,
    )
    stating(first, [bureau("230100")])
    for facts in (second, third):
        stating(facts, [bureau("450300")])
    load(any_store, [third, first, second])

    def region_stated_by() -> tuple[str, str]:
        [(props,)] = any_store.query(
            "MATCH (n:Organization {id: $id}) RETURN properties(n)", {"id": TAIPING}
        ).rows
        return props["region"], json.loads(props["props_stated_by"])["region"]

    assert region_stated_by() == ("230100", first.document.id)
    remove_document(any_store, first.document.props["source"])
    assert region_stated_by() == ("450300", second.document.id)
    remove_document(any_store, second.document.props["source"])
    assert region_stated_by() == ("450300", third.document.id)


def test_a_link_stays_while_a_document_states_it(any_store):
    city, county = bureau(None), Node("Organization", "org:东城区教育委员会", "东城区教育委员会")
    both = stating(document("a.md", [(DONGCHENG, GROUPS, 2018)]), [plan(), city, county])
    both.edges += issued_by(city.id, county.id)
    one = stating(document("b.md", [(XICHENG, GROUPS, 2019)]), [plan(), city, county])
    one.edges += issued_by(city.id)
    silent = stating(document("a.md", [(DONGCHENG, DISTRICTS, 2020)]), [plan()])
    load(any_store, [both, one])
    issuers = {e["target"] for e in export(any_store)[1] if e["type"] == "ISSUED_BY"}
    assert issuers == {city.id, county.id}

    load(any_store, [silent, one])  # a.md changed: it names no issuer any more
    incremental = export(any_store)
    issuers = {e["target"] for e in incremental[1] if e["type"] == "ISSUED_BY"}
    assert issuers == {city.id}  # still stated by b.md; the county body still mentioned
    assert county.id in {n["id"] for n in incremental[0]}
    any_store.clear()
    load(any_store, [silent, one])
    assert export(any_store) == incremental


def adoption_timeline(store: GraphStore) -> list[tuple[int, str, int, list[str]]]:
    """The timeline query's answer over all regions, checked against the same query reading the
    adoptions themselves (the measures' kept timelines dropped for it, then written again)."""
    query = load_catalog([CANNED_DIR])["measure_timeline"]
    kept = run_canned(store, query, {}).records()
    timeline.forget(store)
    read = run_canned(store, query, {}).records()
    timeline.refresh(store)
    assert kept == read
    return [(r["year"], r["measure_id"], r["region_count"], r["regions"]) for r in kept]


def measures_keeping_a_timeline(store: GraphStore) -> int:
    [(count,)] = store.query(
        "MATCH (m:Measure) WHERE m.adoption_timeline IS NOT NULL RETURN count(m)"
    ).rows
    return count


def test_the_timeline_measures_keep_follows_every_change_of_their_adoptions(any_store):
    """Each measure keeps its timeline of adoptions (edukg.store.timeline), written again when
    a load, a removal or an import is done, and dropped while a load in chunks goes on: what it
    keeps is always what its adoptions say, and the export never shows it."""
    load(any_store, [A1, B])
    assert measures_keeping_a_timeline(any_store) == 2
    assert adoption_timeline(any_store) == [
        (2016, GROUPS.id, 1, ["东城区"]),
        (2019, ROTATION.id, 1, ["西城区"]),
    ]
    more = document(
        "news/d.txt", [(CHANGAN, GROUPS, 2016), (XICHENG, GROUPS, 2016), (DONGCHENG, DISTRICTS, 0)]
    )
    load(any_store, [more], compact=False)  # a chunk of an ingest: read from the adoptions
    assert measures_keeping_a_timeline(any_store) == 0
    assert adoption_timeline(any_store)[0] == (2016, GROUPS.id, 3, ["东城区", "西城区", "长安区"])
    finish(any_store)
    assert measures_keeping_a_timeline(any_store) == 3  # an undated adoption: an empty one

    remove_document(any_store, B.document.props["source"], compact=False)
    assert measures_keeping_a_timeline(any_store) == 0
    finish(any_store)
    assert adoption_timeline(any_store) == [
        (2016, GROUPS.id, 2, ["西城区", "长安区"]),
        (2018, GROUPS.id, 1, ["东城区"]),
        (2019, ROTATION.id, 1, ["西城区"]),
    ]
    replace(any_store, [], [Edge("IMPLEMENTS", CHANGAN.id, ROTATION.id, {"year": 2010})])
    assert measures_keeping_a_timeline(any_store) == 3
    assert adoption_timeline(any_store)[0] == (2010, ROTATION.id, 1, ["长安区"])
    assert not [node for node in export(any_store)[0] if "adoption_timeline" in node]


def test_an_ingest_leaves_every_measure_its_timeline(store, tmp_path):
    (tmp_path / "news.txt").write_text(
        "东城区自2014年起推行集团化办学。西城区从2019年开始试行教师轮岗。", encoding="utf-8"
    )
    assert not ingest_paths(store, [tmp_path], workers=1).has_errors
    [(measures,)] = store.query("MATCH (m:Measure) RETURN count(m)").rows
    assert measures_keeping_a_timeline(store) == measures > 0
    assert (2014, GROUPS.id, 1, ["东城区"]) in adoption_timeline(store)


def test_changed_files_replace_their_earlier_facts_as_a_clean_ingest_makes(
    store, tmp_path, monkeypatch
):
    """An ingest removes the stored versions of the next chunk's changed files while the workers
    read them, never of a file already read (a chunk spans more files when some are skipped):
    the graph is the one a clean ingest of the new files makes, and the report counts them as
    replaced, or as removed for a file that can no longer be read."""
    monkeypatch.setattr(pipeline, "DOCUMENTS_PER_LOAD", 2)
    adoptions = ["东城区", "西城区", "朝阳区", "海淀区", "丰台区"]

    def write(year: int) -> None:
        for number, region in enumerate(adoptions):
            text = f"{region}自{year + number}年起推行集团化办学。"
            (tmp_path / f"{number}.txt").write_text(text, encoding="utf-8")

    write(2010)
    ingest_paths(store, [tmp_path], workers=1)
    write(2015)
    (tmp_path / "1.txt").write_bytes(b"\x00\x01binary now")
    report = ingest_paths(store, [tmp_path], workers=1)
    assert (report.totals["documents_replaced"], report.totals["documents_added"]) == (4, 0)
    assert report.totals["documents_removed"] == 1
    [unreadable] = [skip for skip in report.skipped if skip.source.endswith("1.txt")]
    assert unreadable.reason.endswith("the facts of its earlier version were removed")
    incremental = export(store)

    store.clear()
    ingest_paths(store, [tmp_path], workers=1)
    assert export(store) == incremental
    years = {e["source"]: e["year"] for e in incremental[1] if e["type"] == "IMPLEMENTS"}
    assert years == {
        "region:110101": 2015,
        "region:110105": 2017,
        "region:110108": 2018,
        "region:110106": 2019,
    }
