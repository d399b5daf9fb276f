"""The `edukg` command line, run in-process against the session's embedded store."""

from __future__ import annotations

import json
import tomllib
import zipfile
from pathlib import Path

from click.testing import CliRunner

from edukg.cli import APP_SETTINGS, EXIT_SKIPPED, EXIT_STORE, main

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "examples" / "corpus"

NEWS = (
    "西城区推进集团化办学纪实\n"
    "西城区自2016年起推行集团化办学，全区已组建教育集团十余个。"
    "与此同时，西城区持续推进干部教师交流轮岗。\n"
)


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def export(runner_args: tuple[str, ...] = ()) -> dict:
    result = run("export", "--format", "json", *runner_args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def implements(graph: dict) -> set[tuple[str, str, int | None]]:
    return {
        (e["source"], e["target"], e.get("year"))
        for e in graph["edges"]
        if e["type"] == "IMPLEMENTS"
    }


def test_ingest_demo_corpus_twice_changes_nothing(store):
    first = run("ingest", str(DEMO))
    assert first.exit_code == 0, first.output
    assert "documents added" in first.output
    graph = export()
    labels = {n["label"] for n in graph["nodes"]}
    assert {"Region", "Policy", "Measure", "Document"} <= labels
    assert ("region:110101", "measure:group_schooling", 2014) in implements(graph)

    second = run("ingest", str(DEMO))
    assert second.exit_code == 0, second.output
    assert "documents added" not in second.output
    assert export() == graph


def test_bad_files_are_reported_and_the_rest_is_loaded(store, tmp_path):
    (tmp_path / "good.txt").write_text(NEWS, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "sheet.xlsx").write_bytes(b"PK\x03\x04 not really a spreadsheet")
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 truncated")

    result = run("ingest", str(tmp_path))

    assert result.exit_code == EXIT_SKIPPED
    for name, reason in [
        ("empty.txt", "empty"),
        ("binary.txt", "binary"),
        ("sheet.xlsx", "unsupported"),
        ("broken.docx", "DOCX"),
    ]:
        line = next(line for line in result.output.splitlines() if name in line)
        assert reason in line, line
    assert ("region:110102", "measure:group_schooling", 2016) in implements(export())


def test_editing_a_document_replaces_its_facts(store, tmp_path):
    document = tmp_path / "news.txt"
    document.write_text(NEWS, encoding="utf-8")
    assert run("ingest", str(document)).exit_code == 0
    before = implements(export())
    assert ("region:110102", "measure:teacher_rotation", None) in before

    document.write_text(NEWS.replace("干部教师交流轮岗", "课后服务"), encoding="utf-8")
    result = run("ingest", str(document))

    assert result.exit_code == 0, result.output
    after = export()
    assert ("region:110102", "measure:teacher_rotation", None) not in implements(after)
    assert ("region:110102", "measure:after_school", None) in implements(after)
    assert len([n for n in after["nodes"] if n["label"] == "Document"]) == 1


def test_query_formats(store):
    assert run("ingest", str(DEMO)).exit_code == 0
    args = ("query", "adopters_of_measure", "-p", "measure=measure:group_schooling")
    rows = json.loads(run(*args, "--format", "json").stdout)
    assert any(row["region"] == "东城区" and row["year"] == 2014 for row in rows)
    csv_text = run(*args, "--format", "csv").stdout
    assert csv_text.splitlines()[0].startswith("region")
    assert "东城区" in run(*args).stdout


def test_a_csv_export_is_two_tables_so_it_needs_a_folder_or_a_zip(store, tmp_path):
    assert run("ingest", str(DEMO)).exit_code == 0
    refused = run("export", "--format", "csv")
    assert refused.exit_code == 2 and "-o FOLDER, or -o FILE.zip" in refused.output
    assert run("export", "--format", "csv", "--bom", "-o", str(tmp_path / "g.zip")).exit_code == 0
    with zipfile.ZipFile(tmp_path / "g.zip") as archive:
        assert archive.read("nodes.csv").decode("utf-8").startswith("\ufeffid,label,name")


def test_a_capped_answer_says_how_to_get_the_rest(store):
    assert run("ingest", str(DEMO)).exit_code == 0
    args = ("query", "adopters_of_measure", "-p", "measure=measure:group_schooling")
    result = run(*args, "-p", "limit=1", "--format", "json")
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)) == 1
    assert "Only the first 1 rows are shown: -p limit=N for more" in result.stderr
    whole = run(*args, "--format", "json")
    assert len(json.loads(whole.stdout)) > 1 and "Only the first" not in whole.stderr


def test_unknown_query_and_bad_parameter_are_usage_errors(store):
    assert "no query named" in run("query", "nope").output
    result = run("query", "adopters_of_measure", "-p", "measure")
    assert result.exit_code == 2
    assert "KEY=VALUE" in result.output


def test_queries_lists_the_catalog():
    result = run("queries")
    assert result.exit_code == 0
    assert "adopters_of_measure" in result.stdout
    assert "measure:string" in result.stdout


def test_store_that_cannot_start_gives_one_clear_message(tmp_path, monkeypatch):
    occupied = tmp_path / "a-file-not-a-folder"
    occupied.write_text("in the way", encoding="utf-8")
    monkeypatch.setenv("EDUKG_DATA_DIR", str(occupied))
    result = CliRunner().invoke(main, ["export"])
    assert result.exit_code == EXIT_STORE
    assert "Traceback" not in result.output
    assert "graph store error" in result.output.lower()
    assert str(occupied) in result.output


def test_streamlit_run_in_a_checkout_serves_the_explorer_as_edukg_app_does():
    """The tests and the benchmark serve app.py with `streamlit run`, readers with `edukg app`:
    a setting in one and not the other (the file watcher: a third of a second per page) would
    make the one measured differ from the one used."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    settings = {
        f"{section}.{name}": json.dumps(value) if isinstance(value, bool) else str(value)
        for section, options in config.items()
        for name, value in options.items()
    }
    assert settings == APP_SETTINGS
