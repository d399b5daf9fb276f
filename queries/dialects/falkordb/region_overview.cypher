// region_overview.cypher for the embedded store: the documents mentioning a region counted by
// its in-degree (MENTIONS come from documents only, edukg.store.model.EDGE_ENDPOINTS), where
// listing each region's mentions took 90 ms for 500 regions at 100 000 documents.
MATCH (r:Region)
WITH r ORDER BY r.id LIMIT $limit
OPTIONAL MATCH (r)-[:PART_OF]->(parent:Region)
RETURN r.name AS region, r.id AS region_id, r.level AS level, parent.name AS parent,
       size([(r)-[:IMPLEMENTS]->(:Measure) | 1]) AS measures, indegree(r, 'MENTIONS') AS documents
ORDER BY region_id
