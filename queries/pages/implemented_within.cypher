// title:
//   zh: "在某地区内有实施者的主体"
//   en: "Subjects implemented within a region"
// description:
//   zh: "举措档案按地区筛选目标：给定的政策、举措或项目中，由该地区或其下级地区实施的那些。"
//   en: "Measure profile, goals within a region: those of the given policies, measures or programmes that the region or one of its sub-regions implements."
// params:
//   subjects: {type: list}
//   within: {type: string}

// Walked down from the region: a province holds a few thousand adoptions, a subject may have
// thousands of implementers across the country.
MATCH (:Region {id: $within})<-[:PART_OF*0..3]-(r:Region)-[:IMPLEMENTS]->(s)
WHERE s.id IN $subjects
RETURN DISTINCT s.id AS subject
ORDER BY subject
