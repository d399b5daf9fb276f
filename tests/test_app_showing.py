"""The explorer shows things right and in both languages: broken links say "not found" with
the closest matches, targets are grouped and scoped, unknown years are empty, Streamlit's own
words and the query catalog come in zh and en, and the language stays in the address."""

from __future__ import annotations

import json

import pytest

from edukg.explorer.i18n import plain
from tests.test_app import shown_text

# A page, its address parameter and a broken value, and what it must not show instead.
BROKEN_LINKS = {
    "region": ({"region": "region:999999"}, "北京市东城区"),
    "document": ({"doc": "doc:nope"}, "Facts extracted from it"),
    "measure": ({"measure": "measure:group_schoolin"}, "Regions adopting it"),
    "diffusion": ({"measure": "measure:group_schoolin"}, "First movers"),
    "policy": ({"policy": "policy:nope"}, "Cites"),
    "targets": ({"target": "target:nope"}, "Goal values by policy"),
    "evidence": ({"node": "region:999999"}, "Facts about it"),
}


@pytest.mark.parametrize("page", BROKEN_LINKS)
def test_a_broken_link_says_not_found_with_the_closest_matches(page, demo_data_dir, open_explorer):
    params, other_entity = BROKEN_LINKS[page]
    app = open_explorer(page, **params)
    assert not app.exception, app.exception
    wanted = next(iter(params.values()))
    assert any(plain(wanted) in w.value for w in app.warning), [w.value for w in app.warning]
    assert other_entity not in shown_text(app)  # nothing else shown in its place
    matches = [b for b in app.button if b.key and ":match:" in b.key]
    assert matches
    matches[0].click().run()  # a closest match opens
    assert not app.warning
    assert app.query_params[next(iter(params))] == matches[0].key.split(":match:", 1)[1]


def test_a_typo_in_an_id_offers_the_right_entity_first(demo_data_dir, open_explorer):
    app = open_explorer("measure", measure="measure:group_schoolin")
    first = next(b for b in app.button if b.key and ":match:" in b.key)
    assert first.key.endswith("measure:group_schooling")


def test_a_broken_region_in_compare_is_named_with_matches(demo_data_dir, open_explorer):
    app = open_explorer("compare", regions="region:110101,region:11010")
    assert any("region\\:11010" in w.value for w in app.warning)
    match = next(b for b in app.button if b.key and ":match:" in b.key)
    assert match.key.endswith("region:110101") or match.key.endswith("region:110108")
    app.button(key=match.key).click().run()
    assert "region:11010," not in app.query_params["regions"] + ","


def test_a_broken_query_name_says_not_found(demo_data_dir, open_explorer):
    app = open_explorer("queries", q="adopters_of_measur")
    assert app.warning
    assert "Regions adopting a measure" not in [s.value for s in app.subheader]
    match = next(b for b in app.button if b.key and ":match:" in b.key)
    assert match.key.endswith("adopters_of_measure")
    match.click().run()
    assert app.subheader[0].value == "Regions adopting a measure"
    assert app.query_params["q"] == "adopters_of_measure"


# --------------------------------------------------------------------------- the language


def test_the_language_stays_in_the_address_across_pages(demo_data_dir, open_explorer):
    app = open_explorer("measure", lang="zh", measure="measure:group_schooling")
    assert app.query_params["lang"] == "zh"
    app.get("button_group")[0].set_value("en").run()
    assert app.query_params["lang"] == "en"
    app.session_state["measure:adopters"] = {"selection": {"rows": [0], "columns": []}}
    app.run()
    app.switch_page("explorer/pages/region.py").run()  # what a link does: a new address
    assert app.title[0].value == "Region profile"
    assert app.query_params["lang"] == "en"


def test_a_shared_link_opens_in_the_senders_language(demo_data_dir, open_explorer):
    app = open_explorer("overview", lang="zh")
    app.query_params.update({"lang": "en"})  # a link in English followed in this session
    app.switch_page("explorer/pages/search.py").run()
    assert app.title[0].value == "Search"


def test_canned_queries_are_titled_described_and_labelled_in_chinese(demo_data_dir, open_explorer):
    app = open_explorer("queries", lang="zh", q="adopters_of_measure")
    assert app.subheader[0].value == "采用某项改革的地区"
    captions = [c.value for c in app.caption]
    assert any(c.startswith("哪些地区实施了某项改革举措") for c in captions)
    assert not any("Which regions implement" in c for c in captions)
    labels = [s.label for s in app.selectbox] + [n.label for n in app.number_input]
    assert {"改革举措", "范围（含下级地区）", "最多返回行数"} <= set(labels)
    assert "政策引用链" in [b.label for b in app.button]  # the gallery in Chinese too

    app.get("button_group")[0].set_value("en").run()
    assert app.subheader[0].value == "Regions adopting a measure"
    assert "Measure" in [s.label for s in app.selectbox]


def test_a_refused_write_is_explained_in_chinese(demo_data_dir, open_explorer):
    app = open_explorer("saved", lang="zh")
    app.text_area(key="saved:cypher").input("MATCH (r:Region) SET r.name = 'x' RETURN r.id")
    app.run()
    next(b for b in app.button if b.label == "运行").click().run()
    assert "该查询会写入图谱；此处只允许只读查询。" in app.error[0].value
    assert "read-only" not in app.error[0].value


@pytest.fixture
def own_store(private_server, monkeypatch):
    monkeypatch.setenv("EDUKG_DATA_DIR", str(private_server.data_dir))
    return private_server


def test_skip_reasons_on_the_ingest_page_are_in_chinese(own_store, open_explorer):
    app = open_explorer("ingest", lang="zh")
    app.file_uploader[0].set_value(
        [("empty.txt", b"", "text/plain"), ("bin.txt", b"\x00\x01\x02" * 50, "text/plain")]
    )
    app = next(b for b in app.button if b.label == "导入").click().run(timeout=180)
    shown = [e.value for e in app.error] + [w.value for w in app.warning]
    assert any("空文件" in s for s in shown), shown
    assert any("二进制内容" in s for s in shown), shown
    assert not any("empty file" in s or "binary" in s for s in shown)


def test_known_messages_have_chinese_versions_and_others_stay_as_they_are():
    from edukg.explorer.messages import PATTERNS

    samples = [
        "This query writes to the graph; only read-only queries are allowed here.",
        "The query ran longer than 10 s and was stopped.",
        "unsupported file type .xls (supported: .txt .md)",
        "file too large: 1,000 bytes (limit 10)",
        "duplicate of fixtures/a.txt",
        "param 'limit' expects int, got 'x'",
    ]
    for sample in samples:
        assert any(pattern.match(sample) for pattern, _ in PATTERNS), sample


# --------------------------------------------------------------------------- showing right


def goals_table(app) -> list[str]:
    frame = next(f.value for f in app.dataframe if "Metric" in f.value.columns)
    return list(frame["Policy"])


def test_the_measure_pages_scope_holds_for_its_numeric_goals(demo_data_dir, open_explorer):
    app = open_explorer("measure", measure="measure:group_schooling")
    everywhere = goals_table(app)
    assert any(policy.startswith("福田区") for policy in everywhere)
    app = open_explorer("measure", measure="measure:group_schooling", within="region:110000")
    within_beijing = goals_table(app)
    assert within_beijing and not any(p.startswith("福田区") for p in within_beijing)
    assert all(p.startswith("海淀区") for p in within_beijing)
    assert app.metric[2].value == str(len(within_beijing))


def test_query_answers_show_unknown_years_as_empty_not_none_or_zero(
    store, embedded_server, monkeypatch, open_explorer
):
    from graph_fixture import DocumentBuilder, implements

    from edukg.store.loader import load

    news = DocumentBuilder("doc:e5e5e5e5e5e5e5e5", "北京交流轮岗观察", None)
    news.say(
        "北京市2021年起推开干部教师交流轮岗。", implements("110000", "teacher_rotation"), year=2021
    )
    news.say("海淀区也在推行教师交流轮岗。", implements("110108", "teacher_rotation"))
    load(store, [news.facts()])  # an undated report: 海淀区's adoption has no year
    monkeypatch.setenv("EDUKG_DATA_DIR", str(embedded_server.data_dir))
    app = open_explorer("queries", q="adopters_of_measure")
    app.selectbox(key="param:adopters_of_measure:measure").select("measure:teacher_rotation")
    app = next(b for b in app.button if b.label == "Run").click().run()
    frame = app.dataframe[0].value
    years = dict(zip(frame["region_id"], frame["year"], strict=True))
    assert years["region:110000"] == "2021" and "—" in years.values()
    assert not frame.isna().any().any()
    assert "None" not in frame.astype(str).to_numpy()


def programme_documents():
    """One report: 北京市 runs a programme, and so does its district 东城区."""
    from graph_fixture import _part_of_edges, region

    from edukg.store.model import DocumentFacts, Edge, Evidence, Node

    doc_id = "doc:00000000000000aa"
    text = "北京市建设智慧教育平台。东城区开办教师发展学院。"
    facts = [
        ("region:110000", "program:智慧教育平台", "北京市建设智慧教育平台。", 0),
        ("region:110101", "program:教师发展学院", "东城区开办教师发展学院。", 12),
    ]
    regions = [region("110000"), region("110101")]
    nodes = regions + [Node("Program", pid, pid.removeprefix("program:")) for _, pid, _, _ in facts]
    edges = [
        Edge("IMPLEMENTS", rid, pid, {}, [Evidence(doc_id, sentence, at, at + len(sentence), 0)])
        for rid, pid, sentence, at in facts
    ]
    edges += [Edge("MENTIONS", doc_id, node.id, {"count": 1}) for node in nodes]
    edges += _part_of_edges(regions)
    document = Node(
        "Document",
        doc_id,
        "北京市教育信息化简报",
        {
            "title": "北京市教育信息化简报",
            "source": "programmes.txt",
            "sha256": "aa" * 32,
            "published": "2024-01-01",
            "script": "simplified",
            "chars": len(text),
            "text": text,
        },
    )
    return [DocumentFacts(document, nodes, edges)]


def test_the_programmes_table_names_who_implements_each(
    store, embedded_server, monkeypatch, open_explorer
):
    from edukg.store.loader import load

    load(store, programme_documents())
    monkeypatch.setenv("EDUKG_DATA_DIR", str(embedded_server.data_dir))
    app = open_explorer("region", region="region:110000")
    assert not app.exception
    table = next(f.value for f in app.dataframe if "Programme" in f.value.columns)
    assert list(table.columns) == ["Implemented by", "Programme", "Since", "Evidence sentences"]
    assert dict(zip(table["Programme"], table["Implemented by"], strict=True)) == {
        "智慧教育平台": "北京市 (this region)",
        "教师发展学院": "北京市 › 东城区",
    }
    assert set(table["Since"]) == {"—"}


def label_boxes(deck: dict) -> tuple[list, list]:
    """The boxes of the names and of the dots of a map as sent to the browser."""
    from edukg.explorer.maps import LABEL_MARGIN, LABEL_SIZE, _pixels

    zoom = deck["initialViewState"]["zoom"]
    dots_layer, names_layer = deck["layers"]
    names, dots = [], []
    for point in dots_layer["data"]:
        x, y = _pixels(point["lon"], point["lat"], zoom)
        r = point["radius"]
        dots.append((x - r, y - r, x + r, y + r))
    for point in names_layer["data"]:  # only the dots that are named
        x, y = _pixels(point["lon"], point["lat"], zoom)
        width = LABEL_SIZE * len(point["label"]) + LABEL_MARGIN
        height = LABEL_SIZE + LABEL_MARGIN
        cx, cy = x + point["dx"], y + point["dy"]
        names.append((cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2))
    return names, dots


def test_map_names_cover_no_other_name_nor_dot(demo_data_dir, open_explorer):
    from edukg.explorer.maps import _overlap

    app = open_explorer("region", region="region:110000")
    deck = json.loads(app.get("deck_gl_json_chart")[0].proto.json)
    assert deck["layers"][1]["getText"] == "@@=label"
    names, dots = label_boxes(deck)
    assert len(names) == 4  # 北京市 and its three districts: all named
    for i, box in enumerate(names):
        assert not any(_overlap(box, other) for other in names[i + 1 :])
        assert not any(_overlap(box, dot) for dot in dots)


def test_crowded_dots_keep_only_the_names_that_fit():
    import pandas as pd

    from edukg.explorer.maps import label_layout

    points = pd.DataFrame(
        {
            "name": [f"区{k}" for k in range(12)],
            "radius": [9 + k for k in range(12)],
            "lon": [116.4 + 0.001 * k for k in range(12)],
            "lat": [39.9] * 12,
        }
    )
    offsets = label_layout(points, zoom=8)
    assert 1 <= sum(at is not None for at in offsets) < 12
    assert offsets[11] is not None  # the biggest dot is named first


def test_goals_for_one_metric_are_grouped_not_stacked_in_the_chart_spec():
    import pandas as pd
    from graph_fixture import SHARED_GOALS

    from edukg.explorer.charts import goal_chart

    goals = pd.DataFrame(
        {
            "metric": [metric for _, metric, _ in SHARED_GOALS],
            "target": "学前教育",
            "value": [float(value) for _, _, value in SHARED_GOALS],
            "subject": [title for title, _, _ in SHARED_GOALS],
            "goal": [f"≥ {value}%" for _, _, value in SHARED_GOALS],
            "deadline": 2025,
        }
    )
    spec = goal_chart(goals).to_dict()
    bars = spec["layer"][0]["encoding"]
    assert bars["x"]["stack"] is None and bars["yOffset"]["field"] == "slot"
    assert bars["color"]["legend"]["symbolLimit"] == 0 and bars["color"]["legend"]["columns"] == 1
    assert bars["x"]["title"] == "Goal (%)" or bars["x"]["title"] == "目标值（%）"
    rows = next(iter(spec["datasets"].values()))
    slots = [row["slot"] for row in rows if row["metric"].startswith("公办园在园幼儿占比")]
    assert sorted(slots) == [0, 1]


@pytest.mark.parametrize(
    ("page", "params"),
    [("overview", {}), ("region", {"region": "region:110000"}), ("compare", {})],
)
def test_chart_tooltips_are_titled_in_chinese(page, params, demo_data_dir, open_explorer):
    app = open_explorer(page, lang="zh", **params)
    titles = set()
    for chart in app.get("arrow_vega_lite_chart") or app.get("vega_lite_chart"):
        spec = json.loads(chart.proto.spec)
        for layer in [spec, *spec.get("layer", [])]:
            for entry in layer.get("encoding", {}).get("tooltip", []):
                titles.add(entry.get("title", entry.get("field")))
    assert titles
    assert not titles & {"region", "measure", "year", "title", "published", "script", "name"}


def test_a_link_to_a_fact_the_graph_lacks_says_so(demo_data_dir, open_explorer):
    app = open_explorer(
        "evidence", type="IMPLEMENTS", source="region:110101", target="measure:nope"
    )
    assert not app.exception
    assert [w.value for w in app.warning] == ["The graph holds no such fact."]


def test_after_a_broken_link_the_page_opened_plainly_shows_its_default(
    demo_data_dir, open_explorer
):
    app = open_explorer("document", doc="doc:nope")
    assert app.warning
    app.query_params.clear()
    app.query_params["lang"] = "en"
    app.switch_page("explorer/pages/document.py").run()  # the page from the sidebar
    assert not app.warning
    assert app.selectbox[0].value is not None
    assert app.query_params["doc"].startswith("doc:")


def test_after_a_broken_query_link_the_gallery_opened_plainly_shows_a_query(
    demo_data_dir, open_explorer
):
    app = open_explorer("queries", q="nope")
    assert app.warning
    app.query_params.clear()
    app.query_params["lang"] = "en"
    app.switch_page("explorer/pages/queries.py").run()
    assert not app.warning and app.subheader


def test_a_fact_many_documents_support_is_quoted_a_page_of_documents_at_a_time(
    store, open_explorer
):
    from edukg.store.loader import load
    from tests.test_loader import DONGCHENG, GROUPS, document

    reports = [document(f"news/{n:02d}.txt", [(DONGCHENG, GROUPS, 2000 + n)]) for n in range(23)]
    load(store, reports)
    titles = {facts.document.id: facts.document.props["title"] for facts in reports}
    in_order = [titles[doc_id] for doc_id in sorted(titles)]

    def quoted(app) -> list[str]:
        """The titles of the documents quoted, in the page's order."""
        shown = [m.value.replace("\\", "") for m in app.markdown]  # Markdown escapes "."
        return [title for value in shown for title in titles.values() if f"“{title}”" in value]

    app = open_explorer("evidence", type="IMPLEMENTS", source=DONGCHENG.id, target=GROUPS.id)
    assert not app.exception, app.exception
    assert quoted(app) == in_order[:10]
    assert "Documents 1–10 of the 23 that support this fact" in [c.value for c in app.caption]
    app.number_input[0].set_value(3).run()
    assert quoted(app) == in_order[20:]
    assert "Documents 21–23 of the 23 that support this fact" in [c.value for c in app.caption]
