"""WordList: membership by bounded search, then by a set once a run has asked enough."""
from __future__ import annotations

import pytest

from newslint.api import wordlist
from newslint.api.wordlist import WordList

WORDS = ["a", "aa", "aardvark", "able", "abled", "b", "be", "zebra", "zoo", "café", "x-ray", "don't"]


@pytest.fixture(params=["search", "set"])
def words(request, monkeypatch):
    if request.param == "set":
        monkeypatch.setattr(wordlist, "SET_AFTER", 0)
    return WordList.from_words(reversed(WORDS))


def test_members_and_non_members(words):
    for w in WORDS:
        assert w in words
    for w in ["", "ab", "abl", "ablee", "zebras", "c", "zo", "aardvar", "e", "\n", "able\nabled", "cafe", 3]:
        assert w not in words
    assert words.missing(["able", "ablest", "zoo", "zoos", "a"]) == {"ablest", "zoos"}
    assert len(words) == len(WORDS)


def test_round_trip_through_the_user_cache(tmp_path, monkeypatch):
    from newslint.model import usercache

    monkeypatch.delenv("NEWSLINT_NO_CACHE", raising=False)
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path / "cache"))
    usercache.cached("words", [], "x", lambda: WordList.from_words(WORDS))
    loaded = usercache.cached("words", [], "x", lambda: pytest.fail("rebuilt instead of read"))
    assert all(w in loaded for w in WORDS) and "abl" not in loaded


def test_a_damaged_cache_entry_is_rebuilt(tmp_path, monkeypatch):
    from newslint.model import usercache

    monkeypatch.delenv("NEWSLINT_NO_CACHE", raising=False)
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path / "cache"))
    usercache.cached("words", [], "x", lambda: WordList.from_words(WORDS))
    for entry in (tmp_path / "cache" / "newslint").iterdir():
        entry.write_text("not a word list\n", encoding="utf-8")
    rebuilt = usercache.cached("words", [], "x", lambda: WordList.from_words(["zebra"]))
    assert "zebra" in rebuilt and "aardvark" not in rebuilt


def test_switches_to_a_set_after_enough_lookups(monkeypatch):
    monkeypatch.setattr(wordlist, "SET_AFTER", 5)
    words = WordList.from_words(WORDS)
    assert words.missing(["a", "b", "be", "zoo", "qq", "zz"]) == {"qq", "zz"}
    assert words._set is not None and "zebra" in words and "zebr" not in words


def test_user_cache_builds_once_and_rebuilds_when_a_source_changes(tmp_path, monkeypatch):
    from newslint.model import usercache

    monkeypatch.delenv("NEWSLINT_NO_CACHE", raising=False)
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path / "cache"))
    source = tmp_path / "data.txt"
    source.write_text("one", encoding="utf-8")
    calls = []

    def build():
        calls.append(1)
        return {"built": len(calls)}

    assert usercache.cached("thing", [source], "x", build) == {"built": 1}
    assert usercache.cached("thing", [source], "x", build) == {"built": 1}  # read back, not built
    source.write_text("two", encoding="utf-8")
    assert usercache.cached("thing", [source], "x", build) == {"built": 2}
    for entry in (tmp_path / "cache" / "newslint").iterdir():
        entry.write_bytes(b"damaged")
    assert usercache.cached("thing", [source], "x", build) == {"built": 3}
    monkeypatch.setenv("NEWSLINT_NO_CACHE", "1")
    assert usercache.cached("thing", [source], "x", build) == {"built": 4}
