// title:
//   zh: "采用举措的地区（档案用）"
//   en: "Regions adopting a measure, for its profile"
// description:
//   zh: "举措档案的地图、时间线和表格：每个采用地区、起始年份和所依据文档的数量；证据句在选中一行时才读取。"
//   en: "The measure profile's map, timeline and table: each adopting region, its first year and how many documents support it; the sentences are read only when a row is chosen."
// params:
//   measure: {type: string}
//   within: {type: string, default: ''}

// adopters_of_measure without the quoted sentences: the page draws every adopter (a measure has
// thousands at a national scale), and quoting one document for each made it ten times slower.
MATCH (m:Measure {id: $measure})
OPTIONAL MATCH (w:Region {id: $within})
WITH m, w WHERE $within = '' OR w IS NOT NULL
MATCH (r:Region)-[i:IMPLEMENTS]->(m)
WHERE w IS NULL OR r = w OR (r)-[:PART_OF*1..3]->(w)
OPTIONAL MATCH (r)-[e:IMPLEMENTS_EVIDENCE]->(m)
RETURN r.id AS region_id, i.year AS year, count(e) AS documents
ORDER BY year, region_id
