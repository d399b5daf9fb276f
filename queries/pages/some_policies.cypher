// title:
//   zh: "任意政策"
//   en: "Any policies"
// description:
//   zh: "图谱没有政策原文时的政策选择器：任意政策。"
//   en: "The policy picker when the graph holds no policy text: any policies."
// params:
//   limit: {type: int}
MATCH (p:Policy) RETURN p.id AS id ORDER BY id LIMIT $limit
