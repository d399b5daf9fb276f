"""The explorer's parts that need no page: saved query files, the editor's draft, evidence
in context, charts chosen for answers, the graph view's DOT text, search input."""

from __future__ import annotations

import pandas as pd
import pytest

from edukg.catalog import delete_query, import_query_file, load_catalog, save_query
from edukg.explorer.charts import auto_chart
from edukg.explorer.evidence import highlighted, in_context, locate
from edukg.explorer.saved import Draft
from edukg.explorer.search import simplified
from edukg.queryfile import CannedQuery, ParamError, QueryFileError, QueryParam
from edukg.store.model import Evidence

QUERY = CannedQuery(
    name="my_regions",
    title="我的地区 · My regions",
    description="Regions under a province.",
    group="Mine",
    cypher="MATCH (r:Region)-[:PART_OF]->(:Region {id: $parent}) RETURN r.name AS name",
    params=[QueryParam("parent", default="region:110000", label="Province")],
)


def test_a_saved_query_round_trips_and_lists_beside_the_canned_ones(tmp_path, monkeypatch):
    monkeypatch.setenv("EDUKG_DATA_DIR", str(tmp_path))
    path = save_query(QUERY)
    assert path == tmp_path / "saved_queries" / "my_regions.cypher"
    loaded = load_catalog()["my_regions"]
    assert (loaded.title, loaded.cypher, loaded.params) == (QUERY.title, QUERY.cypher, QUERY.params)
    assert "adopters_of_measure" in load_catalog()

    with pytest.raises(QueryFileError, match="already exists"):
        save_query(QUERY)
    save_query(CannedQuery(**{**vars(QUERY), "title": "Renamed"}), replace=True)
    assert load_catalog()["my_regions"].title == "Renamed"

    delete_query("my_regions")
    assert "my_regions" not in load_catalog()
    with pytest.raises(QueryFileError, match="no saved query"):
        delete_query("my_regions")


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("adopters_of_measure", "canned query"),
        ("../escape", "cannot name a query"),
        ("", "cannot name a query"),
        ("-dash", "cannot name a query"),
    ],
)
def test_names_that_would_clash_or_escape_are_refused(name, problem, tmp_path):
    with pytest.raises(QueryFileError, match=problem):
        save_query(CannedQuery(**{**vars(QUERY), "name": name}), tmp_path)
    assert not list(tmp_path.iterdir())


def test_an_undeclared_parameter_is_refused_before_writing(tmp_path):
    broken = CannedQuery(**{**vars(QUERY), "params": []})
    with pytest.raises(QueryFileError, match="undeclared params"):
        save_query(broken, tmp_path)
    assert not list(tmp_path.iterdir())


def test_import_checks_the_file_and_names_it_by_its_stem(tmp_path):
    source = "// title: Counting\nMATCH (n) RETURN count(n) AS n\n"
    query = import_query_file(source, "counting.cypher", tmp_path)
    assert query.name == "counting" and (tmp_path / "counting.cypher").is_file()
    with pytest.raises(QueryFileError, match="must start with // comment lines"):
        import_query_file("MATCH (n) RETURN n", "headless.cypher", tmp_path)
    assert not (tmp_path / "headless.cypher").exists()


def test_the_draft_finds_parameters_and_types_their_values():
    draft = Draft(
        name="top",
        cypher="MATCH (r:Region) WHERE r.level = $level RETURN r LIMIT $top",
        params={"level": ("string", "county"), "top": ("int", "5"), "gone": ("int", "1")},
    )
    query = draft.query()
    assert query.title == "top"  # the name stands in for a missing title
    assert [(p.name, p.type, p.default) for p in query.params] == [
        ("level", "string", "county"),
        ("top", "int", 5),
    ]
    draft.params["top"] = ("int", "five")
    with pytest.raises(ParamError, match="expects int"):
        draft.query()


def test_a_loaded_query_keeps_its_labels_and_choices():
    with_choices = CannedQuery(
        **{
            **vars(QUERY),
            "params": [
                QueryParam(
                    "parent",
                    label="Province",
                    choices="MATCH (r:Region) RETURN r.id AS value, r.name AS label",
                )
            ],
        }
    )
    draft = Draft.of(with_choices)
    assert draft.params == {"parent": ("string", "")}
    (param,) = draft.query().params
    assert (param.label, param.choices) == ("Province", with_choices.params[0].choices)


TEXT = "第一段。\n甲区于2014年<起>推行集团化办学，成效明显。随后又有新举措。\n第三段。"


def test_a_sentence_is_highlighted_in_its_paragraph_and_escaped():
    sentence = "甲区于2014年<起>推行集团化办学，成效明显。"
    span = locate(
        TEXT,
        Evidence(
            "doc:x", sentence, TEXT.index(sentence), TEXT.index(sentence) + len(sentence), 2014
        ),
    )
    html = in_context(TEXT, span)
    assert html.startswith("<mark") and "&lt;起&gt;" in html and "<起>" not in html
    assert html.endswith("随后又有新举措。")  # the paragraph, not the next one
    assert "第一段" not in html and "第三段" not in html
    clipped = in_context(TEXT, span, width=3)
    assert clipped.endswith("随后又…")


def test_offsets_that_miss_fall_back_to_finding_the_sentence():
    sentence = "随后又有新举措。"
    assert locate(TEXT, Evidence("doc:x", sentence, 0, 8, 0)) == (
        TEXT.index(sentence),
        TEXT.index(sentence) + len(sentence),
    )
    assert locate(TEXT, Evidence("doc:x", "不在文中。", 0, 5, 0)) is None


def test_a_whole_text_marks_every_span_and_the_focus_strongly():
    first = (TEXT.index("甲区"), TEXT.index("随后"))
    second = (TEXT.index("随后"), TEXT.index("\n第三段"))
    html = highlighted(TEXT, [first, second, (first[0] + 2, first[1])], focus=second)
    assert html.count("<mark") == 2  # the overlapping span is skipped
    assert '<mark id="focus"' in html and html.count("<br>") == 2


def test_answers_get_a_chart_only_when_their_shape_fits():
    by_year = pd.DataFrame(
        {"year": [2014, 2016, 0], "measure": ["甲", "乙", "丙"], "region_count": [1, 2, 3]}
    )
    assert auto_chart(by_year).to_dict()["mark"]["type"] == "bar"
    per_label = pd.DataFrame(
        {"region": ["甲", "乙"], "region_id": ["region:1", "region:2"], "shared": [3, 1]}
    )
    chart = auto_chart(per_label).to_dict()
    assert (
        chart["encoding"]["y"]["field"] == "region" and chart["encoding"]["x"]["field"] == "shared"
    )
    assert auto_chart(pd.DataFrame({"sentence": ["甲"], "doc_id": ["doc:1"]})) is None
    assert auto_chart(pd.DataFrame({"year": [0], "n": [1]})) is None


def test_traditional_input_becomes_simplified():
    assert simplified(" 東城區 集團化辦學 ") == "东城区 集团化办学"
    assert simplified("学区制") == "学区制"


# A value for every parameter the explorer's statements take.
SAMPLE_PARAMS = {
    "region": "region:110101",
    "regions": ["region:110101", "region:110108"],
    "measure": "measure:group_schooling",
    "policy": "policy:x",
    "q": "集团",
    "limit": 5,
    "source": "region:110101",
    "target": "measure:group_schooling",
    "metric": "",
    "ids": ["region:110101", "measure:group_schooling"],
    "doc": "doc:x",
    "docs": ["doc:x"],
    "node": "region:110101",
    "subjects": ["policy:x", "measure:group_schooling"],
    "within": "region:110000",
}


def test_every_query_of_the_pages_runs_on_the_embedded_store(demo_server):
    """Each of the pages' queries and the editor's examples runs as the pages run it, through
    the catalog, with every label or edge type a $(name) may take."""
    from edukg.catalog import inner_queries, run_canned
    from edukg.queryfile import NAME_TYPES
    from edukg.store.falkordb_store import FalkorDBStore

    assert {"regions", "edge", "named", "node_facts"} <= set(inner_queries("pages"))
    with FalkorDBStore(demo_server) as store:
        for query in [*inner_queries("pages").values(), *inner_queries("examples").values()]:
            params = {
                p.name: SAMPLE_PARAMS[p.name] for p in query.params if p.name in SAMPLE_PARAMS
            }
            names = [p for p in query.params if p.type in NAME_TYPES]
            rounds = max((len(NAME_TYPES[p.type]) for p in names), default=1)
            for turn in range(rounds):  # each label and each edge type at least once
                kinds = {p.name: NAME_TYPES[p.type] for p in names}
                fills = {name: values[turn % len(values)] for name, values in kinds.items()}
                run_canned(store, query, params | fills)  # raises on any problem


def test_pages_get_the_whole_answer_of_a_query_that_caps_its_rows(demo_data_dir):
    """The pages count what a canned query returns (adopters, documents), so the query's own
    `limit` must not cut their answer."""
    from edukg.explorer import data

    save_query(
        CannedQuery(
            name="regions_capped",
            title="Regions, capped",
            cypher="MATCH (r:Region) RETURN r.id AS id ORDER BY id LIMIT $limit",
            params=[QueryParam("limit", type="int", default=1)],
        )
    )
    data.forget_catalog()
    regions = data.canned("regions_capped")
    assert len(regions) == len(data.regions()) > 1
    assert len(data.canned("regions_capped", {"limit": 2})) == 2


def test_the_overviews_counts_are_graph_counts_from_bare_counts(demo_data_dir):
    """The overview counts label by label and type by type (what both stores answer from
    their statistics) and gets what the scanning canned query `graph_counts` gets, for the
    facts: the edges that hold their evidence are left out."""
    from edukg.explorer import data
    from edukg.store.model import EVIDENCE_EDGES

    counted = data.graph_counts()
    scanned = data.canned("graph_counts")
    evidence = scanned["name"].isin(list(EVIDENCE_EDGES.values()))
    assert counted.values.tolist() == scanned[~evidence].values.tolist()
    assert set(scanned[evidence]["name"]) == set(EVIDENCE_EDGES.values())
    assert ("node", "Document", 7) in [tuple(row) for row in counted.values.tolist()]
