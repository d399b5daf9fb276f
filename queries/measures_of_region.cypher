// title:
//   zh: "某地区的改革举措"
//   en: "Measures of a region"
// description:
//   zh: "某地区及其下级地区实施的改革举措，附实施的下级地区、年份和证据。"
//   en: "The measures a region and its sub-regions implement, with the sub-region that does, the year and the evidence."
// group: Regions
// params:
//   region:
//     type: string
//     default: region:110000
//     label: {zh: "地区", en: "Region"}
//     choices: MATCH (r:Region) RETURN r.id AS value, coalesce(r.full_name, r.name) AS label ORDER BY label
//   limit:
//     type: int
//     default: 500
//     label: {zh: "最多返回行数", en: "At most this many rows"}
MATCH path = (:Region {id: $region})<-[:PART_OF*0..3]-(r:Region)
MATCH (r)-[i:IMPLEMENTS]->(m:Measure)
WITH m, r, i, length(path) AS depth ORDER BY m.id, i.year, r.id LIMIT $limit
// Its evidence, a row per sentence in document order (a row of nulls for a fact without any).
OPTIONAL MATCH (r)-[e:IMPLEMENTS_EVIDENCE]->(m)
UNWIND range(0, size(coalesce(e.evidence, [null])) - 1) AS k
WITH m, r, i, depth, e, k ORDER BY e.doc, e.evidence_start[k]
WITH m, r, i, depth, collect(e.evidence[k]) AS evidence, collect(e.doc) AS sources
RETURN m.name AS measure, m.id AS measure_id, r.name AS region, r.id AS region_id,
       depth, i.year AS year, evidence, sources
ORDER BY measure_id, year, region_id
