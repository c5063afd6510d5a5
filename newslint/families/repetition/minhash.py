"""MinHash signatures and an LSH index over them, in numpy.

datasketch was used first, but importing it loads scipy (0.8 s on every run over two files or
more, a pre-commit run included); the part newslint needs is a few vectorised lines. Words are split
and hashed in C (bytes.translate and split, CRC-32 through ``map``); a shingle's 64-bit hash is a
polynomial of its words' hashes computed on whole arrays; the signature is the minimum of each of
128 permutations ``(h ^ b) * a mod 2**32`` of those. It is stable across processes and runs, so it
can be cached on disk. (Joining and hashing each shingle in a Python loop, then 64-bit
multiply-shift permutations, made NL105 six times slower.)
"""
from __future__ import annotations

import operator
import re
import zlib
from array import array
from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from newslint.model.tokens import TokenIndex

NUM_PERM = 128
BANDS, ROWS = 16, 8  # candidate probability 0.95 at Jaccard 0.8, 0.07 at 0.5
_BAND = ROWS * 4  # bytes per band
_SEED = 20261123
_LOW32 = 0xFFFFFFFF
_MIX = 0x9E3779B97F4A7C15  # odd: the shingle polynomial's base (mod 2**64)
# A character that is neither ASCII, nor a word character, nor one of the marks ``words`` splits on.
_GLUE = re.compile("[^\x00-\x7f\\w" + "".join(("“", "”", "‘", "’", "—", "–", "…", "«", "»", "\u00a0"))
                   + "]")


@lru_cache(maxsize=1)
def _permutations() -> tuple[Any, Any]:
    import numpy as np

    rng = np.random.default_rng(_SEED)
    a = rng.integers(0, 2**31, size=(NUM_PERM, 1), dtype=np.uint32) * np.uint32(2) + np.uint32(1)  # odd
    b = rng.integers(0, 2**32, size=(NUM_PERM, 1), dtype=np.uint32)
    return a, b


def words(text: str) -> list[bytes]:
    """The words of ``text`` for MinHash: folded case, split on ASCII punctuation and the common
    typographic marks, as bytes (see :func:`newslint.api.phrases.spaced_words`)."""
    from newslint.api.phrases import spaced_words

    return spaced_words(text.lower()).split()


def text_signature(text: str, size: int, min_words: int, index: TokenIndex | None = None) -> bytes | None:
    """The signature of ``text``'s ``size``-word shingles; None under ``min_words`` words or
    without a shingle. In the compiled core when there is one (newslint/model/core.py), else over the
    token index (``index`` when the caller has it): the same bytes either way."""
    from newslint.model.core import compiled

    core = compiled()
    if core is not None:
        return core.minhash_signature(text.lower(), size, min_words)  # type: ignore[no-any-return]
    tokens = index_of(text, index)
    if len(tokens) < min_words:
        return None
    return signature(index_hashes(tokens, size))


def index_of(text: str, index: TokenIndex | None = None) -> TokenIndex | list[bytes]:
    """The words MinHash hashes for a text: its token index (``index`` when given), unless the
    text holds a character that :func:`words` keeps inside a word and ``\\w`` does not (a pound
    sign, a bullet, a thin space: "£5m" is one word here, "5m" in the index), where its own
    bytes tokens are kept so that signatures do not change."""
    lowered = text.lower()
    if _GLUE.search(lowered) is not None:
        return words(text)
    if index is None:
        from newslint.model.tokens import TokenIndex

        index = TokenIndex(text, strict=False)
    return index


def index_hashes(index: TokenIndex | list[bytes], size: int) -> Any:
    """64-bit hashes of every ``size``-word shingle of a token index (a numpy array; repeats kept):
    each distinct word's CRC-32 is computed once (``TokenIndex.crc32``) and taken by id."""
    import numpy as np

    if isinstance(index, list):
        return shingle_hashes(index, size)
    count = len(index) - size + 1
    if count <= 0:
        return np.zeros(0, dtype=np.uint64)
    crc = np.frombuffer(index.crc32(), dtype=np.uint32).astype(np.uint64)
    h = crc[np.frombuffer(index.ids, dtype=np.int32)]
    return _poly(h, count, size)


def _poly(h: Any, count: int, size: int) -> Any:
    """The shingle polynomial over the word hashes ``h``."""
    import numpy as np

    acc = h[:count].copy()
    with np.errstate(over="ignore"):
        for k in range(1, size):
            acc *= np.uint64(_MIX)
            acc += h[k : k + count]
    return acc


def shingle_hashes(tokens: Sequence[bytes], size: int) -> Any:
    """64-bit hashes of every ``size``-word shingle of ``tokens`` (a numpy array; repeats kept)."""
    import numpy as np

    count = len(tokens) - size + 1
    if count <= 0:
        return np.zeros(0, dtype=np.uint64)
    h = np.fromiter(map(zlib.crc32, tokens), dtype=np.uint64, count=len(tokens))
    return _poly(h, count, size)


def signature(hashes: Any) -> bytes | None:
    """The MinHash signature of shingle hashes (None when there are none); repeats do not count.

    A signature is 128 little-endian 32-bit minima as bytes: compact to send from worker processes
    and to cache, and its bands are byte slices (hashing a tuple of Python ints per band was the
    slowest part of comparing 2,000 articles)."""
    import numpy as np

    if hashes.size == 0:
        return None
    a, b = _permutations()
    # Each permutation of the 32-bit hashes is x -> (x ^ b) * a mod 2**32 (a odd: a bijection),
    # computed for all 128 at once on a (128, n) array of 32-bit words: four times faster than
    # 64-bit multiply-shift, which was most of NL105's time.
    folded = (hashes ^ (hashes >> np.uint64(32))).astype(np.uint32)
    with np.errstate(over="ignore"):
        values = (folded ^ b) * a
    return values.min(axis=1).astype("<u4").tobytes()  # type: ignore[no-any-return]


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity: the share of equal signature values (no numpy: the parent
    process of a parallel run compares signatures without ever importing it)."""
    x, y = memoryview(a).cast("I"), memoryview(b).cast("I")
    return sum(map(operator.eq, x, y)) / len(x)  # map and operator.eq: no Python frame per value


def band_keys(sig: bytes) -> list[bytes]:
    """The band number and bytes of each of the signature's bands: two signatures are LSH candidates
    when they share one. Stable across processes (``hash`` of bytes is not), so a cluster can
    shuffle articles by these keys."""
    return [bytes((band,)) + sig[band * _BAND : (band + 1) * _BAND] for band in range(BANDS)]


def first_shared_band(a: bytes, b: bytes) -> int:
    """The first band two signatures share (BANDS when none): a pair that meets in several band
    buckets is compared in this one only."""
    for band in range(BANDS):
        if a[band * _BAND : (band + 1) * _BAND] == b[band * _BAND : (band + 1) * _BAND]:
            return band
    return BANDS


class LSHIndex:
    """Banded signatures: only signatures that share a whole band with a query are ever compared.

    Kept compact, since a run holds one entry per article until its end: per band, the sorted
    32-bit band hashes and the matching article numbers in two arrays (8 bytes per article and
    band; a hash collision only adds a candidate, which its similarity then rules out),
    found with ``bisect``. ``signatures`` may be any sequence (the run's summaries are read from
    a file): it is read once, in order, to build the bands, then only for the candidates of a
    query. (A dict of buckets, with a tuple key, a bytes slice and a list per article and band,
    took 4 KB per article: most of a 3,000-article run's memory growth.)"""

    def __init__(self, signatures: Sequence[bytes]) -> None:
        self.signatures = signatures
        columns: list[array[int]] = [array("I") for _ in range(BANDS)]
        for sig in signatures:
            for band, column in enumerate(columns):
                column.append(hash(sig[band * _BAND : (band + 1) * _BAND]) & _LOW32)
        self._bands: list[tuple[array[int], array[int]]] = []
        for column in columns:
            order = sorted(range(len(column)), key=column.__getitem__)
            self._bands.append((array("I", map(column.__getitem__, order)), array("I", order)))

    def __len__(self) -> int:
        return len(self.signatures)

    def query(self, sig: bytes, threshold: float,
              accept: Callable[[int], bool] | None = None) -> list[tuple[float, int]]:
        """(similarity, position) of every signature at or above ``threshold`` (only the
        positions ``accept`` allows, when given), best first."""
        candidates: set[int] = set()
        for band, (hashes, order) in enumerate(self._bands):
            value = hash(sig[band * _BAND : (band + 1) * _BAND]) & _LOW32
            lo = bisect_left(hashes, value)
            candidates.update(order[lo : bisect_right(hashes, value, lo)])
        if accept is not None:
            candidates = set(filter(accept, candidates))
        scored = [(similarity(sig, self.signatures[i]), i) for i in candidates]
        return sorted((s for s in scored if s[0] >= threshold), reverse=True)
