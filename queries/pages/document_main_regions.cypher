// title:
//   zh: "文档主要谈及的地区"
//   en: "The region each document is about"
// description:
//   zh: "每个文档提到最多的地区（并列时多个）：文档所谈的地区。"
//   en: "The region (or regions, when tied) each document mentions most: what the document is about."
// params:
//   docs: {type: list}
MATCH (d:Document)-[n:MENTIONS]->(r:Region)
WHERE d.id IN $docs
WITH d, max(n.count) AS top, collect([r.id, n.count]) AS mentions
RETURN d.id AS doc, [x IN mentions WHERE x[1] = top | x[0]] AS regions
