// title:
//   zh: "改革时间线"
//   en: "Timeline of adoptions"
// description:
//   zh: "每一年各地区首次采用的改革举措、采用地区数和地区名单（按地区代码取前 20 个）。未说明年份的采用不计入。"
//   en: "For each year, the measures regions first adopted in that year, how many regions did, and which (the first 20 by region code). Adoptions without a stated year are left out."
// group: Measures
// params:
//   within:
//     type: string
//     default: ''
//     label: {zh: "范围（含下级地区）", en: "Within region (and its sub-regions)"}
//     choices: MATCH (r:Region) RETURN r.id AS value, coalesce(r.full_name, r.name) AS label ORDER BY label
//   limit:
//     type: int
//     default: 500
//     label: {zh: "最多返回行数", en: "At most this many rows"}
OPTIONAL MATCH (:Region {id: $within})<-[:PART_OF*0..3]-(sub:Region)
WITH collect(sub) AS subs
MATCH (r:Region)
WHERE $within = '' OR r IN subs
// Regions in code order, so that each year's list is in that order too.
WITH r ORDER BY r.id
MATCH (r)-[i:IMPLEMENTS]->(m:Measure)
WHERE i.year > 0
WITH i.year AS year, m, collect(r.name) AS regions
WITH year, m, regions ORDER BY year, m.id LIMIT $limit
RETURN year, m.name AS measure, m.id AS measure_id, size(regions) AS region_count,
       regions[..20] AS regions
ORDER BY year, measure_id
