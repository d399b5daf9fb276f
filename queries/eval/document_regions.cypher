// title:
//   zh: "评测：文档提到的地区"
//   en: "Evaluation: regions a document mentions"
// description:
//   zh: "edukg eval 用：某文档提到的地区的行政区划代码。"
//   en: "For edukg eval: the adcodes of the regions one document mentions."
// params:
//   doc: {type: string}
MATCH (:Document {id: $doc})-[:MENTIONS]->(r:Region)
RETURN r.adcode AS adcode
