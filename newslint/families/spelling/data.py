"""NL601's language data, loaded lazily and once per process.

The files in ``rules/data/`` are built by ``scripts/build_spelling_data.py`` from SCOWL (words by
dialect), wordfreq (frequencies) and codespell (known misspellings); see docs/spelling.md for
licences. The accepted-word list is asked about on every run, so it goes through the per-user
cache as a ``WordList`` (a one-file run answers its lookups without building a 250,000-word set);
the other tables are read only when a document has a word that list does not know.
"""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from newslint.api.packs import builtin_pack_dir
from newslint.api.wordlist import WordList

if TYPE_CHECKING:
    from pathlib import Path

DIALECTS = ("any", "en-US", "en-GB", "en-GB-oxendict", "en-CA", "en-AU")


class Misspelling(NamedTuple):
    """A codespell entry: its corrections, and whether codespell would apply one by itself."""

    corrections: tuple[str, ...]
    automatic: bool


def data_path(name: str) -> Path:
    """A file of ``rules/data``."""
    return builtin_pack_dir() / "data" / name


def _lines(name: str) -> list[str]:
    """The lines of a gzip data file (read only to build what the per-user cache keeps)."""
    import gzip

    return gzip.decompress(data_path(name).read_bytes()).decode("utf-8").splitlines()


@lru_cache(maxsize=1)
def dictionary() -> WordList:
    """Every word accepted in at least one dialect (SCOWL up to size 80, lowercase)."""
    from newslint.model.usercache import cached

    source = data_path("spelling-dictionary.txt.gz")
    return cached("words-scowl", [source], "wordlist-2",  # type: ignore[no-any-return]
                  lambda: WordList.from_words(_lines(source.name)))


@lru_cache(maxsize=1)
def house_words() -> frozenset[str]:
    """newslint's own news and wire vocabulary (rules/data/spelling-words.txt)."""
    text = data_path("spelling-words.txt").read_text(encoding="utf-8")
    return frozenset(w for line in text.splitlines() if not line.startswith("#") for w in line.split())


@lru_cache(maxsize=1)
def _frequency_table() -> tuple[dict[str, float], frozenset[str]]:
    """The frequencies and the candidate pool, through the per-user cache (parsing the file
    costs a one-file run with an unknown word far more than reading the cached table)."""
    from newslint.model.usercache import cached

    sources = [data_path("spelling-frequencies.txt.gz"), data_path("spelling-words.txt")]
    return cached("spelling-frequencies", sources, "frequencies-1", _read_frequencies)  # type: ignore[no-any-return]


def _read_frequencies() -> tuple[dict[str, float], frozenset[str]]:
    freq: dict[str, float] = {}
    known = []
    for line in _lines("spelling-frequencies.txt.gz"):
        word, zipf, *mark = line.split("\t")
        freq[word] = int(zipf) / 10
        if mark:
            known.append(word)
    return freq, frozenset(known).union(house_words().intersection(freq))


def frequencies() -> dict[str, float]:
    """Zipf frequency (log10 of uses per billion words) of frequent words, known or not."""
    return _frequency_table()[0]


def candidate_pool() -> frozenset[str]:
    """Accepted words frequent enough to be suggested (a Zipf of 2.5: three in a million words)."""
    return _frequency_table()[1]


@lru_cache(maxsize=1)
def pool_by_length() -> dict[int, list[str]]:
    """The candidate pool by word length, for the two-edit search."""
    out: dict[int, list[str]] = {}
    for word in candidate_pool():
        out.setdefault(len(word), []).append(word)
    return out


@lru_cache(maxsize=1)
def _misspelling_lines() -> dict[str, str]:
    from newslint.model.usercache import cached

    source = data_path("spelling-misspellings.txt.gz")
    return cached("spelling-misspellings", [source], "misspellings-1",  # type: ignore[no-any-return]
                  lambda: dict(line.split("->", 1) for line in _lines(source.name)))


def misspelling(typo: str) -> Misspelling | None:
    """codespell's entry for ``typo``, read as codespell reads it: ``typo->fix`` is applied by
    itself; ``typo->fix, fix,`` (a final comma) lists choices, and ``typo->fix, reason`` gives a
    reason after the last comma: neither is applied without a person."""
    data = _misspelling_lines().get(typo)
    if data is None:
        return None
    last = data.rfind(",")
    if last >= 0:
        data = data[:last]  # a final comma, or the reason after it
    fixes = tuple(p.strip() for p in data.split(",") if p.strip())
    return Misspelling(fixes, last < 0 and len(fixes) == 1)


@lru_cache(maxsize=1)
def dialect_words() -> dict[str, frozenset[str]]:
    """Words that only some dialects use, with those dialects (colour: en-GB, en-CA, en-AU, ...)."""
    out = {}
    for line in _lines("spelling-dialects.txt.gz"):
        word, _, tags = line.partition("\t")
        out[word] = frozenset(tags.split(","))
    return out
