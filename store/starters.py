"""The first choices the explorer's pickers offer before anything is typed, ranked by the loader.

Ranking them reads a whole label: the policies the graph says most about among the 29 000 whose
text it holds at 100 000 documents, the newest of the 100 000 documents, the regions with the most
adoptions. No page may read a whole label, so the loader ranks them when it is done (`refresh`,
from `loader.finish`, with the measures' timelines) and gives the first `KEPT` of each kind their
place (`model.STARTER_RANK`, 1 first; the store's bookkeeping, never exported). The pages read the
ranked nodes through the property's index (queries/pages/policies.cypher, recent_documents.cypher,
fact_nodes.cypher).

A node keeps its place until the next refresh (a removed node takes it along). Each refresh ranks
a kind in one statement, so readers never see a kind unranked, and writes only the places that
changed. A graph loaded by an older edukg has no ranks until its next ingest: the pickers then
offer any nodes of the kind.
"""

from __future__ import annotations

from edukg.store.base import GraphStore
from edukg.store.model import STARTER_RANK

KEPT = 100  # ranked nodes of each kind: the overview lists the 100 newest documents

# Each kind's ranking: its nodes bound to `n`, ordered, the first $kept kept.
_RANKINGS = {
    "Policy": """
MATCH (n:Policy)<-[:DESCRIBES]-(:Document)
WITH DISTINCT n
WITH n, size([(n)-[:TARGETS]->(:Target) | 1]) + size([(n)-[:CITES]-(:Policy) | 1]) AS links
ORDER BY links DESC, n.id LIMIT $kept""",
    "Document": """
MATCH (n:Document)
WITH n ORDER BY coalesce(n.published, '') DESC, n.id LIMIT $kept""",
    "Region": """
MATCH (n:Region)-[r:IMPLEMENTS]->()
WITH n, count(r) AS facts
ORDER BY facts DESC, n.id LIMIT $kept""",
}
# The same rankings in one store's own Cypher, where counting links by the node's degree (TARGETS
# lead to targets only, CITES join policies only, only regions implement:
# edukg.store.model.EDGE_ENDPOINTS) is far faster than walking them. The policies are found from
# the documents describing them, not by the degree of every policy: at 100 000 documents 29 000
# of 182 000 have a text, and the ranking took 0.3 s instead of 1.1-1.4 s.
_DIALECT_RANKINGS = {
    "falkordb": {
        "Policy": """
MATCH (:Document)-[:DESCRIBES]->(n:Policy)
WITH DISTINCT n
WITH n, outdegree(n, 'TARGETS') + outdegree(n, 'CITES') + indegree(n, 'CITES') AS links
ORDER BY links DESC, n.id LIMIT $kept""",
        "Region": """
MATCH (n:Region) WITH n, outdegree(n, 'IMPLEMENTS') AS facts WHERE facts > 0
WITH n, facts ORDER BY facts DESC, n.id LIMIT $kept""",
    }
}
RANKED_LABELS = tuple(_RANKINGS)
# After the ranking: the nodes that lost their place cleared, and a rank written only where it
# changed (the embedded store indexes a node again, its full-text words too, on every write).
_MARK = f"""
WITH collect(n) AS ranked
OPTIONAL MATCH (old:{{label}}) WHERE old.{STARTER_RANK} > 0 AND NOT old IN ranked
WITH ranked, collect(old) AS dropped
FOREACH (old IN dropped | SET old.{STARTER_RANK} = null)
WITH ranked
UNWIND range(1, size(ranked)) AS rank
WITH ranked[rank - 1] AS n, rank
WHERE coalesce(n.{STARTER_RANK}, 0) <> rank
SET n.{STARTER_RANK} = rank
RETURN count(n) AS marked"""


def refresh(store: GraphStore) -> None:
    """Rank the first choices of every kind as the graph is now."""
    for label in RANKED_LABELS:
        store.write(statement(label, store.backend), {"kept": KEPT})


def statement(label: str, backend: str) -> str:
    """The statement that ranks `label` on a store of `backend`, in its own Cypher if it has
    a faster one."""
    ranking = _DIALECT_RANKINGS.get(backend, {}).get(label, _RANKINGS[label])
    return ranking + _MARK.format(label=label)


def statements() -> dict[str, str]:
    """The statements sent to Neo4j, by name, for the Cypher linter."""
    return {f"starters: {label}": statement(label, "neo4j") for label in RANKED_LABELS}
