// title:
//   zh: "政策的量化目标"
//   en: "A policy's numeric goals"
// description:
//   zh: "政策档案：政策设定的量化目标。"
//   en: "Policy profile: the numeric goals the policy sets."
// params:
//   policy: {type: string}
MATCH (:Policy {id: $policy})-[t:TARGETS]->(g:Target)
RETURN g.id AS target_id, g.name AS target, t.metric AS metric, t.comparator AS comparator,
       t.value AS value, t.unit AS unit, t.deadline AS deadline
ORDER BY target_id, metric
