"""MinHash signatures and an LSH index over them, in numpy.

datasketch was used first, but importing it loads scipy (0.8 s on every run over two files or
more, a pre-commit run included); the part newslint needs is a few vectorised lines. Signatures are
128 multiply-shift hashes ``(a * h + b) >> 32`` (mod 2**64) of each shingle's CRC-32, minimised:
stable across processes and runs, so they can be cached on disk.
"""
from __future__ import annotations

import zlib
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

NUM_PERM = 128
BANDS, ROWS = 16, 8  # candidate probability 0.95 at Jaccard 0.8, 0.07 at 0.5
_SEED = 20261123


@lru_cache(maxsize=1)
def _permutations() -> tuple[Any, Any]:
    import numpy as np

    rng = np.random.default_rng(_SEED)
    a = rng.integers(1, 2**63, size=NUM_PERM, dtype=np.uint64) * np.uint64(2) + np.uint64(1)  # odd
    b = rng.integers(0, 2**63, size=NUM_PERM, dtype=np.uint64)
    return a, b


def signature(shingles: Iterable[bytes]) -> tuple[int, ...] | None:
    """The MinHash signature of a set of shingles (None for an empty set)."""
    import numpy as np

    hashes = np.fromiter((zlib.crc32(s) for s in shingles), dtype=np.uint64)
    if hashes.size == 0:
        return None
    a, b = _permutations()
    # Multiply-shift hashing: the products wrap modulo 2**64 and the high 32 bits are kept.
    with np.errstate(over="ignore"):
        values = (hashes[:, None] * a + b) >> np.uint64(32)
    return tuple(values.min(axis=0).tolist())


def similarity(a: Sequence[int], b: Sequence[int]) -> float:
    """Estimated Jaccard similarity: the share of equal signature values."""
    return sum(x == y for x, y in zip(a, b)) / len(a)


class LSHIndex:
    """Banded signatures: only keys that share a whole band with a query are ever compared."""

    def __init__(self) -> None:
        self._buckets: dict[tuple[int, tuple[int, ...]], list[str]] = {}
        self.signatures: dict[str, tuple[int, ...]] = {}

    def insert(self, key: str, sig: tuple[int, ...]) -> None:
        """Add ``key`` with its signature."""
        self.signatures[key] = sig
        for band in range(BANDS):
            self._buckets.setdefault((band, sig[band * ROWS : (band + 1) * ROWS]), []).append(key)

    def query(self, sig: tuple[int, ...], threshold: float) -> list[tuple[float, str]]:
        """(similarity, key) of every indexed key at or above ``threshold``, best first."""
        candidates: set[str] = set()
        for band in range(BANDS):
            candidates.update(self._buckets.get((band, sig[band * ROWS : (band + 1) * ROWS]), ()))
        scored = [(similarity(sig, self.signatures[k]), k) for k in candidates]
        return sorted((s for s in scored if s[0] >= threshold), reverse=True)
