// title: 政策引用链 · Citation chain of a policy
// description: The policies a policy cites, the policies those cite, and so on up to four steps, with the depth and the policy each one is cited by.
// group: Policies
// params:
//   policy:
//     type: string
//     label: Policy
//     choices: MATCH (p:Policy) RETURN p.id AS value, p.name AS label ORDER BY label
MATCH chain = (:Policy {id: $policy})-[:CITES*1..4]->(cited:Policy)
WITH cited, chain, nodes(chain)[length(chain) - 1] AS via
RETURN length(chain) AS depth, cited.name AS policy, cited.id AS policy_id,
       cited.issued AS issued, via.name AS cited_by, via.id AS cited_by_id
ORDER BY depth, policy_id, cited_by_id
