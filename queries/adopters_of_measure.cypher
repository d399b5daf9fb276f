// title:
//   zh: "采用某项改革的地区"
//   en: "Regions adopting a measure"
// description:
//   zh: "哪些地区实施了某项改革举措，从哪一年开始，依据什么证据。可只看某地区及其下级地区。"
//   en: "Which regions implement a measure, since which year, and on what evidence. Optionally only a region and its sub-regions."
// group: Measures
// params:
//   measure:
//     type: string
//     default: measure:group_schooling
//     label: {zh: "改革举措", en: "Measure"}
//     choices: MATCH (m:Measure) WHERE coalesce(m.curated, true) RETURN m.id AS value, m.name + ' · ' + coalesce(m.name_en, '') AS label ORDER BY label
//   within:
//     type: string
//     default: ''
//     label: {zh: "范围（含下级地区）", en: "Within region (and its sub-regions)"}
//     choices: MATCH (r:Region) RETURN r.id AS value, coalesce(r.full_name, r.name) AS label ORDER BY label
//   limit:
//     type: int
//     default: 500
//     label: {zh: "最多返回行数", en: "At most this many rows"}
MATCH (m:Measure {id: $measure})
OPTIONAL MATCH (w:Region {id: $within})
WITH m, w WHERE $within = '' OR w IS NOT NULL
MATCH (r:Region)-[i:IMPLEMENTS]->(m)
WHERE w IS NULL OR r = w OR (r)-[:PART_OF*1..3]->(w)
WITH m, r, i ORDER BY i.year, r.id LIMIT $limit
// Its evidence, a row per sentence in document order (a row of nulls for a fact without any).
OPTIONAL MATCH (r)-[e:IMPLEMENTS_EVIDENCE]->(m)
UNWIND range(0, size(coalesce(e.evidence, [null])) - 1) AS k
WITH r, i, e, k ORDER BY e.doc, e.evidence_start[k]
WITH r, i, collect(e.evidence[k]) AS evidence, collect(e.doc) AS sources
RETURN r.name AS region, r.id AS region_id, i.year AS year, evidence, sources
ORDER BY year, region_id
