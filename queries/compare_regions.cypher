// title:
//   zh: "两地对比"
//   en: "Compare two regions"
// description:
//   zh: "两地并列：任一地区实施的每项举措，各自是否实施、始于何年，以及证据。"
//   en: "Side by side, every measure either region implements, whether each does, since when, and the evidence."
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
// Its evidence, a row per sentence in document order (a row of nulls for a fact without any).
OPTIONAL MATCH (r)-[e:IMPLEMENTS_EVIDENCE]->(m)
UNWIND range(0, size(coalesce(e.evidence, [null])) - 1) AS k
WITH side, m, i, e, k ORDER BY e.doc, e.evidence_start[k]
WITH side, m, i, collect(e.evidence[k]) AS evidence
WITH m, collect(CASE side WHEN $a THEN i END) AS in_a, collect(CASE side WHEN $b THEN i END) AS in_b,
     collect(CASE side WHEN $a THEN evidence END) AS evidence_a,
     collect(CASE side WHEN $b THEN evidence END) AS evidence_b
WITH m, in_a[0] AS ia, in_b[0] AS ib, evidence_a[0] AS evidence_a, evidence_b[0] AS evidence_b
RETURN m.name AS measure, m.id AS measure_id,
       ia IS NOT NULL AS in_a, ia.year AS year_a,
       ib IS NOT NULL AS in_b, ib.year AS year_b,
       evidence_a, evidence_b
ORDER BY measure_id
