// Full-text search of one label (edukg.store.search; FalkorDBStore.search). $label is one of
// edukg.store.search.SEARCH_KINDS, $q words joined by spaces (all must match; `word*` a prefix).
CALL db.idx.fulltext.queryNodes($label, $q) YIELD node, score
RETURN node.id AS id, node.name AS name, node.name_en AS name_en, node.full_name AS full_name,
       node.title AS title, node.doc_number AS doc_number, node.aliases AS aliases, score
ORDER BY score DESC, id
LIMIT $limit
