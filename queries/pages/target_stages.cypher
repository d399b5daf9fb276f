// title:
//   zh: "目标对象"
//   en: "Stages and populations"
// description:
//   zh: "每个学段或人群及为其设定的量化目标数。"
//   en: "Stages and populations with how many numeric goals are set for each."
MATCH (t:Target)
RETURN t.id AS id, t.name AS name, size([()-[:TARGETS]->(t) | 1]) AS goals
ORDER BY goals DESC, name
