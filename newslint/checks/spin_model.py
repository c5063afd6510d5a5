"""Spin evidence from knowledge of English: words that a language model says do not fit where a
thesaurus neighbour would.

A spinner replaces a word by a thesaurus synonym without looking at its neighbours: "a prof
astatine Brooklyn", "a information convention". For each word with neighbours on both sides, the
bigram model (CMU Sphinx US English, pruned) scores the word in its place against every thesaurus
neighbour of it in the same place (the Moby thesaurus, both directions). A word is *ill-fitting*
when a neighbour is more than ``MARGIN`` (log10) more probable there and the model has not seen the
word itself next to both of its neighbours. A *rare synonym* is a lowercase word the thesaurus knows
and the model (72k words) does not ("twelvemonth"). Edited text has both, at a low rate; spun text
has them many times more often, which NL203 measures per 1,000 words.

The table (``rules/data/spin-lm.bin``, built by ``scripts/build_spin_lm.py``) is memory-mapped and
loaded on first use; the work per document is a handful of vectorised numpy look-ups.
"""
from __future__ import annotations

import json
import re
import struct
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

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
    better: str  # the neighbour the model prefers ('' for a rare synonym)
    margin: float  # log10 advantage of ``better``


@dataclass(frozen=True)
class Model:
    """The memory-mapped table and its word index."""

    ids: dict[str, int]
    words: list[str]
    known: int  # ids below this have probabilities
    arrays: dict[str, Any]
    quant: float

    def logprob(self, a: Any, b: Any) -> Any:
        """log10 P(b | a) for arrays of ids, with the model's backoff where a bigram was pruned."""
        import numpy as np

        keys = self.arrays["bigram_keys"]
        key = (a.astype(np.uint32) << 16) | b.astype(np.uint32)
        at = np.searchsorted(keys, key)
        at[at >= len(keys)] = 0
        seen = keys[at] == key
        uni, back = self.arrays["unigram"], self.arrays["backoff"]
        value = np.where(seen, self.arrays["bigram_logprob"][at], back[a] + uni[b]) / self.quant
        return value, seen


@lru_cache(maxsize=1)
def model() -> Model:
    """Load the table (once per process)."""
    import numpy as np

    folder = data_dir()
    words = (folder / "spin-lm-words.txt").read_text(encoding="utf-8").split("\n")[:-1]
    raw = np.memmap(folder / "spin-lm.bin", dtype=np.uint8, mode="r")
    if bytes(raw[:8]) != _MAGIC:
        raise ValueError("spin-lm.bin: not a newslint spin table")
    (size,) = struct.unpack("<I", bytes(raw[8:12]))
    header = json.loads(bytes(raw[12 : 12 + size]))
    base = 12 + size
    arrays = {}
    for name, (dtype, offset, count) in header["arrays"].items():
        width = np.dtype(dtype).itemsize
        arrays[name] = raw[base + offset : base + offset + count * width].view(dtype)
    offsets = arrays.pop("bigram_offsets")
    first = np.repeat(np.arange(len(offsets) - 1, dtype=np.uint32), np.diff(offsets).astype(np.int64))
    arrays["bigram_keys"] = (first << np.uint32(16)) | arrays.pop("bigram_second").astype(np.uint32)
    # Probabilities as int32 so sums never overflow the stored int16/int8.
    for name in ("unigram", "backoff", "bigram_logprob"):
        arrays[name] = arrays[name].astype(np.int32)
    return Model({w: i for i, w in enumerate(words)}, words, int(header["known"]), arrays, float(header["quant"]))


def _tokens(doc: Document, m: Model) -> tuple[list[int], list[tuple[int, int, bool]]]:
    """Token ids (-1: breaks the context) and (start, end, lowercase) of each token."""
    ids = m.ids
    start_id, end_id = ids["<s>"], ids["</s>"]
    out: list[int] = [start_id]
    spans: list[tuple[int, int, bool]] = [(0, 0, False)]
    for t in _TOKEN.finditer(doc.prose):
        text = t.group()
        first = text[0]
        if first.isalpha():
            lower = text.lower().replace("’", "'")
            out.append(ids.get(lower, -1))
            spans.append((t.start(), t.end(), text == lower))
        elif first in ".!?\n":
            if out[-1] != start_id:
                out.extend((end_id, start_id))
                spans.extend(((0, 0, False), (0, 0, False)))
        else:
            out.append(-1)
            spans.append((0, 0, False))
    out.append(end_id)
    spans.append((0, 0, False))
    return out, spans


def misfits(doc: Document, margin: float = MARGIN) -> tuple[list[Misfit], int]:
    """The document's ill-fitting words (a neighbour better by more than ``margin``) and rare
    synonyms, and how many words were judged."""
    cached = doc.memo.get(("spin.misfits", margin))
    if cached is not None:
        return cached  # type: ignore[return-value]
    import numpy as np

    m = model()
    ids, spans = _tokens(doc, m)
    tok = np.array(ids, dtype=np.int64)
    lower = np.array([s[2] for s in spans], dtype=bool)
    prev, nxt = tok[:-2], tok[2:]
    mid = tok[1:-1]
    context = (prev >= 0) & (nxt >= 0) & (prev < m.known) & (nxt < m.known) & lower[1:-1]
    judged = int(((mid >= 0) & context).sum())
    rare = np.flatnonzero(context & (mid >= m.known)) + 1
    pos = np.flatnonzero(context & (mid >= 0) & (mid < m.known)) + 1
    out = [Misfit(spans[i][0], spans[i][1], doc.prose[spans[i][0] : spans[i][1]], "", 0.0) for i in rare]
    out.extend(_ill_fitting(doc, m, tok, pos, spans, margin))
    out.sort()
    result = (out, judged)
    doc.memo[("spin.misfits", margin)] = result
    return result


def _ill_fitting(doc: Document, m: Model, tok: Any, pos: Any, spans: list[tuple[int, int, bool]],
                 margin: float) -> list[Misfit]:
    """Positions ``pos`` where a thesaurus neighbour beats the word by more than ``margin``."""
    import numpy as np

    offsets, near = m.arrays["neighbour_offsets"], m.arrays["neighbours"]
    w, p, q = tok[pos], tok[pos - 1], tok[pos + 1]
    counts = (offsets[w + 1] - offsets[w]).astype(np.int64)
    keep = counts > 0
    w, p, q, pos, counts = w[keep], p[keep], q[keep], pos[keep], counts[keep]
    if not len(pos):
        return []
    left, seen_left = m.logprob(p, w)
    right, seen_right = m.logprob(w, q)
    base = left + right
    group = np.repeat(np.arange(len(pos)), counts)
    first = np.cumsum(counts) - counts
    cand = near[offsets[w][group] + (np.arange(int(counts.sum())) - first[group])].astype(np.int64)
    score = m.logprob(p[group], cand)[0] + m.logprob(cand, q[group])[0]
    best = np.maximum.reduceat(score, first)
    gain = best - base
    bad = np.flatnonzero((gain > margin) & ~(seen_left & seen_right))
    out = []
    for k in bad:
        lo, hi = int(first[k]), int(first[k] + counts[k])
        better = m.words[int(cand[lo + int(np.argmax(score[lo:hi]))])]
        s, e, _ = spans[int(pos[k])]
        out.append(Misfit(s, e, doc.prose[s:e], better, float(gain[k])))
    return out
