"""Example SPARQL queries over the RDF export, run by `edukg sparql NAME` (package data)."""
