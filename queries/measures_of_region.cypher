// title:
//   zh: "某地区的改革举措"
//   en: "Measures of a region"
// description:
//   zh: "某地区及其下级地区实施的改革举措，附实施的下级地区、年份、有几篇文档为证，并引用其中一篇的证据句（说明采用年份的文档优先；全部证据见 edge_evidence 查询）。"
//   en: "The measures a region and its sub-regions implement, with the sub-region that does, the year, how many documents say so, and the sentences of one of them (a document that gives the year first; edge_evidence gives them all)."
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
// Its documents counted and one quoted, as in adopters_of_measure: a province's adoption has
// thousands, and quoting them all made a province's answer a megabyte (0.12 s at 100 000
// documents).
WITH m, r, i, depth, i.documents IS NULL OR i.quoted IS NULL AS uncounted
OPTIONAL MATCH (r)-[e:IMPLEMENTS_EVIDENCE]->(m) WHERE uncounted
WITH m, r, i, depth, uncounted, count(e) AS walked,
     coalesce(min(CASE WHEN e.year = i.year THEN e.doc END), min(e.doc)) AS first_walked
WITH m, r, i, depth, CASE WHEN uncounted THEN walked ELSE i.documents END AS documents,
     CASE WHEN uncounted THEN first_walked ELSE i.quoted END AS quoted
OPTIONAL MATCH ()-[q:IMPLEMENTS_EVIDENCE {doc: quoted}]->()
WHERE startNode(q) = r AND endNode(q) = m
// A row per sentence in text order (a row of nulls for a fact without any).
UNWIND range(0, size(coalesce(q.evidence, [null])) - 1) AS k
WITH m, r, i, depth, documents, q, k ORDER BY q.evidence_start[k]
WITH m, r, i, depth, documents, collect(q.evidence[k]) AS evidence, collect(q.doc) AS sources
RETURN m.name AS measure, m.id AS measure_id, r.name AS region, r.id AS region_id,
       depth, i.year AS year, documents, evidence, sources
ORDER BY measure_id, year, region_id
