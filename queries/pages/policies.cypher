// title:
//   zh: "政策选择器的首选"
//   en: "First choices of the policy picker"
// description:
//   zh: "未输入时的政策选择器：图谱有其原文的政策，说得最多的（目标、引用）在前，由导入排定。"
//   en: "The policy picker before anything is typed: the policies whose text the graph holds, the ones it says most about (targets, citations) first, as the loader ranked them."
// params:
//   limit: {type: int}

// The ranking reads every policy with a text; the loader keeps it (edukg.store.starters).
MATCH (p:Policy)
WHERE p.starter_rank > 0
RETURN p.id AS id
ORDER BY p.starter_rank
LIMIT $limit
