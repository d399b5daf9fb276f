// Full-text search of one label (edukg.store.search; Neo4jStore.search). $index is the label's
// index in schema/neo4j.cypher, $q Lucene words each marked required (+word; `word*` a prefix).
CALL db.index.fulltext.queryNodes($index, $q, {limit: $limit}) YIELD node, score
RETURN node.id AS id, node.name AS name, node.name_en AS name_en, node.full_name AS full_name,
       node.title AS title, node.doc_number AS doc_number, node.aliases AS aliases, score
ORDER BY score DESC, id
LIMIT $limit
