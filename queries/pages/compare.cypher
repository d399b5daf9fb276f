// title:
//   zh: "地区实施的举措"
//   en: "Measures the regions implement"
// description:
//   zh: "地区对比：所选地区实施的举措、起始年份和证据数。"
//   en: "Compare regions: the measures the chosen regions implement, with year and evidence count."
// params:
//   regions: {type: list}
MATCH (r:Region)-[i:IMPLEMENTS]->(m:Measure)
WHERE r.id IN $regions
RETURN r.id AS region_id, m.id AS measure_id, i.year AS year,
       reduce(n = 0, s IN [(r)-[e:IMPLEMENTS_EVIDENCE]->(m) | size(e.evidence)] | n + s) AS evidence
