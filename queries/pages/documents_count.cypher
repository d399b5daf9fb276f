// title:
//   zh: "提到某节点的文档数"
//   en: "How many documents mention a node"
// description:
//   zh: "地区和政策档案：提到该节点的文档总数（其列表只列出前若干篇）。"
//   en: "Region and policy profiles: how many documents mention the node (their lists show the first of them)."
// params:
//   label: {type: label}
//   node: {type: string}
MATCH (n:$(label) {id: $node})
RETURN size([(:Document)-[:MENTIONS]->(n) | 1]) AS documents
