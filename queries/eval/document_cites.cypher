// title:
//   zh: "评测：文档中政策的引用"
//   en: "Evaluation: citations in a document's policy"
// description:
//   zh: "edukg eval 用：某文档所载政策引用的政策的标题（以该文档为证据）。"
//   en: "For edukg eval: the titles of the policies that the policy a document carries cites, on that document's evidence."
// params:
//   doc: {type: string}
MATCH (:Document {id: $doc})-[:DESCRIBES]->(own:Policy)-[:CITES_EVIDENCE {doc: $doc}]->(p:Policy)
RETURN p.title AS title
