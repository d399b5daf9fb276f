// title:
//   zh: "某类关系的数量"
//   en: "Edges of a type"
// description:
//   zh: "查询编辑器的结构说明：某类关系的数量。"
//   en: "Saved-query editor's schema help: how many edges a type has."
// params:
//   type: {type: type}
MATCH ()-[r:$(type)]->() RETURN count(r) AS count
