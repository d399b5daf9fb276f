"""The map of regions: dots with their names laid out apart, coloured by year where asked."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import altair as alt
import pandas as pd
import pydeck as pdk
import streamlit as st

from edukg.explorer import data
from edukg.explorer.charts import tooltips
from edukg.explorer.i18n import t, year_text

LABEL_SIZE = 14  # pixels; a Chinese character is about as wide
LABEL_MARGIN = 4
DOT_FILL = (242, 142, 43, 180)  # a map dot that no colour scale fills
MAP_FONT = "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif"
# Pixels of each character drawn into the names' glyph atlas, twice a name's size so that it stays
# sharp on a high-density screen; at deck.gl's 64, drawing the atlas took 0.2-0.3 s of a map
# page in headless Chromium (the busiest measure's pages at 100 000 documents, bench/README.md).
GLYPH_ATLAS_SIZE = 32


def region_map(
    points: dict[str, tuple[int, str]],
    *,
    key: str,
    caption: str,
    colours: Mapping[str, Sequence[int]] | None = None,
) -> None:
    """Regions as dots at their coordinates, named; `points` maps a region to its dot's
    size (1..10) and a note for its tooltip, `colours` (optional) a region to its dot's
    RGBA fill."""
    regions = data.regions()
    placed = [regions[rid] for rid in points if rid in regions and regions[rid].lon is not None]
    if placed:
        frame = pd.DataFrame(
            {
                "name": [r.name for r in placed],
                "tooltip": [f"{r.path} · {points[r.id][1]}" for r in placed],
                "radius": [6 + 3 * min(points[r.id][0], 10) for r in placed],
                "lon": [r.lon for r in placed],
                "lat": [r.lat for r in placed],
                "fill": [list((colours or {}).get(r.id, DOT_FILL)) for r in placed],
            }
        )
        st.pydeck_chart(_deck(frame), height=420, key=key)
        st.caption(f"{caption} {t('map_caption')}")
    if len(placed) < len(points):
        st.caption(t("map_missing", count=len(points) - len(placed)))


Box = tuple[float, float, float, float]  # left, top, right, bottom, in pixels


def adopters_map(
    adopters: pd.DataFrame, *, key: str, colours: Mapping[str, Sequence[int]] | None = None
) -> None:
    """The regions of a table of adopters (region_id, year) on the map, each noted with the
    year it adopted."""
    region_map(
        {
            rid: (1, t("map_since", year=year_text(year)))
            for rid, year in zip(adopters["region_id"], adopters["year"], strict=True)
        },
        key=key,
        caption=t("map_adopters"),
        colours=colours,
    )


def _pixels(lon: float, lat: float, zoom: float) -> tuple[float, float]:
    """Where a point is drawn at `zoom` (Web Mercator, 512-pixel tiles as deck.gl draws)."""
    scale = 512 * 2**zoom
    sin = math.sin(math.radians(max(min(lat, 85.0), -85.0)))
    return (lon + 180) / 360 * scale, (
        0.5 - math.log((1 + sin) / (1 - sin)) / (4 * math.pi)
    ) * scale


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


class _Boxes:
    """Boxes filed by the grid cells they cover, so that a new one is tested against its
    neighbours only: testing it against every box laid out before took seconds for the 3 000
    adopters of one measure."""

    CELL = 64.0  # pixels: a few names wide

    def __init__(self, boxes: Sequence[Box] = ()) -> None:
        self._cells: dict[tuple[int, int], list[Box]] = {}
        for box in boxes:
            self.add(box)

    def _cells_of(self, box: Box) -> list[tuple[int, int]]:
        left, top, right, bottom = (math.floor(side / self.CELL) for side in box)
        return [(x, y) for x in range(left, right + 1) for y in range(top, bottom + 1)]

    def add(self, box: Box) -> None:
        for cell in self._cells_of(box):
            self._cells.setdefault(cell, []).append(box)

    def hit(self, box: Box) -> bool:
        return any(
            _overlap(box, other)
            for cell in self._cells_of(box)
            for other in self._cells.get(cell, ())
        )


def label_layout(points: pd.DataFrame, zoom: float) -> list[tuple[float, float] | None]:
    """Where each dot's name goes, as a pixel offset from the dot, or None when it fits
    nowhere: above, right of, below or left of its dot, covering no other name and no dot.
    Bigger dots are placed first. Names drawn on top of each other could not be read, and
    the tooltip names every dot, left out or not."""
    centres = [
        _pixels(lon, lat, zoom) for lon, lat in zip(points["lon"], points["lat"], strict=True)
    ]
    radii, names = list(points["radius"]), [str(name) for name in points["name"]]
    taken = _Boxes([(x - r, y - r, x + r, y + r) for (x, y), r in zip(centres, radii, strict=True)])
    offsets: list[tuple[float, float] | None] = [None] * len(points)
    for i in sorted(range(len(points)), key=lambda k: (-radii[k], k)):
        (x, y), r = centres[i], radii[i]
        width = LABEL_SIZE * len(names[i]) + LABEL_MARGIN
        height = LABEL_SIZE + LABEL_MARGIN
        for dx, dy in (
            (0, -(r + height / 2 + 2)),
            (r + width / 2 + 2, 0),
            (0, r + height / 2 + 2),
            (-(r + width / 2 + 2), 0),
        ):
            box = (x + dx - width / 2, y + dy - height / 2, x + dx + width / 2, y + dy + height / 2)
            if not taken.hit(box):
                taken.add(box)
                offsets[i] = (dx, dy)
                break
    return offsets


def _deck(points: pd.DataFrame) -> pdk.Deck:
    span = max(points["lon"].max() - points["lon"].min(), points["lat"].max() - points["lat"].min())
    zoom = min(max(math.log2(360 / max(span, 0.05)) - 1.4, 3.0), 11.0)  # all points in view
    offsets = label_layout(points, zoom)
    # Each layer is sent with the columns it draws, the names with the dots that have one: a
    # measure's 3 000 adopters were sent twice, whole, though a few dozen names fit.
    named = [at is not None for at in offsets]
    labels = points[named][["lon", "lat"]].assign(
        label=points["name"][named],
        dx=[at[0] for at in offsets if at is not None],
        dy=[at[1] for at in offsets if at is not None],
    )
    dots = pdk.Layer(
        "ScatterplotLayer",
        points[["lon", "lat", "radius", "fill", "tooltip"]],
        get_position=["lon", "lat"],
        get_radius="radius",
        radius_units=pdk.types.String("pixels"),
        get_fill_color="fill",
        get_line_color=[120, 60, 0, 220],
        line_width_min_pixels=1,
        stroked=True,
        pickable=True,
    )
    names = pdk.Layer(
        "TextLayer",
        labels,
        get_position=["lon", "lat"],
        get_text="label",
        get_size=LABEL_SIZE,
        get_color=[30, 30, 30, 255],
        get_pixel_offset="[dx, dy]",
        # pydeck reads plain strings as expressions: these two are literal values
        character_set=pdk.types.String("auto"),
        font_family=pdk.types.String(MAP_FONT),
        font_settings={"fontSize": GLYPH_ATLAS_SIZE},
    )
    view = pdk.ViewState(
        longitude=float(points["lon"].mean()), latitude=float(points["lat"].mean()), zoom=zoom
    )
    return pdk.Deck(
        layers=[dots, names],
        initial_view_state=view,
        map_style=None,
        tooltip={"text": "{tooltip}"},
    )


# Early years dark, late years light (viridis' ends and middle), so that the order reads in
# grey too; a year not stated is grey.
YEAR_STOPS = ((68, 1, 84), (33, 145, 140), (253, 231, 37))
NO_YEAR_FILL = (170, 170, 170, 200)


def year_colour(year: int | None, first: int, last: int) -> tuple[int, int, int, int]:
    """The RGBA fill of an adoption `year` on a scale from `first` to `last`."""
    if year is None or pd.isna(year) or not year:
        return NO_YEAR_FILL
    share = 0.0 if last <= first else (int(year) - first) / (last - first)
    share = min(max(share, 0.0), 1.0) * (len(YEAR_STOPS) - 1)
    low = min(int(share), len(YEAR_STOPS) - 2)
    a, b = YEAR_STOPS[low], YEAR_STOPS[low + 1]
    rgb = (round(x + (y - x) * (share - low)) for x, y in zip(a, b, strict=True))
    return (*rgb, 220)


def year_legend(first: int, last: int) -> alt.Chart:
    """A colour bar of `year_colour` from `first` to `last`, a map's legend. Drawn without
    Streamlit's chart theme (`theme=None`), whose padding leaves a bar this low no height."""
    years = list(range(first, last + 1))
    frame = pd.DataFrame(
        {
            "year": years,
            "band": 1,
            "fill": ["#{:02x}{:02x}{:02x}".format(*year_colour(y, first, last)[:3]) for y in years],
        }
    )
    return (
        alt.Chart(frame)
        .mark_bar(opacity=1, binSpacing=0)
        .encode(
            x=alt.X(
                "year:O",
                title=None,
                axis=alt.Axis(labelAngle=0, labelOverlap=True),
                scale=alt.Scale(paddingInner=0),
            ),
            y=alt.Y("band:Q", axis=None, scale=alt.Scale(domain=[0, 1])),  # full height
            color=alt.Color(
                "year:O",
                scale=alt.Scale(domain=years, range=list(frame["fill"])),
                legend=None,
            ),
            tooltip=tooltips(["year"]),
        )
        .properties(height=64)
    )
