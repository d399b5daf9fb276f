// title:
//   zh: "节点的事实"
//   en: "A node's facts"
// description:
//   zh: "证据页：一个节点的实施、引用和目标事实（任一方向），按类型和两端排序的前若干条。"
//   en: "Evidence page: the IMPLEMENTS, CITES and TARGETS facts about a node, either direction, the first by type and ends."
// params:
//   label: {type: label}
//   node: {type: string}
//   limit: {type: int, default: 500}
MATCH (n:$(label) {id: $node})-[r:IMPLEMENTS|CITES|TARGETS]-()
// The first facts in the order shown, cut before their evidence is read: a common measure has
// thousands of adoptions and goals at a national scale.
WITH r, startNode(r) AS a, endNode(r) AS b
ORDER BY type(r), a.id, b.id, r.metric
LIMIT $limit
// Each fact's sentences as the loader counts them (`sentences`): a province's adoption has
// thousands. A fact stored by an older version has no count: its sentences are those of the edges
// between its ends of its type + _EVIDENCE (and of its metric), one per document. Two ends may
// share thousands of goals, so their evidence is walked once for all those facts and joined to
// them by type and metric; the pattern's filter stops the walk before it starts when every fact
// is counted.
WITH a, b, collect(r) AS facts
WITH a, b, facts,
     [r IN facts WHERE r.sentences IS NULL | type(r) + '_EVIDENCE' + coalesce(r.metric, '')]
     AS uncounted
WITH a, b, [r IN facts | [type(r), coalesce(r.metric, ''), r, coalesce(r.sentences, 0)]]
           + [(a)-[e]->(b) WHERE uncounted <> [] AND (type(e) + coalesce(e.metric, '')) IN uncounted
              | [replace(type(e), '_EVIDENCE', ''), coalesce(e.metric, ''), null, size(e.evidence)]]
           AS items
UNWIND items AS item
WITH a, b, item[0] AS kind, item[1] AS metric, collect(item[2]) AS fact, collect(item[3]) AS counts
WHERE fact <> []
WITH a, b, fact[0] AS r, reduce(n = 0, x IN counts | n + x) AS sentences
RETURN type(r) AS type, a.id AS source, a.name AS source_name, b.id AS target,
       b.name AS target_name, r.metric AS metric, r.year AS year, sentences
ORDER BY type, source, target, metric
