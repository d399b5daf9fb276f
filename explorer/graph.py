"""The interactive graph (Apache ECharts through streamlit-echarts): drag, zoom, click a node
to open its page. Used for a region's neighbourhood and for the nodes a query answer names.

Labels are canvas text, never HTML, and no tooltip is drawn. streamlit-echarts turns any
string wrapped in its JsCode marker into a live JavaScript function, so the marker is taken
out of every text that reaches it (`inert`): a document cannot smuggle code into the page.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import streamlit as st

from edukg.explorer import data
from edukg.explorer.data import RegionRecord
from edukg.explorer.i18n import t, t_or
from edukg.explorer.navigation import go, node_target
from edukg.store.model import label_of

LABEL_COLOURS = {
    "Region": "#4e79a7",
    "Measure": "#f28e2b",
    "Policy": "#59a14f",
    "Program": "#b07aa1",
    "Target": "#e15759",
    "Organization": "#76b7b2",
    "Document": "#9c755f",
}
OTHER_COLOUR = "#999999"
NEIGHBOURS_SHOWN = 15  # of each kind (sub-regions; measures, programmes and policies)
GRAPH_HEIGHT = "520px"
EXTENT, ROW_GAP = 300.0, 80.0  # a neighbourhood's box (-EXTENT..EXTENT), before ECharts fits it
# streamlit-echarts evaluates text between two of these as JavaScript (its JsCode).
JS_MARKER = "--x_x--0_0--"


@dataclass
class Graph:
    """Nodes ({id, name, label}, plus `evidence` where an edge carries some), edges ({source,
    type, target}), the node drawn larger, and notes on what was left out."""

    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    centre: str | None = None
    notes: list[str] = field(default_factory=list)


def inert(text: Any) -> str:
    """`text` with streamlit-echarts' JsCode marker removed (until none is left: removing one
    could join the halves of another)."""
    text = str(text)
    while JS_MARKER in text:
        text = text.replace(JS_MARKER, "")
    return text


def region_neighbourhood(
    region_id: str,
    regions: Mapping[str, RegionRecord],
    implemented: pd.DataFrame,
    limit: int = NEIGHBOURS_SHOWN,
) -> Graph:
    """A region, its parent, its sub-regions (those with most measures first) and what it
    implements itself (`implemented`: rows of kind, target_id, target_name, evidence; most
    evidence first), at most `limit` sub-regions and `limit` implemented nodes, with a note
    saying how many were left out."""
    region = regions[region_id]
    nodes = [{"id": region_id, "name": region.name, "label": "Region"}]
    edges: list[dict[str, Any]] = []
    if region.parent in regions:
        parent = regions[region.parent]
        nodes.append({"id": parent.id, "name": parent.name, "label": "Region"})
        edges.append({"source": region_id, "type": "PART_OF", "target": parent.id})
    children = sorted(
        (r for r in regions.values() if r.parent == region_id), key=lambda r: (-r.measures, r.id)
    )
    for child in children[:limit]:
        nodes.append({"id": child.id, "name": child.name, "label": "Region"})
        edges.append({"source": child.id, "type": "PART_OF", "target": region_id})
    if len(children) > limit:
        notes = [t("graph_cut_regions", shown=limit, count=len(children))]
    else:
        notes = []
    targets = (
        implemented.assign(evidence=implemented["evidence"].fillna(0))
        .sort_values(["evidence", "target_id"], ascending=[False, True])
        .drop_duplicates("target_id")
    )
    for row in targets.head(limit).itertuples():
        name = data.measure_label(row.target_id) if row.kind == "Measure" else row.target_name
        nodes.append(
            {"id": row.target_id, "name": name, "label": row.kind, "evidence": int(row.evidence)}
        )
        edges.append({"source": region_id, "type": "IMPLEMENTS", "target": row.target_id})
    if len(targets) > limit:
        notes.append(t("graph_cut_reforms", shown=limit, count=len(targets)))
    place_around(nodes, region_id, region.parent)
    return Graph(nodes, edges, centre=region_id, notes=notes)


def place_around(nodes: list[dict[str, Any]], centre: str, parent: str | None) -> None:
    """Fixed places for a neighbourhood, the same on every visit: the centre in the middle,
    its parent above, sub-regions in a column on the left (names to their left), what it
    implements in a column on the right (names to their right), each column spread over the
    height of the box `graph_options` fits to the canvas."""
    left = [n for n in nodes if n["label"] == "Region" and n["id"] not in (centre, parent)]
    right = [n for n in nodes if n["label"] != "Region"]
    for column, x, side in ((left, -EXTENT, "left"), (right, EXTENT, "right")):
        step = min(2 * EXTENT / max(len(column), 1), ROW_GAP)
        for row, node in enumerate(column):
            y = (row - (len(column) - 1) / 2) * step + step / 2  # clear of the parent
            node |= {"x": x, "y": y, "side": side}
    for node in nodes:
        if node["id"] == centre:
            node |= {"x": 0.0, "y": 0.0, "side": "bottom"}
        elif node["id"] == parent:
            node |= {"x": 0.0, "y": -EXTENT, "side": "top"}


def _corners() -> list[dict[str, Any]]:
    """Two invisible points at the corners of the box placed nodes live in: ECharts fits the
    nodes' own extent to the canvas, so without them a short column would be stretched."""
    return [
        {
            "id": f"corner:{i}",
            "name": "",
            "x": x,
            "y": x,
            "symbolSize": 0,
            "label": {"show": False},
            "itemStyle": {"opacity": 0},
        }
        for i, x in enumerate((-EXTENT, EXTENT))
    ]


def graph_options(graph: Graph) -> dict[str, Any]:
    """The ECharts option of a force-directed graph: nodes coloured by label, a legend of
    labels in the reader's language, edges named by type; nodes draggable, the view
    zoomable and movable."""
    order = list(LABEL_COLOURS)
    labels = sorted(
        {node["label"] for node in graph.nodes},
        key=lambda label: (order.index(label) if label in order else len(order), label),
    )
    categories = [
        {
            "name": inert(t_or(f"kind_{label}", label)),
            "itemStyle": {"color": LABEL_COLOURS.get(label, OTHER_COLOUR)},
        }
        for label in labels
    ]
    placed = all("x" in node for node in graph.nodes)
    nodes = [
        {
            "id": inert(node["id"]),
            "name": inert(node["name"] or node["id"]),
            "value": inert(node["id"]),  # what a click sends back
            "category": labels.index(node["label"]),
            "symbolSize": 42 if node["id"] == graph.centre else _size(node.get("evidence")),
        }
        | ({"x": node["x"], "y": node["y"], "label": {"position": node["side"]}} if placed else {})
        for node in graph.nodes
    ]
    links = [
        {
            "source": inert(edge["source"]),
            "target": inert(edge["target"]),
            "label": {"show": True, "formatter": inert(t_or(f"edge_{edge['type']}", edge["type"]))},
        }
        for edge in graph.edges
    ]
    return {
        "legend": [{"data": [c["name"] for c in categories], "top": 0}],
        "animationDurationUpdate": 300,
        "series": [
            {
                "type": "graph",
                "layout": "none" if placed else "force",
                # room beside the columns for their names (measures carry both of theirs)
                # (no bottom: ECharts then keeps the box square)
                **({"left": "16%", "right": "40%", "top": 56} if placed else {}),
                "roam": True,
                "draggable": True,
                "force": {
                    "repulsion": 600,
                    "edgeLength": [90, 180],
                    "gravity": 0.08,
                    "layoutAnimation": False,  # laid out at once: nothing drifts under the mouse
                },
                "categories": categories,
                "data": nodes + (_corners() if placed else []),
                "links": links,
                "edgeSymbol": ["none", "arrow"],
                "edgeSymbolSize": 7,
                "label": {"show": True, "position": "right", "fontSize": 12},
                "edgeLabel": {"fontSize": 10, "color": "#888888"},
                "lineStyle": {"color": "source", "opacity": 0.6, "curveness": 0 if placed else 0.1},
                "emphasis": {"focus": "adjacency"},
            }
        ],
    }


def _size(evidence: int | None) -> float:
    """A node's diameter: larger with more supporting sentences."""
    return 22 + 4 * math.sqrt(min(evidence or 0, 100))


def clicked_node(value: Any, graph: Graph) -> str | None:
    """The id of the node a click chose, if it is one this graph drew (an edge, blank canvas
    or a stale selection give None)."""
    points = ((value or {}).get("selection") or {}).get("points") or []
    ids = {node["id"] for node in graph.nodes}
    chosen = points[0].get("value") if points else None
    return chosen if chosen in ids else None


def open_clicked(value: Any, graph: Graph) -> None:
    """Go to the page of the node clicked: regions, measures, policies and documents have
    their own; others open their facts on the evidence page. The centre is the page open."""
    node_id = clicked_node(value, graph)
    if node_id is None or node_id == graph.centre:
        return
    label = next(node["label"] for node in graph.nodes if node["id"] == node_id)
    go(*node_target(node_id, label))


def graph_chart(graph: Graph, *, key: str) -> None:
    """Draw `graph`; a click on a node opens its page. The key names what is drawn, so a
    selection never outlives its graph."""
    # Imported here: the component registers itself with the running Streamlit server, and
    # there is none when tests or the CLI import this module.
    from streamlit_echarts import st_echarts

    for note in graph.notes:
        st.caption(note)
    value = st_echarts(
        graph_options(graph),
        height=GRAPH_HEIGHT,
        key=key,
        on_select="rerun",
        selection_mode="points",
    )
    st.caption(t("graph_hint"))
    open_clicked(value, graph)


MAX_GRAPH_NODES = 120


def graph_view(ids: set[str], *, key: str) -> None:
    """The nodes and the edges among them (documents' MENTIONS left out), drawn as the
    interactive graph: a click on a node opens its page."""
    if len(ids) > MAX_GRAPH_NODES:
        st.caption(t("graph_too_big", count=len(ids)))
        return
    labels = sorted({label_of(node_id) for node_id in ids})  # by label: the id index finds them
    nodes = [
        node
        for label in labels
        for node in data.records("subgraph_nodes", {"label": label, "ids": sorted(ids)})
    ]
    if len(nodes) < 2:
        st.caption(t("graph_nothing"))
        return
    edges = [
        edge
        for label in labels
        for edge in data.records("subgraph_edges", {"label": label, "ids": sorted(ids)})
    ]
    for node in nodes:
        if node["label"] == "Measure":
            node["name"] = data.measure_label(node["id"])
    drawn = hashlib.sha1("\n".join(sorted(ids)).encode()).hexdigest()[:12]
    graph_chart(Graph(nodes, edges), key=f"{key}:{drawn}")
