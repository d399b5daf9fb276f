"""Every Cypher statement edukg sends to Neo4j, checked by Neo4j's own linter.

Neo4j 5's grammar and semantic analysis ship in the npm package
`@neo4j-cypher/language-support` (`lintCypherQuery`); `lint/cypher.mjs` runs it over the
statements this module gathers: the canned queries and their choices queries, the statements
of schema/neo4j.cypher, and one instance of each statement template of the loader, the RDF
import and the Neo4j adapter. The same statements run on the embedded store in the tests, so
they stay in the Cypher both engines speak.

Needs Node.js and the package (`npm ci` at the top of the repository):

    python -m lint.cypher_lint        # every diagnostic; exit status 1 if there is any
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from edukg import catalog
from edukg.queryfile import NAME_TYPES, CannedQuery
from edukg.store import loader, neo4j_store, search, starters, timeline
from edukg.store.base import schema_statements
from edukg.store.model import NODE_LABELS, STORED_EDGE_TYPES

REPO_ROOT = Path(__file__).resolve().parent.parent
SCRIPT = REPO_ROOT / "lint" / "cypher.mjs"
PACKAGE = REPO_ROOT / "node_modules" / "@neo4j-cypher" / "language-support"


@dataclass(frozen=True)
class Diagnostic:
    severity: str  # error | warning
    message: str
    line: int
    column: int


def query_folders() -> list[Path]:
    """queries/ (the canned queries) and each folder of queries within it (the evaluation's,
    the explorer pages')."""
    inner = sorted(p for p in catalog.CANNED_DIR.iterdir() if any(p.glob("*.cypher")))
    return [catalog.CANNED_DIR, *inner]


def filled(query: CannedQuery) -> str:
    """The query's text with each label or type param ($(name)) given the model's first
    name of that kind: the grammar is the same whichever name fills it."""
    return query.statement(
        {p.name: NAME_TYPES[p.type][0] for p in query.params if p.type in NAME_TYPES}
    )[0]


def statements() -> dict[str, str]:
    """Every statement to check, by a name that says where it comes from."""
    found: dict[str, str] = {}
    for folder in query_folders():
        place = folder.relative_to(catalog.CANNED_DIR.parent)
        for name, query in sorted(catalog.load_catalog([folder]).items()):
            found[f"{place}/{name}.cypher"] = filled(query)
            for param in query.params:
                if param.choices:
                    found[f"{place}/{name}.cypher choices of {param.name}"] = param.choices
    for number, statement in enumerate(schema_statements("neo4j.cypher"), start=1):
        found[f"schema/neo4j.cypher #{number}"] = statement
    return (
        found
        | loader.statements()
        | timeline.statements()
        | starters.statements()
        | neo4j_store.statements()
        | search.statements()
    )


def unavailable() -> str | None:
    """Why the linter cannot run here, or None when it can."""
    if shutil.which("node") is None:
        return "Node.js (`node`) is not installed"
    if not PACKAGE.is_dir():
        return f"the npm package is not installed: run `npm ci` in {REPO_ROOT}"
    return None


def lint(cypher: dict[str, str]) -> dict[str, list[Diagnostic]]:
    """The linter's diagnostics for each statement (an empty list when it is clean).

    Each statement takes the linter 0.1-1 s, so they are shared among one Node process per core."""
    workers = os.cpu_count() or 1
    names = list(cypher)
    shares = [{name: cypher[name] for name in names[start::workers]} for start in range(workers)]
    report: dict[str, list[dict]] = {}
    with ThreadPoolExecutor(workers) as pool:
        for part in pool.map(_run_script, filter(None, shares)):
            report |= part
    return {name: [Diagnostic(**found) for found in report[name]] for name in names}


def _run_script(cypher: dict[str, str]) -> dict[str, list[dict]]:
    request = {
        "labels": list(NODE_LABELS),
        "relationshipTypes": list(STORED_EDGE_TYPES),
        "statements": cypher,
    }
    done = subprocess.run(
        ["node", str(SCRIPT)],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO_ROOT,
    )
    return json.loads(done.stdout)


def main() -> int:
    reason = unavailable()
    if reason:
        print(f"cannot lint: {reason}", file=sys.stderr)
        return 2
    report = lint(statements())
    for name, diagnostics in report.items():
        for d in diagnostics:
            print(f"{name}:{d.line}:{d.column}: {d.severity}: {d.message}")
    counts = {
        kind: sum(d.severity == kind for ds in report.values() for d in ds)
        for kind in ("error", "warning")
    }
    print(
        f"{len(report)} statements linted for Neo4j 5: "
        f"{counts['error']} errors, {counts['warning']} warnings"
    )
    return 1 if any(report.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
