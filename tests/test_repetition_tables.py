"""The repetition scan's tables (tables.py): the arrays a large article files its repeated runs in
answer as the dicts of a small one, for the runs the arrays may hold."""
from __future__ import annotations

import random

import pytest

from newslint.families.repetition import tables
from newslint.families.repetition.tables import FirstSeen, Holders, Repeated, run_hashes


def _repeated(keys: list[int]) -> Repeated:
    import numpy as np

    return Repeated(np.array(sorted(set(keys)), dtype=np.int64))


def test_holders_in_arrays_meet_and_file_as_the_dict_does() -> None:
    rng = random.Random(22)
    keys = [rng.randrange(-2**63, 2**63) for _ in range(300)]
    in_dict, in_arrays = Holders(None), Holders(_repeated(keys))
    for unit in range(400):
        own = set(rng.sample(keys, rng.randint(0, 40)))
        seen = in_dict.meet(own, unit)
        assert in_arrays.meet(own, unit) == seen
        again = set(rng.sample(sorted(seen), len(seen) // 2))
        in_dict.file(again, unit)
        in_arrays.file(again, unit)
    assert in_arrays.meet(set(keys), 999) == in_dict.meet(set(keys), 999)


def test_holders_in_arrays_file_only_the_repeated_runs() -> None:
    holders = Holders(_repeated([5, 9]))
    assert holders.meet({5, 7}, 0) == {}
    assert holders.meet({5, 7, 9}, 1) == {5: 0}  # 7 was never filed: it is not a repeated run
    holders.file({5, 7}, 2)
    assert holders.meet({5, 7, 9}, 3) == {5: 2, 9: 1}


def test_first_seen_in_arrays_looks_up_and_files_as_the_dict_does() -> None:
    rng = random.Random(18)
    keys = [rng.randrange(-2**63, 2**63) for _ in range(200)]
    in_dict, in_arrays = FirstSeen(None), FirstSeen(_repeated(keys))
    for sentence in range(300):
        grams = [rng.choice(keys) for _ in range(rng.randint(0, 30))]  # a run twice in one sentence too
        assert in_arrays.lookup(grams) == in_dict.lookup(grams)
        if rng.random() < 0.8:  # (a sentence whose shared run is a title is not filed)
            in_dict.file(grams, sentence)
            in_arrays.file(grams, sentence)
    hits = in_arrays.lookup(keys)
    assert hits == in_dict.lookup(keys) and hits is not None and None not in hits


def test_first_seen_keeps_the_first_place_of_a_run() -> None:
    index = FirstSeen(_repeated([3, 4]))
    assert index.lookup([3, 4, 8]) is None
    index.file([8, 3, 3, 4], 0)
    index.file([4, 3], 1)
    assert index.lookup([4, 8, 3]) == [(0, 3), None, (0, 1)]


def test_holding_keeps_the_lists_holding_a_repeated_run_in_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(3)
    lists = [[rng.choice("abcdefgh") for _ in range(rng.randint(0, 9))] for _ in range(50)]
    repeated = _repeated([h for ws in lists[::7] for h in run_hashes(ws, 4)])
    held = set(repeated.hashes.tolist())
    want = [ws if held & set(run_hashes(ws, 4)) else None for ws in lists]
    assert any(w is None for w in want) and any(w is not None for w in want)
    monkeypatch.setattr(tables, "BATCH_RUNS", 8)  # batch edges between the lists
    assert list(repeated.holding(iter(lists), 4)) == want
