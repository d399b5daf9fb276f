"""Charts: bars, timelines, goals side by side, and a chart guessed for a query's answer."""

from __future__ import annotations

import altair as alt
import pandas as pd

from edukg.explorer.i18n import t, year_text

LABEL_LIMIT = 360  # pixels of an axis label before it is cut

# The columns the pages chart, and the labels their tooltips show them under.
FIELD_LABELS = {
    "region": "col_region",
    "measure": "col_measure",
    "year": "col_year",
    "province": "col_province",
    "title": "col_title",
    "published": "col_published",
    "script": "col_script",
    "name": "col_name",
    "total": "col_count",
    "regions": "col_adopters",
    "measures": "col_reforms",
}


def tooltips(fields: list[str]) -> list[alt.Tooltip]:
    """Tooltip entries titled in the reader's language (a field's own name otherwise)."""
    entries = []
    for field in fields:
        name = field.split(":")[0]
        key = FIELD_LABELS.get(name)
        entries.append(alt.Tooltip(field, title=t(key) if key else name))
    return entries


def bar_chart(
    frame: pd.DataFrame, *, x: str, y: str, color: str | None = None, label_limit: int = 220
) -> alt.Chart:
    """Horizontal bars, longest first: labels (often Chinese) stay readable; a label cut at
    `label_limit` pixels is whole in the tooltip."""
    encoding = {
        "x": alt.X(f"{x}:Q", title=None, axis=alt.Axis(format="d", tickMinStep=1)),
        "y": alt.Y(f"{y}:N", sort="-x", title=None, axis=alt.Axis(labelLimit=label_limit)),
        "tooltip": tooltips([y, x] + ([color] if color else [])),
    }
    if color:
        encoding["color"] = alt.Color(f"{color}:N", title=None)
    return alt.Chart(frame).mark_bar().encode(**encoding)


def timeline(frame: pd.DataFrame, *, y: str, color: str, tooltip: list[str]) -> alt.Chart:
    """One dot per adoption: the year across, `y` down, `color` for the other dimension."""
    height = max(120, 28 * frame[y].nunique())
    return (
        alt.Chart(frame)
        .mark_circle(size=160, opacity=0.85)
        .encode(
            x=alt.X(
                "year:Q",
                title=None,
                scale=alt.Scale(zero=False, padding=12),
                axis=alt.Axis(format="d", tickMinStep=1),
            ),
            y=alt.Y(f"{y}:N", title=None, axis=alt.Axis(labelLimit=LABEL_LIMIT)),
            color=alt.Color(f"{color}:N", title=None),
            tooltip=tooltips(tooltip),
        )
        .properties(height=height)
    )


def goal_chart(percentages: pd.DataFrame) -> alt.LayerChart:
    """Percentage goals as bars: one row per metric, the goals of different policies for the
    same metric side by side (grouped, never stacked: 55 % and 60 % are not 115 %), each bar
    named in the legend and labelled with its goal, the axis in per cent."""
    rows = pd.DataFrame(
        {
            "metric": percentages["metric"] + " (" + percentages["target"] + ")",
            "value": percentages["value"],
            "policy": percentages["subject"],
            "goal": percentages["goal"],
            "deadline": percentages["deadline"].map(year_text),
        }
    )
    # the goals for one metric side by side: each its own slot within the metric's band
    rows["slot"] = rows.groupby("metric").cumcount()
    order = list(rows.groupby("metric")["value"].max().sort_values(ascending=False).index)
    top = max(100.0, float(rows["value"].max()))
    base = alt.Chart(rows).encode(
        x=alt.X(
            "value:Q",
            title=t("targets_axis"),
            scale=alt.Scale(domain=[0, top]),
            stack=None,
            axis=alt.Axis(format="d"),
        ),
        y=alt.Y("metric:N", title=None, sort=order, axis=alt.Axis(labelLimit=LABEL_LIMIT)),
        yOffset=alt.YOffset("slot:O", title=None),
        tooltip=[
            alt.Tooltip("policy:N", title=t("col_policy")),
            alt.Tooltip("metric:N", title=t("col_metric")),
            alt.Tooltip("goal:N", title=t("col_goal")),
            alt.Tooltip("deadline:N", title=t("col_deadline")),
        ],
    )
    colour = alt.Color(
        "policy:N",
        title=t("col_policy"),
        legend=alt.Legend(
            orient="bottom", direction="vertical", columns=1, labelLimit=800, symbolLimit=0
        ),
    )
    chart = base.mark_bar().encode(color=colour) + base.mark_text(
        align="left", dx=4, fontSize=12
    ).encode(text="goal:N")
    return chart.properties(height=alt.Step(20, **{"for": "offset"}))


def auto_chart(frame: pd.DataFrame) -> alt.Chart | None:
    """A chart for a query answer when its shape suggests one: numbers per year, or a
    number per label. None when nothing fits."""
    if frame.empty:
        return None
    numeric = [
        c
        for c in frame.columns
        if pd.api.types.is_numeric_dtype(frame[c])
        and not pd.api.types.is_bool_dtype(frame[c])
        and c != "year"
        and not c.startswith(("char_", "evidence_"))
    ]
    labels = [
        c
        for c in frame.columns
        if frame[c].map(lambda v: isinstance(v, str)).all() and not c.endswith("id")
    ]
    if "year" in frame.columns and pd.api.types.is_numeric_dtype(frame["year"]):
        years = frame[frame["year"].fillna(0) > 0]
        if years.empty:
            return None
        measure = numeric[0] if numeric else None
        whole = measure is None or pd.api.types.is_integer_dtype(frame[measure])
        y = alt.Y(
            f"sum({measure}):Q" if measure else "count():Q",
            title=measure,
            axis=alt.Axis(format="d", tickMinStep=1) if whole else alt.Axis(),
        )
        encoding = {"x": alt.X("year:O", title=None), "y": y}
        if labels:
            encoding["color"] = alt.Color(f"{labels[0]}:N", title=None)
            encoding["tooltip"] = [labels[0], "year"] + ([measure] if measure else [])
        return alt.Chart(years).mark_bar().encode(**encoding)
    if numeric and labels and len(frame) > 1:
        return bar_chart(frame, x=numeric[0], y=labels[-1] if len(labels) > 1 else labels[0])
    return None
