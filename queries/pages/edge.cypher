// title:
//   zh: "一条事实"
//   en: "One fact"
// description:
//   zh: "证据：一条实施、引用或目标关系及其证据列表。"
//   en: "Evidence: one assertion edge with its parallel evidence lists."
// params:
//   source_label: {type: label}
//   type: {type: type}
//   target_label: {type: label}
//   source: {type: string}
//   target: {type: string}
//   metric: {type: string, default: ''}
MATCH (a:$(source_label) {id: $source})-[r:$(type)]->(b:$(target_label) {id: $target})
WHERE $metric = '' OR r.metric = $metric
RETURN a.name AS source_name, b.name AS target_name, properties(r) AS props
