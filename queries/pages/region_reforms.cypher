// title:
//   zh: "地区及下级地区的改革"
//   en: "Reforms of a region and its sub-regions"
// description:
//   zh: "地区档案：本地区及其下级地区实施的举措、项目和政策，近者在前。"
//   en: "Region profile: what the region and the regions below it implement (measures, programmes, policies), nearest first."
// params:
//   region: {type: string}
MATCH p = (:Region {id: $region})<-[:PART_OF*0..3]-(r:Region)
MATCH (r)-[i:IMPLEMENTS]->(x)
WITH r, length(p) AS depth, i, x
// The sentences each adoption has, as the loader counts them (`sentences`): a province's regions
// have 7 000 adoptions, whose evidence took 140 ms to read at 100 000 documents. One stored by
// an older version has no count: its evidence is read.
OPTIONAL MATCH (r)-[e:IMPLEMENTS_EVIDENCE]->(x) WHERE i.sentences IS NULL
WITH r, depth, i, x, toInteger(sum(size(e.evidence))) AS walked
RETURN r.id AS region_id, depth, labels(x)[0] AS kind, x.id AS target_id,
       x.name AS target_name, i.year AS year, coalesce(i.sentences, walked) AS evidence
ORDER BY depth, year, target_id
