"""The Cypher the pages run, beside the canned queries of `queries/` they also reuse.

Every statement is read-only and written in the dialect both engines run (pattern
comprehensions instead of COUNT {}, no `=~`, no elementId()). Node labels and edge types
cannot be parameters: the few statements that need one take it from `edukg.store.model`'s
fixed lists through `str.format`, never from user input.
"""

from __future__ import annotations

from edukg.store.model import ASSERTION_EDGES, EDGE_ENDPOINTS, NODE_LABELS

# For the region picker and the maps: every region with its parent and coordinates.
REGIONS = """
MATCH (r:Region)
OPTIONAL MATCH (r)-[:PART_OF]->(p:Region)
RETURN r.id AS id, r.name AS name, coalesce(r.full_name, r.name) AS full_name,
       r.level AS level, p.id AS parent, r.lon AS lon, r.lat AS lat,
       coalesce(r.aliases, []) AS aliases,
       size([(r)-[:IMPLEMENTS]->(:Measure) | 1]) AS measures
"""

# For the measure picker and the overview: every measure of the taxonomy (not the
# uncurated candidates the pipeline proposes) with how many regions adopted it.
MEASURES = """
MATCH (m:Measure)
WHERE coalesce(m.curated, true)
RETURN m.id AS id, m.name AS name, coalesce(m.name_en, '') AS name_en,
       coalesce(m.aliases, []) AS aliases, m.broader AS broader,
       size([(:Region)-[:IMPLEMENTS]->(m) | 1]) AS adopters
"""

DOCUMENTS = """
MATCH (d:Document)
RETURN d.id AS id, d.title AS title, d.published AS published, d.script AS script,
       d.chars AS chars, d.source AS source, d.url AS url
ORDER BY published DESC, id
"""

# Region profile: what the region and the regions below it implement (measures, programmes,
# policies), nearest first.
REGION_REFORMS = """
MATCH p = (:Region {id: $region})<-[:PART_OF*0..3]-(r:Region)
MATCH (r)-[i:IMPLEMENTS]->(x)
RETURN r.id AS region_id, length(p) AS depth, labels(x)[0] AS kind, x.id AS target_id,
       x.name AS target_name, i.year AS year, size(i.sources) AS evidence
ORDER BY depth, year, target_id
"""

# Region profile: the policies named in the documents that talk about the region.
REGION_POLICIES = """
MATCH (:Region {id: $region})<-[:MENTIONS]-(d:Document)-[:MENTIONS|DESCRIBES]->(p:Policy)
WITH p, collect(DISTINCT d.title) AS documents
RETURN p.id AS id, p.name AS name, p.doc_number AS doc_number, p.issued AS issued,
       documents
ORDER BY issued, id
"""

COMPARE = """
MATCH (r:Region)-[i:IMPLEMENTS]->(m:Measure)
WHERE r.id IN $regions
RETURN r.id AS region_id, m.id AS measure_id, i.year AS year, size(i.sources) AS evidence
"""

# Measure profile: policy texts that promote the measure (the document is the policy's text).
MEASURE_POLICIES = """
MATCH (d:Document)-[n:MENTIONS]->(:Measure {id: $measure})
MATCH (d)-[:DESCRIBES]->(p:Policy)
RETURN p.id AS id, p.name AS name, p.doc_number AS doc_number, p.issued AS issued,
       n.count AS mentions
ORDER BY mentions DESC, id
"""

# Measure profile: numeric goals set for the measure itself, or whose metric names it, with
# what places them (the regions implementing the subject, the documents saying so).
MEASURE_GOALS = """
MATCH (m:Measure {id: $measure})
MATCH (s)-[t:TARGETS]->(g:Target)
WHERE s = m OR any(word IN [m.name] + coalesce(m.aliases, []) WHERE t.metric CONTAINS word)
RETURN s.id AS subject_id, s.name AS subject, labels(s)[0] AS subject_kind,
       g.id AS target_id, g.name AS target, t.metric AS metric, t.comparator AS comparator,
       t.value AS value, t.unit AS unit, t.deadline AS deadline,
       [(r:Region)-[:IMPLEMENTS]->(s) | r.id] AS implementers, t.sources AS sources
ORDER BY deadline, subject_id, metric
"""

# The region (or regions, when tied) each document mentions most: what the document is about.
DOCUMENT_MAIN_REGIONS = """
MATCH (d:Document)-[n:MENTIONS]->(r:Region)
WHERE d.id IN $docs
WITH d, max(n.count) AS top, collect([r.id, n.count]) AS mentions
RETURN d.id AS doc, [x IN mentions WHERE x[1] = top | x[0]] AS regions
"""

MEASURE_PROGRAMS = """
MATCH (p:Program)-[:INSTANCE_OF]->(:Measure {id: $measure})
RETURN p.id AS id, p.name AS name, p.description AS description
ORDER BY name
"""

# The policy picker before anything is typed: the policies whose text the graph holds, the
# ones it says most about (targets, citations) first, at most $limit of them (only policy texts
# are counted: counting every policy's links took 1 s at 23 000 policies).
POLICIES = """
MATCH (p:Policy)<-[:DESCRIBES]-(:Document)
WITH DISTINCT p
WITH p, size([(p)-[:TARGETS]->(:Target) | 1]) + size([(p)-[:CITES]-(:Policy) | 1]) AS links
RETURN p.id AS id, links
ORDER BY links DESC, id
LIMIT $limit
"""

# ... and when the graph holds no policy text: any policies.
SOME_POLICIES = "MATCH (p:Policy) RETURN p.id AS id ORDER BY id LIMIT $limit"

# The document picker before anything is typed: the newest documents.
RECENT_DOCUMENTS = """
MATCH (d:Document)
RETURN d.id AS id
ORDER BY d.published DESC, id
LIMIT $limit
"""

# Pickers: the nodes of one label named by id (a choice in the address, the hits of a search).
# The label comes from edukg.store.model, through the id's prefix.
NAMED = """
MATCH (n:{label})
WHERE n.id IN $ids
RETURN n.id AS id, labels(n)[0] AS label, n.name AS name, n.title AS title,
       n.doc_number AS doc_number, n.published AS published
"""

# Stages and populations with how many numeric goals are set for each.
TARGET_STAGES = """
MATCH (t:Target)
RETURN t.id AS id, t.name AS name, size([()-[:TARGETS]->(t) | 1]) AS goals
ORDER BY goals DESC, name
"""

# Policy profile: the numeric goals the policy sets.
POLICY_GOALS = """
MATCH (:Policy {id: $policy})-[t:TARGETS]->(g:Target)
RETURN g.id AS target_id, g.name AS target, t.metric AS metric, t.comparator AS comparator,
       t.value AS value, t.unit AS unit, t.deadline AS deadline
ORDER BY target_id, metric
"""

POLICY = """
MATCH (p:Policy {id: $policy})
RETURN properties(p) AS props,
       [(p)-[:CITES]->(c:Policy) | c.id] AS cites,
       [(c:Policy)-[:CITES]->(p) | c.id] AS cited_by,
       [(p)-[:ISSUED_BY]->(o:Organization) | o.name] AS issuers,
       [(d:Document)-[:DESCRIBES]->(p) | d.id] AS texts,
       [(r:Region)-[:IMPLEMENTS]->(p) | r.id] AS regions
"""

# Evidence: one assertion edge with its parallel evidence lists. Labels and type are filled
# in from edukg.store.model.
EDGE = """
MATCH (a:{source_label} {{id: $source}})-[r:{type}]->(b:{target_label} {{id: $target}})
WHERE $metric IS NULL OR r.metric = $metric
RETURN a.name AS source_name, b.name AS target_name, properties(r) AS props
"""

# Evidence page: the node picker before anything is typed (regions with the most facts, at most
# $limit), and one node's facts (either direction).
FACT_NODES = """
MATCH (n:Region)-[r:IMPLEMENTS]->()
WITH n, count(r) AS facts
RETURN n.id AS id
ORDER BY facts DESC, id
LIMIT $limit
"""

NODE_FACTS = """
MATCH (n:{label} {{id: $node}})-[r:IMPLEMENTS|CITES|TARGETS]-()
RETURN type(r) AS type, startNode(r).id AS source, startNode(r).name AS source_name,
       endNode(r).id AS target, endNode(r).name AS target_name, r.metric AS metric,
       r.year AS year, size(r.sources) AS sentences
ORDER BY type, source, target, metric
"""

# With what a citation names: the address and publisher, and the issuer of the policy the
# document is (for a policy text with no publisher stated).
DOCUMENT_TEXTS = """
MATCH (d:Document)
WHERE d.id IN $ids
OPTIONAL MATCH (d)-[:DESCRIBES]->(:Policy)-[:ISSUED_BY]->(o:Organization)
WITH d, collect(DISTINCT o.name) AS issuers
RETURN d.id AS id, d.title AS title, d.published AS published, d.source AS source,
       d.script AS script, d.text AS text, d.url AS url, d.publisher AS publisher, issuers
"""

# Every assertion edge one document supports, with the evidence lists to pick its entries.
DOCUMENT_FACTS = """
MATCH (:Document {id: $doc})-[:MENTIONS|DESCRIBES]->(n)
WITH DISTINCT n
MATCH (n)-[r]->(m)
WHERE $doc IN r.sources
RETURN type(r) AS type, n.id AS source, n.name AS source_name, m.id AS target,
       m.name AS target_name, r.metric AS metric, r.year AS year, r.sources AS sources,
       r.evidence AS evidence, r.evidence_start AS evidence_start,
       r.evidence_end AS evidence_end, r.evidence_year AS evidence_year,
       r.evidence_year_source AS evidence_year_source
ORDER BY type, source, target
"""

DOCUMENT_BY_SOURCE = "MATCH (d:Document {source: $source}) RETURN d.id AS id, d.title AS title"

# Graph view: the edges among a set of nodes (document links left out).
SUBGRAPH_NODES = """
MATCH (n)
WHERE n.id IN $ids
RETURN n.id AS id, n.name AS name, labels(n)[0] AS label
"""

SUBGRAPH_EDGES = """
MATCH (a)-[r]->(b)
WHERE a.id IN $ids AND b.id IN $ids AND NOT type(r) IN ['MENTIONS', 'DESCRIBES']
RETURN DISTINCT a.id AS source, type(r) AS type, b.id AS target
"""


# Saved-query editor: what the graph holds, to write Cypher against. Labels and types come from
# the store's own lists; the templates take only those of edukg.store.model.
GRAPH_LABELS = "CALL db.labels() YIELD label RETURN label ORDER BY label"
GRAPH_TYPES = (
    "CALL db.relationshipTypes() YIELD relationshipType "
    "RETURN relationshipType AS type ORDER BY type"
)
LABEL_COUNT = "MATCH (n:{label}) RETURN count(n) AS count"
# Properties of a label (or edge type), read from a sample of its nodes (edges).
LABEL_KEYS = """
MATCH (n:{label})
WITH n LIMIT 200
UNWIND keys(n) AS key
RETURN DISTINCT key ORDER BY key
"""
TYPE_COUNT = "MATCH ()-[r:{type}]->() RETURN count(r) AS count"
TYPE_KEYS = """
MATCH ()-[r:{type}]->()
WITH r LIMIT 200
UNWIND keys(r) AS key
RETURN DISTINCT key ORDER BY key
"""

# Example queries the editor offers (titles in edukg.explorer.i18n as example_<name>).
EXAMPLE_ADOPTERS = """MATCH (r:Region)-[i:IMPLEMENTS]->(m:Measure {id: $measure})
RETURN r.full_name AS region, i.year AS year, size(i.sources) AS sentences
ORDER BY year, region"""
EXAMPLE_SUBREGIONS = """MATCH (c:Region)-[:PART_OF*1..2]->(:Region {id: $region})
OPTIONAL MATCH (c)-[i:IMPLEMENTS]->(m:Measure)
RETURN c.full_name AS region, collect(m.name) AS measures
ORDER BY region"""
EXAMPLE_CITATIONS = """MATCH (a:Policy)-[c:CITES]->(b:Policy)
RETURN a.name AS policy, b.name AS cites, c.evidence[0] AS sentence
ORDER BY policy
LIMIT 50"""
EXAMPLE_TARGETS = """MATCH (p:Policy)-[t:TARGETS]->(g:Target)
RETURN p.name AS policy, g.name AS target, t.metric AS metric, t.comparator AS comparator,
       t.value AS value, t.unit AS unit, t.deadline AS deadline
ORDER BY deadline, policy
LIMIT 50"""
EXAMPLES = {
    "adopters": EXAMPLE_ADOPTERS,
    "subregions": EXAMPLE_SUBREGIONS,
    "citations": EXAMPLE_CITATIONS,
    "targets": EXAMPLE_TARGETS,
}

# Statements with a {label} or {type} to fill in, and what fills them.
_LABEL_TEMPLATES = ("NODE_FACTS", "NAMED", "LABEL_COUNT", "LABEL_KEYS")
_TYPE_TEMPLATES = ("TYPE_COUNT", "TYPE_KEYS")


def statements() -> dict[str, str]:
    """Every statement above, the templates filled in for each label and edge type they
    take: what the Neo4j linter and the tests check."""
    found = {
        f"explorer/cypher.py {name}": text
        for name, text in sorted(globals().items())
        if name.isupper()
        and isinstance(text, str)
        and name not in ("EDGE", *_LABEL_TEMPLATES, *_TYPE_TEMPLATES)
    }
    for kind in ASSERTION_EDGES:
        sources, targets = EDGE_ENDPOINTS[kind]
        for source_label in sources:
            for target_label in targets:
                found[f"explorer/cypher.py EDGE {source_label}-{kind}->{target_label}"] = (
                    EDGE.format(source_label=source_label, type=kind, target_label=target_label)
                )
    for name in _LABEL_TEMPLATES:
        for label in NODE_LABELS:
            found[f"explorer/cypher.py {name} {label}"] = globals()[name].format(label=label)
    for name in _TYPE_TEMPLATES:
        for kind in EDGE_ENDPOINTS:
            found[f"explorer/cypher.py {name} {kind}"] = globals()[name].format(type=kind)
    return found
