"""The timeline of adoptions each Measure keeps, for queries/measure_timeline.cypher.

The timeline groups every dated adoption in the graph by measure and year: at 100 000 documents
158 000 adoptions, whose years alone took 92 ms to read. So each Measure keeps its own
(`model.ADOPTION_TIMELINE`, the store's bookkeeping, never exported): a line per year, in year
order, of tab-separated fields: the year, how many regions adopted the measure first that year,
and the first `REGIONS_KEPT` of them by region code.

The loader drops every measure's timeline before it changes adoptions (`forget`) and writes them
all again when it is done (`refresh`): a measure without one has its adoptions being changed, or
had when a load stopped, and the query reads those from the adoptions themselves.
"""

from __future__ import annotations

from edukg.store.base import GraphStore
from edukg.store.model import ADOPTION_TIMELINE

REGIONS_KEPT = 20  # the regions the query lists for a measure and year

_FORGET = (
    f"MATCH (m:Measure) WHERE m.{ADOPTION_TIMELINE} IS NOT NULL SET m.{ADOPTION_TIMELINE} = null"
)
# Regions in code order first, so that each year's list is in that order too (twice as fast as
# ordering the adoptions); then every measure, those without a dated adoption getting [].
_REFRESH = f"""
MATCH (r:Region) WITH r ORDER BY r.id
MATCH (r)-[i:IMPLEMENTS]->(m:Measure)
WHERE i.year > 0
WITH m, i.year AS year, collect(r.name) AS regions ORDER BY year
WITH m, collect(reduce(line = toString(year) + '\\t' + toString(size(regions)),
                       name IN regions[..{REGIONS_KEPT}] | line + '\\t' + name)) AS timeline
WITH collect({{measure: m, timeline: timeline}}) AS dated
MATCH (m:Measure)
SET m.{ADOPTION_TIMELINE} = coalesce([d IN dated WHERE d.measure = m | d.timeline][0], [])
RETURN count(m)
"""


def forget(store: GraphStore) -> None:
    """Drop every measure's timeline: the adoptions are about to change."""
    store.write(_FORGET)


def refresh(store: GraphStore) -> None:
    """Write every measure's timeline from its adoptions as they are now."""
    store.write(_REFRESH)


def statements() -> dict[str, str]:
    """The statements sent, by name, for the Cypher linter."""
    return {"timeline: forget": _FORGET, "timeline: refresh": _REFRESH}
