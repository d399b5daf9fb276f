// title:
//   zh: "某类关系的属性"
//   en: "Properties of a type"
// description:
//   zh: "查询编辑器的结构说明：从某类关系的样本读出的属性名。"
//   en: "Saved-query editor's schema help: the property keys of an edge type, read from a sample of its edges."
// params:
//   type: {type: type}
MATCH ()-[r:$(type)]->()
WITH r LIMIT 200
UNWIND keys(r) AS key
RETURN DISTINCT key ORDER BY key
