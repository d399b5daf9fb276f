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
// Each fact's sentences: those of the edges between its ends of its type + _EVIDENCE (and of its
// metric), one per document. Two ends may share thousands of goals, so their evidence is walked
// once for all of them and joined to the facts by type and metric.
WITH startNode(r) AS a, endNode(r) AS b, collect(r) AS facts
WITH a, b, [r IN facts | [type(r), coalesce(r.metric, ''), r, 0]]
           + [e IN [(a)-[x]->(b) | x] WHERE type(e) ENDS WITH '_EVIDENCE'
              | [replace(type(e), '_EVIDENCE', ''), coalesce(e.metric, ''), null, size(e.evidence)]]
           AS items
UNWIND items AS item
WITH a, b, item[0] AS kind, item[1] AS metric, collect(item[2]) AS fact, collect(item[3]) AS counts
WHERE fact <> []
WITH a, b, fact[0] AS r, reduce(n = 0, x IN counts | n + x) AS sentences
RETURN type(r) AS type, a.id AS source, a.name AS source_name, b.id AS target,
       b.name AS target_name, r.metric AS metric, r.year AS year, sentences
ORDER BY type, source, target, metric
