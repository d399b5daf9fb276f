// title:
//   zh: "政策之间的引用及引用句"
//   en: "Policies citing policies, with the citing sentence"
// description:
//   zh: "查询编辑器的示例：政策引用政策，附第一句引用原文。"
//   en: "An example for the query editor: policies citing policies, with the first citing sentence."
MATCH (a:Policy)-[:CITES]->(b:Policy)
// The citing sentences of each document are on a CITES_EVIDENCE edge beside the citation.
RETURN a.name AS policy, b.name AS cites,
       head([(a)-[e:CITES_EVIDENCE]->(b) | e.evidence[0]]) AS sentence
ORDER BY policy
LIMIT 50
