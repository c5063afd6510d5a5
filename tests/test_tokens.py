"""The token index (newslint/model/tokens.py) splits as the patterns it replaces do."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.families.repetition import minhash
from newslint.families.repetition.scan import norm_words
from newslint.model.document import Document
from newslint.model.tokens import TokenIndex

_W = re.compile(r"\w+")
# Letters, digits, joiners, marks, spaces, line breaks: what makes the splitting hard.
_ALPHABET = st.sampled_from(list("abcAB01_ -'’‘—–.,\n\t") + ["é", "£", "İ", "ß", "\u00a0", "“"])
TEXTS = st.text(_ALPHABET, max_size=200)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_words_spans_and_ids_match_the_pattern(text):
    index = TokenIndex(text, strict=False)
    low = text.lower()
    assert index.sequence() == _W.findall(low)
    assert [low[s:e] for s, e in zip(index.starts, index.ends)] == index.sequence()
    assert len(set(index.vocab)) == len(index.vocab)  # each distinct word once
    assert index.words() == frozenset(_W.findall(low))
    words = _W.findall(low)
    assert index.pairs() == frozenset(zip(words, words[1:]))


_JOINED = re.compile(r"\w+(?:['-]\w+)*")


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_joined_words_are_the_repetition_scans_words(text):
    """The repetition scan's words (split in C) are the joined-word pattern's, quotes folded."""
    for para in Document("x.txt", text).paragraphs:
        folded = para.text.replace("’", "'").replace("‘", "'").lower()
        assert norm_words(para.text) == _JOINED.findall(folded)


def test_chunks_keep_offsets():
    # Longer than one chunk: the offsets of the later chunks still point at their words.
    text = "".join(f"Line {i} don't stop-gap.\n" for i in range(10000))
    index = TokenIndex(text)
    assert len(index) == 60000
    assert all(text[s:e].lower() == w for s, e, w in zip(index.starts, index.ends, index.sequence()))
    assert norm_words(text[:46]) == ["line", "0", "don't", "stop-gap", "line", "1", "don't", "stop-gap"]


def test_strict_index_refuses_moving_offsets():
    doc = Document("x.txt", "İstanbul is a city.\n")
    assert TokenIndex.for_document(doc) is None
    assert TokenIndex(doc.prose, strict=False).sequence()[-3:] == ["is", "a", "city"]


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_minhash_words_unchanged(text):
    words = minhash.index_of(text)
    tokens = words if isinstance(words, list) else [w.encode("utf-8", "surrogatepass") for w in words.sequence()]
    assert tokens == minhash.words(text)
    assert list(minhash.index_hashes(words, 3)) == list(minhash.shingle_hashes(minhash.words(text), 3))


def test_lower_text_in_pieces_is_str_lower(monkeypatch):
    # lower_text lowercases a large non-ASCII text in pieces ending at line breaks (memory): the
    # same string as str.lower, final sigmas and case-ignorable marks next to a break included.
    import random

    from newslint.model import tokens

    monkeypatch.setattr(tokens, "LOWER_CHUNK", 7)
    rng = random.Random(3)
    alphabet = "aΣσςİIßﬁ \n£ÀΣa\u0345'"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        assert tokens.lower_text(text) == text.lower(), repr(text)
    assert tokens.lower_text("ΑΣ\nΣΑ" * 5) == ("ΑΣ\nΣΑ" * 5).lower()
