// title:
//   zh: "评测：文档支持的实施关系"
//   en: "Evaluation: adoptions a document supports"
// description:
//   zh: "edukg eval 用：以某文档为证据的地区—举措实施关系，连同该文档各条证据的年份和句子。"
//   en: "For edukg eval: the region-measure adoptions one document is evidence for, with the year and sentence of each piece of that document's evidence."
// params:
//   doc: {type: string}
MATCH (r)-[e:IMPLEMENTS_EVIDENCE {doc: $doc}]->(m)
// Labels tested after the index lookup: in the pattern they make the embedded store scan them.
WITH r, e, m WHERE m:Measure
RETURN r.adcode AS adcode, m.id AS measure, [x IN e.evidence | e.doc] AS sources,
       e.evidence_year AS years, e.evidence AS sentences
