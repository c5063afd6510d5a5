"""Find repeated text inside one article in linear time: hashed paragraphs and word n-grams.

One scan (shared by NL101–NL104 through ``doc.memo``) finds verbatim repeated runs of paragraphs,
near-duplicate paragraphs (shingle containment through an inverted index whose lists are capped,
so no pair of paragraphs is ever compared wholesale), and long passages repeated inside other
sentences (8-word n-gram index, runs extended word by word).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newslint.document import Document, Span

_WORD = re.compile(r"\w+(?:['-]\w+)*")
_QUOTES = "\"“‘'«"
TITLE_SHARE = 0.3  # a shared run more than this share capitalised is a name or title, not copy
SHINGLE = 5  # words per shingle for near-duplicates
GRAM = 8  # words per n-gram that seeds a repeated passage
POSTINGS_CAP = 8  # a shingle in more paragraphs than this is boilerplate-like: ignored


def norm_words(text: str) -> list[str]:
    """Words after folding case, quotes and dashes (what "the same text" means here)."""
    # Only apostrophes matter inside words; str.replace runs at C speed, str.translate does not.
    return _WORD.findall(text.replace("’", "'").replace("‘", "'").lower())


@dataclass(frozen=True)
class Repeat:
    """Paragraphs ``first..last`` (indexes) repeat paragraphs ``orig_first..orig_last``."""

    first: int
    last: int
    orig_first: int
    orig_last: int


@dataclass
class Analysis:
    """What the scan found; indexes refer to ``doc.paragraphs``."""

    repeats: list[Repeat] = field(default_factory=list)
    near: list[tuple[int, int, float]] = field(default_factory=list)  # (para, earlier para, containment)
    passages: list[tuple[Span, Span, int]] = field(default_factory=list)  # (later sentence, earlier, words)


def analyse(doc: Document, min_words: int, near_threshold: float, passage_words: int) -> Analysis:
    """The repetition analysis of ``doc`` (computed once, shared by the repetition rules)."""
    key = ("repetition", min_words, near_threshold, passage_words)
    cached = doc.memo.get(str(key))
    if cached is not None:
        return cached  # type: ignore[return-value]
    paras = doc.paragraphs
    words = [norm_words(p.text) for p in paras]
    result = Analysis()
    covered = _repeats(words, min_words, result)
    quoted = [p.text.lstrip()[:1] in _QUOTES for p in paras]
    _near(words, quoted, covered, max(min_words, 15), near_threshold, result)
    flagged = covered | {n for n, _, _ in result.near}
    _passages(doc, flagged, passage_words, result)
    doc.memo[str(key)] = result
    return result


def _repeats(words: list[list[str]], min_words: int, out: Analysis) -> set[int]:
    """Verbatim repeats, merged into runs of consecutive paragraphs; returns the covered indexes."""
    keys = [" ".join(w) for w in words]
    first: dict[str, int] = {}
    last: dict[str, int] = {}
    covered: set[int] = set()
    i = 0
    while i < len(keys):
        j = last.get(keys[i]) if len(words[i]) >= min_words else None
        if j is None:
            first.setdefault(keys[i], i)
            last[keys[i]] = i
            i += 1
            continue
        # Extend against the most recent copy, so an article pasted four times gives three blocks.
        length = 1
        while i + length < len(keys) and j + length < i and keys[j + length] == keys[i + length]:
            length += 1
        for k in range(i, i + length):
            first.setdefault(keys[k], k)
            last[keys[k]] = k
        f = first[keys[i]]
        origin = f if keys[f : f + length] == keys[i : i + length] else j
        out.repeats.append(Repeat(i, i + length - 1, origin, origin + length - 1))
        covered.update(range(i, i + length))
        i += length
    return covered


def _near(words: list[list[str]], quoted: list[bool], skip: set[int], min_words: int, threshold: float,
          out: Analysis) -> None:
    """Paragraphs whose own shingles are mostly found in one earlier paragraph (a quote the story
    repeats, both copies opening with a quotation mark, is left alone)."""
    postings: dict[tuple[str, ...], list[int]] = {}
    shingles: list[set[tuple[str, ...]]] = []
    for i, ws in enumerate(words):
        # zip builds the n-gram tuples in C; a Python slice per shingle cost twice as much.
        own = set(zip(*(ws[k:] for k in range(SHINGLE)))) if len(ws) >= min_words else set()
        shingles.append(own)
        if own and i not in skip:
            shared: Counter[int] = Counter()
            for s in own:
                for j in postings.get(s, ()):
                    shared[j] += 1
            # Containment of this paragraph in the earlier one: how much of it is copy.
            best = max(shared.items(), key=lambda kv: kv[1], default=None)
            if best is not None:
                score = best[1] / len(own)
                if threshold <= score and " ".join(ws) != " ".join(words[best[0]]) and not quoted[i] & quoted[best[0]]:
                    out.near.append((i, best[0], score))
        for s in own:
            posting = postings.setdefault(s, [])
            if len(posting) < POSTINGS_CAP:
                posting.append(i)


def _passages(doc: Document, skip: set[int], min_run: int, out: Analysis) -> None:
    """Sentences that repeat a run of at least ``min_run`` words of an earlier sentence."""
    paras = doc.paragraphs
    index: dict[tuple[str, ...], tuple[int, int]] = {}
    sentences = doc.sentences
    sent_words = [norm_words(s.text) for s in sentences]

    para_of = _paragraph_of(sentences, paras)
    for si, ws in enumerate(sent_words):
        if para_of[si] not in skip and len(ws) >= min_run:
            found = _longest_run(si, ws, sent_words, index)
            if found is not None:
                tj, run, at = found
                capitals = [w[:1].isupper() for w in _WORD.findall(sentences[si].text.replace("’", "'"))]
                if sum(capitals[at : at + run]) > TITLE_SHARE * run:
                    continue
                shorter = min(len(ws), len(sent_words[tj]))
                if run >= min_run and run >= 0.4 * shorter and not _both_quoted(doc, sentences[si], sentences[tj]):
                    out.passages.append((sentences[si], sentences[tj], run))
        for k, gram in enumerate(zip(*(ws[j:] for j in range(GRAM)))):
            index.setdefault(gram, (si, k))


def _longest_run(si: int, ws: list[str], sent_words: list[list[str]],
                 index: dict[tuple[str, ...], tuple[int, int]]) -> tuple[int, int, int] | None:
    """(earlier sentence, run length, start in this sentence) of the longest shared run."""
    grams = list(zip(*(ws[j:] for j in range(GRAM))))
    if index.keys().isdisjoint(grams):
        return None  # the common case: nothing of this sentence was seen before
    best = None
    k = 0
    while k <= len(ws) - GRAM:
        hit = index.get(grams[k])
        if hit is None or hit[0] == si:
            k += 1
            continue
        tj, q = hit
        other = sent_words[tj]
        run = GRAM
        while k + run < len(ws) and q + run < len(other) and ws[k + run] == other[q + run]:
            run += 1
        if best is None or run > best[1]:
            best = (tj, run, k)
        k += run
    return best


def _paragraph_of(sentences: list[Span], paras: list[Span]) -> list[int]:
    out, p = [], 0
    for s in sentences:
        while p + 1 < len(paras) and paras[p].end <= s.start:
            p += 1
        out.append(p)
    return out


def _both_quoted(doc: Document, a: Span, b: Span) -> bool:
    """A refrain the story quotes twice is not scraper repetition."""
    return all(s.text.lstrip()[:1] in _QUOTES for s in (a, b))
