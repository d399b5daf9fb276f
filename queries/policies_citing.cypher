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
MATCH (p:Policy)-[c:CITES]->(:Policy {id: $policy})
WITH p, c ORDER BY p.issued, p.id LIMIT $limit
RETURN p.name AS policy, p.id AS policy_id, p.doc_number AS doc_number, p.issued AS issued,
       p.issuer AS issuer, c.evidence AS evidence, c.sources AS sources
ORDER BY issued, policy_id
