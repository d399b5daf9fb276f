// title:
//   zh: "导出的一页"
//   en: "One page of the export"
// description:
//   zh: "edukg export 用：按编号顺序取某类节点的一页，连同其出边（证据边除外，另按文档取）；按编号翻页，每次查询都小。"
//   en: "For edukg export: one page of a label's nodes in id order, each with its outgoing edges but the evidence edges (read by document, see evidence.cypher: a province has tens of thousands). Paging by id (keyset, served by the id index) keeps every query small however big the graph is."
// params:
//   label: {type: label}
//   after: {type: string}
//   page: {type: int}
//   evidence: {type: list}
MATCH (n:$(label)) WHERE n.id > $after
// The page cut first: a projection before ORDER BY ... LIMIT is made for every node after
// `after` (6 s a page of Documents at 100 000).
WITH n ORDER BY n.id LIMIT $page
RETURN n.id AS id, properties(n) AS props,
       [(n)-[r]->(m) WHERE NOT type(r) IN $evidence
        | {type: type(r), target: m.id, props: properties(r)}] AS out
ORDER BY id
