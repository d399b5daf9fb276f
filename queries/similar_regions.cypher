// title: 相似地区 · Regions with similar measures
// description: The regions sharing the most measures with a given region, with the shared measures and the Jaccard similarity of both regions' measure sets.
// group: Regions
// params:
//   region:
//     type: string
//     default: region:110101
//     label: Region
//     choices: MATCH (r:Region) RETURN r.id AS value, coalesce(r.full_name, r.name) AS label ORDER BY label
//   limit:
//     type: int
//     default: 10
//     label: At most this many regions
MATCH (a:Region {id: $region})
WITH a, size([(a)-[:IMPLEMENTS]->(:Measure) | 1]) AS count_a
MATCH (a)-[:IMPLEMENTS]->(m:Measure)<-[:IMPLEMENTS]-(b:Region)
WHERE b <> a
WITH count_a, b, m ORDER BY m.id
WITH count_a, b, collect(m.name) AS shared
OPTIONAL MATCH (b)-[implements:IMPLEMENTS]->(:Measure)
WITH b, shared, count_a, count(implements) AS count_b
RETURN b.name AS region, b.id AS region_id, size(shared) AS shared_count,
       shared AS shared_measures,
       toFloat(size(shared)) / (count_a + count_b - size(shared)) AS jaccard
ORDER BY shared_count DESC, jaccard DESC, region_id
LIMIT $limit
