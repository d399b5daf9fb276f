// title:
//   zh: "政策之间的引用及引用句"
//   en: "Policies citing policies, with the citing sentence"
// description:
//   zh: "查询编辑器的示例：政策引用政策，附第一句引用原文。"
//   en: "An example for the query editor: policies citing policies, with the first citing sentence."
MATCH (a:Policy)-[c:CITES]->(b:Policy)
RETURN a.name AS policy, b.name AS cites, c.evidence[0] AS sentence
ORDER BY policy
LIMIT 50
