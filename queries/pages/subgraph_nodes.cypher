// title:
//   zh: "子图的节点"
//   en: "Nodes of a subgraph"
// description:
//   zh: "关系图用：按编号给出的节点。"
//   en: "Graph view: the nodes named by id."
// params:
//   label: {type: label}
//   ids: {type: list}
MATCH (n:$(label))
WHERE n.id IN $ids
RETURN n.id AS id, n.name AS name, labels(n)[0] AS label
