"""Developer checks, kept out of the installed package: the Cypher linter
(`python -m lint.cypher_lint`)."""
