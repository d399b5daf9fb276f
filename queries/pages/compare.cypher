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
// The sentences as the loader counts them (`sentences`; a province's adoption has thousands);
// an adoption stored by an older version has no count: its evidence is read.
OPTIONAL MATCH (r)-[e:IMPLEMENTS_EVIDENCE]->(m) WHERE i.sentences IS NULL
WITH r, m, i, toInteger(sum(size(e.evidence))) AS walked
RETURN r.id AS region_id, m.id AS measure_id, i.year AS year,
       coalesce(i.sentences, walked) AS evidence
