// title: 地区一览 · Regions at a glance
// description: Every region with its level, its parent, how many measures it implements and how many documents mention it.
// group: Regions
MATCH (r:Region)
OPTIONAL MATCH (r)<-[mention:MENTIONS]-(:Document)
WITH r, count(mention) AS documents
OPTIONAL MATCH (r)-[implements:IMPLEMENTS]->(:Measure)
WITH r, documents, count(implements) AS measures
OPTIONAL MATCH (r)-[:PART_OF]->(parent:Region)
RETURN r.name AS region, r.id AS region_id, r.level AS level, parent.name AS parent,
       measures, documents
ORDER BY region_id
