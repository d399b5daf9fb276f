"""The edukg application shell: command line, query catalog, exports."""
