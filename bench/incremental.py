"""An incremental re-ingest: a share of the corpus changes, the same folder is ingested again.

Every hundredth document (for 1 %) is rewritten as the document of the same number in the
corpus of the next seed: another subject, other measures and years, the same kind of text.
The ingest then reads only those files (the others are unchanged: same path, same sha256),
replaces their documents, and must leave the graph a clean ingest of the new corpus makes.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from pathlib import Path

from bench.corpus import document
from edukg.export import export_graph
from edukg.store.base import GraphStore

EVERY = 100  # one document in a hundred changes


def change_documents(folder: Path, count: int, seed: int) -> list[Path]:
    """Rewrite every EVERY-th document of the corpus in `folder` (kept under its file name);
    the files changed."""
    changed = []
    for index in range(EVERY // 2, count, EVERY):
        original, new = document(index, seed), document(index, seed + 1)
        path = folder / original.name
        path.write_bytes(new.text.encode(new.encoding))
        changed.append(path)
    return changed


def graph_items(store: GraphStore) -> set[str]:
    """A digest of each node and edge of the export (evidence included): two graphs with the
    same set export byte for byte the same, and the difference counts what differs."""
    graph = export_graph(store)
    return {
        hashlib.sha256(json.dumps(item, ensure_ascii=False, sort_keys=True).encode()).hexdigest()
        for item in itertools.chain(graph["nodes"], graph["edges"])
    }
