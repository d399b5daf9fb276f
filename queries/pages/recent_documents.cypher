// title:
//   zh: "最新文档"
//   en: "Newest documents"
// description:
//   zh: "未输入时的文档选择器：最新的文档。"
//   en: "The document picker before anything is typed: the newest documents."
// params:
//   limit: {type: int}
MATCH (d:Document)
RETURN d.id AS id
ORDER BY d.published DESC, id
LIMIT $limit
