// title:
//   zh: "图中的节点类别"
//   en: "Labels in the graph"
// description:
//   zh: "查询编辑器的结构说明：图中的节点类别。"
//   en: "Saved-query editor's schema help: the node labels in the graph."
CALL db.labels() YIELD label RETURN label ORDER BY label
