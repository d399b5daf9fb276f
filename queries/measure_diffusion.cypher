// title:
//   zh: "改革举措的扩散：逐个采用地区"
//   en: "Diffusion of a measure, adopter by adopter"
// description:
//   zh: "某项改革举措的采用地区，按采用年份排列（先行者在前，未说明年份的在后），附行政级别、所属省份、上级地区采用的年份、晚于上级的年数、证据句数和说明采用年份的那句证据（全部证据见 edge_evidence 查询）。可只看某地区及其下级地区。"
//   en: "The regions adopting a measure in the order they did (first movers first, those without a stated year last), with their level, their province, the year a region above them adopted it, how many years later they followed, how many sentences support it and the one that dates it (edge_evidence gives them all). Optionally only a region and its sub-regions."
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
// The regions above (two matches: one pattern would be walked from the measure's adopters),
// the earliest year one of them adopted it, and the province among them.
OPTIONAL MATCH (r)-[:PART_OF*1..2]->(up:Region)
OPTIONAL MATCH (up)-[a:IMPLEMENTS]->(m)
WITH m, r, i, year, collect(up) AS ups, min(CASE WHEN a.year > 0 THEN a.year END) AS above_year
// Its sentences counted, and the sentence that dates it quoted from the document
// adopters_of_measure quotes: the first by id of those that give its year (of all when none
// does). The loader keeps both on the adoption (`sentences`, `quoted`), where reading the
// evidence of 500 adoptions took half the query's 57 ms at 100 000 documents, and picking the
// first one in the store's order quoted another document after a re-ingest. An adoption stored
// by an older version lacks them: only its evidence is walked.
WITH m, r, i, year, ups, above_year, i.sentences IS NULL OR i.quoted IS NULL AS uncounted
OPTIONAL MATCH (r)-[e:IMPLEMENTS_EVIDENCE]->(m) WHERE uncounted
WITH m, r, i, year, ups, above_year, uncounted, toInteger(sum(size(e.evidence))) AS walked,
     coalesce(min(CASE WHEN e.year = i.year THEN e.doc END), min(e.doc)) AS first_walked
WITH m, r, year, above_year, [x IN [r] + ups WHERE x.level = 'province'] AS provinces,
     CASE WHEN uncounted THEN walked ELSE i.sentences END AS evidence_count,
     CASE WHEN uncounted THEN first_walked ELSE i.quoted END AS quoted
// That document's evidence, found among the adoption's own: the busiest measure's 2 979
// adopters at 100 000 documents took 125 ms, against 170 ms when it was found through the
// index on `doc` and kept if it joined the two (a document's evidence edges run to dozens).
WITH r, year, above_year, provinces, evidence_count,
     head([(r)-[e:IMPLEMENTS_EVIDENCE {doc: quoted}]->(m) | e]) AS dating
WITH r, year, above_year, provinces, evidence_count, dating,
     head([k IN range(0, size(coalesce(dating.evidence, [])) - 1)
           WHERE dating.evidence_year[k] = year] + [0]) AS at
RETURN year, r.name AS region, r.id AS region_id, r.level AS level,
       provinces[0].name AS province, above_year, year - above_year AS years_after_above,
       evidence_count, dating.evidence[at] AS evidence, dating.doc AS source
ORDER BY CASE WHEN year IS NULL THEN 1 ELSE 0 END, year, region_id
