"""The reform diffusion page on the demo corpus, driven by AppTest against the real embedded
store: first movers, adopters by year, the lag between levels, the adopters with their
evidence, the map coloured by year, the links from and to the measure page."""

from __future__ import annotations

import json

from edukg.explorer.maps import NO_YEAR_FILL, year_colour
from edukg.store.loader import load
from tests.test_diffusion import rotation_documents

GROUP = "measure:group_schooling"
BEIJING = "region:110000"


TABLES = ("first_movers", "years", "levels", "adopters")  # in the page's order


def tables(app) -> dict[str, object]:
    assert len(app.dataframe) == len(TABLES)
    return {name: frame.value for name, frame in zip(TABLES, app.dataframe, strict=True)}


def test_the_page_shows_how_group_schooling_spread_in_beijing(demo_data_dir, open_explorer):
    app = open_explorer("diffusion", measure=GROUP, within=BEIJING)
    assert not app.exception, app.exception
    assert app.title[0].value == "Reform diffusion"
    metrics = {m.label: m.value for m in app.metric}
    assert metrics == {
        "Regions": "4",
        "First year": "2014",
        "Years of spread": "9",
        "Levels reached": "2",
    }
    shown = tables(app)
    movers = shown["first_movers"]
    assert list(movers["Region"]) == [
        "北京市 › 东城区",
        "北京市 › 海淀区",
        "北京市 › 朝阳区",
        "北京市",
    ]
    assert list(movers["Since"])[0] == "2014"
    years = shown["years"]
    assert list(years["Since"]) == ["2014", "2016", "2018", "2023"]
    assert list(years["In all by then"]) == [1, 2, 3, 4]
    assert list(years["Provinces"]) == [0, 0, 0, 1]
    levels = shown["levels"]
    assert list(levels["Level"]) == ["province", "county"]
    assert list(levels["First year"]) == ["2023", "2014"]
    assert list(levels["Median year"]) == ["2023", "2016"]
    assert list(levels["First movers"]) == ["北京市", "东城区"]
    assert list(levels["Lag of first years"]) == ["—", "-9"]
    assert list(levels["Lag of median years"]) == ["—", "-7"]
    assert any("median lag behind it -7 years" in c.value.replace("\\", "") for c in app.caption), [
        c.value for c in app.caption
    ]
    adopters = shown["adopters"]
    assert list(adopters["Region"]) == list(movers["Region"])
    assert list(adopters["Years after the region above"]) == ["-9", "-7", "-5", "—"]
    assert list(adopters["The sentence dating it"])[0].startswith("东城区自2014年起推行集团化办学")
    assert app.query_params["measure"] == GROUP and app.query_params["within"] == BEIJING


def test_a_row_opens_its_evidence(demo_data_dir, open_explorer):
    app = open_explorer("diffusion", measure=GROUP, within=BEIJING)
    app.session_state["diffusion:adopters"] = {"selection": {"rows": [0], "columns": []}}
    app.run()
    assert not app.exception, app.exception
    assert any("东城区自2014年起推行集团化办学" in m.value for m in app.markdown)


def test_the_map_waits_for_its_tab_and_colours_each_adopter_by_its_year(
    demo_data_dir, open_explorer
):
    app = open_explorer("diffusion", measure=GROUP, within=BEIJING)
    assert not app.get("deck_gl_json_chart")  # the adopters' table is the open tab
    app.session_state["diffusion:view"] = "Map coloured by the year of adoption"
    app.run()
    assert not app.exception, app.exception
    assert len(app.dataframe) == len(TABLES) - 1  # the adopters' table waits in its tab now
    deck = json.loads(app.get("deck_gl_json_chart")[0].proto.json)
    dots = deck["layers"][0]["data"]
    fills = {dot["tooltip"].split(" · ")[0]: dot["fill"] for dot in dots}  # path · since
    assert fills["北京市 › 东城区"] == list(year_colour(2014, 2014, 2023))
    assert fills["北京市"] == list(year_colour(2023, 2014, 2023))
    assert fills["北京市 › 东城区"] != fills["北京市 › 海淀区"] != fills["北京市"]
    assert year_colour(None, 2014, 2023) == NO_YEAR_FILL


def test_all_regions_name_the_first_mover_anywhere_in_chinese(demo_data_dir, open_explorer):
    app = open_explorer("diffusion", lang="zh", measure=GROUP)
    assert not app.exception, app.exception
    assert app.title[0].value == "改革扩散"
    movers = tables(app)["first_movers"]
    assert list(movers.columns) == ["次序", "地区", "级别", "起始年份"]
    assert list(movers["地区"])[:2] == ["浙江省 › 杭州市 › 上城区", "北京市 › 东城区"]
    assert list(movers["级别"])[0] == "县级"
    assert list(tables(app)["years"]["累计"]) == [1, 2, 3, 4, 5, 6, 7]


def test_the_measure_page_links_to_the_diffusion_page(demo_data_dir, open_explorer):
    app = open_explorer("measure", measure=GROUP, within=BEIJING)
    links = {link.label: link for link in app.get("page_link")}
    link = links["How this measure spread"]
    assert link.page == "diffusion"
    assert "measure=measure%3Agroup_schooling" in link.query_string
    assert "within=region%3A110000" in link.query_string


def test_three_levels_and_an_undated_adopter(store, open_explorer):
    """The fixture graph plus a report: 干部教师交流轮岗 went from 吉林省 (2017) to 长春市 (2020)
    and 长春市朝阳区 (2022); 海淀区 states no year."""
    load(store, rotation_documents())
    app = open_explorer("diffusion", measure="measure:teacher_rotation")
    assert not app.exception, app.exception
    metrics = {m.label: m.value for m in app.metric}
    assert (metrics["Regions"], metrics["Levels reached"]) == ("5", "3")
    levels = tables(app)["levels"]
    assert list(levels["Level"]) == ["province", "prefecture", "county"]
    assert list(levels["Lag of first years"]) == ["—", "3", "2"]
    assert any("1 adopters without a stated year" in c.value for c in app.caption)
    adopters = tables(app)["adopters"]
    assert list(adopters["Since"])[-1] == "—"  # the undated adopter last


def test_a_scope_without_adopters_says_so(demo_data_dir, open_explorer):
    app = open_explorer("diffusion", measure=GROUP, within="region:350000")  # 福建省
    assert not app.exception, app.exception
    assert {m.label: m.value for m in app.metric}["Regions"] == "0"
    assert "None recorded." in [c.value for c in app.caption]
    assert not app.dataframe
