"""Full-text search through `GraphStore.search`, on the real embedded store (and on Neo4j when
NEO4J_URI is set): the loader writes each node's segmented shadow property, each backend's
full-text index answers, results come grouped by kind and ranked."""

from __future__ import annotations

import pytest

from edukg.store.loader import load, remove_documents
from edukg.store.search import (
    SEARCH_KINDS,
    highlights,
    query_terms,
    sentences_with,
    shadow_text,
    unindexed,
)
from tests.graph_fixture import Interrupted, StopsAfter, fixture_documents


@pytest.fixture
def searchable(any_store):
    load(any_store, fixture_documents())
    return any_store


def found(store, text: str, **options) -> list[tuple[str, str]]:
    return [(hit.kind, hit.id) for hit in store.search(text, **options)]


def test_an_english_name_or_key_finds_the_measure(searchable):
    assert found(searchable, "group schooling") == [("Measure", "measure:group_schooling")]
    hits = searchable.search("school-group operation")
    assert [(hit.id, hit.matched) for hit in hits] == [
        ("measure:group_schooling", "school-group (education group) operation")
    ]


def test_a_chinese_phrase_finds_names_and_the_documents_that_contain_it(searchable):
    hits = found(searchable, "集团化办学")
    assert hits[0] == ("Measure", "measure:group_schooling")
    assert ("Policy", "policy:北京市关于推进集团化办学的指导意见") in hits
    documents = {node_id for kind, node_id in hits if kind == "Document"}
    assert documents == {
        "doc:a1a1a1a1a1a1a1a1",
        "doc:b2b2b2b2b2b2b2b2",
        "doc:c3c3c3c3c3c3c3c3",
        "doc:d4d4d4d4d4d4d4d4",
    }


def test_results_are_grouped_by_kind_and_an_exact_name_comes_first(searchable):
    hits = searchable.search("朝阳区")
    kinds = [hit.kind for hit in hits]
    assert kinds == sorted(kinds, key=SEARCH_KINDS.index)
    assert hits[0].id == "region:220104" and hits[0].matched == "朝阳区"


def test_traditional_input_is_converted(searchable):
    assert found(searchable, "東城區", kinds=["Region"]) == [("Region", "region:110101")]


def test_a_few_characters_find_names_containing_them(searchable):
    assert found(searchable, "海淀", kinds=["Region"]) == [("Region", "region:110108")]
    assert found(searchable, "阳", kinds=["Region"]) == [("Region", "region:220104")]


def test_search_as_one_types_takes_the_last_word_as_a_prefix(searchable):
    assert found(searchable, "group schoo") == []
    assert found(searchable, "group schoo", prefix=True) == [("Measure", "measure:group_schooling")]


def test_results_are_bounded_per_kind(searchable):
    assert len(found(searchable, "集团化办学", kinds=["Document"], limit=2)) == 2


def test_nothing_found_and_nothing_to_search(searchable):
    assert searchable.search("完全不相干的词语") == []
    assert searchable.search("  ，。 ") == []


def test_text_that_looks_like_query_syntax_is_only_words(searchable):
    for text in ['"', "*", "@name:x", "a OR b", "-(", "+集团化 -办学", "\\", "~1", "name:*"]:
        searchable.search(text)  # no error from either engine's query parser


def test_search_reads_the_index_not_the_label(searchable):
    """A node without the shadow property is not found: the index answers, not a scan."""
    searchable.write("CREATE (:Region {id: 'region:999999', name: '无索引区'})")
    assert found(searchable, "无索引区") == []


def test_a_reloaded_document_is_found_by_its_new_text_only(searchable):
    documents = fixture_documents()
    first = documents[0]
    first.document.props["text"] = first.document.props["text"].replace("教育集团", "联合学校")
    first.document.props["sha256"] = "changed"
    load(searchable, [first])
    assert "doc:a1a1a1a1a1a1a1a1" in {i for _k, i in found(searchable, "联合学校")}
    assert "doc:a1a1a1a1a1a1a1a1" not in {i for _k, i in found(searchable, "十多个教育集团")}


def test_a_document_is_found_once_its_load_is_complete(store):
    """Its words are indexed when it is marked complete, once: an interrupted load leaves
    nothing half-loaded to be found, and loading it again makes it findable."""
    whole = StopsAfter(store)
    load(whole, fixture_documents())
    marking = next(i for i, cypher in enumerate(whole.written) if "d.sha256 =" in cypher)
    store.clear()
    with pytest.raises(Interrupted):
        load(StopsAfter(store, limit=marking), fixture_documents())
    assert [kind for kind, _ in found(store, "十多个教育集团") if kind == "Document"] == []
    assert not unindexed(store)  # nor is it taken for a graph of an older edukg
    load(store, fixture_documents())
    assert ("Document", "doc:a1a1a1a1a1a1a1a1") in found(store, "十多个教育集团")


def test_a_document_leaves_the_search_as_its_removal_starts(store):
    """A removal cut short right after it marks the document leaves the document unfound and
    not taken for one of an older edukg; the next removal finishes it."""
    load(store, fixture_documents())
    doc_id = "doc:a1a1a1a1a1a1a1a1"
    source = next(
        d.document.props["source"] for d in fixture_documents() if d.document.id == doc_id
    )
    whole = StopsAfter(store)
    remove_documents(whole, [source])
    marking = next(i for i, cypher in enumerate(whole.written) if "d.removing =" in cypher)
    load(store, fixture_documents())
    assert ("Document", doc_id) in found(store, "十多个教育集团")
    with pytest.raises(Interrupted):
        remove_documents(StopsAfter(store, limit=marking + 1), [source])
    assert [kind for kind, _ in found(store, "十多个教育集团") if kind == "Document"] == []
    assert not unindexed(store)
    assert remove_documents(store, [source]) == 1
    assert store.query("MATCH (d:Document {id: $id}) RETURN d", {"id": doc_id}).rows == []


def test_shadow_text_holds_words_ngrams_and_the_measure_key():
    text = shadow_text(
        "measure:group_schooling",
        {"name": "集团化办学", "name_en": "School-group operation", "aliases": ["集团校"]},
    ).split()
    assert {"集团化", "办学", "集", "团化", "school", "group", "operation", "集团校"} <= set(text)
    assert {"group", "schooling"} <= set(text)
    document = shadow_text("doc:x", {"title": "标题", "text": "推进集团化办学改革。"}).split()
    assert {"推进", "集团化", "办学", "改革"} <= set(document)
    assert "进集" not in document  # no n-grams of document text


def test_query_terms_are_plain_words():
    assert query_terms("Group Schooling") == ["group", "schooling"]
    assert query_terms("group sch", prefix=True) == ["group", "sch*"]
    assert query_terms("集團化辦學") == ["集团化", "办学"]
    assert query_terms('"a" OR (b)') == ["a", "or", "b"]


def test_a_pasted_page_is_cut_to_a_bounded_search():
    terms = query_terms("集团化办学，推进学区制改革。" * 200)
    assert 0 < len(terms) <= 32


def test_sentences_and_highlights():
    text = "东城区推行集团化办学。海淀区也一样！其他区还没有"
    assert [text[s:e] for s, e in sentences_with(text, "集團化辦學")] == ["东城区推行集团化办学。"]
    assert highlights("东城区推行集团化办学。", "集团化办学") == [
        ("东城区推行", False),
        ("集团化办学", True),
        ("。", False),
    ]
    assert highlights("**<b>x</b>**", "x") == [("**<b>", False), ("x", True), ("</b>**", False)]


def test_nodes_of_other_labels_have_no_shadow(store):
    load(store, fixture_documents())
    rows = store.query("MATCH (n) WHERE n.search_text IS NOT NULL RETURN DISTINCT labels(n)[0]")
    assert {label for (label,) in rows.rows} <= set(SEARCH_KINDS)


def test_the_index_survives_a_restart_of_the_embedded_store(private_server):
    from edukg.store.falkordb_store import FalkorDBStore

    private_server.start()
    with FalkorDBStore(private_server) as first:
        load(first, fixture_documents())
    private_server.stop()
    private_server.start()
    with FalkorDBStore(private_server) as again:
        assert found(again, "group schooling") == [("Measure", "measure:group_schooling")]
        assert ("Document", "doc:a1a1a1a1a1a1a1a1") in found(again, "十多个教育集团")


def test_the_shadow_property_is_not_exported_and_an_import_rebuilds_it(searchable):
    from edukg.export import export_graph
    from edukg.rdf import load_graph

    graph = export_graph(searchable)
    assert not any("search_text" in node for node in graph["nodes"])
    searchable.clear()
    load_graph(searchable, graph)
    assert found(searchable, "group schooling") == [("Measure", "measure:group_schooling")]
    assert ("Document", "doc:a1a1a1a1a1a1a1a1") in found(searchable, "十多个教育集团")
