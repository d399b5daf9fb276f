// Constraints and indexes for Neo4j 5, applied by Neo4jStore.ensure_schema().
// Every label's `id` is unique (the uniqueness constraint also gives the MERGE key an index).
CREATE CONSTRAINT region_id IF NOT EXISTS FOR (n:Region) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT policy_id IF NOT EXISTS FOR (n:Policy) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT measure_id IF NOT EXISTS FOR (n:Measure) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT program_id IF NOT EXISTS FOR (n:Program) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT organization_id IF NOT EXISTS FOR (n:Organization) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT target_id IF NOT EXISTS FOR (n:Target) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT document_id IF NOT EXISTS FOR (n:Document) REQUIRE n.id IS UNIQUE;
// The same extra lookups as the embedded store.
CREATE INDEX document_source IF NOT EXISTS FOR (n:Document) ON (n.source);
CREATE INDEX document_sha256 IF NOT EXISTS FOR (n:Document) ON (n.sha256);
CREATE INDEX region_name IF NOT EXISTS FOR (n:Region) ON (n.name);
CREATE INDEX measure_name IF NOT EXISTS FOR (n:Measure) ON (n.name);
CREATE INDEX policy_title IF NOT EXISTS FOR (n:Policy) ON (n.title);
CREATE INDEX policy_starter_rank IF NOT EXISTS FOR (n:Policy) ON (n.starter_rank);
CREATE INDEX document_starter_rank IF NOT EXISTS FOR (n:Document) ON (n.starter_rank);
CREATE INDEX region_starter_rank IF NOT EXISTS FOR (n:Region) ON (n.starter_rank);
// TARGETS edges are told apart by metric; the loader finds them by it (edukg.store.loader).
CREATE INDEX targets_metric IF NOT EXISTS FOR ()-[r:TARGETS]-() ON (r.metric);
// Each document's evidence for a fact is an edge of its own, found by `doc` (edukg.store.loader).
CREATE INDEX implements_evidence_doc IF NOT EXISTS FOR ()-[e:IMPLEMENTS_EVIDENCE]-() ON (e.doc);
CREATE INDEX cites_evidence_doc IF NOT EXISTS FOR ()-[e:CITES_EVIDENCE]-() ON (e.doc);
CREATE INDEX targets_evidence_doc IF NOT EXISTS FOR ()-[e:TARGETS_EVIDENCE]-() ON (e.doc);
// Full-text search (edukg.store.search): each searchable label's jieba-segmented, lower-cased
// shadow property `search_text`, split on spaces only (Lucene's own analyzers cut Chinese into
// single characters).
CREATE FULLTEXT INDEX search_region IF NOT EXISTS FOR (n:Region) ON EACH [n.search_text] OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}};
CREATE FULLTEXT INDEX search_measure IF NOT EXISTS FOR (n:Measure) ON EACH [n.search_text] OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}};
CREATE FULLTEXT INDEX search_policy IF NOT EXISTS FOR (n:Policy) ON EACH [n.search_text] OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}};
CREATE FULLTEXT INDEX search_program IF NOT EXISTS FOR (n:Program) ON EACH [n.search_text] OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}};
CREATE FULLTEXT INDEX search_target IF NOT EXISTS FOR (n:Target) ON EACH [n.search_text] OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}};
CREATE FULLTEXT INDEX search_document IF NOT EXISTS FOR (n:Document) ON EACH [n.search_text] OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}};
