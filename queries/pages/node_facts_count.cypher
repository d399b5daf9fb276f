// title:
//   zh: "节点的事实数"
//   en: "How many facts a node has"
// description:
//   zh: "证据页：一个节点共有多少条实施、引用和目标事实（任一方向）。"
//   en: "Evidence page: how many IMPLEMENTS, CITES and TARGETS facts a node has, either direction."
// params:
//   label: {type: label}
//   node: {type: string}
MATCH (n:$(label) {id: $node})-[r:IMPLEMENTS|CITES|TARGETS]-()
RETURN count(r) AS facts
