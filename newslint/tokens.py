r"""The token index: one tokenisation of a document's prose, shared by every family.

An article used to be split into words three times (the word set of ``phrases.doc_words``, the
repetition scan's ``norm_words`` per paragraph, MinHash's own bytes tokens), with a Python string
per occurrence each time. The index splits it once, into plain arrays a compiled core could fill
in the same shape later (nothing here but lists of strings and arrays of ints):

- ``starts``, ``ends``: ``array('i')``, the offsets in ``doc.prose`` of every word (``\w+``);
- ``vocab``: the distinct case-folded words, in the order they first occur, interned once;
- ``ids``: ``array('i')``, each occurrence's index in ``vocab``;
- ``joined``: ``array('i')``, the indexes ``i`` where word ``i`` and word ``i + 1`` are joined by
  one apostrophe or hyphen ("don't", "well-known": one word for the repetition scan);
- derived on first use: the word set, the set of adjacent pairs, each distinct word's CRC-32 (for
  MinHash's shingle hashes) and a unit's words for the repetition scan.

Words are split in C: ``re.split`` with a capturing group returns the separators and the words in
turn, and the offsets are the running sum of their lengths (``itertools.accumulate``), so there is
no Python frame per word; only each distinct word of a chunk is looked at in Python. The prose is
split in chunks that end at a line break (no word crosses one), so the transient strings of a
50 MB file never exist at once: what stays is 12 bytes per word and one string per distinct word.
"""
from __future__ import annotations

import re
import sys
import zlib
from array import array
from bisect import bisect_left
from itertools import accumulate, compress
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newslint.document import Document

_SPLIT = re.compile(r"(\w+)")
# One apostrophe (straight or curly) or hyphen between two word characters joins them.
_JOINER = re.compile(r"(?<=\w)['’‘-](?=\w)")
CHUNK = 1 << 16  # characters per split: the transient list of a chunk stays small


class TokenIndex:
    """Word spans, case-folded forms and their ids for one text (see the module's docstring)."""

    __slots__ = ("starts", "ends", "ids", "vocab", "joined", "joiners", "_words", "_pairs", "_crc")

    def __init__(self, text: str, *, strict: bool = True) -> None:
        """Index ``text``. Its lowercase form must keep every offset unless not ``strict``, where
        the offsets are the lowercase text's (MinHash needs only the words)."""
        self.starts = array("i")
        self.ends = array("i")
        self.ids = array("i")
        self.vocab: list[str] = []
        self._words: frozenset[str] | None = None
        self._pairs: frozenset[tuple[str, str]] | None = None
        self._crc: array[int] | None = None
        index: dict[str, int] = {}
        lowered = text.lower()
        if len(lowered) != len(text):
            if not strict:
                text = lowered
            else:
                raise ValueError("the lowercase text must keep every offset")
        pos = 0
        size = len(lowered)
        while pos < size:
            end = lowered.find("\n", pos + CHUNK) + 1 or size
            parts = _SPLIT.split(lowered, 0) if pos == 0 and end == size else _SPLIT.split(lowered[pos:end])
            offsets = list(accumulate(map(len, parts), initial=pos))
            self.starts.extend(offsets[1:-1:2])
            self.ends.extend(offsets[2::2])
            words = parts[1::2]
            new = [w for w in dict.fromkeys(words) if w not in index]  # each distinct word once
            if new:
                new = list(map(sys.intern, new))
                index.update(zip(new, range(len(index), len(index) + len(new))))
                self.vocab.extend(new)
            self.ids.extend(map(index.__getitem__, words))
            pos = end
        found = [m.start() for m in _JOINER.finditer(text)]
        self.joined = array("i", [bisect_left(self.ends, at) for at in found])
        # The joiner after each of ``joined``, curly apostrophes made straight.
        self.joiners = "".join(text[at] for at in found).replace("’", "'").replace("‘", "'")

    @classmethod
    def for_document(cls, doc: Document) -> TokenIndex | None:
        """The document's index (built once, kept in ``doc.memo``); None when lowercasing the
        prose moves offsets (a character such as "İ" lowercases to two), where the callers keep
        their own splitting."""
        found = doc.memo.get("token-index", False)
        if found is False:
            try:
                found = cls(doc.prose)
            except ValueError:
                found = None
            doc.memo["token-index"] = found
        return found  # type: ignore[return-value]

    def __len__(self) -> int:
        return len(self.ids)

    def words(self) -> frozenset[str]:
        r"""The set of case-folded words (``re.findall(r"\w+", text.lower())`` as a set)."""
        if self._words is None:
            self._words = frozenset(self.vocab)
        return self._words

    def sequence(self, first: int = 0, last: int | None = None) -> list[str]:
        """The case-folded words ``first`` to ``last`` (exclusive), in order (one list of
        references to the interned forms, built in C)."""
        ids = self.ids if first == 0 and last is None else self.ids[first:last]
        return list(map(self.vocab.__getitem__, ids))

    def pairs(self) -> frozenset[tuple[str, str]]:
        """The set of adjacent pairs of case-folded words."""
        if self._pairs is None:
            words = self.sequence()
            self._pairs = frozenset(zip(words, words[1:]))
        return self._pairs

    def crc32(self) -> array[int]:
        """Each distinct word's CRC-32 (of its UTF-8), by id: MinHash hashes a word once."""
        if self._crc is None:
            self._crc = array("I", (zlib.crc32(w.encode("utf-8", "surrogatepass")) for w in self.vocab))
        return self._crc

    def word_range(self, start: int, end: int) -> tuple[int, int]:
        """The first word starting at or after ``start`` and the first at or after ``end``."""
        return bisect_left(self.starts, start), bisect_left(self.starts, end)

    def joined_words(self, first: int, last: int) -> list[str]:
        r"""Words ``first`` to ``last`` with apostrophes and hyphens joining them, as
        ``re.findall(r"\w+(?:['-]\w+)*")`` finds them after curly apostrophes are made straight
        (the repetition scan's words). Only the few joins are handled in Python."""
        words = self.sequence(first, last)
        lo = bisect_left(self.joined, first)
        hi = bisect_left(self.joined, last - 1)
        if lo == hi:
            return words
        keep = [True] * len(words)
        for j in range(hi - 1, lo - 1, -1):  # right to left, so a chain joins into its first word
            k = self.joined[j] - first
            words[k] = words[k] + self.joiners[j] + words[k + 1]
            keep[k + 1] = False
        return list(compress(words, keep))
