// title:
//   zh: "某类节点的属性"
//   en: "Properties of a label"
// description:
//   zh: "查询编辑器的结构说明：从某类节点的样本读出的属性名。"
//   en: "Saved-query editor's schema help: the property keys of a label, read from a sample of its nodes."
// params:
//   label: {type: label}
MATCH (n:$(label))
WITH n LIMIT 200
UNWIND keys(n) AS key
RETURN DISTINCT key ORDER BY key
