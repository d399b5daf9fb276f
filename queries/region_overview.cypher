// title: 地区一览 · Regions at a glance
// description: Every region with its level, its parent, how many measures it implements and how many documents mention it.
// group: Regions
// params:
//   limit:
//     type: int
//     default: 500
//     label: At most this many rows
MATCH (r:Region)
WITH r ORDER BY r.id LIMIT $limit
OPTIONAL MATCH (r)-[:PART_OF]->(parent:Region)
RETURN r.name AS region, r.id AS region_id, r.level AS level, parent.name AS parent,
       size([(r)-[:IMPLEMENTS]->(:Measure) | 1]) AS measures,
       size([(r)<-[:MENTIONS]-() | 1]) AS documents
ORDER BY region_id
