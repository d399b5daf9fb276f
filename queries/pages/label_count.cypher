// title:
//   zh: "某类节点的数量"
//   en: "Nodes of a label"
// description:
//   zh: "查询编辑器的结构说明：某类节点的数量。"
//   en: "Saved-query editor's schema help: how many nodes a label has."
// params:
//   label: {type: label}
MATCH (n:$(label)) RETURN count(n) AS count
