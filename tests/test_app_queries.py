"""Canned and saved queries in the explorer, on the demo corpus: the gallery, parameter
pickers drawn from the graph, results with chart, graph and downloads; writing, running,
saving, editing, exporting, importing and deleting a saved query; refused queries."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from edukg.catalog import CANNED_DIR, load_catalog
from edukg.explorer.i18n import plain
from edukg.queryfile import parse_query_file

ADOPTERS = "adopters_of_measure"


def run_query_page(app: AppTest) -> AppTest:
    """Press the form's Run button."""
    return next(b for b in app.button if b.label == "Run").click().run()


def test_the_gallery_lists_every_canned_query_by_group_with_descriptions(
    demo_data_dir, open_explorer
):
    app = open_explorer("queries")
    canned = load_catalog([CANNED_DIR])
    titles = {b.label for b in app.button}
    assert {q.title.split(" · ")[1] for q in canned.values()} <= titles
    assert [e.label for e in app.expander][:5] == [
        "Graph",
        "Regions",
        "Measures",
        "Policies",
        "Evidence",
    ]
    captions = {c.value for c in app.caption}
    assert all(plain(q.description) in captions for q in canned.values())


def test_a_canned_query_with_graph_pickers_runs_and_offers_every_view(demo_data_dir, open_explorer):
    app = open_explorer("queries", q=ADOPTERS)
    measure = app.selectbox(key=f"param:{ADOPTERS}:measure")
    assert measure.value == "measure:group_schooling"
    assert "集团化办学 · school-group (education group) operation" in measure.options
    within = app.selectbox(key=f"param:{ADOPTERS}:within")
    assert within.options[:3] == ["(all)", "北京市", "北京市 › 东城区"]  # a tree, by name
    within.select("region:110000")
    assert not app.dataframe  # nothing runs before Run
    app = run_query_page(app)

    assert not app.exception and not app.error
    frame = app.dataframe[0].value
    years = dict(zip(frame["region"], frame["year"], strict=True))
    assert (str(years["东城区"]), str(years["海淀区"])) == ("2014", "2016")
    assert [t.label for t in app.tabs] == ["Table", "Chart", "Graph"]
    assert app.get("vega_lite_chart")
    graph = json.loads(app.get("bidi_component")[0].proto.json)["options"]["series"][0]
    edges = {(e["source"], e["label"]["formatter"], e["target"]) for e in graph["links"]}
    assert ("region:110101", "implements", "measure:group_schooling") in edges
    downloads = {b.proto.label: b for b in app.get("download_button")}
    assert set(downloads) == {"Download CSV", "Download JSON"}
    assert "MATCH (r:Region)-[i:IMPLEMENTS]->" in app.code[0].value


def test_numeric_parameters_reach_the_query(demo_data_dir, open_explorer):
    app = open_explorer("queries", q="similar_regions")
    app.number_input(key="param:similar_regions:limit").set_value(1)
    app = run_query_page(app)
    assert len(app.dataframe[0].value) == 1


def editor(app: AppTest, **fields: str) -> AppTest:
    for name, value in fields.items():
        widget = (
            app.text_area(key=f"saved:{name}")
            if name == "cypher"
            else app.text_input(key=f"saved:{name}")
        )
        widget.input(value)
    return app.run()


def click(app: AppTest, label: str) -> AppTest:
    return next(b for b in app.button if b.label == label).click().run()


def test_write_run_save_edit_export_and_delete_a_query(demo_data_dir, open_explorer):
    saved = demo_data_dir / "saved_queries"
    app = open_explorer("saved")
    app = editor(
        app,
        name="districts_of",
        title="Districts and a measure",
        cypher="MATCH (r:Region)-[i:IMPLEMENTS]->(:Measure {id: $measure})\n"
        "WHERE (r)-[:PART_OF]->(:Region {id: $parent})\nRETURN r.name AS region, i.year AS year "
        "ORDER BY year LIMIT $top",
    )
    # the parameters are found in the Cypher and get an input each
    app.text_input(key="saved:value:parent").input("region:110000")
    app.selectbox(key="saved:type:top").select("int")
    app.text_input(key="saved:value:top").input("2")
    app = click(app.run(), "Run")
    assert not app.exception and not app.error
    assert list(app.dataframe[0].value["region"]) == ["东城区", "海淀区"]

    app = click(app, "Save")
    assert "Saved as" in app.success[0].value
    stored = parse_query_file((saved / "districts_of.cypher").read_text(encoding="utf-8"), "x")
    assert stored.title == "Districts and a measure"
    assert {p.name: (p.type, p.default) for p in stored.params} == {
        "measure": ("string", "measure:group_schooling"),
        "parent": ("string", "region:110000"),
        "top": ("int", 2),
    }
    assert app.selectbox(key="saved:edit").value == "districts_of"
    export = next(b for b in app.get("download_button") if b.proto.label == "Export this query")
    assert export is not None

    # listed beside the canned queries, and runnable there
    gallery = open_explorer("queries", q="districts_of")
    assert "Saved queries" in [e.label for e in gallery.expander]
    gallery = run_query_page(gallery)
    assert list(gallery.dataframe[0].value["region"]) == ["东城区", "海淀区"]

    # edit: load it, change the title, save over it
    app = open_explorer("saved")
    app.selectbox(key="saved:edit").select("districts_of").run()
    assert app.text_input(key="saved:title").value == "Districts and a measure"
    app = editor(app, title="Districts adopting a measure")
    app = click(app, "Save")
    assert "Saved as" in app.success[0].value
    assert "Districts adopting a measure" in (saved / "districts_of.cypher").read_text("utf-8")

    app = click(app, "Delete districts_of")
    assert plain("Deleted districts_of") in app.success[0].value
    assert not (saved / "districts_of.cypher").exists()


def test_import_accepts_query_files_and_refuses_broken_or_clashing_ones(
    demo_data_dir, open_explorer
):
    app = open_explorer("saved")
    good = (CANNED_DIR / "graph_counts.cypher").read_text(encoding="utf-8")
    uploader = app.file_uploader[0]
    uploader.set_value(
        [
            ("size_of_graph.cypher", good.encode(), "text/plain"),
            ("graph_counts.cypher", good.encode(), "text/plain"),  # a canned name
            ("broken.cypher", b"MATCH (n) RETURN n", "text/plain"),  # no header
        ]
    )
    app = click(app.run(), "Import")
    assert "size_of_graph" not in app.error[0].value
    assert "canned query" in app.error[0].value and plain("broken.cypher") in app.error[0].value
    assert (demo_data_dir / "saved_queries" / "size_of_graph.cypher").is_file()
    assert not (demo_data_dir / "saved_queries" / "graph_counts.cypher").exists()
    assert "size_of_graph" in app.selectbox(key="saved:edit").options[-1]


def test_a_write_is_refused_with_a_clear_message_and_nothing_changes(
    demo_server, demo_data_dir, open_explorer
):
    app = open_explorer("saved")
    app = editor(app, cypher="MATCH (r:Region {id: 'region:110101'}) SET r.name = 'x' RETURN r.id")
    app = click(app, "Run")
    assert not app.exception
    assert "only read-only queries are allowed" in app.error[0].value
    assert not app.dataframe
    from edukg.store.falkordb_store import FalkorDBStore

    with FalkorDBStore(demo_server) as store:
        assert store.query("MATCH (r:Region {id: 'region:110101'}) RETURN r.name").rows == [
            ["东城区"]
        ]


def test_a_syntax_error_and_a_bad_value_are_explained(demo_data_dir, open_explorer):
    app = open_explorer("saved")
    app = click(editor(app, cypher="MATCH (r:Region RETURN r"), "Run")
    assert "Syntax error" in app.error[0].value

    app = editor(app, cypher="MATCH (r:Region) RETURN r.name AS name LIMIT $top")
    app.selectbox(key="saved:type:top").select("int")
    app.text_input(key="saved:value:top").input("many")
    app = click(app.run(), "Run")
    assert "expects int" in app.error[0].value
