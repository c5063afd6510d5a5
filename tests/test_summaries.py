"""The run's store of corpus summaries: what goes in comes back, in order, as often as asked."""
from __future__ import annotations

import io
import threading
from array import array
from fractions import Fraction

import newslint.model.summaries as summaries_module
from newslint.model.summaries import SummaryStore


def test_summaries_come_back_by_rule_in_file_order_and_can_be_read_twice():
    with SummaryStore() as store:
        store.add({"NL105": ("/abs/a.txt", "a.txt", 40, b"\x00" * 512), "NL305": ("a.txt", (("Leah", "Millis", b"ab"),))})
        store.add({"NL305": ("b.txt", ())})
        store.add({})
        store.add({"NL105": ("/abs/c.txt", "c.txt", 7, b"\x01" * 512)})
        names = store.summaries("NL305")
        assert len(names) == 2 and list(names) == list(names) == [("a.txt", (("Leah", "Millis", b"ab"),)), ("b.txt", ())]
        signatures = store.summaries("NL105")
        assert [s[1] for s in signatures] == ["a.txt", "c.txt"]
        assert signatures[1][3] == b"\x01" * 512 and signatures[-1] == signatures[1]
        assert [s[2] for s in signatures[0:2]] == [40, 7]
        assert list(store.summaries("NL999")) == []


def test_what_marshal_cannot_write_is_pickled_and_what_pickle_refuses_is_kept_as_it_is():
    lock = threading.Lock()
    with SummaryStore() as store:
        store.add({"X": Fraction(1, 3)})
        store.add({"X": array("I", [1, 2])})
        store.add({"X": lock})
        assert list(store.summaries("X")) == [Fraction(1, 3), array("I", [1, 2]), lock]


def test_a_large_run_moves_to_a_temporary_file_and_reads_back_the_same(monkeypatch):
    monkeypatch.setattr(summaries_module, "_SPOOL", 1000)
    with SummaryStore() as store:
        for i in range(200):
            store.add({"NL105": (f"/abs/{i}.txt", f"{i}.txt", i, bytes([i % 256]) * 512)})
        assert not isinstance(store._file, io.BytesIO)  # on disk, not in memory
        stored = store.summaries("NL105")
        assert [s[2] for s in stored] == list(range(200))
        assert stored[150] == ("/abs/150.txt", "150.txt", 150, bytes([150]) * 512)
