"""Benchmarks of edukg at growing corpus sizes; run with `python -m bench.run` (see README.md)."""
