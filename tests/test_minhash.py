"""MinHash signatures and the LSH index used by NL105."""
from __future__ import annotations

from newslint.families.repetition import minhash

BASE = " ".join(f"word{i} of the story number {i % 13}" for i in range(120))


def sig(text):
    return minhash.signature(minhash.shingle_hashes(minhash.words(text), 5))


def shingles(text):
    words = minhash.words(text)
    return {tuple(words[i : i + 5]) for i in range(len(words) - 4)}


def test_signature_is_stable_and_estimates_jaccard():
    a = sig(BASE)
    assert a == sig(BASE) and len(a) == 4 * minhash.NUM_PERM
    edited = BASE.replace("word5 ", "changed ").replace("word50 ", "changed ")
    b = sig(edited)
    true = len(shingles(BASE) & shingles(edited)) / len(shingles(BASE) | shingles(edited))
    assert abs(minhash.similarity(a, b) - true) < 0.15
    other = sig(" ".join(f"unrelated{i} text {i}" for i in range(200)))
    assert minhash.similarity(a, other) < 0.1
    assert sig("too short") is None


def test_lsh_finds_near_copies_only():
    index = minhash.LSHIndex([sig(BASE), sig(" ".join(f"other{i} words {i}" for i in range(200)))])
    near = sig(BASE.replace("word7 ", "x "))
    assert [position for _, position in index.query(near, 0.8)] == [0]


def test_words_fold_case_punctuation_and_typography():
    assert minhash.words("The “Mayor’s” plan—approved, 7-2…") == [b"the", b"mayor", b"s", b"plan", b"approved",
                                                                 b"7", b"2"]
    assert minhash.words("Café Zürich") == ["café".encode(), "zürich".encode()]


def test_lsh_query_keeps_only_accepted_positions_and_reads_a_lazy_sequence_once_in_order():
    class Lazy:
        """A sequence that records how it is read (the run's summaries are read from a file)."""

        def __init__(self, items):
            self.items, self.reads = items, []

        def __len__(self):
            return len(self.items)

        def __getitem__(self, i):
            self.reads.append(i)
            return self.items[i]

        def __iter__(self):
            self.reads.append("iter")
            return iter(self.items)

    other = sig(" ".join(f"other{i} words {i}" for i in range(200)))
    signatures = Lazy([sig(BASE), other, sig(BASE), sig(BASE)])
    index = minhash.LSHIndex(signatures)
    assert signatures.reads == ["iter"] and len(index) == 4
    assert [p for _, p in index.query(sig(BASE), 0.8)] == [3, 2, 0]
    assert [p for _, p in index.query(sig(BASE), 0.8, accept=lambda p: p < 2)] == [0]
    assert index.query(sig(BASE), 0.8, accept=lambda p: False) == []
    assert 1 not in signatures.reads  # the unrelated article is never compared
