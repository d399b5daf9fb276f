// title:
//   zh: "最新文档"
//   en: "Newest documents"
// description:
//   zh: "未输入时的文档选择器和概览：最新的文档（无日期的在后），由导入排定。"
//   en: "The document picker before anything is typed, and the overview: the newest documents (undated ones last), as the loader ranked them."
// params:
//   limit: {type: int}

// The ranking sorts every document; the loader keeps it (edukg.store.starters).
MATCH (d:Document)
WHERE d.starter_rank > 0
RETURN d.id AS id
ORDER BY d.starter_rank
LIMIT $limit
