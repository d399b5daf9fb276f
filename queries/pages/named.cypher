// title:
//   zh: "按编号取节点"
//   en: "Nodes by id"
// description:
//   zh: "选择器用：某一类中按编号给出的节点（地址中的选择、搜索命中）。"
//   en: "Pickers: the nodes of one label named by id (a choice in the address, the hits of a search)."
// params:
//   label: {type: label}
//   ids: {type: list}
MATCH (n:$(label))
WHERE n.id IN $ids
RETURN n.id AS id, labels(n)[0] AS label, n.name AS name, n.title AS title,
       n.doc_number AS doc_number, n.published AS published
