"""edukg's spaCy components, one module each; importing a module registers its factory.

Every component scans the text (`matching.text_of`) in one pass (Aho-Corasick automata,
regular expressions) and maps character offsets to spans, instead of looping over tokens
in Python.
"""
