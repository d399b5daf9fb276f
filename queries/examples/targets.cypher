// title:
//   zh: "政策设定的量化目标"
//   en: "Numeric targets set by policies"
// description:
//   zh: "查询编辑器的示例：政策为学段或人群设定的量化目标。"
//   en: "An example for the query editor: the numeric goals policies set for a stage or population."
MATCH (p:Policy)-[t:TARGETS]->(g:Target)
RETURN p.name AS policy, g.name AS target, t.metric AS metric, t.comparator AS comparator,
       t.value AS value, t.unit AS unit, t.deadline AS deadline
ORDER BY deadline, policy
LIMIT 50
