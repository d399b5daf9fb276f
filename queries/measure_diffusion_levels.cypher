// title:
//   zh: "改革举措的扩散：逐级"
//   en: "Diffusion of a measure, level by level"
// description:
//   zh: "某项改革举措在省级、地级、县级各有多少地区采用，最早和中位采用年份，最先采用的地区（前 20 个），以及比上一级晚几年（最早年份之差、中位年份之差；负数表示下级先行）。可只看某地区及其下级地区。"
//   en: "How many provinces, prefectures and counties adopted a measure, the first and the median year at each level, the first movers (the first 20), and the lag behind the level above in years (between first years, between median years; negative when the lower level went first). Optionally only a region and its sub-regions."
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
WHERE w IS NULL OR r = w OR (r)-[:PART_OF*1..3]->(w)
WITH r, CASE WHEN i.year > 0 THEN i.year END AS year ORDER BY year, r.id
WITH r.level AS level, count(r) AS adopters, collect(year) AS years,
     collect(CASE WHEN year IS NOT NULL THEN [year, r.name] END) AS dated
WITH level, adopters, size(years) AS dated_adopters, years[0] AS first_year,
     years[(size(years) - 1) / 2] AS median_year,
     [d IN dated WHERE d[0] = years[0] | d[1]][..20] AS first_movers,
     CASE level WHEN 'province' THEN 0 WHEN 'prefecture' THEN 1 WHEN 'county' THEN 2 ELSE 3 END
       AS depth
ORDER BY depth
WITH collect([level, adopters, dated_adopters, first_year, median_year, first_movers]) AS levels
UNWIND range(0, size(levels) - 1) AS k
WITH levels[k] AS this, CASE WHEN k > 0 THEN levels[k - 1] END AS above
RETURN this[0] AS level, this[1] AS adopters, this[2] AS dated_adopters,
       this[3] AS first_year, this[4] AS median_year, this[5] AS first_movers,
       this[3] - above[3] AS lag_first, this[4] - above[4] AS lag_median
