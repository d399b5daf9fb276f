// title: 改革时间线 · Timeline of adoptions
// description: For each year, the measures regions first adopted in that year, how many regions did, and which. Adoptions without a stated year are left out.
// group: Measures
// params:
//   within:
//     type: string
//     default: ''
//     label: Within region (and its sub-regions)
//     choices: MATCH (r:Region) RETURN r.id AS value, coalesce(r.full_name, r.name) AS label ORDER BY label
WITH $within AS within
OPTIONAL MATCH (w:Region {id: within})
WITH w WHERE within = '' OR w IS NOT NULL
MATCH (r:Region)-[i:IMPLEMENTS]->(m:Measure)
WHERE i.year > 0 AND (w IS NULL OR r = w OR (r)-[:PART_OF*1..3]->(w))
WITH i.year AS year, m, r ORDER BY r.id
WITH year, m, collect(r.name) AS regions
RETURN year, m.name AS measure, m.id AS measure_id, size(regions) AS region_count, regions
ORDER BY year, measure_id
