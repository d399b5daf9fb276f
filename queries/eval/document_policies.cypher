// title:
//   zh: "评测：文档提到的政策"
//   en: "Evaluation: policies a document names"
// description:
//   zh: "edukg eval 用：某文档提到或本身即是的政策的标题。"
//   en: "For edukg eval: the titles of the policies one document mentions or is the text of."
// params:
//   doc: {type: string}
MATCH (:Document {id: $doc})-[:MENTIONS|DESCRIBES]->(p:Policy)
RETURN DISTINCT p.title AS title
