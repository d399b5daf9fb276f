// title:
//   zh: "改革举措的扩散：采用地区"
//   en: "Diffusion of a measure: adopters"
// description:
//   zh: "某项改革举措的采用地区，按采用年份排列（先行者在前，未说明年份的在后），附行政级别、所属省份、上级地区采用的年份及晚于上级的年数和证据。可只看某地区及其下级地区。"
//   en: "The regions adopting a measure in the order they did (first movers first, those without a stated year last), with their level, their province, the year a region above them adopted it, how many years later they followed, and the evidence. Optionally only a region and its sub-regions."
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
WITH m, r, i, CASE WHEN i.year > 0 THEN i.year END AS year
ORDER BY CASE WHEN year IS NULL THEN 1 ELSE 0 END, year, r.id LIMIT $limit
// The province, and the earliest year a region above this one adopted the measure.
OPTIONAL MATCH (r)-[:PART_OF*0..2]->(p:Region) WHERE NOT (p)-[:PART_OF]->()
OPTIONAL MATCH (r)-[:PART_OF*1..2]->(:Region)-[a:IMPLEMENTS]->(m) WHERE a.year > 0
WITH r, i, year, p, min(a.year) AS above_year
RETURN year, r.name AS region, r.id AS region_id, r.level AS level, p.name AS province,
       above_year, year - above_year AS years_after_above, size(i.evidence) AS evidence_count,
       i.evidence AS evidence, i.sources AS sources
ORDER BY CASE WHEN year IS NULL THEN 1 ELSE 0 END, year, region_id
