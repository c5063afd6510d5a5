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
word the model has not seen beside both neighbours has its thesaurus neighbours scored. Once a
process has read ``VECTOR_AFTER`` characters of prose (a run of many articles), the same scan runs
on numpy arrays (``vector.py``: the same evidence, about three times less CPU).
"""
from __future__ import annotations

import json
import mmap
import re
import struct
from array import array
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import TYPE_CHECKING, Any, NamedTuple

from newslint.families.spin.data import data_dir

if TYPE_CHECKING:
    from collections.abc import Sequence

    from newslint.model.document import Document

MARGIN = 3.0  # log10: a neighbour a thousand times as probable in this place
DELETABLE = 2.0  # log10: the text reads a hundred times more probable without the word
AMBIGUOUS = 0.5  # log10: a restored original must fit this much better than the next neighbour
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
    at: int = -1  # its index among the document's tokens (``_tokens``), for ``unseen_sides``


@dataclass(frozen=True)
class Model:
    """The memory-mapped table (memoryviews: no copy, no numpy) and its word lists."""

    known: list[str]  # words with probabilities, in code-point order (id = index)
    rare: list[str]  # thesaurus words the model does not know, sorted
    arrays: dict[str, memoryview]
    quant: float
    core: Any = None  # the same table in the compiled core (newslint/model/core.py), when there is one

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
    text = (folder / "spin-lm-words.txt").read_text(encoding="utf-8")
    words = text.split("\n")
    known = int(header["known"])
    from newslint.model.core import compiled

    core = compiled()
    if core is not None:  # reads the same mapped bytes (no copy)
        layout = [(name, dtype, base + offset, count) for name, (dtype, offset, count) in header["arrays"].items()]
        core = core.SpinModel(raw, layout, text, known, float(header["quant"]))
    return Model(words[:known], words[known:-1], arrays, float(header["quant"]), core)


def _wrapped(prose: str, at: int) -> bool:
    """Whether the newline at ``at`` only wraps a sentence: a lowercase letter just before it and a
    lowercase letter first on the next line (hard-wrapped Markdown: "the federal contracting\n
    community"). A newline after a heading, a list item or a line ending in punctuation, or before a
    blank line or a capital, still ends the context."""
    if not at or not prose[at - 1].islower():
        return False
    rest = prose[at + 1 : at + 40].lstrip(" \t")
    return bool(rest) and rest[0].islower()


def _unwrapped(prose: str) -> str:
    """``prose`` with each newline that only wraps a sentence (``_wrapped``) as a space, for the
    compiled core: the same offsets and tokens, and Python's own ``str.islower`` decides (the
    core's Unicode tables would follow another Unicode version on another Python)."""
    at = prose.find("\n")
    parts: list[str] = []
    last = 0
    while at >= 0:
        if _wrapped(prose, at):
            parts += (prose[last:at], " ")
            last = at + 1
        at = prose.find("\n", at + 1)
    return "".join(parts) + prose[last:] if parts else prose


class Tokens(NamedTuple):
    """A document's tokens for the spin model, as plain arrays (about 21 bytes a token: a tuple
    per token was ~120 and set the peak memory on a big file): ``ids`` (-1: breaks the context;
    sentence ends are ``</s> <s>``), and for each word token its ``starts`` and ``ends`` in the
    prose and whether it is ``lower`` case (0 and 0 and false for the others)."""

    ids: array[int]
    starts: array[int]
    ends: array[int]
    lower: bytearray


def _tokens(doc: Document, m: Model) -> Tokens:
    """The document's :class:`Tokens`. Each distinct token is classified once per process
    (``_kinds``); the tokens and their offsets come from one ``re.split`` and a running sum of
    lengths, in C."""
    start_id, end_id = m.word_id("<s>"), m.word_id("</s>")
    kinds = _kinds(m)
    out = array("i", (start_id,))
    starts, ends, lower = array("q", (0,)), array("q", (0,)), bytearray(1)
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
                if text[0] == "\n" and _wrapped(prose, s):
                    continue  # a hard-wrapped line goes on: the newline is a space
                if out[-1] != start_id:
                    out.extend((end_id, start_id))
                    starts.extend((0, 0))
                    ends.extend((0, 0))
                    lower.extend(b"\0\0")
            elif kind is _BREAK:
                out.append(-1)
                starts.append(0)
                ends.append(0)
                lower.append(0)
            else:
                out.append(kind[0])
                starts.append(s)
                ends.append(s + len(text))
                lower.append(kind[1])
        pos = end
    out.append(end_id)
    starts.append(0)
    ends.append(0)
    lower.append(0)
    return Tokens(out, starts, ends, lower)


_TOKEN_SPLIT = re.compile(f"({_TOKEN.pattern})")
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


class Evidence(NamedTuple):
    """What the model says about a document: its misfits, how many words it judged, and how many
    adjacent pairs of model words it read and had never seen."""

    misfits: list[Misfit]
    judged: int
    pairs: int
    unseen: int
    deletable: int = 0  # judged words the text reads far more probable without (``DELETABLE``)


def misfits(doc: Document, margin: float = MARGIN) -> Evidence:
    """The document's ill-fitting words (a neighbour better by more than ``margin``) and rare
    synonyms, how many words were judged, and the adjacent pairs of model words seen and not."""
    key = ("spin.misfits", margin)
    cached = doc.memo.get(key)
    if cached is not None:
        return cached  # type: ignore[return-value]
    m = model()
    if m.core is not None:  # the same scan compiled: (start, end, original id or -1, margin, rare, token, frequency) each
        prose = doc.prose
        found, judged, pairs, unseen, deletable, ids = m.core.misfits(_unwrapped(prose), margin, CORE_WINDOW)
        doc.memo["spin.ids"] = memoryview(ids).cast("i")  # for unseen_sides and counted: no second tokenisation
        doc.memo["spin.frequency"] = {f[5]: f[6] for f in found if not f[4]}  # counted.frequency_margin's, by token
        out = [Misfit(s, e, prose[s:e], m.known[b] if b >= 0 else "", g, r, i) for s, e, b, g, r, i, _ in found]
        result = Evidence(_trusted_context(out, [f[5] for f in found]), judged, pairs, unseen, deletable)
        doc.memo[key] = result
        return result
    if _vector(doc.prose):
        result = _vector_misfits(doc, m, margin)
        doc.memo[key] = result
        return result
    known = len(m.known)
    ids, starts, ends, lower = _tokens(doc, m)
    doc.memo["spin.ids"] = ids  # for unseen_sides
    out: list[Misfit] = []
    at: list[int] = []  # token index of each misfit
    judged = pairs = unseen = deletable = 0
    backoff, unigram = m._backoff, m._unigram  # type: ignore[attr-defined]
    drop = DELETABLE * m.quant
    left: int | None = None
    for i in range(1, len(ids) - 1):
        w, p, q = ids[i], ids[i - 1], ids[i + 1]
        if 0 <= p < known and 0 <= w < known:
            pairs += 1
            left = m.bigram(p, w)
            unseen += left is None
        if w < 0 or p < 0 or q < 0 or p >= known or q >= known or not lower[i]:
            continue  # a name, a number, a word the model cannot judge, or no context
        judged += 1
        s, e = starts[i], ends[i]
        if w >= known:
            found = _restore(m, p, w, q)
            out.append(Misfit(s, e, doc.prose[s:e], m.known[found] if found >= 0 else "", 0.0, True, i))
            at.append(i)
            continue
        # Quantised log-probabilities, summed as integers (the core does the same: equal counts).
        right, skip = m.bigram(w, q), m.bigram(p, q)
        qleft = backoff[p] + unigram[w] if left is None else left
        qright = backoff[w] + unigram[q] if right is None else right
        deletable += (backoff[p] + unigram[q] if skip is None else skip) - (qleft + qright) > drop
        if left is not None and right is not None:
            continue  # seen beside both: not a misfit (``_better`` would say so)
        better = _better(m, p, w, q, margin, (qleft / m.quant, left is not None), (qright / m.quant, right is not None))
        if better is not None:
            restored = _restore(m, p, w, q)
            out.append(Misfit(s, e, doc.prose[s:e], m.known[restored] if restored >= 0 else "", better, False, i))
            at.append(i)
    result = Evidence(_trusted_context(out, at), judged, pairs, unseen, deletable)
    doc.memo[key] = result
    return result


# Bytes of prose the compiled core tokenises at a time: a big file holds one window's token
# vectors there (32 bytes a token), not the whole file's. A module constant so that a test can
# cut tiny windows and find the same evidence.
CORE_WINDOW = 1 << 20


# Prose (characters) the scalar scan reads in a process before the scan switches to numpy
# (``vector.py``): importing numpy and building its keys costs ~60-100 ms, more than a one-file
# run's budget, and less than the scalar scan of a few dozen articles.
VECTOR_AFTER = 40_000
_scalar_read = [0]


def _vector(prose: str) -> bool:
    """Whether this document's scan runs on arrays (``VECTOR_AFTER``)."""
    _scalar_read[0] += len(prose)
    return _scalar_read[0] > VECTOR_AFTER


def _vector_misfits(doc: Document, m: Model, margin: float) -> Evidence:
    """``misfits`` on numpy arrays (``vector.scan``), window by window (``vector.windows``: a
    big file's token arrays stay a few MB): the same evidence. The document's token ids stay in
    ``doc.memo`` (4 bytes a token: NL203's ``counted`` reads them), and each misfit's unseen sides
    (the scan read them: ``unseen_sides`` needs no look-up)."""
    from newslint.families.spin import vector

    prose = doc.prose
    ids = array("i")
    out: list[Misfit] = []
    at: list[int] = []
    sides: dict[int, tuple[bool, bool]] = doc.memo.setdefault("spin.sides", {})  # type: ignore[assignment]
    words: dict[str, str] = {}  # one string per distinct misfit word: they repeat (a topic word, a spinner's swap)
    judged = pairs = unseen = deletable = 0
    for window in vector.windows(doc, m, _TOKEN_SPLIT, _CHUNK, _KINDS_MAX, _wrapped):
        found = vector.scan(m, window, margin, AMBIGUOUS, DELETABLE)
        ids.frombytes(window.ids[len(ids) - window.base :].tobytes())  # the carried tokens once
        for i, s, g, r, b, u in zip(found.at, window.start(found.at), found.margin, found.rare, found.restored,
                                    found.sides):
            e = _TOKEN.match(prose, s).end()  # type: ignore[union-attr]  # the token split found there
            word = prose[s:e]
            out.append(Misfit(s, e, words.setdefault(word, word), m.known[b] if b >= 0 else "", g, r, i))
            sides[i] = _SIDES[u]
        at += found.at
        judged, pairs = judged + found.judged, pairs + found.pairs
        unseen, deletable = unseen + found.unseen, deletable + found.deletable
    doc.memo["spin.ids"] = ids
    return Evidence(_trusted_context(out, at), judged, pairs, unseen, deletable)


_SIDES = ((False, False), (False, True), (True, False), (True, True))  # by ``vector.Scan.sides``


def unseen_sides(doc: Document, found: list[Misfit]) -> list[tuple[bool, bool]]:
    """For each misfit, whether the model has never seen it after the word before it and never
    before the word after it. The array scan keeps them for its misfits; for the others they are
    read from the document's tokens again (``_tokens``: the core's tokens are the same), so only
    a caller that needs it (NL204, in an article that reads as spun) pays for it."""
    if not found:
        return []
    m = model()
    known: dict[int, tuple[bool, bool]] = doc.memo.get("spin.sides", {})  # type: ignore[assignment]
    out = []
    ids = None
    for f in found:
        if f.rare:
            out.append((True, True))
            continue
        sides = known.get(f.at)
        if sides is None:
            if ids is None:
                ids = token_ids(doc)
            sides = (m.bigram(int(ids[f.at - 1]), int(ids[f.at])) is None,
                     m.bigram(int(ids[f.at]), int(ids[f.at + 1])) is None)
        out.append(sides)
    return out


def token_ids(doc: Document) -> Sequence[int]:
    """The document's token ids for the model, the ones ``Misfit.at`` indexes: every scan (the
    compiled core's too) keeps them in ``doc.memo``; without a scan they are read here (the
    core's tokens are ``_tokens``'s)."""
    ids = doc.memo.get("spin.ids")
    if ids is None:
        m = model()
        ids = m.core.token_ids(_unwrapped(doc.prose)) if m.core is not None else _tokens(doc, m).ids
        doc.memo["spin.ids"] = ids
    return ids  # type: ignore[no-any-return]


def _trusted_context(found: list[Misfit], at: list[int]) -> list[Misfit]:
    """Drop the restored original of a misfit whose neighbour is a misfit too: its fit was
    measured against the spinner's words ("the worldwide monetary disaster"), and a guess from
    such a context was wrong more often than not on real spun pages."""
    spun = set(at)
    return [f._replace(better="") if f.better and (i - 1 in spun or i + 1 in spun) else f
            for f, i in zip(found, at)]


def _better(m: Model, p: int, w: int, q: int, margin: float,
            known_left: tuple[float, bool] | None = None, known_right: tuple[float, bool] | None = None) -> float | None:
    """How much better (log10) the best neighbour of ``w`` fits between ``p`` and ``q``, when that
    is more than ``margin`` and the model has not seen ``w`` beside both of them. ``known_left``
    and ``known_right``: ``m.logprob(p, w)`` and ``m.logprob(w, q)`` when the caller has them."""
    left, seen_left = known_left or m.logprob(p, w)
    right, seen_right = known_right or m.logprob(w, q)
    if seen_left and seen_right:
        return None
    best = max((m.logprob(p, c)[0] + m.logprob(c, q)[0] for c in m.neighbours(w)), default=None)
    if best is None or best - (left + right) <= margin:
        return None
    return best - (left + right)


def _restore(m: Model, p: int, w: int, q: int) -> int:
    """The spinner's likely original for ``w`` between ``p`` and ``q``: the thesaurus neighbour
    that fits best there, only when the model has seen it beside both words (the original is an
    ordinary word in an ordinary phrase: "the aforesaid period" → "same") and it fits at least
    ``AMBIGUOUS`` (log10) better than every other neighbour; -1 otherwise (a guess between
    near-equal neighbours is wrong as often as right, so no fix is offered)."""
    best = second = -1e9
    found = -1
    for c in m.neighbours(w):
        left, seen_left = m.logprob(p, c)
        right, seen_right = m.logprob(c, q)
        score = left + right
        if score > best:
            second, best = best, score
            found = c if seen_left and seen_right else -1
        elif score > second:
            second = score
    return found if best - second >= AMBIGUOUS else -1
