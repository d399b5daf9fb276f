// title:
//   zh: "政策引用链"
//   en: "Citation chain of a policy"
// description:
//   zh: "某政策引用的政策、被引政策又引用的政策，直至四层，附层级和引用它的政策。"
//   en: "The policies a policy cites, the policies those cite, and so on up to four steps, with the depth and the policy each one is cited by."
// group: Policies
// params:
//   policy:
//     type: string
//     label: {zh: "政策", en: "Policy"}
//     choices: MATCH (p:Policy) RETURN p.id AS value, p.name AS label ORDER BY label
//   limit:
//     type: int
//     default: 500
//     label: {zh: "最多返回行数", en: "At most this many rows"}
MATCH path = (:Policy {id: $policy})-[:CITES*0..3]->(via:Policy)
WITH DISTINCT length(path) + 1 AS depth, via
MATCH (via)-[:CITES]->(cited:Policy)
WITH depth, via, cited ORDER BY depth, cited.id, via.id LIMIT $limit
RETURN depth, cited.name AS policy, cited.id AS policy_id,
       cited.issued AS issued, via.name AS cited_by, via.id AS cited_by_id
ORDER BY depth, policy_id, cited_by_id
