"""Spin evidence from knowledge of English: words that a language model says do not fit where a
thesaurus neighbour would.

A spinner replaces a word by a thesaurus synonym without looking at its neighbours: "a prof
astatine Brooklyn", "a information convention". For each word with neighbours on both sides, the
bigram model (CMU Sphinx US English; its trigrams dropped for size) scores the word in its place
against its twelve most probable thesaurus neighbours in the same place (Moby, both directions). A word is *ill-fitting*
when a neighbour is more than ``MARGIN`` (log10) more probable there and the model has not seen the
word itself next to both of its neighbours. A *rare synonym* is a lowercase word the thesaurus knows
and the model (72k words) does not ("twelvemonth"). Edited text has both, at a low rate; spun text
has them many times more often, which NL203 measures per 1,000 words.

The table (``rules/data/spin-lm.bin``, built by ``scripts/build_spin_lm.py``) is memory-mapped on
first use and read through memoryviews (no numpy, so a one-file run starts fast); a word is found by
bisection in the sorted word list and a bigram by bisection among its first word's pairs. Only a
word the model has not seen beside both neighbours has its thesaurus neighbours scored.
"""
from __future__ import annotations

import json
import mmap
import re
import struct
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import TYPE_CHECKING, NamedTuple

from newslint.checks.spin_data import data_dir

if TYPE_CHECKING:
    from newslint.document import Document

MARGIN = 3.0  # log10: a neighbour a thousand times as probable in this place
_MAGIC = b"NLSPINLM"
# Words, sentence ends (which the model knows as </s> <s>), and anything else, which breaks the
# context (numbers, symbols, quotes glued to nothing).
_TOKEN = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*|[.!?]+|\n|[^\sA-Za-z]+")


class Misfit(NamedTuple):
    """A word the model says a thesaurus neighbour would fit better (or a rare synonym)."""

    start: int
    end: int
    word: str
    better: str  # the neighbour the model prefers ('' when none fits: a rare synonym only)
    margin: float  # log10 advantage of ``better`` (0 for a rare synonym: it has no probability)
    rare: bool = False  # a thesaurus word the model does not know


@dataclass(frozen=True)
class Model:
    """The memory-mapped table (memoryviews: no copy, no numpy) and its word lists."""

    known: list[str]  # words with probabilities, in code-point order (id = index)
    rare: list[str]  # thesaurus words the model does not know, sorted
    arrays: dict[str, memoryview]
    quant: float

    def word_id(self, word: str) -> int:
        """The id of a lowercase word: a model word (below ``len(known)``), a rare synonym
        (``len(known)`` and above, so its thesaurus neighbours can be read), -1 else."""
        at = bisect_left(self.known, word)
        if at < len(self.known) and self.known[at] == word:
            return at
        at = bisect_left(self.rare, word)
        return len(self.known) + at if at < len(self.rare) and self.rare[at] == word else -1

    def __post_init__(self) -> None:
        object.__setattr__(self, "_kinds", {})  # token -> (id, lowercase): see _tokens
        for name in ("bigram_offsets", "bigram_second", "bigram_logprob", "backoff", "unigram"):
            object.__setattr__(self, "_" + name.removeprefix("bigram_"), self.arrays[name])

    def bigram(self, a: int, b: int) -> int | None:
        """The stored log10 P(b | a) * quant, or None when the model has not seen the pair."""
        offsets, second = self.arrays["bigram_offsets"], self.arrays["bigram_second"]
        lo, hi = offsets[a], offsets[a + 1]
        at = bisect_left(second, b, lo, hi)
        if at < hi and second[at] == b:
            return self.arrays["bigram_logprob"][at]  # type: ignore[no-any-return]
        return None

    def logprob(self, a: int, b: int) -> tuple[float, bool]:
        """log10 P(b | a), with the model's backoff for an unseen pair, and whether it was seen.

        ``bigram`` inlined, on arrays bound once (``__post_init__``): a spun-looking word has a
        dozen neighbours scored, so this runs millions of times in a large run."""
        offsets, second = self._offsets, self._second  # type: ignore[attr-defined]
        hi = offsets[a + 1]
        at = bisect_left(second, b, offsets[a], hi)
        if at < hi and second[at] == b:
            return self._logprob[at] / self.quant, True  # type: ignore[attr-defined]
        return (self._backoff[a] + self._unigram[b]) / self.quant, False  # type: ignore[attr-defined]

    def neighbours(self, word: int) -> memoryview:
        """Thesaurus neighbours of a model word that the model knows, the most probable first."""
        offsets = self.arrays["neighbour_offsets"]
        return self.arrays["neighbours"][offsets[word] : offsets[word + 1]]


_CODES = {"int8": "b", "uint8": "B", "int16": "h", "uint16": "H", "int32": "i", "uint32": "I"}


@lru_cache(maxsize=1)
def model() -> Model:
    """Map the table (once per process): a few ms, whatever its size."""
    folder = data_dir()
    with (folder / "spin-lm.bin").open("rb") as f:
        raw = memoryview(mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ))
    if bytes(raw[:8]) != _MAGIC:
        raise ValueError("spin-lm.bin: not a newslint spin table")
    (size,) = struct.unpack("<I", raw[8:12])
    header = json.loads(bytes(raw[12 : 12 + size]))
    base = 12 + size
    arrays = {}
    for name, (dtype, offset, count) in header["arrays"].items():
        code = _CODES[dtype]
        width = struct.calcsize(code)
        arrays[name] = raw[base + offset : base + offset + count * width].cast(code)
    words = (folder / "spin-lm-words.txt").read_text(encoding="utf-8").split("\n")
    known = int(header["known"])
    return Model(words[:known], words[known:-1], arrays, float(header["quant"]))


def _tokens(doc: Document, m: Model) -> tuple[list[int], list[tuple[int, int, bool]]]:
    """Token ids (-1: breaks the context) and (start, end, lowercase) of each token; sentence
    ends become ``</s> <s>``. Each distinct token is classified once per process (``_kinds``);
    the tokens and their offsets come from one ``re.split`` and a running sum of lengths, in C."""
    start_id, end_id = m.word_id("<s>"), m.word_id("</s>")
    kinds = _kinds(m)
    out: list[int] = [start_id]
    spans: list[tuple[int, int, bool]] = [_NO_SPAN]
    prose = doc.prose
    pos, size = 0, len(prose)
    while pos < size:  # in chunks ending at a line break (a token of its own): bounded lists
        end = prose.find("\n", pos + _CHUNK) + 1 or size
        parts = _TOKEN_SPLIT.split(prose[pos:end])
        toks = parts[1::2]
        missing = set(toks).difference(kinds)
        if missing:
            if len(kinds) + len(missing) > _KINDS_MAX:
                kinds.clear()
                missing = set(toks)
            kinds.update((t, _kind(m, t)) for t in missing)
        offsets = list(accumulate(map(len, parts), initial=pos))
        for text, s in zip(toks, offsets[1::2]):
            kind = kinds[text]
            if kind is _SENTENCE:
                if out[-1] != start_id:
                    out.extend((end_id, start_id))
                    spans.extend((_NO_SPAN, _NO_SPAN))
            elif kind is _BREAK:
                out.append(-1)
                spans.append(_NO_SPAN)
            else:
                out.append(kind[0])
                spans.append((s, s + len(text), kind[1]))
        pos = end
    out.append(end_id)
    spans.append(_NO_SPAN)
    return out, spans


_TOKEN_SPLIT = re.compile(f"({_TOKEN.pattern})")
_NO_SPAN = (0, 0, False)
_SENTENCE: tuple[int, bool] = (-2, False)
_BREAK: tuple[int, bool] = (-1, False)
_CHUNK = 1 << 16
_KINDS_MAX = 1 << 17


def _kind(m: Model, text: str) -> tuple[int, bool]:
    """A token's id and whether it is lowercase; ``_SENTENCE`` or ``_BREAK`` for the others."""
    first = text[0]
    if first.isalpha():
        lower = text.lower().replace("’", "'")
        return m.word_id(lower), text == lower
    return _SENTENCE if first in ".!?\n" else _BREAK


def _kinds(m: Model) -> dict[str, tuple[int, bool]]:
    """The model's token classifications, filled as tokens are met (one dict per model)."""
    return m._kinds  # type: ignore[attr-defined, no-any-return]


def misfits(doc: Document, margin: float = MARGIN) -> tuple[list[Misfit], int]:
    """The document's ill-fitting words (a neighbour better by more than ``margin``) and rare
    synonyms, and how many words were judged."""
    key = ("spin.misfits", margin)
    cached = doc.memo.get(key)
    if cached is not None:
        return cached  # type: ignore[return-value]
    m = model()
    known = len(m.known)
    ids, spans = _tokens(doc, m)
    out: list[Misfit] = []
    judged = 0
    for i in range(1, len(ids) - 1):
        w, p, q = ids[i], ids[i - 1], ids[i + 1]
        if w < 0 or p < 0 or q < 0 or p >= known or q >= known or not spans[i][2]:
            continue  # a name, a number, a word the model cannot judge, or no context
        judged += 1
        s, e, _ = spans[i]
        if w >= known:
            found = _restore(m, p, w, q)
            out.append(Misfit(s, e, doc.prose[s:e], m.known[found] if found >= 0 else "", 0.0, rare=True))
            continue
        found = _better(m, p, w, q, margin)
        if found is not None:
            out.append(Misfit(s, e, doc.prose[s:e], m.known[found[0]], found[1]))
    result = (out, judged)
    doc.memo[key] = result
    return result


def _better(m: Model, p: int, w: int, q: int, margin: float) -> tuple[int, float] | None:
    """The neighbour of ``w`` that fits between ``p`` and ``q`` more than ``margin`` better, when
    the model has not seen ``w`` beside both of them."""
    left, seen_left = m.logprob(p, w)
    right, seen_right = m.logprob(w, q)
    if seen_left and seen_right:
        return None
    base = left + right + margin
    best, gain = -1, 0.0
    for c in m.neighbours(w):
        score = m.logprob(p, c)[0] + m.logprob(c, q)[0]
        if score > base and score - base > gain:
            best, gain = c, score - base
    return (best, gain + margin) if best >= 0 else None


def _restore(m: Model, p: int, w: int, q: int) -> int:
    """The thesaurus neighbour of a rare synonym ``w`` that fits best between ``p`` and ``q``,
    among those the model has seen beside both (the spinner's original is an ordinary word in an
    ordinary phrase: "the aforesaid period" → "same"); -1 when none has been."""
    best, top = -1, 0.0
    for c in m.neighbours(w):
        left, seen_left = m.logprob(p, c)
        right, seen_right = m.logprob(c, q)
        if seen_left and seen_right and (best < 0 or left + right > top):
            best, top = c, left + right
    return best
