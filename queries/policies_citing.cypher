// title:
//   zh: "引用某政策的政策"
//   en: "Policies citing a policy"
// description:
//   zh: "声明实施、遵循或提及某政策的政策，附引用句。"
//   en: "The policies that say they implement, follow or refer to a given policy, with the citing sentence."
// group: Policies
// params:
//   policy:
//     type: string
//     label: {zh: "被引政策", en: "Cited policy"}
//     choices: MATCH (p:Policy) RETURN p.id AS value, p.name AS label ORDER BY label
//   limit:
//     type: int
//     default: 500
//     label: {zh: "最多返回行数", en: "At most this many rows"}
MATCH (p:Policy)-[:CITES]->(cited:Policy {id: $policy})
WITH p, cited ORDER BY p.issued, p.id LIMIT $limit
// Its evidence, a row per sentence in document order (a row of nulls for a citation without any).
OPTIONAL MATCH (p)-[e:CITES_EVIDENCE]->(cited)
UNWIND range(0, size(coalesce(e.evidence, [null])) - 1) AS k
WITH p, e, k ORDER BY e.doc, e.evidence_start[k]
WITH p, collect(e.evidence[k]) AS evidence, collect(e.doc) AS sources
RETURN p.name AS policy, p.id AS policy_id, p.doc_number AS doc_number, p.issued AS issued,
       p.issuer AS issuer, evidence, sources
ORDER BY issued, policy_id
