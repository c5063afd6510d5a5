"""MinHash signatures and the LSH index used by NL105."""
from __future__ import annotations

from newslint import minhash

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
    index = minhash.LSHIndex()
    index.insert("a", sig(BASE))
    index.insert("b", sig(" ".join(f"other{i} words {i}" for i in range(200))))
    near = sig(BASE.replace("word7 ", "x "))
    assert [key for _, key in index.query(near, 0.8)] == ["a"]


def test_words_fold_case_punctuation_and_typography():
    assert minhash.words("The “Mayor’s” plan—approved, 7-2…") == [b"the", b"mayor", b"s", b"plan", b"approved",
                                                                 b"7", b"2"]
    assert minhash.words("Café Zürich") == ["café".encode(), "zürich".encode()]


def test_lsh_query_before_sees_only_earlier_keys_and_index_grows_after_queries():
    index = minhash.LSHIndex()
    for key in "abc":
        index.insert(key, sig(BASE))
    assert [key for _, key in index.query(sig(BASE), 0.8)] == ["c", "b", "a"]
    assert [key for _, key in index.query(sig(BASE), 0.8, before=1)] == ["a"]
    assert index.query(sig(BASE), 0.8, before=0) == []
    index.insert("d", sig(BASE))  # inserting after a query rebuilds the bands
    assert len(index) == 4 and [key for _, key in index.query(sig(BASE), 0.8)][0] == "d"
