// title: 图谱规模 · Graph size
// description: How many nodes of each label and edges of each type the graph holds.
// group: Graph
MATCH (n)
WITH labels(n)[0] AS name, count(*) AS total
WITH collect({kind: 'node', name: name, total: total}) AS node_rows
OPTIONAL MATCH ()-[r]->()
WITH node_rows, type(r) AS name, count(r) AS total
WITH node_rows, collect({kind: 'edge', name: name, total: total}) AS edge_rows
UNWIND node_rows + edge_rows AS row
WITH row WHERE row.name IS NOT NULL
RETURN row.kind AS kind, row.name AS name, row.total AS total
ORDER BY kind DESC, name
