// title:
//   zh: "事实最多的地区"
//   en: "Regions with most facts"
// description:
//   zh: "证据页未输入时的节点选择器：事实最多的地区。"
//   en: "The evidence page's node picker before anything is typed: the regions with the most facts."
// params:
//   limit: {type: int}
MATCH (n:Region)-[r:IMPLEMENTS]->()
WITH n, count(r) AS facts
RETURN n.id AS id
ORDER BY facts DESC, id
LIMIT $limit
