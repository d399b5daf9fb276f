// title:
//   zh: "地区一览"
//   en: "Regions at a glance"
// description:
//   zh: "每个地区的级别、上级地区、实施的举措数和提到它的文档数。"
//   en: "Every region with its level, its parent, how many measures it implements and how many documents mention it."
// group: Regions
// params:
//   limit:
//     type: int
//     default: 500
//     label: {zh: "最多返回行数", en: "At most this many rows"}
MATCH (r:Region)
WITH r ORDER BY r.id LIMIT $limit
OPTIONAL MATCH (r)-[:PART_OF]->(parent:Region)
RETURN r.name AS region, r.id AS region_id, r.level AS level, parent.name AS parent,
       size([(r)-[:IMPLEMENTS]->(:Measure) | 1]) AS measures,
       size([(r)<-[:MENTIONS]-() | 1]) AS documents
ORDER BY region_id
