// title:
//   zh: "政策选择器的首选"
//   en: "First choices of the policy picker"
// description:
//   zh: "未输入时的政策选择器：图谱有其原文的政策，说得最多的（目标、引用）在前。"
//   en: "The policy picker before anything is typed: the policies whose text the graph holds, the ones it says most about (targets, citations) first."
// params:
//   limit: {type: int}
MATCH (p:Policy)<-[:DESCRIBES]-(:Document)
WITH DISTINCT p
WITH p, size([(p)-[:TARGETS]->(:Target) | 1]) + size([(p)-[:CITES]-(:Policy) | 1]) AS links
RETURN p.id AS id, links
ORDER BY links DESC, id
LIMIT $limit
