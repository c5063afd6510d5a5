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
from itertools import accumulate, compress, filterfalse
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from newslint.model.document import Document

_SPLIT = re.compile(r"(\w+)")
_WORD = re.compile(r"\w+")
# One apostrophe (straight or curly) or hyphen between two word characters joins them.
_JOIN_CHAR = re.compile(r"['’‘-]")
CHUNK = 1 << 16  # characters per split: the transient list of a chunk stays small


TYPOGRAPHY = ("“", "”", "‘", "’", "—", "–", "…", "«", "»", "\u00a0")  # the usual non-ASCII separators


@lru_cache(maxsize=None)
def _separators(keep: str) -> bytes:
    """A ``bytes.translate`` table: every ASCII byte but letters, digits and ``keep`` becomes a
    space; the other bytes (parts of non-ASCII characters) are kept."""
    return bytes(b if b >= 128 or chr(b).isalnum() or chr(b) in keep else 32 for b in range(256))


def spaced_words(lowered: str, keep: str = "_", marks: tuple[str, ...] = TYPOGRAPHY) -> bytes:
    r"""``lowered`` as UTF-8 with every ASCII character that is not a letter, a digit or in ``keep``
    (by default: what ``\w`` excludes) and every one of ``marks`` turned into spaces, ready for
    ``split``: all in C (``str.replace``, ``bytes.translate``); a regex tokeniser took three to
    four times as long. Shared by the word set, MinHash and the repetition scan."""
    for mark in marks:
        if mark in lowered:
            lowered = lowered.replace(mark, " ")
    return lowered.encode("utf-8", "surrogatepass").translate(_separators(keep))


def split_odd(odd: Iterable[str], pattern: Any) -> dict[str, list[str]]:
    """The tokens of ``odd`` that ``pattern`` does not find whole, each with the words it finds."""
    return {token: parts for token in set(odd) if (parts := pattern.findall(token)) != [token]}


def resplit(tokens: list[str], fixes: Mapping[str, list[str]]) -> list[str]:
    """``tokens`` in order, each one of ``fixes`` replaced by its words (no loop when none is)."""
    if not fixes:
        return tokens
    return [word for token in tokens for word in fixes.get(token, (token,))]


class TokenIndex:
    """Word spans, case-folded forms and their ids for one text (see the module's docstring)."""

    __slots__ = ("text", "original", "ids", "vocab", "first", "_segments", "_sequence", "_joined", "joiners",
                 "_starts", "_ends", "_words", "_pairs", "_crc")

    def __init__(self, text: str, *, strict: bool = True, segments: Iterable[tuple[int, int]] = ()) -> None:
        """Index ``text``. Its lowercase form must keep every offset unless not ``strict``, where
        the offsets are the lowercase text's (MinHash needs only the words). ``segments`` are
        (start, end) stretches in order holding every word (a document's paragraphs: the text
        between them is blank); ``first[k]`` is then the index of segment ``k``'s first word."""
        self.ids = array("i")
        self.vocab: list[str] = []
        self.first = array("i")
        self._starts: array[int] | None = None
        self._ends: array[int] | None = None
        self._words: frozenset[str] | None = None
        self._pairs: frozenset[tuple[str, str]] | None = None
        self._crc: array[int] | None = None
        self._segments: dict[int, tuple[int, int]] = {}
        self._sequence: list[str] | None = None
        index: dict[str, int] = {}
        lowered = text.lower()
        if len(lowered) != len(text):
            if strict:
                raise ValueError("the lowercase text must keep every offset")
            text = lowered
        self.text = lowered
        ids, vocab = self.ids, self.vocab
        for k, (start, end) in enumerate(segments or [(0, len(lowered))]):
            self._segments[start] = (k, end)
            self.first.append(len(ids))
            while start < end:  # chunks of one segment end at a line break (no word crosses one)
                stop = min(lowered.find("\n", start + CHUNK, end) + 1 or end, end)
                # ASCII punctuation becomes spaces in one bytes.translate and split does the rest; only
                # the distinct tokens holding other characters meet the pattern (see phrases.doc_words).
                spaced = spaced_words(lowered[start:stop])
                words = spaced.decode("utf-8", "surrogatepass").split()
                distinct = dict.fromkeys(words)
                if not spaced.isascii():
                    fixes = split_odd(filterfalse(str.isascii, distinct), _WORD)
                    if fixes:
                        words = resplit(words, fixes)
                        distinct = dict.fromkeys(words)
                if index:
                    distinct = [w for w in distinct if w not in index]  # each distinct word once
                if distinct:
                    new = list(map(sys.intern, distinct))
                    index.update(zip(new, range(len(index), len(index) + len(new))))
                    vocab.extend(new)
                ids.extend(array("i", list(map(index.__getitem__, words))))
                self._sequence = words if len(ids) == len(words) else None  # one chunk: pairs reuse it
                start = stop
        self.first.append(len(ids))
        self.original = text
        self._joined: array[int] | None = None
        self.joiners = ""

    @property
    def joined(self) -> array[int]:
        """The indexes ``i`` where word ``i`` and word ``i + 1`` are joined by one apostrophe or
        hyphen (on first use; ``joiners`` then holds each one, curly apostrophes made straight)."""
        if self._joined is None:
            text, size = self.text, len(self.text)
            found = [m.start() for m in _JOIN_CHAR.finditer(text)]  # a scan for four characters
            found = [at for at in found if 0 < at < size - 1 and _is_word(text[at - 1]) and _is_word(text[at + 1])]
            self._joined = array("i", [bisect_left(self.ends, at) for at in found] if found else ())
            self.joiners = "".join(self.original[at] for at in found).replace("’", "'").replace("‘", "'")
        return self._joined

    @property
    def starts(self) -> array[int]:
        """The offset of each word (computed on first use: not every run needs offsets)."""
        if self._starts is None:
            self._offsets()
        return self._starts  # type: ignore[return-value]

    @property
    def ends(self) -> array[int]:
        """The offset after each word."""
        if self._ends is None:
            self._offsets()
        return self._ends  # type: ignore[return-value]

    def _offsets(self) -> None:
        """Word offsets from ``re.split`` with a capturing group (separators and words in turn) and
        the running sum of their lengths, in chunks ending at a line break."""
        starts, ends = array("i"), array("i")
        text, pos, size = self.text, 0, len(self.text)
        while pos < size:
            end = text.find("\n", pos + CHUNK) + 1 or size
            parts = _SPLIT.split(text[pos:end] if pos or end < size else text)
            offsets = list(accumulate(map(len, parts), initial=pos))
            starts.extend(offsets[1:-1:2])
            ends.extend(offsets[2::2])
            pos = end
        self._starts, self._ends = starts, ends

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
            words = self._sequence if self._sequence is not None else self.sequence()
            self._sequence = None
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

    def unit_words(self, start: int, end: int, text: str) -> list[str]:
        """The repetition scan's words of the unit ``text`` at ``start``-``end``: the index's words
        when the unit is a whole segment (paragraph) without an apostrophe or a hyphen, else
        :func:`joined_split` of its text (no offsets needed)."""
        found = self._segments.get(start)
        if found is not None and found[1] == end and _JOIN_CHAR.search(text) is None:
            return self.sequence(self.first[found[0]], self.first[found[0] + 1])
        return joined_split(text)

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


def _not_ascii(token: str) -> bool:
    return not token.isascii()


def _is_word(char: str) -> bool:
    r"""True for a character of ``\w``."""
    return char.isalnum() or char == "_"


# The usual typographic separators, but for the curly apostrophes, which join words here.
_MARKS = tuple(mark for mark in TYPOGRAPHY if mark not in "‘’")
_JOINED_WORD = re.compile(r"\w+(?:['-]\w+)*")


def joined_split(text: str) -> list[str]:
    """Words after folding case and quotes, joined by apostrophes and hyphens (the repetition
    scan's words): the same list as ``re.findall(r"\\w+(?:['-]\\w+)*")`` on the folded text.

    ASCII punctuation becomes spaces in one ``bytes.translate`` and ``split`` does the rest (no
    word can cross a space); only the distinct tokens that are not all letters and digits (an
    apostrophe, a hyphen, an accent mark) go through the pattern, and the list is rebuilt only if
    one of them splits. Interned: an article repeats a small vocabulary."""
    folded = text.replace("’", "'").replace("‘", "'").lower()
    tokens = spaced_words(folded, "_'-", _MARKS).decode("utf-8", "surrogatepass").split()
    tokens = resplit(tokens, split_odd(filterfalse(str.isalnum, tokens), _JOINED_WORD))
    return list(map(sys.intern, tokens))
