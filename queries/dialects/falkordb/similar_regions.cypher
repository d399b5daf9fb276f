// similar_regions.cypher for the embedded store: a region's count of measures is its
// out-degree less the programmes and policies it implements (IMPLEMENTS goes from a region to
// those three kinds only: edukg.store.model.EDGE_ENDPOINTS). Counting the measures of each of
// up to 3 000 tied regions took a third of the query's 50 ms at 100 000 documents; finding the
// few programmes and policies takes 5.
MATCH (:Region {id: $region})-[:IMPLEMENTS]->(m:Measure)<-[:IMPLEMENTS]-(b)
WITH b, count(m) AS shared_count ORDER BY shared_count DESC
WITH collect({region: b, shared: shared_count}) AS ranked
MATCH (a:Region {id: $region})
WITH a, [c IN ranked WHERE c.region = a][0].shared AS count_a,
     [c IN ranked WHERE c.region <> a] AS ranked
WITH a, count_a, ranked, ranked[size(ranked[..$limit]) - 1].shared AS least
UNWIND [c IN ranked WHERE c.shared >= least] AS leader
WITH a, count_a, leader.region AS b, leader.shared AS shared_count
OPTIONAL MATCH (b)-[:IMPLEMENTS]->(programme:Program)
WITH a, count_a, b, shared_count, count(programme) AS programmes
OPTIONAL MATCH (b)-[:IMPLEMENTS]->(policy:Policy)
WITH a, count_a, b, shared_count, programmes, count(policy) AS policies
WITH a, count_a, b, shared_count, outdegree(b, 'IMPLEMENTS') - programmes - policies AS count_b
WITH a, b, shared_count, toFloat(shared_count) / (count_a + count_b - shared_count) AS jaccard
ORDER BY shared_count DESC, jaccard DESC, b.id
LIMIT $limit
WITH b, shared_count, jaccard, [(a)-[:IMPLEMENTS]->(x:Measure) | x] AS mine
MATCH (b)-[:IMPLEMENTS]->(m:Measure) WHERE m IN mine
WITH b, shared_count, jaccard, m ORDER BY m.id
WITH b, shared_count, jaccard, collect(m.name) AS shared_measures
RETURN b.name AS region, b.id AS region_id, shared_count, shared_measures, jaccard
ORDER BY shared_count DESC, jaccard DESC, region_id
