// title:
//   zh: "采用某项改革的地区"
//   en: "Regions adopting a measure"
// description:
//   zh: "哪些地区实施了某项改革举措，从哪一年开始，有几篇文档为证，并引用其中一篇的证据句（说明采用年份的文档优先；全部证据见 edge_evidence 查询）。可只看某地区及其下级地区。"
//   en: "Which regions implement a measure, since which year, how many documents say so, and the sentences of one of them (a document that gives the year first; edge_evidence gives them all). Optionally only a region and its sub-regions."
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
// Its documents, one evidence edge each, are counted and one is quoted: the first by id of those
// that give the adoption's year, else the first. A province's adoption has thousands: quoting
// them all made the answer megabytes, and counting them for 500 adoptions took half the query's
// 90 ms at 100 000 documents. The loader keeps both on the adoption (`documents`, `quoted`); one
// stored by an older version lacks them, and only its evidence is walked (the filter stops the
// walk before it starts). The quoted edge is found by the index on `doc` (a pattern from the
// region walks every edge it has to the measure again).
WITH m, r, i, i.documents IS NULL OR i.quoted IS NULL AS uncounted
OPTIONAL MATCH (r)-[e:IMPLEMENTS_EVIDENCE]->(m) WHERE uncounted
WITH m, r, i, uncounted, count(e) AS walked,
     coalesce(min(CASE WHEN e.year = i.year THEN e.doc END), min(e.doc)) AS first_walked
WITH m, r, i, CASE WHEN uncounted THEN walked ELSE i.documents END AS documents,
     CASE WHEN uncounted THEN first_walked ELSE i.quoted END AS quoted
OPTIONAL MATCH ()-[q:IMPLEMENTS_EVIDENCE {doc: quoted}]->()
WHERE startNode(q) = r AND endNode(q) = m
// A row per sentence in text order (a row of nulls for an adoption without evidence).
UNWIND range(0, size(coalesce(q.evidence, [null])) - 1) AS k
WITH r, i, documents, q, k ORDER BY q.evidence_start[k]
WITH r, i, documents, collect(q.evidence[k]) AS evidence, collect(q.doc) AS sources
RETURN r.name AS region, r.id AS region_id, i.year AS year, documents, evidence, sources
ORDER BY year, region_id
