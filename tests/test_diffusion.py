"""The diffusion queries (queries/measure_diffusion*.cypher) on the real embedded store holding
the demo corpus, and from the CLI with the measure and the scope given by name.

In the demo corpus 集团化办学 is adopted by 上城区 (2004), 东城区 (2014), 长春 朝阳区 (2015),
海淀区 (2016), 北京 朝阳区 (2018), 福田区 (2019) and, as a province, 北京市 (2023)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from edukg.catalog import CANNED_DIR, load_catalog, run_canned
from edukg.cli import main
from edukg.store.falkordb_store import FalkorDBStore
from edukg.store.loader import load
from tests.graph_fixture import DocumentBuilder, fixture_documents, implements

CATALOG = load_catalog([CANNED_DIR])
GROUP = "measure:group_schooling"
BEIJING = "region:110000"


@pytest.fixture(scope="module")
def demo(demo_server):
    with FalkorDBStore(demo_server) as store:
        yield store


def run(store, name: str, **params) -> list[dict]:
    return run_canned(store, CATALOG[name], {"measure": GROUP, **params}).records()


def test_adopters_come_in_the_order_they_adopted_with_level_province_and_the_lag(demo):
    rows = run(demo, "measure_diffusion", within=BEIJING)
    assert [(r["region"], r["year"], r["level"]) for r in rows] == [
        ("东城区", 2014, "county"),
        ("海淀区", 2016, "county"),
        ("朝阳区", 2018, "county"),
        ("北京市", 2023, "province"),
    ]
    assert {r["province"] for r in rows} == {"北京市"}
    # 北京市 adopted in 2023: its districts went first
    assert [(r["above_year"], r["years_after_above"]) for r in rows] == [
        (2023, -9),
        (2023, -7),
        (2023, -5),
        (None, None),
    ]
    # the sentence that dates the adoption, of all that support it
    assert rows[0]["evidence_count"] == 4
    assert (
        rows[0]["evidence"]
        == "东城区自2014年起推行集团化办学，以优质校为龙头，吸纳周边学校组成教育集团。"
    )
    assert rows[0]["source"].startswith("doc:")


def test_the_first_mover_of_all_regions_is_the_earliest(demo):
    rows = run(demo, "measure_diffusion")
    assert (rows[0]["region"], rows[0]["year"], rows[0]["province"]) == ("上城区", 2004, "浙江省")
    assert len(rows) == 7
    assert [r["region"] for r in run(demo, "measure_diffusion", limit=2)] == ["上城区", "东城区"]


def test_adopters_by_year_count_each_level_and_add_up(demo):
    rows = run(demo, "measure_diffusion_years", within=BEIJING)
    assert [
        (r["year"], r["adopters"], r["provinces"], r["counties"], r["cumulative"]) for r in rows
    ] == [(2014, 1, 0, 1, 1), (2016, 1, 0, 1, 2), (2018, 1, 0, 1, 3), (2023, 1, 1, 0, 4)]
    everywhere = run(demo, "measure_diffusion_years")
    assert [r["cumulative"] for r in everywhere] == [1, 2, 3, 4, 5, 6, 7]


def test_levels_give_first_and_median_years_first_movers_and_the_lag(demo):
    rows = run(demo, "measure_diffusion_levels", within=BEIJING)
    assert [
        (r["level"], r["adopters"], r["first_year"], r["median_year"], r["first_movers"])
        for r in rows
    ] == [("province", 1, 2023, 2023, ["北京市"]), ("county", 3, 2014, 2016, ["东城区"])]
    assert (rows[0]["lag_first"], rows[0]["lag_median"]) == (None, None)
    assert (rows[1]["lag_first"], rows[1]["lag_median"]) == (-9, -7)


def test_a_scope_the_graph_lacks_gives_nothing(demo):
    for name in ("measure_diffusion", "measure_diffusion_years", "measure_diffusion_levels"):
        assert run(demo, name, within="region:999999") == []


def test_the_cli_takes_the_measure_and_the_scope_by_name(demo_server, monkeypatch):
    monkeypatch.setenv("EDUKG_DATA_DIR", str(demo_server.data_dir))
    result = CliRunner().invoke(
        main,
        ["query", "measure_diffusion", "-p", "measure=集团化办学", "-p", "within=北京市"]
        + ["--format", "json"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(r["region"], r["year"]) for r in rows][0] == ("东城区", 2014)


# --------------------------------------------------------------------------- three levels

ROTATION = "measure:teacher_rotation"


def rotation_documents():
    """The fixture graph, where 长春市 (2020) and 北京市 (2021) adopt 干部教师交流轮岗, and a
    report adding 吉林省 (2017), 长春市朝阳区 (2022) and 海淀区 (no year stated): a measure that
    went down all three levels, with one adopter left undated."""
    report = DocumentBuilder("doc:7a7a7a7a7a7a7a7a", "交流轮岗在各地", "2024-03-01")
    report.say(
        "吉林省2017年起推行教师交流轮岗。", implements("220000", "teacher_rotation"), year=2017
    )
    report.say(
        "朝阳区2022年跟进教师交流轮岗。", implements("220104", "teacher_rotation"), year=2022
    )
    report.say("海淀区也在推进教师交流轮岗。", implements("110108", "teacher_rotation"))
    return [*fixture_documents(), report.facts()]


@pytest.fixture
def three_levels(store):
    load(store, rotation_documents())
    return store


def test_a_measure_down_three_levels_with_an_undated_adopter(three_levels):
    rows = run(three_levels, "measure_diffusion", measure=ROTATION)
    assert [
        (r["region"], r["level"], r["year"], r["above_year"], r["years_after_above"]) for r in rows
    ] == [
        ("吉林省", "province", 2017, None, None),
        ("长春市", "prefecture", 2020, 2017, 3),
        ("北京市", "province", 2021, None, None),
        ("朝阳区", "county", 2022, 2017, 5),  # after the earliest region above it
        ("海淀区", "county", None, 2021, None),  # no year stated: last
    ]
    assert rows[-1]["evidence"] == "海淀区也在推进教师交流轮岗。"
    years = run(three_levels, "measure_diffusion_years", measure=ROTATION)
    assert [
        (r["year"], r["provinces"], r["prefectures"], r["counties"], r["cumulative"]) for r in years
    ] == [
        (2017, 1, 0, 0, 1),
        (2020, 0, 1, 0, 2),
        (2021, 1, 0, 0, 3),
        (2022, 0, 0, 1, 4),
    ]
    levels = run(three_levels, "measure_diffusion_levels", measure=ROTATION)
    assert [
        (
            r["level"],
            r["adopters"],
            r["dated_adopters"],
            r["first_year"],
            r["median_year"],
            r["first_movers"],
            r["lag_first"],
            r["lag_median"],
        )
        for r in levels
    ] == [
        ("province", 2, 2, 2017, 2017, ["吉林省"], None, None),
        ("prefecture", 1, 1, 2020, 2020, ["长春市"], 3, 3),
        ("county", 2, 1, 2022, 2022, ["朝阳区"], 2, 2),
    ]
