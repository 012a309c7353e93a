"""Near-duplicate (syndication) clusters: MinHash over word shingles, LSH for candidates.

Each document gets a MinHash signature of its lower-cased word ``SHINGLE``-grams, stored with
it. `ClusterIndex` keeps an in-memory LSH index (rebuilt from the stored signatures when a store
first writes) and assigns clusters incrementally: a new document joins the cluster of every
stored document whose estimated Jaccard similarity reaches ``THRESHOLD``, merging clusters it
bridges (single-link). A cluster is named by its smallest member id; a lone document is its own
cluster, so only clusters of two or more are reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
from datasketch import MinHash, MinHashLSH

SHINGLE = 4  # words per shingle
NUM_PERM = 128  # permutations per signature
THRESHOLD = 0.5  # estimated Jaccard similarity that makes two texts near-duplicates (PPN: edited versions of a story reach 0.45-0.6)
SEED = 1

_WORD = re.compile(r"\w+", re.UNICODE)
_TEMPLATE = MinHash(num_perm=NUM_PERM, seed=SEED)


def shingles(text: str) -> set[bytes]:
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i:i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)}


def signature(text: str) -> np.ndarray | None:
    """The MinHash hash values (uint64) of a text, or None for a text with no words."""
    grams = shingles(text)
    if not grams:
        return None
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=_TEMPLATE.permutations, scheme=_TEMPLATE.scheme)
    minhash.update_batch(list(grams))
    return minhash.hashvalues.astype(np.uint64)


def _minhash(values: np.ndarray) -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=SEED, hashvalues=values, permutations=_TEMPLATE.permutations, scheme=_TEMPLATE.scheme)


class ClusterIndex:
    """Signatures, LSH buckets and cluster membership of the stored documents."""

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self.lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self.signatures: dict[str, np.ndarray] = {}
        self.cluster: dict[str, str] = {}
        self.members: dict[str, set[str]] = {}

    def load(self, rows: Iterable[tuple[str, bytes, str]]) -> None:
        """(doc id, signature bytes, cluster) of stored documents."""
        for doc_id, raw, cluster in rows:
            values = np.frombuffer(raw, dtype=np.uint64)
            self.signatures[doc_id] = values
            self.lsh.insert(doc_id, _minhash(values), check_duplication=False)
            self.cluster[doc_id] = cluster
            self.members.setdefault(cluster, set()).add(doc_id)

    def add(self, doc_id: str, values: np.ndarray) -> dict[str, str]:
        """Index a new document; returns {doc id: cluster} for every document whose cluster is set or changed."""
        minhash = _minhash(values)
        near = [other for other in self.lsh.query(minhash)
                if float(np.mean(self.signatures[other] == values)) >= self.threshold]
        clusters = {self.cluster[other] for other in near}
        target = min(clusters | {doc_id})
        changes = {doc_id: target}
        members = self.members.setdefault(target, set())
        for cluster in clusters - {target}:
            for member in self.members.pop(cluster, set()):
                self.cluster[member] = target
                members.add(member)
                changes[member] = target
        members.add(doc_id)
        self.cluster[doc_id] = target
        self.signatures[doc_id] = values
        self.lsh.insert(doc_id, minhash, check_duplication=False)
        return changes
