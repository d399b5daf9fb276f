// title:
//   zh: "推行举措的政策文本"
//   en: "Policy texts promoting a measure"
// description:
//   zh: "举措档案：推行该举措的政策文本（文档即政策原文），提及最多的若干篇。"
//   en: "Measure profile: the policy texts that promote the measure (the document is the policy's text), those mentioning it most."
// params:
//   measure: {type: string}
//   limit: {type: int, default: 100}
MATCH (d:Document)-[n:MENTIONS]->(:Measure {id: $measure})
MATCH (d)-[:DESCRIBES]->(p:Policy)
WITH p, n ORDER BY n.count DESC, p.id LIMIT $limit
RETURN p.id AS id, p.name AS name, p.doc_number AS doc_number, p.issued AS issued,
       n.count AS mentions
ORDER BY mentions DESC, id
