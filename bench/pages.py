"""The explorer's pages on a benchmark graph, timed in headless Chromium against an empty
Streamlit page served and opened the same way in the same run.

Each page is opened on the busiest things in the graph (the measure most regions adopt, the
province with the most measures, the policy with the most links, the newest document): the
cases that grow with the corpus. A page is visited twice: the first visit runs its queries,
the second finds their answers in the explorer's cache, as a reader coming back does.
"""

from __future__ import annotations

import statistics
import tempfile
from pathlib import Path

from bench.browser import EMPTY_PAGE, ROOT, chromium_context, serve, visit
from edukg.catalog import inner_queries, run_canned
from edukg.store.base import GraphStore

ROUNDS = 3  # visits of each page, the median taken


def busiest(store: GraphStore) -> dict[str, str]:
    """Node ids for the pages' addresses: the busiest of each kind."""

    def rows(name: str, params: dict | None = None) -> list[dict]:
        return run_canned(store, inner_queries("pages")[name], params or {}).records()

    measure = max(rows("measures"), key=lambda row: row["adopters"])["id"]
    provinces = [row for row in rows("regions") if row["level"] == "province"]
    region = max(provinces, key=lambda row: row["measures"])["id"]
    reforms = rows("region_reforms", {"region": region})
    fact = max(reforms, key=lambda row: row["evidence"])  # the best supported fact below it
    return {
        "measure": measure,
        "region": region,
        "fact_source": fact["region_id"],
        "fact_target": fact["target_id"],
        "policy": rows("policies", {"limit": 1})[0]["id"],
        "doc": rows("recent_documents", {"limit": 1})[0]["id"],
    }


def addresses(ids: dict[str, str]) -> dict[str, str]:
    return {
        "overview": "",
        "search": "search?q=教育",
        "region": f"region?region={ids['region']}",
        "measure": f"measure?measure={ids['measure']}",
        "diffusion": f"diffusion?measure={ids['measure']}",
        "targets": "targets",
        "policy": f"policy?policy={ids['policy']}",
        "evidence": (
            f"evidence?type=IMPLEMENTS&source={ids['fact_source']}&target={ids['fact_target']}"
        ),
        "document": f"document?doc={ids['doc']}",
        "queries": "queries?q=adopters_of_measure",
    }


def page_timings(store: GraphStore, data_dir: Path) -> dict[str, dict[str, float]]:
    """Seconds until each page finished (first visit, second visit) and the ratio of each to
    the empty page's; the empty page's own under "empty page".

    Each figure is the median of ROUNDS: the empty page visited ROUNDS times, the explorer
    served afresh each round (so that each first visit runs the page's queries). One visit
    swings by a third from the next on this machine (the empty page 0.5-0.9 s in one run), and
    a page's single visit set against the empty page's best of three read high."""
    from playwright import sync_api

    pages = addresses(busiest(store))
    firsts: dict[str, list[float]] = {name: [] for name in pages}
    agains: dict[str, list[float]] = {name: [] for name in pages}
    with tempfile.TemporaryDirectory() as scratch, chromium_context(sync_api) as context:
        empty = Path(scratch) / "empty_page.py"
        empty.write_text(EMPTY_PAGE, encoding="utf-8")
        with serve(empty, data_dir, Path(scratch)) as base:
            _finished(context, base)  # the browser caches Streamlit's scripts, for every page
            baseline = statistics.median(_finished(context, base) for _ in range(ROUNDS))
        for _ in range(ROUNDS):
            with serve(ROOT / "app.py", data_dir, Path(scratch)) as base:
                _finished(context, base)  # the server imports the explorer once, for any page
                for name, address in pages.items():
                    firsts[name].append(_finished(context, f"{base}/{address}"))
                    agains[name].append(_finished(context, f"{base}/{address}"))
    found: dict[str, dict[str, float]] = {"empty page": {"first_s": baseline, "again_s": baseline}}
    for name in pages:
        first, again = statistics.median(firsts[name]), statistics.median(agains[name])
        found[name] = {
            "first_s": first,
            "again_s": again,
            "first_ratio": first / baseline,
            "again_ratio": again / baseline,
        }
    return found


def _finished(context, url: str) -> float:
    tab, _painted, finished = visit(context, url)
    tab.close()
    return finished
