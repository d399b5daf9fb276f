// Indexes for the embedded store (FalkorDB), applied by FalkorDBStore.ensure_schema().
// The range index on `id` for every label is created from edukg.store.model.NODE_LABELS;
// these are the extra lookups. FalkorDB has no named or IF NOT EXISTS indexes: a statement
// that hits an existing index fails with "already indexed", which the adapter ignores.
CREATE INDEX FOR (n:Document) ON (n.source)
CREATE INDEX FOR (n:Document) ON (n.sha256)
CREATE INDEX FOR (n:Region) ON (n.name)
CREATE INDEX FOR (n:Measure) ON (n.name)
CREATE INDEX FOR (n:Policy) ON (n.title)
// The pickers' first choices, ranked by the loader (edukg.store.starters).
CREATE INDEX FOR (n:Policy) ON (n.starter_rank)
CREATE INDEX FOR (n:Document) ON (n.starter_rank)
CREATE INDEX FOR (n:Region) ON (n.starter_rank)
// TARGETS edges are told apart by metric; the loader finds them by it (edukg.store.loader).
CREATE INDEX FOR ()-[r:TARGETS]-() ON (r.metric)
// A measure's goals (the measure page) are those listing it in `about_measures` (an array index).
CREATE INDEX FOR ()-[r:TARGETS]-() ON (r.about_measures)
// Each document's evidence for a fact is an edge of its own; a document's are found by `doc`
// when it is replaced or removed (edukg.store.model.EVIDENCE_EDGES).
CREATE INDEX FOR ()-[e:IMPLEMENTS_EVIDENCE]-() ON (e.doc)
CREATE INDEX FOR ()-[e:CITES_EVIDENCE]-() ON (e.doc)
CREATE INDEX FOR ()-[e:TARGETS_EVIDENCE]-() ON (e.doc)
// Full-text search (edukg.store.search): each searchable label's jieba-segmented shadow property
// `search_text`, no stop words (one-character Chinese words and "of" both count).
CREATE FULLTEXT INDEX FOR (n:Region) ON (n.search_text) OPTIONS {stopwords: [], language: 'english'}
CREATE FULLTEXT INDEX FOR (n:Measure) ON (n.search_text) OPTIONS {stopwords: [], language: 'english'}
CREATE FULLTEXT INDEX FOR (n:Policy) ON (n.search_text) OPTIONS {stopwords: [], language: 'english'}
CREATE FULLTEXT INDEX FOR (n:Program) ON (n.search_text) OPTIONS {stopwords: [], language: 'english'}
CREATE FULLTEXT INDEX FOR (n:Target) ON (n.search_text) OPTIONS {stopwords: [], language: 'english'}
CREATE FULLTEXT INDEX FOR (n:Document) ON (n.search_text) OPTIONS {stopwords: [], language: 'english'}
