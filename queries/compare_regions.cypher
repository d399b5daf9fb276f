// title:
//   zh: "两地对比"
//   en: "Compare two regions"
// description:
//   zh: "两地并列：任一地区实施的每项举措，各自是否实施、始于何年、有几篇文档为证，并引用其中一篇的证据句（说明采用年份的文档优先；全部证据见 edge_evidence 查询）。"
//   en: "Side by side, every measure either region implements, whether each does, since when, how many documents say so, and the sentences of one of them (a document that gives the year first; edge_evidence gives them all)."
// group: Regions
// params:
//   a:
//     type: string
//     default: region:110101
//     label: {zh: "地区 A", en: "Region A"}
//     choices: MATCH (r:Region) RETURN r.id AS value, coalesce(r.full_name, r.name) AS label ORDER BY label
//   b:
//     type: string
//     default: region:110108
//     label: {zh: "地区 B", en: "Region B"}
//     choices: MATCH (r:Region) RETURN r.id AS value, coalesce(r.full_name, r.name) AS label ORDER BY label
UNWIND [$a, $b] AS side
WITH DISTINCT side
MATCH (r:Region {id: side})-[i:IMPLEMENTS]->(m:Measure)
// Its documents counted and one quoted, as in adopters_of_measure: a province's adoption has
// thousands, and quoting them all made comparing two provinces 0.1 s at 100 000 documents.
WITH side, m, r, i, i.documents IS NULL OR i.quoted IS NULL AS uncounted
OPTIONAL MATCH (r)-[e:IMPLEMENTS_EVIDENCE]->(m) WHERE uncounted
WITH side, m, r, i, uncounted, count(e) AS walked,
     coalesce(min(CASE WHEN e.year = i.year THEN e.doc END), min(e.doc)) AS first_walked
WITH side, m, r, i, CASE WHEN uncounted THEN walked ELSE i.documents END AS documents,
     CASE WHEN uncounted THEN first_walked ELSE i.quoted END AS quoted
OPTIONAL MATCH ()-[q:IMPLEMENTS_EVIDENCE {doc: quoted}]->()
WHERE startNode(q) = r AND endNode(q) = m
// A row per sentence in text order (a row of nulls for a fact without evidence).
UNWIND range(0, size(coalesce(q.evidence, [null])) - 1) AS k
WITH side, m, i, documents, q, k ORDER BY q.evidence_start[k]
WITH side, m, i, documents, collect(q.evidence[k]) AS evidence
WITH m, collect(CASE side WHEN $a THEN i END) AS in_a, collect(CASE side WHEN $b THEN i END) AS in_b,
     collect(CASE side WHEN $a THEN evidence END) AS evidence_a,
     collect(CASE side WHEN $b THEN evidence END) AS evidence_b,
     sum(CASE side WHEN $a THEN documents ELSE 0 END) AS documents_a,
     sum(CASE side WHEN $b THEN documents ELSE 0 END) AS documents_b
WITH m, in_a[0] AS ia, in_b[0] AS ib, evidence_a[0] AS evidence_a, evidence_b[0] AS evidence_b,
     documents_a, documents_b
RETURN m.name AS measure, m.id AS measure_id,
       ia IS NOT NULL AS in_a, ia.year AS year_a,
       ib IS NOT NULL AS in_b, ib.year AS year_b,
       evidence_a, evidence_b, documents_a, documents_b
ORDER BY measure_id
