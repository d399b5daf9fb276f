// title:
//   zh: "是否有某类节点"
//   en: "Any node of a label"
// description:
//   zh: "图谱是否有内容：按编号索引取某类的一个节点。"
//   en: "Whether the graph holds anything: one node of a label, by its id index."
// params:
//   label: {type: label}
MATCH (n:$(label))
RETURN n.id AS id
LIMIT 1
