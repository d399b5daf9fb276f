// title:
//   zh: "量化目标"
//   en: "Numeric targets"
// description:
//   zh: "政策（以及举措或项目）为某一学段或群体设定的量化目标：指标、比较符、数值、单位、期限、有几篇文档提到，以及其中第一篇的证据句。最多返回给定行数，按图谱存储顺序；选择学段可缩小范围。"
//   en: "The numeric goals policies (and measures or programmes) set for an education stage or population, with metric, comparator, value, unit and deadline, how many documents state each, and the sentences of the first of them. At most the given number of goals, in the order the store keeps them: choose a stage to narrow them."
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
MATCH (g:Target)
WHERE $target = '' OR g.id = $target
// The goals in the order the store keeps them, cut before anything is read of them: a stage has
// hundreds of thousands of goals at a national scale, and sorting them all took most of a second.
WITH g ORDER BY g.id
MATCH (s)-[t:TARGETS]->(g)
WITH s, t, g LIMIT $limit
// Each goal's documents: the loader keeps their count (`documents`) and the first by id
// (`stated_by`), and that one is quoted. A goal stored by an older version lacks them: its
// subject's evidence edges for the stage are walked once for all its goals and joined to them
// by metric (a subject may set thousands of goals for one stage, with 100 000 evidence edges).
// The walk is a match that the filter stops before it starts: a pattern inside CASE is walked
// whichever way the CASE goes (80 of the 116 ms at 100 000 documents).
WITH s, g, collect(t) AS goals
WITH s, g, goals,
     any(t IN goals WHERE t.documents IS NULL OR t.stated_by IS NULL) AS uncounted
OPTIONAL MATCH (s)-[e:TARGETS_EVIDENCE]->(g) WHERE uncounted
WITH s, g, goals, collect([e.metric, null, e.doc]) AS walked
WITH s, g, [t IN goals | [t.metric, t, null]] + [w IN walked WHERE w[2] IS NOT NULL] AS items
UNWIND items AS item
WITH s, g, item[0] AS metric, collect(item[1]) AS goal, count(item[2]) AS walked,
     min(item[2]) AS first_walked
WHERE goal <> []
WITH s, g, goal[0] AS t, walked, first_walked
WITH s, g, t, t.documents IS NULL OR t.stated_by IS NULL AS uncounted, walked, first_walked
WITH s, g, t, CASE WHEN uncounted THEN walked ELSE t.documents END AS documents,
     CASE WHEN uncounted THEN first_walked ELSE t.stated_by END AS quoted
OPTIONAL MATCH ()-[q:TARGETS_EVIDENCE {doc: quoted}]->()
WHERE startNode(q) = s AND endNode(q) = g AND q.metric = t.metric
// A row per sentence in text order (a row of nulls for a goal without evidence).
UNWIND range(0, size(coalesce(q.evidence, [null])) - 1) AS k
WITH s, g, t, documents, q, k ORDER BY q.evidence_start[k]
WITH s, g, t, documents, collect(q.evidence[k]) AS evidence, collect(q.doc) AS sources
RETURN s.name AS subject, s.id AS subject_id, labels(s)[0] AS subject_kind,
       g.name AS target, g.id AS target_id, t.metric AS metric, t.comparator AS comparator,
       t.value AS value, t.unit AS unit, t.deadline AS deadline, documents, evidence, sources
ORDER BY target_id, subject_id, metric
