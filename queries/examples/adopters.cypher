// title:
//   zh: "采用某项改革的地区及年份"
//   en: "Regions adopting a measure, with years"
// description:
//   zh: "查询编辑器的示例：实施某项举措的地区、起始年份和证据句数。"
//   en: "An example for the query editor: the regions implementing a measure, since when, and how many sentences say so."
// params:
//   measure: {type: string, default: "measure:group_schooling"}
MATCH (r:Region)-[i:IMPLEMENTS]->(m:Measure {id: $measure})
// Each document's sentences for a fact are on an edge of their own beside it: IMPLEMENTS_EVIDENCE.
RETURN r.full_name AS region, i.year AS year,
       reduce(n = 0, s IN [(r)-[e:IMPLEMENTS_EVIDENCE]->(m) | size(e.evidence)] | n + s) AS sentences
ORDER BY year, region
