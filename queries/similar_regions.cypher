// title:
//   zh: "相似地区"
//   en: "Regions with similar measures"
// description:
//   zh: "与某地区共有举措最多的地区，附共有举措和两地举措集合的 Jaccard 相似度。"
//   en: "The regions sharing the most measures with a given region, with the shared measures and the Jaccard similarity of both regions' measure sets."
// group: Regions
// params:
//   region:
//     type: string
//     default: region:110101
//     label: {zh: "地区", en: "Region"}
//     choices: MATCH (r:Region) RETURN r.id AS value, coalesce(r.full_name, r.name) AS label ORDER BY label
//   limit:
//     type: int
//     default: 10
//     label: {zh: "最多返回地区数", en: "At most this many regions"}

// Shared measures counted for every region that adopts one of the given region's, the region
// itself among them: what it shares with itself is its own count. Only regions implement
// (edukg.store.model.EDGE_ENDPOINTS): checking b's label took 10 of the query's 60 ms at
// 100 000 documents.
MATCH (:Region {id: $region})-[:IMPLEMENTS]->(m:Measure)<-[:IMPLEMENTS]-(b)
WITH b, count(m) AS shared_count ORDER BY shared_count DESC
WITH collect({region: b, shared: shared_count}) AS ranked
MATCH (a:Region {id: $region})
WITH a, [c IN ranked WHERE c.region = a][0].shared AS count_a,
     [c IN ranked WHERE c.region <> a] AS ranked
// The Jaccard needs each region's own count, which is looked up only for the regions that can
// make the top `limit` (ties kept: all 3 000 regions sharing a region's every measure). The
// least count that can is worked out once, not once a region.
WITH a, count_a, ranked, ranked[size(ranked[..$limit]) - 1].shared AS least
UNWIND [c IN ranked WHERE c.shared >= least] AS leader
WITH a, count_a, leader.region AS b, leader.shared AS shared_count
MATCH (b)-[:IMPLEMENTS]->(measure:Measure)
WITH a, count_a, b, shared_count, count(measure) AS count_b
WITH a, b, shared_count, toFloat(shared_count) / (count_a + count_b - shared_count) AS jaccard
ORDER BY shared_count DESC, jaccard DESC, b.id
LIMIT $limit
// The measures each shares: its own found among the given region's (the shared pattern, walked
// from both ends, took 9 ms for 10 regions at 100 000 documents).
WITH b, shared_count, jaccard, [(a)-[:IMPLEMENTS]->(x:Measure) | x] AS mine
MATCH (b)-[:IMPLEMENTS]->(m:Measure) WHERE m IN mine
WITH b, shared_count, jaccard, m ORDER BY m.id
WITH b, shared_count, jaccard, collect(m.name) AS shared_measures
RETURN b.name AS region, b.id AS region_id, shared_count, shared_measures, jaccard
ORDER BY shared_count DESC, jaccard DESC, region_id
