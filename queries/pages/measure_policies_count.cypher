// title:
//   zh: "推行举措的政策文本数"
//   en: "How many policy texts promote a measure"
// description:
//   zh: "举措档案：推行该举措的政策文本共有多少篇。"
//   en: "Measure profile: how many policy texts promote the measure."
// params:
//   measure: {type: string}
MATCH (d:Document)-[:MENTIONS]->(:Measure {id: $measure})
MATCH (d)-[:DESCRIBES]->(p:Policy)
RETURN count(p) AS policies
