// title:
//   zh: "图中的关系类型"
//   en: "Relationship types in the graph"
// description:
//   zh: "查询编辑器的结构说明：图中的关系类型。"
//   en: "Saved-query editor's schema help: the relationship types in the graph."
CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType AS type ORDER BY type
