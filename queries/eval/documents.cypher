// title:
//   zh: "评测：全部文档"
//   en: "Evaluation: every document"
// description:
//   zh: "edukg eval 用：每个文档的来源和编号，用于按文件名对应标注文件。"
//   en: "For edukg eval: every document's source and id, to pair gold files with documents by file name."
MATCH (d:Document)
RETURN d.source AS source, d.id AS id
