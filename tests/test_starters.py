"""The pickers' first choices, ranked by the loader (edukg.store.starters): after every load and
removal what ranking the whole graph gives, in the portable Cypher and in the embedded store's
own, and never exported."""

from __future__ import annotations

from collections import Counter

import pytest
from test_loader import (
    CHANGAN,
    COMPULSORY,
    DONGCHENG,
    GROUPS,
    ROTATION,
    XICHENG,
    document,
    export,
    times_indexed,
)

from edukg.catalog import inner_queries, run_canned
from edukg.store import starters
from edukg.store.base import GraphStore
from edukg.store.loader import finish, load, remove_document
from edukg.store.model import DocumentFacts, Edge, Evidence, Node

PLAN = Node("Policy", "policy:示范区建设方案", "示范区建设方案", {"kind": "方案"})
RULES = Node("Policy", "policy:集团化办学管理办法", "集团化办学管理办法", {"kind": "办法"})
OPINION = Node("Policy", "policy:关于深化改革的意见", "关于深化改革的意见", {"kind": "意见"})
CITED = Node("Policy", "policy:教育发展规划", "教育发展规划", {"kind": "规划"})
# The kinds the embedded store ranks in its own Cypher.
OWN_RANKINGS = [
    label
    for label in starters.RANKED_LABELS
    if starters.statement(label, "falkordb") != starters.statement(label, "neo4j")
]
PAGE_QUERIES = {"Policy": "policies", "Document": "recent_documents", "Region": "fact_nodes"}


def policy_text(
    source: str,
    policy: Node,
    metrics: tuple[str, ...] = (),
    *,
    cites: Node | None = None,
) -> DocumentFacts:
    """A made-up text of `policy` setting a goal for each metric, perhaps citing another."""
    goals = [(policy, COMPULSORY, metric) for metric in metrics]
    facts = document(source, goals=goals, mentions=[cites] if cites else [])
    facts.edges.append(Edge("DESCRIBES", facts.document.id, policy.id))
    if not goals:
        facts.nodes.append(policy)
    if cites is not None:
        sentence = f"{policy.name}依据{cites.name}制定。"
        facts.document.props["text"] += sentence
        end = len(facts.document.props["text"])
        proof = Evidence(facts.document.id, sentence, end - len(sentence), end)
        facts.edges.append(Edge("CITES", policy.id, cites.id, {}, [proof]))
    return facts


def dated(facts: DocumentFacts, published: str) -> DocumentFacts:
    facts.document.props["published"] = published
    return facts


DOCUMENTS = [
    dated(policy_text("policy/plan.md", PLAN, ("覆盖率", "入学率")), "2023-05-01"),
    dated(policy_text("policy/rules.md", RULES, ("巩固率",), cites=CITED), "2024-02-01"),
    policy_text("policy/opinion.md", OPINION),  # no date, no goal, no citation
    dated(document("news/a.txt", [(DONGCHENG, GROUPS, 2018), (XICHENG, ROTATION, 0)]), "2022-01"),
    dated(document("news/b.txt", [(DONGCHENG, ROTATION, 2020), (CHANGAN, GROUPS, 0)]), "2024-02"),
]


def whole_graph_ranking(store: GraphStore) -> dict[str, list[str]]:
    """Each kind's first choices worked out from the export: policies with a text by links
    (goals, citations either way), documents newest first (undated last), regions by
    adoptions; ties by id."""
    nodes, edges = export(store)
    links: Counter[str] = Counter()
    adoptions: Counter[str] = Counter()
    for edge in edges:
        if edge["type"] in ("TARGETS", "CITES"):
            links[edge["source"]] += 1
        if edge["type"] == "CITES":
            links[edge["target"]] += 1
        if edge["type"] == "IMPLEMENTS":
            adoptions[edge["source"]] += 1
    described = {edge["target"] for edge in edges if edge["type"] == "DESCRIBES"}
    documents = sorted(node["id"] for node in nodes if node["label"] == "Document")
    published = {node["id"]: node.get("published") or "" for node in nodes}
    return {
        "Policy": sorted(described, key=lambda policy: (-links[policy], policy)),
        "Document": sorted(documents, key=lambda doc: published[doc], reverse=True),
        "Region": sorted(adoptions, key=lambda region: (-adoptions[region], region)),
    }


def ranked(store: GraphStore) -> dict[str, list[str]]:
    """What the pages' queries offer of each kind."""
    pages = inner_queries("pages")
    return {
        label: [row["id"] for row in run_canned(store, pages[name], {"limit": 50}).records()]
        for label, name in PAGE_QUERIES.items()
    }


def test_the_first_choices_are_the_whole_graphs_after_every_load_and_removal(any_store):
    load(any_store, DOCUMENTS)
    first = ranked(any_store)
    assert first == whole_graph_ranking(any_store)
    assert first["Policy"] == [PLAN.id, RULES.id, OPINION.id]  # 2 goals; 1 goal + 1 citation
    assert first["Region"][0] == DONGCHENG.id

    remove_document(any_store, "policy/plan.md", compact=False)
    assert ranked(any_store)["Policy"] == [RULES.id, OPINION.id]  # the rest keep their place
    finish(any_store)
    assert ranked(any_store) == whole_graph_ranking(any_store)

    later = dated(document("news/c.txt", [(CHANGAN, ROTATION, 2021)]), "2025-03-01")
    load(any_store, [later], compact=False)  # a chunk of an ingest: the ranks stay as they were
    assert later.document.id not in ranked(any_store)["Document"]
    finish(any_store)
    assert ranked(any_store)["Document"][0] == later.document.id
    assert ranked(any_store) == whole_graph_ranking(any_store)
    assert not [node for node in export(any_store)[0] if "starter_rank" in node]


def test_only_the_first_kept_of_a_kind_are_ranked(store, monkeypatch):
    monkeypatch.setattr(starters, "KEPT", 2)
    load(store, DOCUMENTS)
    whole = whole_graph_ranking(store)
    assert ranked(store) == {label: ids[:2] for label, ids in whole.items()}


def test_a_policy_with_two_texts_takes_one_place(any_store, monkeypatch):
    """A policy whose text two files hold (posted twice, worded apart) is one choice: it must
    not take the place of the next policy."""
    monkeypatch.setattr(starters, "KEPT", 2)
    load(any_store, [*DOCUMENTS, policy_text("policy/plan-again.md", PLAN, cites=CITED)])
    policies = ranked(any_store)["Policy"]
    assert policies == [PLAN.id, RULES.id]
    assert policies == whole_graph_ranking(any_store)["Policy"][:2]


@pytest.mark.parametrize("label", OWN_RANKINGS)
def test_the_embedded_stores_own_ranking_ranks_as_the_portable_one(store, label):
    """The portable statement is what Neo4j runs; here it runs on the embedded store too."""
    load(store, DOCUMENTS)
    own = ranked(store)[label]
    store.write(starters.statement(label, "neo4j"), {"kept": starters.KEPT})
    assert ranked(store)[label] == own == whole_graph_ranking(store)[label]


def test_a_ranking_that_changes_nothing_writes_nothing(store):
    """The embedded store indexes a node again on every write, a document's whole text too:
    ranking a graph whose first choices stay writes no node."""
    load(store, DOCUMENTS)
    indexed = {label: times_indexed(store, label) for label in starters.RANKED_LABELS}
    starters.refresh(store)
    assert {label: times_indexed(store, label) for label in starters.RANKED_LABELS} == indexed
