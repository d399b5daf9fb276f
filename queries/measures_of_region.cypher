// title: 某地区的改革举措 · Measures of a region
// description: The measures a region and its sub-regions implement, with the sub-region that does, the year and the evidence.
// group: Regions
// params:
//   region:
//     type: string
//     default: region:110000
//     label: Region
//     choices: MATCH (r:Region) RETURN r.id AS value, coalesce(r.full_name, r.name) AS label ORDER BY label
//   limit:
//     type: int
//     default: 500
//     label: At most this many rows
MATCH path = (:Region {id: $region})<-[:PART_OF*0..3]-(r:Region)
MATCH (r)-[i:IMPLEMENTS]->(m:Measure)
WITH m, r, i, length(path) AS depth ORDER BY m.id, i.year, r.id LIMIT $limit
RETURN m.name AS measure, m.id AS measure_id, r.name AS region, r.id AS region_id,
       depth, i.year AS year, i.evidence AS evidence, i.sources AS sources
ORDER BY measure_id, year, region_id
