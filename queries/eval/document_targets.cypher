// title:
//   zh: "评测：文档支持的目标"
//   en: "Evaluation: targets a document supports"
// description:
//   zh: "edukg eval 用：以某文档为证据的数量目标。"
//   en: "For edukg eval: the numeric targets one document is evidence for."
// params:
//   doc: {type: string}
MATCH (s)-[e:TARGETS_EVIDENCE {doc: $doc}]->(g)
MATCH (s)-[t:TARGETS {metric: e.metric}]->(g)
RETURN t.metric AS metric, t.value AS value, t.unit AS unit, t.deadline AS deadline
