// title:
//   zh: "评测：文档支持的实施关系"
//   en: "Evaluation: adoptions a document supports"
// description:
//   zh: "edukg eval 用：以某文档为证据的地区—举措实施关系，连同各条证据的年份和句子。"
//   en: "For edukg eval: the region-measure adoptions one document is evidence for, with each piece of evidence's year and sentence."
// params:
//   doc: {type: string}
MATCH (r:Region)-[i:IMPLEMENTS]->(m:Measure)
WHERE $doc IN i.sources
RETURN r.adcode AS adcode, m.id AS measure, i.sources AS sources,
       i.evidence_year AS years, i.evidence AS sentences
