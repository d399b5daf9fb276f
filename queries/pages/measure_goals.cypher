// title:
//   zh: "与举措有关的量化目标"
//   en: "Numeric goals about a measure"
// description:
//   zh: "举措档案：为举措本身设定、或指标提到该举措的量化目标（按期限取前若干条），及所依据文档的数量，需要时还有其中的前几篇。"
//   en: "Measure profile: numeric goals set for the measure itself or whose metric names it (the first by deadline), with how many documents say so and, when asked, the first of them."
// params:
//   measure: {type: string}
//   limit: {type: int, default: 500}
//   documents: {type: int, default: 0}

// A goal lists the measures it is about (its subject, those its metric names): found by the index.
MATCH (s)-[t:TARGETS]->(g:Target)
WHERE $measure IN t.about_measures
// The first goals by deadline, each with its first documents by id: at 100 000 documents a
// measure had goals with thousands of documents each, and the whole answer passed 32 MB.
WITH s, t, g ORDER BY t.deadline, s.id, t.metric LIMIT $limit
// Each goal's count of documents, as the loader keeps it (`documents`), and the first $documents
// of them by id, which a scope needs (the page asks for them only then). For those, the subject's
// evidence edges for the stage are walked once for all its goals and joined to them by metric: a
// subject may set thousands of goals for one stage, with 100 000 evidence edges. The pattern's
// filter stops the walk before it starts when no document is asked for and every goal is counted
// (one stored by an older version is not): the busiest measure's goals at 100 000 documents
// 230 → 65 ms. A pattern comprehension: an OPTIONAL MATCH collecting the same list took 1.1 s.
WITH s, g, collect(t) AS goals
WITH s, g, goals, $documents > 0 OR any(t IN goals WHERE t.documents IS NULL) AS walk
WITH s, g, [t IN goals | [t.metric, t, null]]
           + [(s)-[e:TARGETS_EVIDENCE]->(g) WHERE walk | [e.metric, null, e.doc]] AS items
UNWIND items AS item
WITH s, g, item[0] AS metric, collect(item[1]) AS goal, collect(item[2]) AS sources
WHERE goal <> []
WITH s, g, goal[0] AS t, sources
UNWIND sources + [null] AS doc
WITH s, g, t, size(sources) AS walked, doc ORDER BY doc
WITH s, g, t, coalesce(t.documents, walked) AS documents, collect(doc)[..$documents] AS sources
RETURN s.id AS subject_id, s.name AS subject, labels(s)[0] AS subject_kind,
       g.id AS target_id, g.name AS target, t.metric AS metric, t.comparator AS comparator,
       t.value AS value, t.unit AS unit, t.deadline AS deadline, documents, sources
ORDER BY deadline, subject_id, metric
