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
// share thousands of goals, so their evidence is walked once for all those facts, and not at all
// when every fact is counted.
WITH a, b, collect(r) AS facts
WITH a, b, facts,
     [r IN facts WHERE r.sentences IS NULL | type(r) + '_EVIDENCE' + coalesce(r.metric, '')]
     AS uncounted
OPTIONAL MATCH (a)-[e]->(b)
WHERE uncounted <> [] AND (type(e) + coalesce(e.metric, '')) IN uncounted
WITH a, b, facts, type(e) + coalesce(e.metric, '') AS walk, toInteger(sum(size(e.evidence))) AS n
WITH a, b, facts, collect([walk, n]) AS walked
UNWIND facts AS r
WITH a, b, r, [w IN walked WHERE w[0] = type(r) + '_EVIDENCE' + coalesce(r.metric, '') | w[1]]
              AS found
RETURN type(r) AS type, a.id AS source, a.name AS source_name, b.id AS target,
       b.name AS target_name, r.metric AS metric, r.year AS year,
       coalesce(r.sentences, found[0], 0) AS sentences
ORDER BY type, source, target, metric
