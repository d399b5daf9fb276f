"""Pickers: select boxes kept in the address, searching as one types, with "not found"
and the closest matches for a broken link."""

from __future__ import annotations

import difflib
import heapq
import itertools
import os
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import streamlit as st

from edukg.explorer import data
from edukg.explorer.data import RegionRecord
from edukg.explorer.i18n import plain, t

PICKER_HITS = 50  # choices a searching picker offers at once


def synced_select(
    label: str,
    options: Sequence[Any],
    *,
    key: str,
    param: str | None,
    default: Any = None,
    format_func: Callable[[Any], str] = str,
    suggestions: Mapping[Any, str] | None = None,
) -> Any:
    """A select box whose choice is also in the address (`?param=value`), so that other
    pages can link to a choice and a choice can be shared as a link (`param=None`: not).

    A value arriving in the address (a link was followed) wins over the box's earlier
    choice; otherwise the user's last choice stays. A value the graph does not hold (a
    broken or outdated link) is said to be not found, with the closest choices to pick from
    (among `suggestions` when given, else the options), and the page stops there rather than
    show something else in its place.
    """
    # labels made now, in this run's language (a lambda would be called later, too)
    labels = {option: format_func(option) for option in options}
    incoming = st.query_params.get(param) if param else None
    missing = f"{key}:missing"
    if incoming is not None and incoming not in labels:
        if incoming != st.session_state.get(missing):  # a new broken link: nothing chosen
            st.session_state[key] = None
            st.session_state[missing] = incoming
    else:
        st.session_state[missing] = None
        if incoming is not None and incoming != st.session_state.get(f"{key}:synced"):
            st.session_state[key] = incoming
    if st.session_state.get(key) not in labels and not st.session_state.get(missing):
        st.session_state[key] = default if default in labels else next(iter(labels), None)
    value = st.selectbox(
        label, list(labels), key=key, format_func=labels.__getitem__, placeholder=t("pick_one")
    )
    if value is None and st.session_state.get(missing):
        not_found(st.session_state[missing], suggestions or labels, key=key, on_pick=_choose)
        st.stop()
    st.session_state[missing] = None
    st.session_state[f"{key}:synced"] = value
    if value is not None and param:
        st.query_params[param] = value
    return value


def _choose(key: str, option: Any) -> None:
    st.session_state[key] = option


def not_found(
    wanted: str,
    labels: Mapping[Any, str],
    *,
    key: str,
    on_pick: Callable[[str, Any], None],
    count: int = 5,
) -> None:
    """Say that the address names something the graph does not hold, and offer the closest
    choices (by id and by name) as buttons; a button calls `on_pick(key, choice)`."""
    st.warning(t("not_found", value=wanted), icon=":material/search_off:")
    matches = closest(wanted, labels, count)
    if matches:
        st.caption(t("closest_matches"))
    for option in matches:
        st.button(
            plain(labels[option]),
            key=f"{key}:match:{option}",
            on_click=on_pick,
            args=(key, option),
            type="tertiary",
            icon=":material/arrow_forward:",
        )


def closest(wanted: str, labels: Mapping[Any, str], count: int = 5) -> list[Any]:
    """The `count` choices most like `wanted`: by the id after its prefix (region:110101 ->
    110101, where a shared start means the same province), and by the name shown."""
    core = str(wanted).split(":", 1)[-1].lower()

    def score(option: Any) -> float:
        own = str(option).split(":", 1)[-1].lower()
        start = len(os.path.commonprefix([core, own])) / max(len(core), 1)
        by_id = difflib.SequenceMatcher(None, core, own).ratio()
        by_name = difflib.SequenceMatcher(None, core, labels[option].lower()).ratio()
        return max(start, by_id, by_name)

    scored = [(score(option), index, option) for index, option in enumerate(labels) if option]
    return [option for _, _, option in heapq.nsmallest(count, scored, key=lambda x: (-x[0], x[1]))]


def search_select(
    label: str,
    *,
    kinds: Sequence[str],
    key: str,
    param: str | None,
    starters: Sequence[str],
    describe: Callable[[str], str],
    known: Callable[[list[str]], list[str]],
    nearby: Callable[[str], list[str]],
    default: str | None = None,
    blank: str | None = None,
) -> str | None:
    """A picker for choices that run to thousands (policies, regions, documents): a search
    box that searches the graph as one types (the store's full-text `search`, at most
    PICKER_HITS of each kind), and a select box of what it found, the best first chosen.
    Before anything is typed, the select box offers the current choice and `starters` (a
    bounded list the page picks).

    The choice is kept in the address (`?param=id`), as `synced_select` does; an id the graph
    does not hold is not found, with `nearby(id)` (ids like it) offered instead. `known(ids)`
    keeps the ids the graph holds, `describe(id)` names one; with `blank`, "" is a first
    option of that name (e.g. all regions). Nothing here reads a whole label.
    """
    from edukg.explorer.search import (
        search,  # here: edukg.explorer.search -> evidence -> this module
    )

    typed = st.text_input(
        t("picker_search", what=label),
        key=f"{key}:search",
        live=True,
        placeholder=t("picker_placeholder"),
        icon=":material/search:",
    )
    hits: list[str] = []
    if typed.strip():
        hits = known([hit.id for hit in search(typed, kinds=kinds, limit=PICKER_HITS, prefix=True)])
        if not hits:
            st.caption(t("search_none", query=typed.strip()))
    incoming = st.query_params.get(param) if param else None
    if hits:
        options = hits
        if st.session_state.get(key) not in hits:  # typing moves the choice to the best match
            st.session_state[key] = st.session_state[f"{key}:synced"] = hits[0]
            if param:
                st.query_params[param] = hits[0]
    else:
        current = [incoming, st.session_state.get(key), default]
        options = known(list(dict.fromkeys([c for c in current if c] + list(starters))))
    suggestions = None
    if not hits and incoming and incoming not in options:  # a broken link
        near = nearby(incoming)
        options = list(dict.fromkeys([*options, *near]))
        suggestions = {node_id: describe(node_id) for node_id in near}
    if blank is not None:
        options = ["", *options]
    return synced_select(
        label,
        options,
        key=key,
        param=param,
        default=default if default is not None else ("" if blank is not None else None),
        format_func=lambda node_id: (
            blank if node_id == "" and blank is not None else describe(node_id)
        ),
        suggestions=suggestions,
    )


def region_select(
    key: str,
    *,
    param: str | None = "region",
    default: str | None = None,
    all_label: str | None = None,
    label: str | None = None,
) -> str | None:
    """A region by name, shown with its province and prefecture (北京市 › 东城区), so that
    regions sharing a name (two 朝阳区) are told apart; searched as one types. With
    `all_label`, "" means all."""
    regions = data.regions()
    paths = {rid: region.path for rid, region in regions.items()}
    return search_select(
        label or (t("pick_within") if all_label else t("pick_region")),
        kinds=["Region"],
        key=key,
        param=param,
        starters=list(itertools.islice(regions, PICKER_HITS)),
        describe=data.region_label,
        known=lambda ids: [rid for rid in ids if rid in regions],
        nearby=lambda wanted: closest(wanted, paths),  # the region table is in memory
        default=default,
        blank=all_label,
    )


def node_select(
    label: str,
    *,
    kinds: Sequence[str],
    key: str,
    param: str | None,
    starters: Sequence[str],
    describe: Callable[[dict[str, Any]], str],
    default: str | None = None,
    blank: str | None = None,
) -> str | None:
    """`search_select` over nodes named by a bounded look-up of the ids on offer
    (`data.named`); `describe` names a node from its record. For a broken link, the nodes a
    search for the words of its id finds are offered."""
    from edukg.explorer.search import (
        search,  # here: edukg.explorer.search -> evidence -> this module
    )

    found: dict[str, dict[str, Any]] = {}

    def known(ids: list[str]) -> list[str]:
        found.update(data.named([node_id for node_id in ids if node_id not in found]))
        return [node_id for node_id in ids if node_id in found]

    def nearby(wanted: str) -> list[str]:
        words = wanted.split(":", 1)[-1]
        return known([hit.id for hit in search(words, kinds=kinds, limit=5, prefix=True)])

    return search_select(
        label,
        kinds=kinds,
        key=key,
        param=param,
        starters=starters,
        describe=lambda node_id: describe(found[node_id]),
        known=known,
        nearby=nearby,
        default=default,
        blank=blank,
    )


def region_multiselect(key: str, *, param: str, default: list[str]) -> list[str]:
    """Several regions, kept in the address as `?param=id,id`; a search box above offers the
    regions it finds as one types (at most PICKER_HITS), beside those chosen. Ids the graph
    does not hold are said to be not found, with the closest regions to add instead."""
    from edukg.explorer.search import (
        search,  # here: edukg.explorer.search -> evidence -> this module
    )

    regions = data.regions()
    named = [rid for rid in dict.fromkeys(st.query_params.get(param, "").split(",")) if rid]
    incoming = [rid for rid in named if rid in regions]
    if named and named != st.session_state.get(f"{key}:synced"):
        st.session_state[key] = incoming
    elif key not in st.session_state:
        st.session_state[key] = [rid for rid in default if rid in regions]
    typed = st.text_input(
        t("picker_search", what=t("pick_regions")),
        key=f"{key}:search",
        live=True,
        placeholder=t("picker_placeholder"),
        icon=":material/search:",
    )
    found = [
        hit.id
        for hit in (
            search(typed, kinds=["Region"], limit=PICKER_HITS, prefix=True) if typed else []
        )
        if hit.id in regions
    ]
    if typed.strip() and not found:
        st.caption(t("search_none", query=typed.strip()))
    offered = found or list(itertools.islice(regions, PICKER_HITS))
    # the chosen regions stay on offer, so that searching never drops a choice
    options = list(dict.fromkeys([*st.session_state[key], *offered]))
    labels = {rid: region.path for rid, region in regions.items()}
    chosen = st.multiselect(
        t("pick_regions"),
        options,
        key=key,
        format_func=labels.__getitem__,
        placeholder=t("pick_some"),
    )
    unknown = [rid for rid in named if rid not in regions]
    if unknown and chosen == incoming:  # still as the link named them: keep the address
        for rid in unknown:
            not_found(rid, labels, key=key, on_pick=_add)
        st.session_state[f"{key}:synced"] = named
        return chosen
    st.session_state[f"{key}:synced"] = chosen
    st.query_params[param] = ",".join(chosen)
    return chosen


def _add(key: str, option: Any) -> None:
    st.session_state[key] = [*st.session_state.get(key, []), option]


def measure_select(key: str, *, param: str = "measure", default: str | None = None) -> str | None:
    """A measure by its Chinese and English names, the most adopted first."""
    measures = data.measures()
    return synced_select(
        t("pick_measure"),
        list(measures),
        key=key,
        param=param,
        default=default,
        format_func=lambda mid: measures[mid].label,
    )


def measure_and_scope(page: str) -> tuple[str | None, str]:
    """A measure picker and, beside it, the region whose sub-regions bound the answer (all
    regions by default), both kept in the address as `measure` and `within`."""
    left, right = st.columns(2)
    with left:
        measure_id = measure_select(f"{page}:pick")
    with right:
        within = region_select(f"{page}:within", param="within", all_label=t("all_regions"))
    return measure_id, within


def busiest_siblings(count: int = 2) -> list[str]:
    """Regions worth comparing by default: the sub-regions with the most measures under the
    parent that has the most such sub-regions."""
    regions = data.regions()
    by_parent: dict[str, list[RegionRecord]] = {}
    for region in regions.values():
        if region.parent and region.measures:
            by_parent.setdefault(region.parent, []).append(region)
    if not by_parent:
        return sorted(regions, key=lambda rid: -regions[rid].measures)[:count]
    siblings = max(
        by_parent.values(), key=lambda group: (len(group), sum(r.measures for r in group))
    )
    busiest = sorted(siblings, key=lambda r: (-r.measures, r.id))[:count]
    return sorted(r.id for r in busiest)
