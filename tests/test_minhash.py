"""MinHash signatures and the LSH index used by NL105."""
from __future__ import annotations

from newslint import minhash
from newslint.checks.repetition_corpus import shingles

BASE = " ".join(f"word{i} of the story number {i % 13}" for i in range(120))


def test_signature_is_stable_and_estimates_jaccard():
    a = minhash.signature(shingles(BASE))
    assert a == minhash.signature(shingles(BASE)) and len(a) == minhash.NUM_PERM
    edited = BASE.replace("word5 ", "changed ").replace("word50 ", "changed ")
    b = minhash.signature(shingles(edited))
    true = len(shingles(BASE) & shingles(edited)) / len(shingles(BASE) | shingles(edited))
    assert abs(minhash.similarity(a, b) - true) < 0.15
    other = minhash.signature(shingles(" ".join(f"unrelated{i} text {i}" for i in range(200))))
    assert minhash.similarity(a, other) < 0.1
    assert minhash.signature([]) is None


def test_lsh_finds_near_copies_only():
    index = minhash.LSHIndex()
    index.insert("a", minhash.signature(shingles(BASE)))
    index.insert("b", minhash.signature(shingles(" ".join(f"other{i} words {i}" for i in range(200)))))
    near = minhash.signature(shingles(BASE.replace("word7 ", "x ")))
    assert [key for _, key in index.query(near, 0.8)] == ["a"]
