// Lints Cypher for Neo4j 5 with Neo4j's own linter (@neo4j-cypher/language-support).
//
// Reads {"labels": [...], "relationshipTypes": [...], "statements": {"name": "cypher", ...}} on
// stdin and prints {"name": [{"severity", "message", "line", "column"}, ...], ...}: every
// diagnostic of every statement (severity "error" or "warning"; lines and columns from 1).
// lint/cypher_lint.py gathers the statements and runs this script: `python -m lint.cypher_lint`.
//
// The semantic analysis knows Neo4j 5's built-in functions and procedures (the list the package
// ships as testData, less APOC and GDS: the Community image of docker-compose.yml has neither),
// the graph's labels and relationship types (typos are reported), and no parameters (the
// catalog checks those).
import { readFileSync } from 'node:fs';
import { isNotParamError, lintCypherQuery, testData } from '@neo4j-cypher/language-support';

const VERSION = 'CYPHER 5';
const PLUGINS = /^(apoc|gds)\./;
const SEVERITY = { 1: 'error', 2: 'warning' };

const input = JSON.parse(readFileSync(0, 'utf8'));
const mock = testData.mockSchema;
const builtIn = (registry, keep) =>
  Object.fromEntries(Object.entries(registry[VERSION]).filter(([name, entry]) => keep(name, entry)));
const schema = {
  defaultLanguage: VERSION,
  labels: input.labels,
  relationshipTypes: input.relationshipTypes,
  functions: { [VERSION]: builtIn(mock.functions, (name, entry) => entry.isBuiltIn) },
  procedures: { [VERSION]: builtIn(mock.procedures, (name) => !PLUGINS.test(name)) },
};

const report = {};
for (const [name, cypher] of Object.entries(input.statements)) {
  report[name] = lintCypherQuery(cypher, schema)
    .diagnostics.filter(isNotParamError)
    .map((d) => ({
      severity: SEVERITY[d.severity] ?? 'info',
      message: d.message,
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
    }));
}
process.stdout.write(JSON.stringify(report));
