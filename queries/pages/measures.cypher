// title:
//   zh: "举措表"
//   en: "Measures"
// description:
//   zh: "举措选择器和概览用：分类体系中的每项举措（不含流水线提出的未审定候选），及采用它的地区数。"
//   en: "For the measure picker and the overview: every measure of the taxonomy (not the uncurated candidates the pipeline proposes), with how many regions adopted it."
MATCH (m:Measure)
WHERE coalesce(m.curated, true)
RETURN m.id AS id, m.name AS name, coalesce(m.name_en, '') AS name_en,
       coalesce(m.aliases, []) AS aliases, m.broader AS broader,
       size([(:Region)-[:IMPLEMENTS]->(m) | 1]) AS adopters
