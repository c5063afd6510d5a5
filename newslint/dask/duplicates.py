"""NL105 on a cluster through a scratch folder every worker can read: a shuffle of 16-byte band
entries, with each article's signature written once and read only when it is a candidate.

The in-memory shuffle (newslint/dask/corpus.py) sends each article's 512-byte signature, name and
suppressions once per band, 16 times, and holds them all in the workers' memory until the last
article is linted (8.5 KB per article). Here each lint partition ``i`` writes, beside the run's
output:

- ``sigs-i.npy``: its articles' signatures, one row each (512 bytes an article), and
  ``meta-i.bin``: their (display, order, first-line width, suppressions), one pickle each, found
  through ``metaidx-i.npy`` (their offsets);
- ``bands-i.npy``: one (band hash, reference) pair per article and band (16 bytes each), grouped by
  bucket (``hash % buckets``), and ``offsets-i.npy``: where each bucket's rows start.

A bucket task reads its rows of every partition (memory-mapped: a bucket's rows only), sorts them
by band hash, and for the hashes shared by two or more articles reads those articles' signatures
and compares them: what the in-memory shuffle compares, in the same way (a pair is compared in
the first band whose bytes it shares, ``minhash.first_shared_band``; a 64-bit hash collision only
adds a candidate, which that check rules out). The workers hold a partition's files while they
write them and a bucket's rows while they read them: their memory does not grow with the corpus.
A task that Dask runs again (its worker died) writes the same files again, atomically.
"""
from __future__ import annotations

import os
import pickle
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from dask.bag import Bag

    from newslint.dask.lint import Outcome
    from newslint.dask.settings import Settings

DUPLICATE = "NL105"
_POS_BITS, _BAND_BITS = 28, 4  # a reference: partition << 32 | position << 4 | band
# Partitions per bucket: a bucket task reads one slice of each partition's band file.
PARTITIONS_PER_BUCKET = 8


def bucket_bag(outcomes: Bag, settings: Settings, files_in_run: int, scratch: str) -> Bag:
    """A bag of (display, (score, other display, width, suppressions)): every pair at or above the
    threshold, each article's signature passing through ``scratch`` (the caller keeps each
    article's best, newslint/dask/corpus.py)."""
    from newslint.dask.lint import indexes

    n = outcomes.npartitions
    buckets = max(1, -(-n // PARTITIONS_PER_BUCKET))
    written = outcomes.map_partitions(_spill_part, indexes(n), scratch, buckets)
    # One dependency for each bucket task, not one per partition: (partition, signatures) pairs, as
    # a Delayed of the same graph (an Item as an argument is optimised, and linted, on its own).
    counts = written.reduction(list, _concatenated, split_every=PARTITIONS_PER_BUCKET).to_delayed(optimize_graph=False)
    return indexes(buckets).map_partitions(_bucket_part, counts, scratch, buckets, settings, files_in_run)


def _spill_part(part: Iterable[Outcome], index: list[int], scratch: str, buckets: int) -> list[tuple[int, int]]:
    return [(index[0], spill(part, index[0], scratch, buckets))]


def _concatenated(parts: Iterable[list[Any]]) -> list[Any]:
    return [x for part in parts for x in part]


def _bucket_part(index: list[int], counts: list[tuple[int, int]], scratch: str, buckets: int, settings: Settings,
                 files_in_run: int) -> list[tuple[str, tuple[Any, ...]]]:
    return bucket_matches(counts, scratch, index[0], buckets, settings, files_in_run)


def band_hashes(sigs: Any) -> Any:
    """(articles, 16) 64-bit hashes of the signatures' bands, the band number mixed in: stable
    across processes (numpy arithmetic on the bytes, not ``hash``)."""
    import numpy as np

    from newslint.families.repetition import minhash

    n = sigs.shape[0]
    words = np.ascontiguousarray(sigs).view("<u8").reshape(n, minhash.BANDS, -1)  # 4 words a band
    h = np.full((n, minhash.BANDS), 0x243F6A8885A308D3, dtype=np.uint64)
    h ^= np.arange(minhash.BANDS, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    for k in range(words.shape[2]):
        h = (h ^ words[:, :, k]) * np.uint64(0xBF58476D1CE4E5B9)
        h ^= h >> np.uint64(31)
    return h


def spill(part: Iterable[Outcome], index: int, scratch: str, buckets: int) -> int:
    """Write partition ``index``'s signatures and band entries; the number of signatures."""
    import numpy as np

    from newslint.families.repetition import minhash

    meta, raw = [], []
    for o in part:
        summary = o.summaries.get(DUPLICATE)
        if summary is not None:
            _, display, width, sig = summary
            meta.append((display, o.order, width, o.suppressions))
            raw.append(bytes(sig))
    n = len(raw)
    if n >= 1 << _POS_BITS:
        raise ValueError(f"a partition of {n:,} articles: split the input into smaller partitions")
    sigs = np.frombuffer(b"".join(raw), dtype="<u4").reshape(n, minhash.NUM_PERM)
    keys = band_hashes(sigs).ravel()
    refs = ((np.uint64(index) << np.uint64(32))
            | (np.repeat(np.arange(n, dtype=np.uint64), minhash.BANDS) << np.uint64(_BAND_BITS))
            | np.tile(np.arange(minhash.BANDS, dtype=np.uint64), n))
    where = (keys % np.uint64(buckets)).astype(np.int64)
    order = np.argsort(where, kind="stable")
    entries = np.stack([keys[order], refs[order]], axis=1)
    offsets = np.searchsorted(where[order], np.arange(buckets + 1))
    folder = Path(scratch)
    _save(folder / f"sigs-{index}.npy", sigs)
    _save(folder / f"bands-{index}.npy", entries)
    _save(folder / f"offsets-{index}.npy", offsets)
    # One pickle a row and their offsets: a bucket reads its candidates' rows, not the partition's.
    rows = [pickle.dumps(row, protocol=pickle.HIGHEST_PROTOCOL) for row in meta]
    _save(folder / f"metaidx-{index}.npy", np.cumsum([0, *map(len, rows)], dtype=np.int64))
    _atomic(folder / f"meta-{index}.bin", b"".join(rows))
    return n


def _save(path: Path, array: Any) -> None:
    import io

    import numpy as np

    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=False)
    _atomic(path, buffer.getvalue())


def _atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def bucket_matches(counts: list[tuple[int, int]], scratch: str, bucket: int, buckets: int, settings: Settings,
                   files_in_run: int) -> list[tuple[str, tuple[Any, ...]]]:
    """(display, (score, other display, width, suppressions)) of every pair of the bucket's
    candidates at or above the threshold (``counts``: each partition's number of signatures), the later article by name reported against the earlier."""
    rule = next(r for r in settings.engine(files_in_run).corpus_rules if r.meta.code == DUPLICATE)
    return list(_bucket_pairs(counts, Path(scratch), bucket, rule))


def _bucket_pairs(counts: list[tuple[int, int]], folder: Path, bucket: int, rule: Any) -> Iterator[tuple[str, tuple[Any, ...]]]:
    import numpy as np

    from newslint.families.repetition import minhash

    pieces = []
    for i, n in sorted(counts):  # (partition, its signatures)
        if n:
            offsets = np.load(folder / f"offsets-{i}.npy")
            lo, hi = int(offsets[bucket]), int(offsets[bucket + 1])
            if hi > lo:
                pieces.append(np.array(np.load(folder / f"bands-{i}.npy", mmap_mode="r")[lo:hi]))
    if not pieces:
        return
    entries = np.concatenate(pieces)
    del pieces
    order = np.argsort(entries[:, 0], kind="stable")
    keys, refs = entries[order, 0], entries[order, 1]
    del entries, order
    starts = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
    ends = np.append(starts[1:], len(keys))
    shared = ends - starts >= 2
    if not shared.any():
        return
    threshold, first = rule.threshold, minhash.first_shared_band
    articles = _Articles(folder)
    band_mask, pos_mask = (1 << _BAND_BITS) - 1, (1 << _POS_BITS) - 1
    for lo, hi in zip(starts[shared].tolist(), ends[shared].tolist()):
        members = []
        for ref in refs[lo:hi].tolist():
            part, pos, band = ref >> 32, (ref >> _BAND_BITS) & pos_mask, ref & band_mask
            members.append((band, *articles.get(part, pos)))
        for band, display, order, width, sups, sig in members:
            for other_band, other, other_order, _, _, other_sig in members:
                # Equal hashes of two different bands (a collision) or a pair that shares an
                # earlier band: not compared here (first_shared_band checks the bytes).
                if other_band == band and rule.before(display, order, other, other_order) \
                        and first(sig, other_sig) == band:
                    score = minhash.similarity(sig, other_sig)
                    if score >= threshold:
                        yield display, (score, other, width, sups)


class _Articles:
    """The candidates' signatures and metadata, read from the scratch folder as they are asked for:
    one row of each (memory-mapped), never a whole partition's. (Loading each partition's
    metadata whole took a bucket task to 556-647 MB in the 1,000,000-article run: its candidates
    were spread over most of the 574 partitions.)"""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._files: dict[int, tuple[Any, Any, Any]] = {}

    def get(self, part: int, pos: int) -> tuple[str, Any, int, Any, bytes]:
        import numpy as np

        files = self._files.get(part)
        if files is None:
            files = self._files[part] = (np.load(self.folder / f"metaidx-{part}.npy", mmap_mode="r"),
                                         np.memmap(self.folder / f"meta-{part}.bin", dtype=np.uint8, mode="r")
                                         if (self.folder / f"meta-{part}.bin").stat().st_size else None,
                                         np.load(self.folder / f"sigs-{part}.npy", mmap_mode="r"))
        index, meta, sigs = files
        display, order, width, sups = pickle.loads(meta[int(index[pos]):int(index[pos + 1])].tobytes())  # noqa: S301
        return display, order, width, sups, sigs[pos].tobytes()
