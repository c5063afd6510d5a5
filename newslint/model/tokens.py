r"""The token index: one tokenisation of a document's prose, shared by every family.

An article used to be split into words three times (the word set of ``phrases.doc_words``, the
repetition scan's ``norm_words`` per paragraph, MinHash's own bytes tokens), with a Python string
per occurrence each time. The index splits it once, into plain arrays a compiled core could fill
in the same shape later (nothing here but lists of strings and arrays of ints):

- ``starts``, ``ends``: ``array('i')``, the offsets in ``doc.prose`` of every word (``\w+``);
- ``vocab``: the distinct case-folded words, in the order they first occur, interned once;
- ``ids``: ``array('i')``, each occurrence's index in ``vocab``;
- derived on first use: the word set, the set of adjacent pairs and each distinct word's CRC-32
  (for MinHash's shingle hashes).

The repetition scan's words join "don't" and "well-known" into one: :func:`joined_split`, over
each unit's text (a paragraph or a line), with the same C-level splitting.

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
from itertools import accumulate, filterfalse, islice
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from newslint.model.document import Document

_SPLIT = re.compile(r"(\w+)")
_WORD = re.compile(r"\w+")
# One apostrophe (straight or curly) or hyphen between two word characters joins them.
CHUNK = 1 << 16  # characters per split: the transient list of a chunk stays small


TYPOGRAPHY = ("“", "”", "‘", "’", "—", "–", "…", "«", "»", "\u00a0")  # the usual non-ASCII separators


@lru_cache(maxsize=None)
def _separators(keep: str, digits: bool = True) -> bytes:
    """A ``bytes.translate`` table: every ASCII byte but letters, digits (unless not ``digits``)
    and ``keep`` becomes a space; the other bytes (parts of non-ASCII characters) are kept."""
    return bytes(b if b >= 128 or chr(b).isalpha() or (digits and chr(b).isdigit()) or chr(b) in keep else 32
                 for b in range(256))


def spaced_words(lowered: str, keep: str = "_", marks: tuple[str, ...] = TYPOGRAPHY, *, digits: bool = True) -> bytes:
    r"""``lowered`` as UTF-8 with every ASCII character that is not a letter, a digit (kept unless
    not ``digits``) or in ``keep`` (by default: what ``\w`` excludes) and every one of ``marks``
    turned into spaces, ready for ``split``: all in C (``str.replace``, ``bytes.translate``); a
    regex tokeniser took three to four times as long. Shared by the word set, MinHash, the
    repetition scan and the language detector."""
    for mark in marks:
        if mark in lowered:
            lowered = lowered.replace(mark, " ")
    return lowered.encode("utf-8", "surrogatepass").translate(_separators(keep, digits))


LOWER_CHUNK = 1 << 20  # characters lowercased at a time by lower_text


def lower_text(text: str) -> str:
    """``text.lower()``, in pieces ending at line breaks when ``text`` is not ASCII: CPython
    lowercases a non-ASCII string through a buffer of three 4-byte code points a character
    (a 20 MB article's ``lower()`` took 90 MB for a moment, issue 18). The same string: the
    only mapping that reads its neighbours (a final sigma) never looks across a line break."""
    if len(text) <= LOWER_CHUNK or text.isascii():
        return text.lower()
    parts, start, size = [], 0, len(text)
    while start < size:
        stop = text.find("\n", start + LOWER_CHUNK) + 1 or size
        parts.append(text[start:stop].lower())
        start = stop
    return "".join(parts)


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

    __slots__ = ("text", "original", "ids", "vocab", "_sequence", "_starts", "_ends", "_words", "_pairs", "_crc")

    def __init__(self, text: str, *, strict: bool = True, lowered: str | None = None) -> None:
        """Index ``text``. Its lowercase form must keep every offset unless not ``strict``, where
        the offsets are the lowercase text's (MinHash needs only the words). ``lowered``, when
        given, is ``text.lower()`` already made (one copy of a large text, not two)."""
        self.ids = array("i")
        self.vocab: list[str] = []
        self._starts: array[int] | None = None
        self._ends: array[int] | None = None
        self._words: frozenset[str] | None = None
        self._pairs: frozenset[tuple[str, str]] | None = None
        self._crc: array[int] | None = None
        self._sequence: list[str] | None = None
        index: dict[str, int] = {}
        if lowered is None:
            lowered = lower_text(text)
        if len(lowered) != len(text):
            if strict:
                raise ValueError("the lowercase text must keep every offset")
            text = lowered
        self.text = lowered
        ids, vocab = self.ids, self.vocab
        start, end = 0, len(lowered)
        while start < end:  # chunks end at a line break (no word crosses one)
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
        self.original = text

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
            lowered = doc.memo.get("lower")  # phrases.doc_lower's copy, when a rule made it first
            try:
                found = cls(doc.prose, lowered=lowered if isinstance(lowered, str) else None)
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
            if self._sequence is not None:  # one chunk: its list of words is at hand
                words = self._sequence
                self._pairs = frozenset(zip(words, words[1:]))
            else:  # no list of every word (8 bytes a word): the pairs straight from the ids
                get = self.vocab.__getitem__
                self._pairs = frozenset(zip(map(get, self.ids), map(get, islice(self.ids, 1, None))))
            self._sequence = None
        return self._pairs

    def crc32(self) -> array[int]:
        """Each distinct word's CRC-32 (of its UTF-8), by id: MinHash hashes a word once."""
        if self._crc is None:
            self._crc = array("I", (zlib.crc32(w.encode("utf-8", "surrogatepass")) for w in self.vocab))
        return self._crc


# The usual typographic separators, but for the curly apostrophes, which join words here.
_MARKS = tuple(mark for mark in TYPOGRAPHY if mark not in "‘’")
_JOINED_WORD = re.compile(r"\w+(?:['-]\w+)*")


def joined_split(text: str) -> list[str]:
    """Words after folding case and quotes, joined by apostrophes and hyphens (the repetition
    scan's words): the same list as ``re.findall(r"\\w+(?:['-]\\w+)*")`` on the folded text.

    ASCII punctuation becomes spaces in one ``bytes.translate`` and ``split`` does the rest (no
    word can cross a space). An apostrophe or a hyphen next to a space is never inside a word
    (quotes, dashes: most articles have them), so it becomes a space too, with ``bytes.replace``;
    only the distinct tokens that are still not all letters and digits (an inner apostrophe or
    hyphen, an accent mark) go through the pattern, and the list is rebuilt only if one of them
    splits ("--", a non-ASCII mark), which few articles need. Not interned: the scan turns each
    list into ids at once."""
    folded = text.replace("’", "'").replace("‘", "'").lower()
    spaced = b" " + spaced_words(folded, "_'-", _MARKS) + b" "
    for edge in (b" '", b"' ", b" -", b"- "):
        spaced = spaced.replace(edge, b"  ")
    tokens = spaced.decode("utf-8", "surrogatepass").split()
    return resplit(tokens, split_odd(filterfalse(str.isalnum, tokens), _JOINED_WORD))
