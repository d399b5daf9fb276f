// title:
//   zh: "子图的关系"
//   en: "Edges of a subgraph"
// description:
//   zh: "关系图用：从某类节点出发、这些节点之间的事实与链接（不含文档链接与证据边）。"
//   en: "Graph view: the facts and links among a set of nodes, from those of one label (document links and evidence edges left out). By label, so that the id index finds them; by type, so that the evidence edges are not walked."
// params:
//   label: {type: label}
//   ids: {type: list}
MATCH (a:$(label))-[r:IMPLEMENTS|CITES|TARGETS|PART_OF|ISSUED_BY|INSTANCE_OF]->(b)
WHERE a.id IN $ids AND b.id IN $ids
RETURN DISTINCT a.id AS source, type(r) AS type, b.id AS target
