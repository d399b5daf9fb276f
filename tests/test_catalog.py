"""The query catalog: reading, checking and writing query files, and typing parameters."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from edukg.catalog import CANNED_DIR, grouped, load_catalog, save_query
from edukg.cli import main
from edukg.queryfile import (
    CannedQuery,
    ParamError,
    QueryFileError,
    QueryParam,
    coerce_params,
    dump_query_file,
    parse_query_file,
    used_params,
)

QUERY_FILES = sorted(CANNED_DIR.glob("*.cypher"))

GOOD = """\
// title: 某地区的举措 · Measures of a region
// description: One line about it.
// group: Regions
// params:
//   region:
//     type: string
//     default: region:110000
//     choices: MATCH (r:Region) RETURN r.id AS value, r.name AS label ORDER BY label
//   limit:
//     type: int
//     default: 5
//   strict:
//     type: bool
//     default: false
//   weight:
//     type: float
MATCH (r:Region {id: $region}) WHERE $strict OR $weight > 0
RETURN r.name AS name LIMIT $limit
"""


def test_there_are_at_least_nine_canned_queries():
    assert len(QUERY_FILES) >= 9


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.stem)
def test_every_query_file_parses_and_uses_exactly_its_declared_params(path):
    query = load_catalog([CANNED_DIR])[path.stem]
    assert query.title and query.description and query.group
    used = set(re.findall(r"\$([A-Za-z_]\w*)", query.cypher))
    assert used == {p.name for p in query.params}
    for param in query.params:
        assert param.label, f"{param.name} needs a label for the app"
        if param.choices:
            assert "$" not in param.choices


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.stem)
def test_dumping_a_query_file_gives_back_the_same_query(path):
    query = load_catalog([CANNED_DIR])[path.stem]
    again = parse_query_file(dump_query_file(query), query.name, query.path)
    assert again == query


def test_parse_reads_header_params_and_cypher():
    query = parse_query_file(GOOD, "demo")
    assert query.name == "demo"
    assert query.title == "某地区的举措 · Measures of a region"
    assert query.group == "Regions"
    assert [(p.name, p.type, p.default) for p in query.params] == [
        ("region", "string", "region:110000"),
        ("limit", "int", 5),
        ("strict", "bool", False),
        ("weight", "float", None),
    ]
    assert query.param("region").choices.startswith("MATCH (r:Region)")
    assert query.cypher.startswith("MATCH (r:Region {id: $region})")
    assert query.cypher.endswith("LIMIT $limit")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("MATCH (n) RETURN n.id AS id", "must start with // comment lines"),
        ("// title: [unclosed\nMATCH (n) RETURN n.id AS id", "not valid YAML"),
        ("// description: no title\nMATCH (n) RETURN n.id AS id", "needs a `title`"),
        ("// title: T\n// colour: red\nMATCH (n) RETURN n.id AS id", "unknown header keys"),
        ("// title: T\n", "no Cypher after the header"),
        ("// title: T\nMATCH (n {id: $who}) RETURN n.id AS id", "undeclared params ['who']"),
        ("// title: T\n// params: [a, b]\nRETURN 1 AS x", "`params` must map"),
        ("// title: T\n// params:\n//   a:\n//     type: date\nRETURN $a AS x", "type 'date'"),
        ("// title: T\n// params:\n//   a:\n//     kind: int\nRETURN $a AS x", "unknown keys"),
        (
            "// title: T\n// params:\n//   a:\n//     type: int\n"
            "//     default: many\nRETURN $a AS x",
            "expects int",
        ),
    ],
)
def test_malformed_files_are_refused_with_a_message_naming_the_file(text, message):
    with pytest.raises(QueryFileError, match=re.escape(message)) as error:
        parse_query_file(text, "broken")
    assert str(error.value).startswith("broken: ")


def test_coerce_params_converts_command_line_strings_by_type_and_fills_defaults():
    query = parse_query_file(GOOD, "demo")
    params = coerce_params(query, {"limit": "12", "strict": "yes", "weight": "0.5"})
    assert params == {"region": "region:110000", "limit": 12, "strict": True, "weight": 0.5}
    assert coerce_params(query, {"weight": 2, "strict": False})["weight"] == 2.0


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"weight": "1", "colour": "red"}, "has no params ['colour']"),
        ({}, "needs the param 'weight'"),
        ({"weight": "heavy"}, "'weight' expects float"),
        ({"weight": "1", "limit": "1.5"}, "'limit' expects int"),
        ({"weight": "1", "strict": "maybe"}, "'strict' expects bool"),
        ({"weight": "1", "limit": True}, "'limit' expects int"),
    ],
)
def test_coerce_params_refuses_unknown_missing_and_mistyped_values(raw, message):
    with pytest.raises(ParamError, match=re.escape(message)):
        coerce_params(parse_query_file(GOOD, "demo"), raw)


def test_a_written_query_is_read_back_with_unicode_and_multiline_text(tmp_path):
    query = CannedQuery(
        name="mine",
        title="我的查询: regions",
        description="Lines with: colons, 'quotes' and # hashes.",
        params=[
            QueryParam(
                "who",
                "string",
                "",
                "Who?",
                "MATCH (r:Region) RETURN r.id AS value, r.name AS label ORDER BY label",
            )
        ],
        cypher="MATCH (r:Region)\nWHERE $who = '' OR r.id = $who\nRETURN r.name AS name",
    )
    (tmp_path / "mine.cypher").write_text(dump_query_file(query), encoding="utf-8")
    loaded = load_catalog([tmp_path])["mine"]
    assert loaded == CannedQuery(**{**vars(query), "path": tmp_path / "mine.cypher"})


def test_the_same_name_in_two_folders_is_an_error(tmp_path):
    (tmp_path / "region_overview.cypher").write_text(GOOD, encoding="utf-8")
    with pytest.raises(QueryFileError, match="already exists"):
        load_catalog([CANNED_DIR, tmp_path])


def test_the_default_catalog_adds_saved_queries_from_the_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("EDUKG_DATA_DIR", str(tmp_path))
    assert set(load_catalog()) == {p.stem for p in QUERY_FILES}
    (tmp_path / "saved_queries").mkdir()
    (tmp_path / "saved_queries" / "my_regions.cypher").write_text(GOOD, encoding="utf-8")
    catalog = load_catalog()
    assert catalog["my_regions"].path == tmp_path / "saved_queries" / "my_regions.cypher"
    assert "adopters_of_measure" in catalog


def test_grouped_sorts_groups_and_titles_and_files_ungrouped_queries_under_other():
    catalog = load_catalog([CANNED_DIR])
    catalog["loose"] = parse_query_file("// title: A loose one\nRETURN 1 AS x", "loose")
    groups = grouped(catalog)
    assert list(groups) == sorted(groups)
    assert [q.name for q in groups["Other"]] == ["loose"]
    for queries in groups.values():
        assert [q.title for q in queries] == sorted(q.title for q in queries)


# --------------------------------------------------------------------------- issue 11, 14-15

BAD_FILES = {
    "broken_yaml.cypher": b"// title: [unclosed\nRETURN 1 AS x\n",
    "not_utf8.cypher": "// title: 旧编码\nRETURN 1 AS x\n".encode("gb18030"),
    "region_overview.cypher": GOOD.encode(),  # shadows a canned query
    "no_header.cypher": b"MATCH (n) RETURN n\n",
}


@pytest.fixture
def bad_saved_queries(tmp_path, monkeypatch):
    """A data directory whose saved queries hold one good file and several bad ones."""
    monkeypatch.setenv("EDUKG_DATA_DIR", str(tmp_path))
    folder = tmp_path / "saved_queries"
    folder.mkdir()
    (folder / "mine.cypher").write_text(GOOD, encoding="utf-8")
    for name, content in BAD_FILES.items():
        (folder / name).write_bytes(content)
    return folder


def test_bad_saved_query_files_are_named_and_the_rest_load(bad_saved_queries):
    problems: list[str] = []
    catalog = load_catalog(problems=problems)
    assert {p.stem for p in QUERY_FILES} | {"mine"} == set(catalog)
    assert catalog["region_overview"].path.parent == CANNED_DIR  # never shadowed
    assert len(problems) == len(BAD_FILES)
    for name, reason in [
        ("broken_yaml.cypher", "not valid YAML"),
        ("not_utf8.cypher", "not UTF-8 text"),
        ("region_overview.cypher", "already exists"),
        ("no_header.cypher", "must start with // comment lines"),
    ]:
        assert any(name in problem and reason in problem for problem in problems), problems


def test_the_command_line_lists_the_queries_despite_bad_files(bad_saved_queries):
    listed = CliRunner().invoke(main, ["queries"])
    assert listed.exit_code == 0, listed.output
    assert "Traceback" not in listed.output and "region_overview" in listed.stdout
    for name in BAD_FILES:
        assert name in listed.stderr
    assert "mine" in listed.stdout


def test_a_saved_query_may_start_with_a_comment(tmp_path):
    query = CannedQuery(
        name="commented",
        title="Real title",
        cypher="// title: not the title\n// why: regions first\nMATCH (r:Region) RETURN r.id AS id",
    )
    path = save_query(query, tmp_path)
    loaded = load_catalog([tmp_path])["commented"]
    assert loaded.title == "Real title"
    assert loaded.cypher == query.cypher
    assert path.read_text(encoding="utf-8").count("title:") == 2


# --------------------------------------------------------------------------- both languages

BILINGUAL = """\
// title:
//   zh: 某地区的举措
//   en: Measures of a region
// description: {zh: 一句说明。, en: One line about it.}
// params:
//   region:
//     type: string
//     label: {zh: 地区, en: Region}
MATCH (r:Region {id: $region}) RETURN r.name AS name
"""


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.stem)
def test_every_canned_query_has_its_texts_in_chinese_and_english(path):
    query = load_catalog([CANNED_DIR])[path.stem]
    assert set(query.titles) == set(query.descriptions) == {"zh", "en"}
    for texts in (query.titles, query.descriptions):
        assert re.search(r"[\u4e00-\u9fff]", texts["zh"]), texts
        assert re.fullmatch(r"[\x00-\x7f\u2018-\u201d]+", texts["en"]), texts
    for param in query.params:
        assert set(param.labels) == {"zh", "en"}, param.name
        assert param.label_in("zh") != param.label_in("en")


def test_a_bilingual_header_gives_each_language_its_texts():
    query = parse_query_file(BILINGUAL, "demo")
    assert (query.title_in("zh"), query.title_in("en")) == ("某地区的举措", "Measures of a region")
    assert query.title == "某地区的举措 · Measures of a region"  # one text for the CLI
    assert (query.description_in("zh"), query.description_in("en")) == (
        "一句说明。",
        "One line about it.",
    )
    assert query.description == "One line about it."
    region = query.param("region")
    assert (region.label_in("zh"), region.label_in("en"), region.display_label) == (
        "地区",
        "Region",
        "Region",
    )
    assert parse_query_file(dump_query_file(query), "demo") == query
    assert parse_query_file(dump_query_file(query), "demo").param("region").labels == {
        "zh": "地区",
        "en": "Region",
    }


def test_older_one_language_headers_still_load_and_show_in_both_languages():
    old = parse_query_file(GOOD, "demo")  # title "中文 · English", description in English
    assert (old.title_in("zh"), old.title_in("en")) == ("某地区的举措", "Measures of a region")
    assert old.description_in("zh") == old.description_in("en") == "One line about it."
    plain = parse_query_file("// title: Only English\nRETURN 1 AS x", "plain")
    assert plain.title_in("zh") == plain.title_in("en") == "Only English"
    assert dump_query_file(plain).startswith("// title: Only English\n")
    half = parse_query_file("// title: {zh: 只有中文}\nRETURN 1 AS x", "half")
    assert half.title_in("en") == "只有中文"


@pytest.mark.parametrize(
    "header",
    ["// title: {fr: Titre}", "// title: {zh: ''}", "// title: {zh: [a]}", "// title: [a, b]"],
)
def test_a_text_in_an_unknown_shape_is_refused(header):
    with pytest.raises(QueryFileError, match="`title` must be a text or map zh and en"):
        parse_query_file(f"{header}\nRETURN 1 AS x", "broken")


LABELLED = """// title: {zh: "某类节点", en: "Nodes of a label"}
// params:
//   label: {type: label}
//   ids: {type: list, default: ""}
MATCH (n:$(label)) WHERE n.id IN $ids RETURN n.id AS id
"""


def test_a_label_param_is_filled_in_from_the_model_and_nothing_else():
    query = parse_query_file(LABELLED, "labelled")
    assert used_params(query.cypher) == ["label", "ids"]
    typed = coerce_params(query, {"label": "Region", "ids": "region:110101, region:110108"})
    cypher, params = query.statement(typed)
    assert cypher == "MATCH (n:Region) WHERE n.id IN $ids RETURN n.id AS id"
    assert params == {"ids": ["region:110101", "region:110108"]}  # a list from the command line
    for hostile in ("Region) DETACH DELETE (n", "region", "Document:Policy"):
        with pytest.raises(ParamError, match="must be one of Region, Policy"):
            coerce_params(query, {"label": hostile})


TYPED = """// title: {zh: "某类关系", en: "Edges of a type"}
// params:
//   type: {type: type}
MATCH ()-[r:$(type)]->() RETURN count(r) AS edges
"""


def test_a_type_param_takes_an_edge_type_of_the_store_and_nothing_else():
    query = parse_query_file(TYPED, "typed")
    for kind in ("IMPLEMENTS", "TARGETS_EVIDENCE"):  # a fact, or the edges of its evidence
        cypher, _ = query.statement(coerce_params(query, {"type": kind}))
        assert cypher == f"MATCH ()-[r:{kind}]->() RETURN count(r) AS edges"
    hostile = [
        "IMPLEMENTS_EVIDENCE]->() DETACH DELETE (n",
        "implements_evidence",
        "IMPLEMENTS_EVIDENCE|CITES",
        "IMPLEMENTS_EVIDENCE ",
        "EVIDENCE",
        "PART_OF_EVIDENCE",
    ]
    for value in hostile:
        with pytest.raises(ParamError, match="must be one of IMPLEMENTS, CITES"):
            coerce_params(query, {"type": value})


@pytest.mark.parametrize(
    "cypher",
    ["MATCH (n:$(label)) RETURN $label AS l", "MATCH (n:$(name)) RETURN n"],
)
def test_only_a_label_or_type_param_is_written_as_a_name(cypher):
    header = "// title: x\n// params:\n//   label: {type: label}\n//   name: {type: string}\n"
    with pytest.raises(QueryFileError, match=r"written \$\(name\)"):
        parse_query_file(header + cypher, "mixed")


def test_a_dialect_version_goes_to_its_backend_only(tmp_path):
    (tmp_path / "sizes.cypher").write_text(
        "// title: Sizes\n// params:\n//   label: {type: label}\n"
        "MATCH (n:$(label)) RETURN count(n)\n",
        encoding="utf-8",
    )
    own = tmp_path / "dialects" / "falkordb"
    own.mkdir(parents=True)
    (own / "sizes.cypher").write_text(
        "// why: the store's own count\nMATCH (n:$(label)) RETURN count(n) AS own\n",
        encoding="utf-8",
    )
    query = load_catalog([tmp_path])["sizes"]
    assert query.statement({"label": "Region"}, "falkordb")[0] == (
        "MATCH (n:Region) RETURN count(n) AS own"
    )
    assert query.statement({"label": "Region"}, "neo4j")[0] == "MATCH (n:Region) RETURN count(n)"


def test_a_dialect_version_with_other_params_is_refused(tmp_path):
    (tmp_path / "sizes.cypher").write_text("// title: Sizes\nMATCH (n) RETURN count(n)\n")
    own = tmp_path / "dialects" / "falkordb"
    own.mkdir(parents=True)
    (own / "sizes.cypher").write_text("MATCH (n {id: $id}) RETURN count(n)\n")
    with pytest.raises(QueryFileError, match=r"falkordb/sizes.cypher: must use the params"):
        load_catalog([tmp_path])
