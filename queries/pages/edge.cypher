// title:
//   zh: "一条事实"
//   en: "One fact"
// description:
//   zh: "证据：一条实施、引用或目标关系，及各文档为它提供的证据。"
//   en: "Evidence: one assertion edge, with each document's evidence for it."
// params:
//   source_label: {type: label}
//   type: {type: type}
//   evidence: {type: type}
//   target_label: {type: label}
//   source: {type: string}
//   target: {type: string}
//   metric: {type: string, default: ''}
//   skip: {type: int, default: 0}
//   limit: {type: int, default: 10}
MATCH (a:$(source_label) {id: $source})-[r:$(type)]->(b:$(target_label) {id: $target})
WHERE $metric = '' OR r.metric = $metric
// One evidence edge per document, of the fact's evidence type and metric.
OPTIONAL MATCH (a)-[e:$(evidence)]->(b)
WHERE coalesce(e.metric, '') = coalesce(r.metric, '')
WITH a, b, r, e ORDER BY e.doc
WITH a, b, r, collect(properties(e)) AS evidence
RETURN a.name AS source_name, b.name AS target_name, properties(r) AS props,
       size(evidence) AS documents, evidence[$skip..$skip + $limit] AS evidence
