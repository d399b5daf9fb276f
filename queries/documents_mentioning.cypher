// title:
//   zh: "提及某实体的文档"
//   en: "Documents mentioning something"
// description:
//   zh: "提到某地区、政策、举措、项目、机构或目标对象的文档，以及提到的次数。"
//   en: "The documents that mention a region, policy, measure, programme, organisation or target, and how often."
// group: Evidence
// params:
//   node:
//     type: string
//     default: measure:group_schooling
//     label: {zh: "地区、政策、举措……", en: "Region, policy, measure, ..."}
//     choices: MATCH (n) WHERE NOT n:Document RETURN n.id AS value, n.name + ' (' + labels(n)[0] + ')' AS label ORDER BY label
//   limit:
//     type: int
//     default: 500
//     label: {zh: "最多返回行数", en: "At most this many rows"}

// The node is looked up by each label's index on `id` (a node matched by `id` alone is
// looked for among all nodes).
OPTIONAL MATCH (region:Region {id: $node})
OPTIONAL MATCH (policy:Policy {id: $node})
OPTIONAL MATCH (measure:Measure {id: $node})
OPTIONAL MATCH (program:Program {id: $node})
OPTIONAL MATCH (organization:Organization {id: $node})
OPTIONAL MATCH (target:Target {id: $node})
WITH coalesce(region, policy, measure, program, organization, target) AS n
MATCH (d:Document)-[m:MENTIONS]->(n)
WITH d, m ORDER BY m.count DESC, d.id LIMIT $limit
RETURN d.title AS document, d.id AS doc_id, d.source AS source, d.published AS published,
       m.count AS mentions
ORDER BY mentions DESC, doc_id
