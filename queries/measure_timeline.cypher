// title:
//   zh: "改革时间线"
//   en: "Timeline of adoptions"
// description:
//   zh: "每一年各地区首次采用的改革举措、采用地区数和地区名单（按地区代码取前 20 个）。未说明年份的采用不计入。"
//   en: "For each year, the measures regions first adopted in that year, how many regions did, and which (the first 20 by region code). Adoptions without a stated year are left out."
// group: Measures
// params:
//   within:
//     type: string
//     default: ''
//     label: {zh: "范围（含下级地区）", en: "Within region (and its sub-regions)"}
//     choices: MATCH (r:Region) RETURN r.id AS value, coalesce(r.full_name, r.name) AS label ORDER BY label
//   limit:
//     type: int
//     default: 500
//     label: {zh: "最多返回行数", en: "At most this many rows"}

// Over all regions, each measure's timeline is the one it keeps (edukg.store.timeline: a line per
// year, tab-separated: year, regions, the first 20 of them by code); reading the years of 158 000
// adoptions took 200 ms at 100 000 documents. Within a region, and for measures whose adoptions
// a load is changing, it is read from the adoptions: first those, as rows of a list (every
// match optional, so that the one row goes on when there is nothing to read).
OPTIONAL MATCH (:Region {id: $within})<-[:PART_OF*0..3]-(sub:Region)
WITH collect(sub) AS subs
OPTIONAL MATCH (unkept:Measure)
WHERE $within <> '' OR unkept.adoption_timeline IS NULL
WITH subs, collect(unkept) AS unkept
OPTIONAL MATCH (r:Region)
WHERE unkept <> [] AND ($within = '' OR r IN subs)
// Regions in code order, so that each year's list is in that order too.
WITH unkept, r ORDER BY r.id
OPTIONAL MATCH (r)-[i:IMPLEMENTS]->(m:Measure)
WHERE i.year > 0 AND m IN unkept
WITH i.year AS year, m, collect(r.name) AS regions
WITH collect(CASE WHEN m IS NOT NULL THEN [year, m, size(regions), regions[..20]] END) AS read
// Then the timelines kept, a row per line.
OPTIONAL MATCH (k:Measure)
WHERE $within = '' AND k.adoption_timeline IS NOT NULL
WITH read, collect([fields IN [line IN coalesce(k.adoption_timeline, []) | split(line, '\t')]
                    | [toInteger(fields[0]), k, toInteger(fields[1]), fields[2..]]]) AS kept
UNWIND [read] + kept AS rows
UNWIND rows AS row
WITH row[0] AS year, row[1] AS m, row[2] AS region_count, row[3] AS regions
ORDER BY year, m.id LIMIT $limit
RETURN year, m.name AS measure, m.id AS measure_id, region_count, regions
ORDER BY year, measure_id
