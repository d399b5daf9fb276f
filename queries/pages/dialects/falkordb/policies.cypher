// policies.cypher for the embedded store: a policy's links counted by its degree (TARGETS lead
// to targets only, CITES join policies only: edukg.store.model.EDGE_ENDPOINTS), where listing
// them took 1.3 s for the 30 000 policies with a text at 100 000 documents (0.26 s so).
MATCH (p:Policy)<-[:DESCRIBES]-(:Document)
WITH DISTINCT p
WITH p, outdegree(p, 'TARGETS') + outdegree(p, 'CITES') + indegree(p, 'CITES') AS links
RETURN p.id AS id, links
ORDER BY links DESC, id
LIMIT $limit
