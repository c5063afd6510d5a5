"""A large word list that answers its first questions without being built into a set.

A spelling dictionary of 250,000 words costs ~80 ms to turn into a frozenset (most of it for the
strings and their hashing): more than linting one article, which asks about a few hundred
words. So the list is kept as one sorted, newline-delimited string with an index of where each
two-letter prefix starts and ends; a lookup is one bounded ``str.find`` inside its prefix's
bucket (a few kilobytes). The spelling rule keeps the built list in the per-user cache
(newslint/model/usercache.py). After enough lookups (a run over many files) the set is built once
and every later question is a hash lookup, or a set difference for a whole document.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

PREFIX = 2
SET_AFTER = 20_000  # lookups answered by search before the set is built


class WordList:
    """Membership in a sorted word list (see the module docstring)."""

    def __init__(self, text: str, index: dict[str, tuple[int, int]]) -> None:
        self._text = text  # "\nword\nword\n...\n", sorted
        self._index = index
        self._set: frozenset[str] | None = None
        self._asked = 0

    @classmethod
    def from_words(cls, words: Iterable[str]) -> WordList:
        """A list of ``words`` (any order; blanks and words with a line break are dropped)."""
        ordered = sorted({w for w in words if w and "\n" not in w})
        text = "\n" + "\n".join(ordered) + "\n"
        index: dict[str, tuple[int, int]] = {}
        pos = 0
        for word in ordered:
            key = word[:PREFIX]
            start, _ = index.get(key, (pos, pos))
            pos += len(word) + 1
            index[key] = (start, pos + 1)  # the bucket's slice keeps its closing newline
        return cls(text, index)

    def __len__(self) -> int:
        return self._text.count("\n") - 1

    def __contains__(self, word: object) -> bool:
        if self._set is not None:
            return word in self._set
        if not isinstance(word, str) or not word or "\n" in word:
            return False
        self._count(1)
        bucket = self._index.get(word[:PREFIX])
        return bucket is not None and self._text.find(f"\n{word}\n", bucket[0], bucket[1]) >= 0

    def missing(self, words: Iterable[str]) -> set[str]:
        """The words of ``words`` that are not in the list."""
        if self._set is None:
            words = list(words)
            self._count(len(words))
        if self._set is not None:
            return set(words).difference(self._set)
        return {w for w in words if w not in self}

    def _count(self, n: int) -> None:
        self._asked += n
        if self._asked > SET_AFTER and self._set is None:
            self._set = frozenset(self._text[1:-1].split("\n"))
