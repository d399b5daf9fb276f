"""The explorer shows things right and in both languages: broken links say "not found" with
the closest matches, targets are grouped and scoped, unknown years are empty, Streamlit's own
words and the query catalog come in zh and en, and the language stays in the address."""

from __future__ import annotations

import pytest

from explorer.i18n import plain
from tests.test_app import shown_text

# A page, its address parameter and a broken value, and what it must not show instead.
BROKEN_LINKS = {
    "region": ({"region": "region:999999"}, "北京市东城区"),
    "document": ({"doc": "doc:nope"}, "Facts extracted from it"),
    "measure": ({"measure": "measure:group_schoolin"}, "Regions adopting it"),
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
    assert any(plain(wanted) in w.value for w in app.warning), [
        w.value for w in app.warning
    ]
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
