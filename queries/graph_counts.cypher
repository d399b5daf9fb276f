// title:
//   zh: "图谱规模"
//   en: "Graph size"
// description:
//   zh: "图谱中每类节点和每类关系的数量。"
//   en: "How many nodes of each label and edges of each type the graph holds."
// group: Graph
MATCH ()-[r]->()
WITH type(r) AS name, count(r) AS total
WITH collect({kind: 'edge', name: name, total: total}) AS edge_rows
MATCH (n)
WITH edge_rows, labels(n)[0] AS name, count(n) AS total
WITH edge_rows, collect({kind: 'node', name: name, total: total}) AS node_rows
UNWIND node_rows + edge_rows AS row
RETURN row.kind AS kind, row.name AS name, row.total AS total
ORDER BY kind DESC, name
