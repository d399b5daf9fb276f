"""The canned queries, one .cypher file each, listed by edukg.catalog; installed as package
data, with the example SPARQL queries in sparql/."""
