// title:
//   zh: "按来源找文档"
//   en: "A document by its source"
// description:
//   zh: "按导入时的来源找文档。"
//   en: "The document ingested from a source."
// params:
//   source: {type: string}
MATCH (d:Document {source: $source}) RETURN d.id AS id, d.title AS title
