// title:
//   zh: "节点的事实"
//   en: "A node's facts"
// description:
//   zh: "证据页：一个节点的每条实施、引用和目标事实（任一方向）。"
//   en: "Evidence page: every IMPLEMENTS, CITES and TARGETS fact about a node, either direction."
// params:
//   label: {type: label}
//   node: {type: string}
MATCH (n:$(label) {id: $node})-[r:IMPLEMENTS|CITES|TARGETS]-()
RETURN type(r) AS type, startNode(r).id AS source, startNode(r).name AS source_name,
       endNode(r).id AS target, endNode(r).name AS target_name, r.metric AS metric,
       r.year AS year, size(r.sources) AS sentences
ORDER BY type, source, target, metric
