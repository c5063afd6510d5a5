"""The spin model's scan (``model.misfits``) on whole arrays: numpy, for a run of many articles.

The scalar scan in ``model.py`` looks up each bigram by bisection in a memoryview, a Python
call per word and a dozen per neighbour tested; over a run of 2,225 BBC articles it was most of
the pure-Python run's time. Here a document's tokens become one array of ids, and every bigram
the scan needs (each word after the one before it, before the one after it, the pair without it,
and each thesaurus neighbour of a word not seen beside both) is found with ``np.searchsorted``
over the model's bigram keys (``first << 16 | second``: the table is sorted by first word, then
second, so the keys are sorted) in a few calls for the whole document.

The same quantised integers and the same float64 operations in the same order as the scalar
scan (``x / quant`` per side, then the sum), so every margin is bit-identical and the counts
are equal (``tests/test_spin_vector.py`` runs both on the same texts). Importing numpy costs
more than a one-file run's budget, so ``model.misfits`` comes here only once a process has read
enough prose (``model.VECTOR_AFTER``).

A document is tokenised in windows of ``WINDOW`` characters of prose (``windows``: cut at a line
break, the last two tokens carried into the next window as context) and each window is scanned in
pieces of ``PIECE`` tokens, so a 20 MB file holds one window's arrays at a time (13 bytes a token),
not the whole file's; what stays is the misfits, and for each whether the model saw it beside the
word before and after it (``Scan.sides``, for ``model.unseen_sides``).
"""
from __future__ import annotations

from array import array
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from newslint.families.spin.model import Model
    from newslint.model.document import Document

PIECE = 1 << 15  # tokens scanned at a time: transient arrays stay small on a big file
WINDOW = 1 << 22  # characters of prose tokenised at a time (4 MB): a big file's token arrays stay small
# Token codes: a sentence end, a newline (a sentence end unless it only wraps), anything that
# breaks the context; a word is 4 + 2 * (id + 1) + lowercase (id -1: a word the model lacks).
_SENT, _NEWLINE, _BREAK = 0, 1, 2


DENSE = 128  # first words, and second words, whose bigrams get a dense row: 2 x 8 MB
_UNSEEN = -128  # not a stored log-probability (they are -127..0): the pair was never seen
_NO_ROW = 2 * DENSE  # the row of ``Tables.dense`` that holds only ``_UNSEEN``


class Tables(NamedTuple):
    """The model's arrays as numpy views (no copy of the mapped bigram table), its keys, and
    dense rows for the most frequent words."""

    keys: np.ndarray  # uint32: first << 16 | second, sorted
    logprob: np.ndarray  # int8, by bigram
    backoff: np.ndarray  # int64, by word
    unigram: np.ndarray  # int64, by word
    nb_offsets: np.ndarray  # int64, by word (rare words too)
    neighbours: np.ndarray  # int64
    first_row: np.ndarray  # int64 by word: its row in ``dense`` as a first word, or -1
    second_row: np.ndarray  # int64 by word: its row in ``dense`` as a second word, or ``_NO_ROW``
    dense: np.ndarray  # int8 [(2 * DENSE + 1) * 65536]: log P(b | a) by (a, b) in the rows of the DENSE
    # first words with most bigrams, then by (b, a) in those of the DENSE most common second words,
    # then one row of ``_UNSEEN`` that the pairs of neither kind read
    maybe: np.ndarray  # uint8 [2**(FILTER-3)]: a bit per hash of each other key (never set: never seen)


def tables(m: Model) -> Tables:
    """The model's tables, built once per model (about 30 ms)."""
    return _per_model(m, "_tables", _tables)  # type: ignore[no-any-return]


def _per_model(m: Model, name: str, build: Callable[[Model], Any]) -> Any:
    """What ``build`` makes of ``m``, made once and kept on the model (a frozen dataclass) as ``name``."""
    found = m.__dict__.get(name)
    if found is None:
        found = build(m)
        object.__setattr__(m, name, found)
    return found


def _tables(m: Model) -> Tables:
    """A dense row answers about two thirds of a news article's look-ups with one read (the
    words before and after are mostly "the", "of", "to", ...); the rest bisect the keys."""
    a = m.arrays
    offsets = np.asarray(a["bigram_offsets"]).astype(np.int64)
    second = np.asarray(a["bigram_second"])  # uint16, 2 million: no copy, and the temporaries
    logprob = np.asarray(a["bigram_logprob"])  # below are bools or 4 bytes (a built table is paid once a run)
    width = 1 << 16
    firsts = np.repeat(np.arange(len(offsets) - 1, dtype=np.uint32), np.diff(offsets))
    keys = (firsts << np.uint32(16)) | second
    ranks = []
    in_rows = []
    dense = np.full((2 * DENSE + 1) * width, _UNSEEN, dtype=np.int8)
    for row, (word, other) in enumerate(((firsts, second), (second, firsts))):
        count = np.bincount(word, minlength=width)
        top = np.argsort(-count, kind="stable")[:DENSE]
        rank = np.full(width, -1, dtype=np.int64)
        rank[top] = np.arange(len(top)) + row * DENSE
        in_row = rank[word] >= 0
        at = in_row.nonzero()[0]
        dense[rank[word[at]] * width + other[at]] = logprob[at]
        ranks.append(rank)
        in_rows.append(in_row)
    # Most of the other look-ups are of pairs never seen (a neighbour beside an uncommon word):
    # one bit per key hash answers those without a search (a false "maybe" 7% of the time).
    rest = keys[~(in_rows[0] | in_rows[1])]
    bits = np.zeros(1 << FILTER, dtype=bool)
    bits[_hash(rest)] = True
    ranks[1][ranks[1] < 0] = _NO_ROW
    return Tables(keys, logprob, np.asarray(a["backoff"]).astype(np.int64),
                  np.asarray(a["unigram"]).astype(np.int64), np.asarray(a["neighbour_offsets"]).astype(np.int64),
                  np.asarray(a["neighbours"]).astype(np.int64), ranks[0], ranks[1], dense, np.packbits(bits))


FILTER = 24  # bits of the key hash: 2 MB


def _hash(key: np.ndarray) -> np.ndarray:
    """A multiplicative hash of uint32 keys to ``FILTER`` bits."""
    return (key * np.uint32(2654435761)) >> np.uint32(32 - FILTER)  # type: ignore[no-any-return]


def _lookup(t: Tables, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The quantised log10 P(b | a) of each pair (backoff for an unseen pair) and whether seen;
    ``a`` and ``b`` are model words (int64)."""
    row = t.first_row[a]
    by_a = row >= 0
    row = np.where(by_a, row, t.second_row[b])  # one read of ``dense`` for every pair, of either kind
    value = t.dense[(row << 16) | np.where(by_a, b, a)]
    rest = np.flatnonzero(row == _NO_ROW)
    if len(rest):
        key = ((a[rest] << 16) | b[rest]).astype(np.uint32)
        h = _hash(key)
        maybe = (t.maybe[h >> np.uint32(3)] >> (np.uint32(7) - (h & np.uint32(7)))) & 1 == 1
        rest, key = rest[maybe], key[maybe]  # the others were never seen: ``dense`` said so
        order = np.argsort(key)
        at = np.empty(len(key), dtype=np.int64)
        at[order] = np.searchsorted(t.keys, key[order])  # in order: neighbouring searches share cache lines
        np.minimum(at, len(t.keys) - 1, out=at)
        value[rest] = np.where(t.keys[at] == key, t.logprob[at], _UNSEEN)
    seen = value != _UNSEEN
    return np.where(seen, value, t.backoff[a] + t.unigram[b]), seen


class Window(NamedTuple):
    """A stretch of a document's tokens as numpy arrays, from its token ``base`` on: ``ids`` and
    ``lower`` are ``model.Tokens``'s (the same ids, sentence ends included) and ``starts`` each
    word's offset in the prose. A window after the first begins with the last two tokens of the
    one before (the one that needed this window's first token as its context, and its own
    context), so the scan judges every token once, in one window (``scan``: 1 .. len - 2)."""

    ids: np.ndarray  # int32
    lower: np.ndarray  # bool, by id
    starts: np.ndarray  # int64, by id: a word's offset in the prose (unused for the others)
    base: int  # the document's token index of ids[0]

    def start(self, at: list[int]) -> list[int]:
        """The offsets of the words at the document's token indexes ``at`` (in this window)."""
        return self.starts[np.asarray(at, dtype=np.int64) - self.base].tolist()


def windows(doc: Document, m: Model, split: Any, chunk: int, kinds_max: int,
            wraps: Callable[[str, int], bool]) -> Iterator[Window]:
    """The document's tokens, the same as ``model._tokens``, in windows of about ``WINDOW``
    characters of prose (cut at a chunk's end, a line break): one ``re.split`` per chunk, each
    distinct token classified once per process (``_Codes``), the rest in numpy, chunk by chunk
    into ``array`` buffers. A big file never holds more than a window's arrays (13 bytes a token).
    ``split``, ``chunk``, ``kinds_max`` and ``wraps`` are the scalar scan's (``model._TOKEN_SPLIT``,
    ``_CHUNK``, ``_KINDS_MAX``, ``_wrapped``), passed in: this module does not import ``model``."""
    codes = _codes(m)
    prose = doc.prose
    start_id, end_id = m.word_id("<s>"), m.word_id("</s>")
    out_ids, out_lower, out_starts = array("i", (start_id,)), bytearray(1), array("q", (0,))
    base = 0  # the document's token index of out_ids[0]
    after_sentence = True  # the leading <s>: a sentence end right after it adds nothing
    pos, size, begin = 0, len(prose), 0
    while pos < size:  # in chunks ending at a line break (a token of its own): bounded lists
        end = prose.find("\n", pos + chunk) + 1 or size
        parts = split.split(prose[pos:end] if pos or end < size else prose)
        toks = parts[1::2]
        if len(codes) > kinds_max:  # bounded: a chunk adds at most its own tokens
            codes.clear()
        code = np.fromiter(map(codes.__getitem__, toks), dtype=np.int32, count=len(toks))  # new ones: __missing__
        starts = np.cumsum(np.fromiter(map(len, parts), dtype=np.int64, count=len(parts)))[0:-1:2]
        del parts, toks
        if pos:
            starts += pos
        newlines = (code == _NEWLINE).nonzero()[0]
        if len(newlines):
            wrapped = [i for i, at in zip(newlines.tolist(), starts[newlines].tolist())
                       if prose[at - 1 : at].islower() and wraps(prose, at)]
            if wrapped:  # a hard-wrapped line goes on: the newline is a space
                keep = np.ones(len(code), dtype=bool)
                keep[wrapped] = False
                code, starts = code[keep], starts[keep]
        pos = end
        if len(code):
            after_sentence = _append(code, starts, after_sentence, start_id, end_id, out_ids, out_lower, out_starts)
        if end - begin >= WINDOW and end < size and len(out_ids) > 2:
            yield Window(np.frombuffer(out_ids, dtype=np.int32), np.frombuffer(out_lower, dtype=bool),
                         np.frombuffer(out_starts, dtype=np.int64), base)
            base += len(out_ids) - 2  # new buffers (the window's arrays are views of the old ones)
            out_ids, out_lower, out_starts = array("i", out_ids[-2:]), bytearray(out_lower[-2:]), out_starts[-2:]
            begin = end
    out_ids.append(end_id)
    out_lower.append(0)
    out_starts.append(0)
    yield Window(np.frombuffer(out_ids, dtype=np.int32), np.frombuffer(out_lower, dtype=bool),
                 np.frombuffer(out_starts, dtype=np.int64), base)


def _append(code: np.ndarray, starts: np.ndarray, after_sentence: bool, start_id: int, end_id: int,
            out_ids: array[int], out_lower: bytearray, out_starts: array[int]) -> bool:
    """Append one chunk's tokens (their codes and offsets) as ids; whether it ends in a sentence end."""
    sent = code <= _NEWLINE
    # A run of sentence ends is one </s> <s>; none right after the start (or another run).
    first = sent.copy()
    first[1:] &= ~sent[:-1]
    first[0] &= not after_sentence
    counts = np.where(sent, first.astype(np.int8) * 2, np.int8(1)).astype(np.int8)
    word = code >= 4
    ids = np.where(word, (code >> 1) - 3, -1).astype(np.int32)
    ids[sent] = start_id
    lower = word & (code & 1).astype(bool)
    body = np.repeat(ids, counts)
    body[np.cumsum(counts, dtype=np.int64)[first] - 2] = end_id  # the first of each pair
    out_ids.frombytes(body.tobytes())
    out_lower += np.repeat(lower, counts).tobytes()
    out_starts.frombytes(np.repeat(starts, counts).tobytes())
    return bool(sent[-1])


def _code(m: Model, text: str) -> int:
    """A token's code (see ``_SENT``)."""
    first = text[0]
    if first.isalpha():
        lower = text.lower().replace("’", "'")
        return 4 + 2 * (m.word_id(lower) + 1) + (text == lower)
    if first in ".!?\n":
        return _NEWLINE if first == "\n" else _SENT
    return _BREAK


class _Codes(dict):  # type: ignore[type-arg]
    """Token -> code, each distinct token classified when first met (``__missing__``: a hit
    stays a C-level dict look-up)."""

    def __init__(self, m: Model) -> None:
        super().__init__()
        self.model = m

    def __missing__(self, token: str) -> int:
        code = self[token] = _code(self.model, token)
        return code


def _codes(m: Model) -> _Codes:
    """The model's token codes (one table per model)."""
    return _per_model(m, "_codes", _Codes)  # type: ignore[no-any-return]


class Scan(NamedTuple):
    """What ``scan`` found: per misfit (document token index, margin or 0.0, rare, restored id or
    -1, and its unseen sides: 2 if the model never saw it after the word before it, + 1 if never
    before the word after it; 3 for a rare synonym)."""

    at: list[int]
    margin: list[float]
    rare: list[bool]
    restored: list[int]
    sides: list[int]
    judged: int
    pairs: int
    unseen: int
    deletable: int


def scan(m: Model, window: Window, margin: float, ambiguous: float, deletable: float) -> Scan:
    """The scalar scan of ``model.misfits`` on a window's arrays (its tokens 1 .. len - 2, at the
    document's token indexes), in pieces of ``PIECE`` tokens (``ambiguous`` and ``deletable``:
    ``model.AMBIGUOUS`` and ``model.DELETABLE``). Also, for each misfit, whether the model has
    seen it after the word before it and before the word after it (``model.unseen_sides``).

    A news article is a few hundred tokens, so the scan's cost is numpy's per call, not per
    element: each step is as few calls as it can be (one comparison on unsigned ids for "a model
    word", no sort where the findings are already in order)."""
    t = tables(m)
    ids = window.ids
    total = Scan([], [], [], [], [], 0, 0, 0, 0)
    judged = pairs = unseen = dropped = 0
    for first in range(1, max(len(ids) - 1, 1), PIECE):
        last = min(first + PIECE, len(ids) - 1)  # token indexes first..last-1 are judged here
        span = ids[first - 1 : last + 1].astype(np.int64)
        piece = _judge(m, t, span, window.lower[first:last], deletable * m.quant)
        judged, pairs = judged + piece.judged, pairs + piece.pairs
        unseen, dropped = unseen + piece.unseen, dropped + piece.deletable
        tested, rare = piece.tested, piece.rare
        group_at = np.concatenate((tested, rare)) if len(rare) else tested
        best, has, restored = _neighbours(m, t, span[group_at], span[group_at + 1], span[group_at + 2], ambiguous)
        better = best[: len(tested)] - piece.here
        hit = (has[: len(tested)] & (better > margin)).nonzero()[0]
        found_at, found_margin, found_restored, found_sides = tested[hit], better[hit], restored[hit], piece.sides[hit]
        found_rare = [False] * len(hit)
        if len(rare):  # misfits in token order: the rare synonyms merged in
            found_at = np.concatenate((found_at, rare))
            order = np.argsort(found_at, kind="stable")
            found_at = found_at[order]
            found_margin = np.concatenate((found_margin, np.zeros(len(rare))))[order]
            found_restored = np.concatenate((found_restored, restored[len(tested) :]))[order]
            found_sides = np.concatenate((found_sides, np.full(len(rare), 3, dtype=np.int8)))[order]
            found_rare = (order >= len(hit)).tolist()
        total.at.extend((found_at + (first + window.base)).tolist())
        total.margin.extend(found_margin.tolist())
        total.rare.extend(found_rare)
        total.restored.extend(found_restored.tolist())
        total.sides.extend(found_sides.tolist())
    return total._replace(judged=judged, pairs=pairs, unseen=unseen, deletable=dropped)


class _Judged(NamedTuple):
    """One piece's judged words: counts, and the words the neighbours are tried for."""

    judged: int
    pairs: int
    unseen: int
    deletable: int
    tested: np.ndarray  # index in the piece of each judged model word not seen beside both
    here: np.ndarray  # their own fit, log10 P(w | p) + log10 P(q | w)
    sides: np.ndarray  # their unseen sides (``Scan.sides``)
    rare: np.ndarray  # index in the piece of each judged rare synonym


def _judge(m: Model, t: Tables, span: np.ndarray, lower: np.ndarray, drop: float) -> _Judged:
    """Judge the words of ``span`` (int64 ids, one token of context at each end) between their
    neighbours p and q; ``drop``: ``DELETABLE`` quantised."""
    known = len(m.known)
    p, w, q = span[:-2], span[1:-1], span[2:]
    model_word = span.view(np.uint64) < known  # -1 (no word) wraps to above every id
    kp, kw, kq = model_word[:-2], model_word[1:-1], model_word[2:]
    pair = (kp & kw).nonzero()[0]
    ok = kp & kq & (w >= 0) & lower  # a lowercase word between two model words
    where = ok[pair].nonzero()[0]  # the judged model words, among the pairs (each is one)
    norm = pair[where]
    pn, wn, qn = p[norm], w[norm], q[norm]
    # One look-up for the three kinds of pair: each word after the one before it, before the
    # one after it, and the pair without it.
    lp, seen = _lookup(t, np.concatenate((p[pair], wn, pn)), np.concatenate((w[pair], qn, qn)))
    k, j = len(pair), len(norm)
    qleft, seen_left = lp[:k][where], seen[:k][where]
    qright, seen_right = lp[k : k + j], seen[k : k + j]
    deletable = int(np.count_nonzero((lp[k + j :] - (qleft + qright)) > drop))
    test = (~(seen_left & seen_right)).nonzero()[0]
    here = qleft[test] / m.quant + qright[test] / m.quant
    sides = (~seen_left[test]).astype(np.int8) * 2 + ~seen_right[test]
    return _Judged(int(np.count_nonzero(ok)), k, k - int(np.count_nonzero(seen[:k])), deletable,
                   norm[test], here, sides, (ok & (w >= known)).nonzero()[0])


def _neighbours(m: Model, t: Tables, p: np.ndarray, w: np.ndarray, q: np.ndarray,
                ambiguous: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each word ``w`` between ``p`` and ``q``: the best score of its thesaurus neighbours
    there, whether it has any, and the restored original (-1: none or ambiguous), as
    ``model._better`` and ``model._restore`` find them."""
    off = t.nb_offsets[w]
    count = t.nb_offsets[w + 1] - off
    n = int(count.sum())
    has = count > 0
    best = np.full(len(w), -np.inf)
    restored = np.full(len(w), -1, dtype=np.int64)
    if not n:
        return best, has, restored
    group = np.repeat(np.arange(len(w)), count)
    begin = np.cumsum(count) - count
    index = np.arange(n)
    c = t.neighbours[index + np.repeat(off - begin, count)]
    lp, seen = _lookup(t, np.concatenate((p[group], c)), np.concatenate((c, q[group])))
    score = lp[:n] / m.quant + lp[n:] / m.quant
    heads = begin[has]
    top_score = np.maximum.reduceat(score, heads)
    best[has] = top_score
    # The first neighbour at the best score (the scalar loop keeps the first), then the best of
    # the others: the second score (equal to the best on a tie, -inf for a lone neighbour).
    top = np.minimum.reduceat(np.where(score == best[group], index, n), heads)
    rest = score.copy()
    rest[top] = -np.inf
    second = np.maximum.reduceat(rest, heads)
    keep = seen[top] & seen[top + n] & ((top_score - second) >= ambiguous)
    restored[has] = np.where(keep, c[top], -1)
    return best, has, restored
