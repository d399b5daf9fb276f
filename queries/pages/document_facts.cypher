// title:
//   zh: "文档支持的事实"
//   en: "Facts a document supports"
// description:
//   zh: "一个文档作为证据支持的某类事实，连同该文档的证据列表。"
//   en: "The assertion edges of one type that one document supports, with that document's evidence lists."
// params:
//   type: {type: type}
//   evidence: {type: type}
//   doc: {type: string}
MATCH (a)-[e:$(evidence) {doc: $doc}]->(b)
// The fact beside each of the document's evidence edges (of the same metric, for a goal).
MATCH (a)-[r:$(type)]->(b)
WHERE coalesce(r.metric, '') = coalesce(e.metric, '')
RETURN type(r) AS type, a.id AS source, a.name AS source_name, b.id AS target,
       b.name AS target_name, r.metric AS metric, r.year AS year,
       [x IN e.evidence | e.doc] AS sources, e.evidence AS evidence,
       e.evidence_start AS evidence_start, e.evidence_end AS evidence_end,
       e.evidence_year AS evidence_year, e.evidence_year_source AS evidence_year_source
ORDER BY source, target, metric
