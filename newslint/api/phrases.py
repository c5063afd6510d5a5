"""Find many fixed phrases in a document at C speed: word and word-pair gates, then small patterns.

One big alternation over hundreds of phrases is slow in Python's regex engines (every position
tries every branch: about 1.5 MB/s). Instead each phrase is filed under its *anchor*, its longest
word that is not a stop word. A document's set of words is built once (shared by every index);
only the anchors present in it have their phrases searched, each with a small pattern compiled on
first use. Clean text usually holds none of the anchors, so it costs one set intersection. An anchor
that is a common word ("2", "meeting") is searched only when the document also holds the pair of
adjacent words its phrase is gated on ("the 2 leaders": "2 leaders").
"""
from __future__ import annotations

import re
from itertools import filterfalse
from typing import TYPE_CHECKING, Any

from newslint.model.tokens import TYPOGRAPHY, TokenIndex, lower_text, resplit, spaced_words, split_odd  # noqa: F401 (re-exported)

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from newslint.model.document import Document

_WORDS = re.compile(r"\w+")
_STOP = frozenset("a an and as at by for from in of on the to with is was be".split())


def doc_words(doc: Document) -> frozenset[str]:
    r"""The set of lowercase words (``\w+``) of the document's prose (computed once per document).

    The words are split in C: ASCII punctuation becomes spaces in one ``bytes.translate`` and
    ``split`` does the rest; only the few distinct tokens holding other characters (accents, a dash
    or a curly quote glued to a word) go through the ``\w+`` pattern. The result is the same set as
    ``re.findall(r"\w+")``, at three times the speed.
    """
    words = doc.memo.get("words")
    if words is None:
        index = TokenIndex.for_document(doc)
        if index is not None:  # the shared token index (newslint/model/tokens.py)
            doc.memo["word_count"] = len(index)
            words = doc.memo["words"] = index.words()
            return words
        lowered = doc_lower(doc)
        spaced = spaced_words(lowered if lowered is not None else doc.prose.lower())
        tokens = spaced.decode("utf-8", "surrogatepass").split()
        found = set(tokens)
        fixes = {} if spaced.isascii() else split_odd(filterfalse(str.isascii, found), _WORDS)
        count = len(tokens)
        for token, parts in fixes.items():
            found.discard(token)
            found.update(parts)
            count += (len(parts) - 1) * tokens.count(token)
        doc.memo["tokens"] = (tokens, fixes)  # for doc_pairs, which needs the words in order
        doc.memo["word_count"] = count
        words = doc.memo["words"] = frozenset(found)
    return words  # type: ignore[return-value]


def doc_pairs(doc: Document) -> frozenset[tuple[str, str]]:
    r"""The set of adjacent pairs of the document's lowercase words (``\w+``, in order).

    A phrase of several words can only be in a document that holds each pair of its adjacent
    words, so a pair gates a phrase far better than one word ("the 2 leaders" needs ("2",
    "leaders"), rare in clean copy, where "2" alone is everywhere)."""
    pairs = doc.memo.get("pairs")
    if pairs is None:
        index = TokenIndex.for_document(doc)
        if index is not None:
            pairs = doc.memo["pairs"] = index.pairs()
            return pairs
        doc_words(doc)
        tokens = resplit(*doc.memo.pop("tokens"))
        pairs = doc.memo["pairs"] = frozenset(zip(tokens, tokens[1:]))
    return pairs  # type: ignore[no-any-return]


def word_sequence(text: str) -> list[str]:
    r"""``re.findall(r"\w+", text.lower())``, the way ``doc_words`` and ``doc_pairs`` split."""
    return _WORDS.findall(text.lower())


def word_count(doc: Document) -> int:
    """How many words (``\\w+``) the prose has (computed once per document)."""
    if "word_count" not in doc.memo:
        doc_words(doc)
    return doc.memo["word_count"]  # type: ignore[return-value]


def doc_lower(doc: Document) -> str | None:
    """The prose lowercased, when that keeps every offset (it does unless a character such as
    "İ" lowercases to two); searching it with plain patterns is several times faster than
    case-insensitive matching."""
    if "lower" not in doc.memo:
        index = doc.memo.get("token-index")  # holds the same lowercase prose: one copy, not two
        lowered = index.text if isinstance(index, TokenIndex) else lower_text(doc.prose)
        doc.memo["lower"] = lowered if len(lowered) == len(doc.prose) else None
    return doc.memo["lower"]  # type: ignore[return-value]


def anchor(phrase: str, original: str = "") -> str:
    """The word a phrase is filed under: the longest word it has that ``original`` lacks (the word
    a spinner brought in, rarer in clean text than the words it kept), else its longest word that
    is not a stop word."""
    words = word_sequence(phrase)
    kept = set(word_sequence(original))
    introduced = [w for w in words if w not in kept and w not in _STOP]
    return max(introduced or [w for w in words if w not in _STOP] or words, key=len)


# Phrase sets at least this large keep their tables in the per-user cache (newslint/model/usercache.py):
# the spin family indexes ~750 variants at every start-up, 2.5 ms of a one-file run; reading
# them back takes 0.3 ms. Smaller sets are quicker to index than to read.
CACHE_FROM = 50

_Tables = tuple[dict[str, list[str]], frozenset[str], dict[str, tuple[int, int]],
                dict[str, "frozenset[tuple[str, str]] | None"], dict[str, list[tuple[str, int]]]]


def _tables(phrases: list[str] | dict[str, Any], case_sensitive: bool) -> _Tables:
    """What :class:`PhraseIndex` searches with: phrases by anchor, the anchors, each anchor's
    reach, its word-pair gates and where it sits in each of its phrases."""
    by_anchor: dict[str, list[str]] = {}
    originals = phrases if isinstance(phrases, dict) else {}
    for phrase in phrases:
        original = originals.get(phrase, "")
        by_anchor.setdefault(anchor(phrase, original if isinstance(original, str) else original[0]), []).append(phrase)
    # How far a phrase can reach before and after its anchor (twice: whitespace may be longer).
    reach = {
        key: (max(2 * p.lower().find(key) for p in members) + 2,
              max(2 * (len(p) - p.lower().find(key) - len(key)) for p in members) + 2)
        for key, members in by_anchor.items()
    }
    # An anchor is searched only when the document holds, for one of its phrases, the pair of
    # adjacent words that phrase is gated on (or the anchor alone, for a one-word phrase).
    gates = {key: _pair_gates(members) for key, members in by_anchor.items()}
    # Where the anchor sits in each phrase: an occurrence of the anchor at ``pos`` can only be
    # the phrase ``p`` starting at ``pos - k``, so most checks are one ``str.startswith``.
    placed: dict[str, list[tuple[str, int]]] = {}
    for key, members in by_anchor.items():
        spots = []
        for phrase in sorted(members, key=len, reverse=True):
            text = phrase if case_sensitive else phrase.lower()
            k = phrase.lower().find(key)
            while k >= 0:
                spots.append((text, k))
                k = phrase.lower().find(key, k + 1)
        placed[key] = spots
    return by_anchor, frozenset(by_anchor), reach, gates, placed


class PhraseIndex:
    """Whole-word occurrences of a set of phrases, longest match first, no overlaps.

    ``phrases`` maps each phrase to a payload. Matching ignores case unless ``case_sensitive``;
    runs of whitespace in the text match the single spaces of a phrase.
    """

    def __init__(self, phrases: Iterable[str] | Mapping[str, str], *, case_sensitive: bool = False) -> None:
        """``phrases`` may map each phrase to the original it replaces, to pick better anchors."""
        self.case_sensitive = case_sensitive
        self._compiled: dict[tuple[str, bool], Any] = {}
        listed = phrases if isinstance(phrases, dict) else list(phrases)
        if len(listed) < CACHE_FROM:
            tables = _tables(listed, case_sensitive)
        else:
            from pathlib import Path

            from newslint.model.usercache import cached

            # Keyed by the phrases and by this file, whose code derives the tables from them.
            tables = cached("phrases", [Path(__file__)], (listed, case_sensitive),
                            lambda: _tables(listed, case_sensitive))
        self._by_anchor, self._anchors, self._reach, self._gates, self._placed = tables

    def _pattern(self, key: str, fold: bool) -> Any:
        compiled = self._compiled.get((key, fold))
        if compiled is None:
            alternatives = sorted(self._by_anchor[key], key=len, reverse=True)
            if fold:
                alternatives = [p.lower() for p in alternatives]
            body = "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in alternatives)
            # No look-behind at the start: a leading literal lets the engine skip ahead fast.
            flags = 0 if self.case_sensitive or fold else re.I
            # Kept per user once compiled (the "language" anchor alone has 500 phrases): a
            # one-file run over spun copy spent a quarter of its time compiling these.
            from newslint.model.recache import compile_pattern

            compiled = compile_pattern(rf"(?:{body})(?![\w-])", flags)
            self._compiled[(key, fold)] = compiled
        return compiled

    def find(self, doc: Document) -> list[tuple[int, int, str]]:
        """(start, end, matched text) of every phrase in ``doc.prose``, sorted, without overlaps."""
        present = self._anchors & doc_words(doc)
        if not present:
            return []
        prose = doc.prose
        lowered = doc_lower(doc)
        if lowered is not None:  # (case-insensitive matching of the prose itself may fold more)
            gates = self._gates
            pairs = doc_pairs(doc)
            present = {key for key in present if (gate := gates[key]) is None or not gate.isdisjoint(pairs)}
        if lowered is None:  # offsets would shift: scan the prose itself, case-insensitively
            spans = {m.span() for key in present for m in self._pattern(key, False).finditer(prose)}
        else:
            spans = set()
            haystack = prose if self.case_sensitive else lowered
            odd_spaces = _odd_spaces(doc)
            for key in present:
                spans.update(self._near_anchor(key, lowered, haystack, odd_spaces))
        hits = [(a, b, prose[a:b]) for a, b in spans if not (a and (prose[a - 1].isalnum() or prose[a - 1] in "_-"))]
        hits.sort(key=lambda h: (h[0], -h[1]))  # the spans are distinct: at one start, the longest first
        out: list[tuple[int, int, str]] = []
        for hit in hits:
            if not out or hit[0] >= out[-1][1]:
                out.append(hit)
        return out

    def _near_anchor(self, key: str, lowered: str, haystack: str, odd_spaces: bool) -> list[tuple[int, int]]:
        """Spans of ``key``'s phrases around each occurrence of ``key``.

        ``str.find`` locates the anchor at C speed. When the anchor has few phrases and the text
        around it is spaced with single spaces, each phrase that could hold the anchor there is
        compared with ``str.startswith``; otherwise (hundreds of phrases under one anchor, a line
        break or a run of spaces inside a phrase) the anchor's phrase pattern runs over a window
        of a few hundred characters.
        """
        placed = self._placed[key]
        back, ahead = self._reach[key]
        out = []
        size = len(key)
        pos = lowered.find(key)
        while pos >= 0:
            # The anchor is a whole word of its phrases: "go" inside "government" is no occurrence.
            if (pos and _is_word_char(lowered[pos - 1])) or _is_word_char(lowered[pos + size : pos + size + 1]):
                pos = lowered.find(key, pos + size)
                continue
            lo, hi = max(0, pos - back), pos + size + ahead
            window = haystack[lo:hi]
            if len(placed) > _FEW or odd_spaces or "\n" in window or "  " in window:
                pattern = self._pattern(key, not self.case_sensitive)
                out.extend(m.span() for m in pattern.finditer(haystack, lo, hi))
            else:
                for phrase, k in placed:
                    start = pos - k
                    if start >= 0 and haystack.startswith(phrase, start):
                        end = start + len(phrase)
                        if not _continues_word(haystack, end):
                            out.append((start, end))
            pos = lowered.find(key, pos + size)
        return out


def _pair_gates(phrases: list[str]) -> frozenset[tuple[str, str]] | None:
    """One pair of adjacent words per phrase, the rarest-looking (longest words not stop words);
    None when a phrase has a single word, which its anchor alone gates."""
    gates = set()
    for phrase in phrases:
        words = word_sequence(phrase)
        if len(words) < 2:
            return None
        gates.add(max(zip(words, words[1:]), key=_pair_weight))
    return frozenset(gates)


def _pair_weight(pair: tuple[str, str]) -> int:
    return sum(len(word) for word in pair if word not in _STOP)


_FEW = 16  # above this many phrases under one anchor, one pattern beats a loop of startswith


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"  # str.isalnum is what \w means in Python's re ("" is not)


def _continues_word(text: str, end: int) -> bool:
    """True when the character at ``end`` continues a word (what the patterns' look-ahead excludes)."""
    if end >= len(text):
        return False
    char = text[end]
    return char.isalnum() or char in "_-"  # str.isalnum is what \w means in Python's re


_ODD_SPACE = re.compile(r"[^\S \n]")


def _odd_spaces(doc: Document) -> bool:
    """True when the prose has whitespace other than spaces and line breaks (tabs, no-break
    spaces): phrases are then always matched with their patterns."""
    found = doc.memo.get("odd_spaces")
    if found is None:
        found = doc.memo["odd_spaces"] = _ODD_SPACE.search(doc.prose) is not None
    return found  # type: ignore[return-value]


def normalise(text: str, case_sensitive: bool) -> str:
    """The lookup key of matched text: single spaces, lowercased unless case-sensitive."""
    text = " ".join(text.split())
    return text if case_sensitive else text.lower()


def lookup(table: Mapping[str, Any], text: str, case_sensitive: bool) -> Any:
    """The payload of a matched phrase."""
    return table.get(normalise(text, case_sensitive))
