// title:
//   zh: "导出：一批文档的证据边"
//   en: "Export: the evidence edges of some documents"
// description:
//   zh: "edukg export 用：一批文档各自支持某类事实的证据边，经 doc 索引查找；每个文档的证据边数有限，每次查询都小。"
//   en: "For edukg export: the evidence edges of one type that a page of documents hold, found through the doc index. A document supports a bounded number of facts, so every query stays small however many documents support one fact."
// params:
//   type: {type: type}
//   docs: {type: list}
UNWIND $docs AS doc
MATCH (a)-[e:$(type) {doc: doc}]->(b)
RETURN a.id AS source, b.id AS target, properties(e) AS props
