// title:
//   zh: "某地区的下级地区及其改革举措"
//   en: "A region's sub-regions and their measures"
// description:
//   zh: "查询编辑器的示例：某地区往下两级的地区及各自实施的举措。"
//   en: "An example for the query editor: the regions up to two levels below a region, each with the measures it implements."
// params:
//   region: {type: string, default: "region:110000"}
MATCH (c:Region)-[:PART_OF*1..2]->(:Region {id: $region})
OPTIONAL MATCH (c)-[i:IMPLEMENTS]->(m:Measure)
RETURN c.full_name AS region, collect(m.name) AS measures
ORDER BY region
