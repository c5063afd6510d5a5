"""What the repetition scan files under the hash of a run of words: a dict on a small article,
int32 columns beside the sorted hashes of the runs that occur twice on a large one.

On a large article the scan files only the runs that occur twice (``twice``), and in the copy
of a long article those are most of its runs: as a set they took ~70 bytes each, a dict entry
from a run to the unit first holding it ~100 (issue 18: half the scan's high-water mark on a 20
MB article). Sorted in one numpy array a run's hash takes 8 bytes and each value filed under it
a column of 4; a look-up is a binary search (``numpy.searchsorted``) over a unit's runs at once.
A small article keeps the dicts (numpy is not imported) and files every run: the same answers.
"""
from __future__ import annotations

from array import array
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from collections.abc import Collection, Iterable, Iterator

# Above this many runs of words, the scan first finds which runs occur twice and files only those
# (a run that occurs once is never looked up again, so the findings are the same). Below it, the
# dicts are small and numpy is not imported.
FILTER_RUNS = 100_000
BATCH_RUNS = 1 << 13  # runs looked up at a time by ``Repeated.holding``
S = TypeVar("S", bound="Sequence[object]")


class Repeated:
    """The distinct hashes of the runs that occur twice or more, sorted (``twice``)."""

    def __init__(self, hashes: Any) -> None:
        self.hashes = hashes  # numpy int64, sorted, each once

    def __len__(self) -> int:
        return len(self.hashes)

    def find(self, hashes: Collection[int] | Any) -> tuple[Any, Any]:
        """(the indexes in ``hashes`` of those held here, their positions here), as numpy arrays."""
        import numpy as np

        wanted = hashes if isinstance(hashes, np.ndarray) else np.fromiter(hashes, np.int64, len(hashes))
        if not len(self.hashes):
            empty = np.zeros(0, np.intp)
            return empty, empty
        at = np.searchsorted(self.hashes, wanted)
        at[at == len(self.hashes)] = 0  # past the last: compared with the first, which differs
        held = np.flatnonzero(self.hashes[at] == wanted)
        return held, at[held]

    def holding(self, word_lists: Iterable[S], size: int) -> Iterator[S | None]:
        """Each of ``word_lists``, or None when none of its ``size``-word runs is held here: the
        runs of lists are looked up ``BATCH_RUNS`` or so at a time, in one search (one search
        per list cost 10 µs each, and a batch of a fixed number of long lists a copy of them)."""
        chunk: list[S] = []
        runs, sizes = array("q"), array("q")
        for ws in word_lists:
            before = len(runs)
            runs.extend(run_hashes(ws, size))
            sizes.append(len(runs) - before)
            chunk.append(ws)
            if len(runs) >= BATCH_RUNS:
                yield from self._held(chunk, runs, sizes)
                chunk, runs, sizes = [], array("q"), array("q")
        yield from self._held(chunk, runs, sizes)

    def _held(self, chunk: list[S], runs: array[int], sizes: array[int]) -> Iterator[S | None]:
        import numpy as np

        held = self.find(np.frombuffer(runs, np.int64))[0]
        owner = np.repeat(np.arange(len(chunk), dtype=np.int32), np.frombuffer(sizes, np.int64))
        holds = np.bincount(owner[held], minlength=len(chunk)).tolist()
        return (ws if n else None for ws, n in zip(chunk, holds))


def run_hashes(ws: Sequence[object], size: int) -> Iterator[int]:
    """The hash of each ``size``-word run of ``ws``, in order (zip builds each run's tuple in C).
    Within one article a 64-bit collision is not a practical concern."""
    return map(hash, zip(*[ws[k:] for k in range(size)]))


def twice(word_lists: Iterable[Sequence[object]], size: int, minimum: int | None = None) -> Repeated | None:
    """The ``size``-word runs that occur two or more times in ``word_lists`` (counted over all of
    them, inside one list too); None when there are fewer than ``minimum`` runs
    (``FILTER_RUNS``), where the callers file every run in a dict."""
    least = FILTER_RUNS if minimum is None else minimum
    if least > 0:  # counted from the lengths: a small article hashes nothing more
        word_lists = word_lists if isinstance(word_lists, list) else list(word_lists)
        if sum(len(ws) - size + 1 for ws in word_lists if len(ws) >= size) < least:
            return None
    runs = array("q")
    for ws in word_lists:  # (with minimum=0, a generator: its lists are never all held)
        runs.extend(run_hashes(ws, size))
    import numpy as np

    sorted_runs = np.frombuffer(runs, dtype=np.int64)  # a view: sorted in place, no copy
    sorted_runs.sort()
    first = sorted_runs[1:] == sorted_runs[:-1]  # the run repeats the one before it
    first[1:] &= ~first[:-1]  # and that one did not repeat the one before: each repeated run once
    return Repeated(sorted_runs[1:][first])


class Holders:
    """Each filed run's holder, a unit (``_near``): a dict, or with ``repeated`` a column beside
    its hashes, where only the runs that occur twice are filed (the others are never met again)."""

    def __init__(self, repeated: Repeated | None) -> None:
        self._repeated = repeated
        self._dict: dict[int, int] = {}
        if repeated is not None:
            import numpy as np

            self._unit = np.full(len(repeated), -1, np.int32)

    def meet(self, own: Collection[int], unit: int) -> dict[int, int]:
        """The holders of the runs of ``own`` filed before (run -> unit); the others are filed
        now, under ``unit``."""
        if self._repeated is None:
            holder = self._dict
            seen = holder.keys() & own  # usually empty, so the tests against it cost nothing
            holder.update(dict.fromkeys(own - seen if seen else own, unit))
            return {s: holder[s] for s in seen}
        import numpy as np

        wanted = np.fromiter(own, np.int64, len(own))
        at, pos = self._repeated.find(wanted)
        holders = self._unit[pos]
        filed = holders >= 0
        self._unit[pos[~filed]] = unit
        return dict(zip(wanted[at[filed]].tolist(), holders[filed].tolist()))

    def file(self, runs: Collection[int], unit: int) -> None:
        """File ``runs`` under ``unit``, filed before or not."""
        if self._repeated is None:
            self._dict.update(dict.fromkeys(runs, unit))
        elif runs:
            self._unit[self._repeated.find(runs)[1]] = unit


class FirstSeen:
    """Where each filed run first occurs, (sentence, word) (``_passages``): a dict, or with
    ``repeated`` two columns beside its hashes (only the runs that occur twice are filed)."""

    def __init__(self, repeated: Repeated | None) -> None:
        self._repeated = repeated
        self._dict: dict[int, tuple[int, int]] = {}
        if repeated is not None:
            import numpy as np

            self._sentence = np.full(len(repeated), -1, np.int32)
            self._word = np.zeros(len(repeated), np.int32)

    def lookup(self, grams: list[int]) -> list[tuple[int, int] | None] | None:
        """Where each of ``grams`` was filed (None for one that was not), or None when none was."""
        if self._repeated is None:
            index = self._dict
            return None if index.keys().isdisjoint(grams) else list(map(index.get, grams))
        at, pos = self._repeated.find(grams)
        sentences = self._sentence[pos]
        filed = sentences >= 0
        if not filed.any():
            return None  # the common case: nothing of this sentence was seen before
        out: list[tuple[int, int] | None] = [None] * len(grams)
        for k, si, word in zip(at[filed].tolist(), sentences[filed].tolist(), self._word[pos[filed]].tolist()):
            out[k] = (si, word)
        return out

    def file(self, grams: list[int], sentence: int) -> None:
        """File each of ``grams`` not filed yet under (``sentence``, its index in ``grams``); a
        run held twice in ``grams`` under its first index."""
        if self._repeated is None:
            for k, gram in enumerate(grams):
                self._dict.setdefault(gram, (sentence, k))
            return
        import numpy as np

        at, pos = self._repeated.find(grams)
        new = self._sentence[pos] < 0
        pos, first = np.unique(pos[new], return_index=True)  # the first of each, as ``at`` is in order
        self._sentence[pos] = sentence
        self._word[pos] = at[new][first]
