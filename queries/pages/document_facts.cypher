// title:
//   zh: "文档支持的事实"
//   en: "Facts a document supports"
// description:
//   zh: "一个文档作为证据支持的每条事实，连同证据列表。"
//   en: "Every assertion edge one document supports, with the evidence lists to pick its entries."
// params:
//   doc: {type: string}
MATCH (:Document {id: $doc})-[:MENTIONS|DESCRIBES]->(n)
WITH DISTINCT n
MATCH (n)-[r]->(m)
WHERE $doc IN r.sources
RETURN type(r) AS type, n.id AS source, n.name AS source_name, m.id AS target,
       m.name AS target_name, r.metric AS metric, r.year AS year, r.sources AS sources,
       r.evidence AS evidence, r.evidence_start AS evidence_start,
       r.evidence_end AS evidence_end, r.evidence_year AS evidence_year,
       r.evidence_year_source AS evidence_year_source
ORDER BY type, source, target
