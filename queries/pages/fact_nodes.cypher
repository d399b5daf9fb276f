// title:
//   zh: "事实最多的地区"
//   en: "Regions with most facts"
// description:
//   zh: "证据页未输入时的节点选择器：事实最多的地区，由导入排定。"
//   en: "The evidence page's node picker before anything is typed: the regions with the most facts, as the loader ranked them."
// params:
//   limit: {type: int}

// The ranking counts every adoption; the loader keeps it (edukg.store.starters).
MATCH (n:Region)
WHERE n.starter_rank > 0
RETURN n.id AS id
ORDER BY n.starter_rank
LIMIT $limit
