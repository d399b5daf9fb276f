// title:
//   zh: "子图的关系"
//   en: "Edges of a subgraph"
// description:
//   zh: "关系图用：这些节点之间的关系（不含文档链接）。"
//   en: "Graph view: the edges among a set of nodes (document links left out)."
// params:
//   ids: {type: list}
MATCH (a)-[r]->(b)
WHERE a.id IN $ids AND b.id IN $ids AND NOT type(r) IN ['MENTIONS', 'DESCRIBES']
RETURN DISTINCT a.id AS source, type(r) AS type, b.id AS target
