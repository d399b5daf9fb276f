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
RETURN r.id AS region_id, length(p) AS depth, labels(x)[0] AS kind, x.id AS target_id,
       x.name AS target_name, i.year AS year,
       reduce(n = 0, s IN [(r)-[e:IMPLEMENTS_EVIDENCE]->(x) | size(e.evidence)] | n + s) AS evidence
ORDER BY depth, year, target_id
