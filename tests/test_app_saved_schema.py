"""The saved-query editor's help for analysts writing Cypher, on the demo corpus: the labels,
relationship types and properties present in the graph, example queries, and Cypher shown
highlighted."""

from __future__ import annotations

from edukg.catalog import inner_queries
from edukg.store.model import BOOKKEEPING_PROPS


def test_the_editor_shows_the_graph_schema(demo_data_dir, open_explorer):
    app = open_explorer("saved")
    assert not app.exception and not app.error
    assert app.expander[0].label == "The graph's schema and example queries"
    schema = app.expander[0].table[0].value
    rows = {(kind, name): props for kind, name, _count, props in schema.itertuples(index=False)}
    assert "full_name" in rows[("Node label", "Region")].split(", ")
    assert "year" in rows[("Relationship type", "IMPLEMENTS")].split(", ")
    # each document's evidence for a fact is an edge of its own beside it
    assert {"doc", "evidence", "evidence_year"} <= set(
        rows[("Relationship type", "IMPLEMENTS_EVIDENCE")].split(", ")
    )
    assert not any("search_text" in props for props in rows.values())  # edukg's own index field
    assert not any(BOOKKEEPING_PROPS & set(props.split(", ")) for props in rows.values())
    counts = dict(zip(schema["Name"], schema["Count"], strict=True))
    assert counts["Document"] == 7 and counts["IMPLEMENTS"] > 10


def test_cypher_is_shown_highlighted(demo_data_dir, open_explorer):
    app = open_explorer("saved")
    languages = {block.language for block in app.code}
    assert languages == {"cypher"}
    shown = [block.value for block in app.code]
    assert app.text_area(key="saved:cypher").value in shown  # the draft, highlighted
    assert all(example.cypher in shown for example in inner_queries("examples").values())


def test_an_example_goes_into_the_editor_and_runs(demo_data_dir, open_explorer):
    app = open_explorer("saved")
    app.button(key="saved:example:subregions").click().run()
    assert app.text_area(key="saved:cypher").value == inner_queries("examples")["subregions"].cypher
    assert app.text_input(key="saved:value:region").value == "region:110000"
    app = next(b for b in app.button if b.label == "Run").click().run()
    assert not app.exception and not app.error
    regions = set(app.dataframe[0].value["region"])
    assert {"北京市东城区", "北京市海淀区"} <= regions


def test_the_schema_help_speaks_chinese(demo_data_dir, open_explorer):
    app = open_explorer("saved", lang="zh")
    assert app.expander[0].label == "图谱结构与示例查询"
    assert "节点标签" in set(app.expander[0].table[0].value["类别"])
