// title:
//   zh: "改革举措的扩散：逐年"
//   en: "Diffusion of a measure, year by year"
// description:
//   zh: "每一年新采用某项改革举措的地区数（分省级、地级、县级）及累计采用地区数。未说明年份的采用不计入。可只看某地区及其下级地区。"
//   en: "For each year, how many regions first adopted a measure (provinces, prefectures, counties) and how many had by then in all. Adoptions without a stated year are left out. Optionally only a region and its sub-regions."
// group: Measures
// params:
//   measure:
//     type: string
//     default: measure:group_schooling
//     label: {zh: "改革举措", en: "Measure"}
//     choices: MATCH (m:Measure) WHERE coalesce(m.curated, true) RETURN m.id AS value, m.name + ' · ' + coalesce(m.name_en, '') AS label ORDER BY label
//   within:
//     type: string
//     default: ''
//     label: {zh: "范围（含下级地区）", en: "Within region (and its sub-regions)"}
//     choices: MATCH (r:Region) RETURN r.id AS value, coalesce(r.full_name, r.name) AS label ORDER BY label
MATCH (m:Measure {id: $measure})
OPTIONAL MATCH (w:Region {id: $within})
WITH m, w WHERE $within = '' OR w IS NOT NULL
MATCH (r:Region)-[i:IMPLEMENTS]->(m)
WHERE (w IS NULL OR r = w OR (r)-[:PART_OF*1..3]->(w)) AND i.year > 0
WITH i.year AS year, count(r) AS adopters,
     count(CASE WHEN r.level = 'province' THEN 1 END) AS provinces,
     count(CASE WHEN r.level = 'prefecture' THEN 1 END) AS prefectures,
     count(CASE WHEN r.level = 'county' THEN 1 END) AS counties
ORDER BY year
WITH collect([year, adopters, provinces, prefectures, counties]) AS years
UNWIND range(0, size(years) - 1) AS k
RETURN years[k][0] AS year, years[k][1] AS adopters, years[k][2] AS provinces,
       years[k][3] AS prefectures, years[k][4] AS counties,
       reduce(total = 0, y IN years[..k + 1] | total + y[1]) AS cumulative
ORDER BY year
