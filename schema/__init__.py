"""The taxonomy, ontology, SHACL shapes and per-store DDL: package data, read through
importlib.resources."""
