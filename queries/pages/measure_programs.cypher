// title:
//   zh: "举措的项目"
//   en: "Programmes of a measure"
// description:
//   zh: "举措档案：属于该举措的具体项目。"
//   en: "Measure profile: the named programmes that are instances of the measure."
// params:
//   measure: {type: string}
MATCH (p:Program)-[:INSTANCE_OF]->(:Measure {id: $measure})
RETURN p.id AS id, p.name AS name, p.description AS description
ORDER BY name
