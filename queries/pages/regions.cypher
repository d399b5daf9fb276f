// title:
//   zh: "地区表"
//   en: "Regions"
// description:
//   zh: "地区选择器和地图用：每个地区及其上级、坐标、别名和实施的举措数。"
//   en: "For the region picker and the maps: every region with its parent, coordinates, aliases and how many measures it implements."
MATCH (r:Region)
OPTIONAL MATCH (r)-[:PART_OF]->(p:Region)
RETURN r.id AS id, r.name AS name, coalesce(r.full_name, r.name) AS full_name,
       r.level AS level, p.id AS parent, r.lon AS lon, r.lat AS lat,
       coalesce(r.aliases, []) AS aliases,
       size([(r)-[:IMPLEMENTS]->(:Measure) | 1]) AS measures
