// title: 地区一览 · Regions at a glance
// description: Every region with its level, its parent, how many measures it implements and how many documents mention it.
// group: Regions
MATCH (r:Region)
OPTIONAL MATCH (r)-[:PART_OF]->(parent:Region)
RETURN r.name AS region, r.id AS region_id, r.level AS level, parent.name AS parent,
       size([(r)-[:IMPLEMENTS]->(m:Measure) | m.id]) AS measures,
       size([(d:Document)-[:MENTIONS]->(r) | d.id]) AS documents
ORDER BY region_id
