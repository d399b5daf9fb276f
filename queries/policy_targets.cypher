// title:
//   zh: "量化目标"
//   en: "Numeric targets"
// description:
//   zh: "政策（以及举措或项目）为某一学段或群体设定的量化目标：指标、比较符、数值、单位、期限和证据。"
//   en: "The numeric goals policies (and measures or programmes) set for an education stage or population, with metric, comparator, value, unit, deadline and evidence."
// group: Policies
// params:
//   target:
//     type: string
//     default: ''
//     label: {zh: "学段或群体", en: "Stage or population"}
//     choices: MATCH (t:Target) RETURN t.id AS value, t.name AS label ORDER BY label
//   limit:
//     type: int
//     default: 500
//     label: {zh: "最多返回行数", en: "At most this many rows"}
MATCH (s)-[t:TARGETS]->(g:Target)
WHERE $target = '' OR g.id = $target
WITH s, t, g ORDER BY g.id, s.id, t.metric LIMIT $limit
// Each goal's evidence edges: those of its metric. A subject may set thousands of goals for one
// stage, so their evidence is walked once for all of them and joined to them by metric.
WITH s, g, collect(t) AS goals
WITH s, g, [t IN goals | [t.metric, t, null]]
           + [(s)-[e:TARGETS_EVIDENCE]->(g) | [e.metric, null, e]] AS items
UNWIND items AS item
WITH s, g, item[0] AS metric, collect(item[1]) AS goal, collect(item[2]) AS documents
WHERE goal <> []
// A row per sentence in document order (a row of nulls for a goal without any).
UNWIND documents + [null] AS e
UNWIND range(0, size(coalesce(e.evidence, [null])) - 1) AS k
WITH s, g, goal[0] AS t, e, k ORDER BY e.doc, e.evidence_start[k]
WITH s, g, t, collect(e.evidence[k]) AS evidence, collect(e.doc) AS sources
RETURN s.name AS subject, s.id AS subject_id, labels(s)[0] AS subject_kind,
       g.name AS target, g.id AS target_id, t.metric AS metric, t.comparator AS comparator,
       t.value AS value, t.unit AS unit, t.deadline AS deadline, evidence, sources
ORDER BY target_id, subject_id, metric
