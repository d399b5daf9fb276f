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
WITH r, startNode(r) AS a, endNode(r) AS b
// Its evidence: the edges between its ends of its type + _EVIDENCE (and of its metric), one per
// document.
WITH r, a, b, [e IN [(a)-[x]->(b) | x] WHERE type(e) = type(r) + '_EVIDENCE'
                AND coalesce(e.metric, '') = coalesce(r.metric, '')] AS documents
RETURN type(r) AS type, a.id AS source, a.name AS source_name, b.id AS target,
       b.name AS target_name, r.metric AS metric, r.year AS year,
       reduce(n = 0, e IN documents | n + size(e.evidence)) AS sentences
ORDER BY type, source, target, metric
