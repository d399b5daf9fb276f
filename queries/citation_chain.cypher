// title: 政策引用链 · Citation chain of a policy
// description: The policies a policy cites, the policies those cite, and so on up to four steps, with the depth and the policy each one is cited by.
// group: Policies
// params:
//   policy:
//     type: string
//     label: Policy
//     choices: MATCH (p:Policy) RETURN p.id AS value, p.name AS label ORDER BY label
MATCH (start:Policy {id: $policy})
OPTIONAL MATCH (start)-[:CITES]->(cited:Policy)
WITH start, collect(DISTINCT cited) AS at1
UNWIND CASE at1 WHEN [] THEN [null] ELSE at1 END AS via
OPTIONAL MATCH (via)-[:CITES]->(cited:Policy)
WITH start, at1, collect(DISTINCT cited) AS at2
UNWIND CASE at2 WHEN [] THEN [null] ELSE at2 END AS via
OPTIONAL MATCH (via)-[:CITES]->(cited:Policy)
WITH start, at1, at2, collect(DISTINCT cited) AS at3
UNWIND [{depth: 1, from: [start]}, {depth: 2, from: at1}, {depth: 3, from: at2},
        {depth: 4, from: at3}] AS step
UNWIND step.from AS via
MATCH (via)-[:CITES]->(cited:Policy)
RETURN step.depth AS depth, cited.name AS policy, cited.id AS policy_id,
       cited.issued AS issued, via.name AS cited_by, via.id AS cited_by_id
ORDER BY depth, policy_id, cited_by_id
