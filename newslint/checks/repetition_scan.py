"""Find repeated text inside one article in linear time: hashed paragraphs and word n-grams.

One scan (shared by NL101–NL104 through ``doc.memo``) finds verbatim repeated runs of paragraphs,
near-duplicate paragraphs (shingle containment: set operations against the shingles seen so far,
so only a paragraph mostly made of earlier text is compared with earlier paragraphs), and long
passages repeated inside other sentences (8-word n-gram index, runs extended word by word; only in
an article where some 8-word run occurs twice, so most articles are never split into sentences).
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from itertools import filterfalse
from typing import TYPE_CHECKING

from newslint.phrases import TYPOGRAPHY, resplit, spaced_words, split_odd

if TYPE_CHECKING:
    from newslint.document import Document, Span

_WORD = re.compile(r"\w+(?:['-]\w+)*")
_QUOTES = "\"“‘'«"
TITLE_SHARE = 0.3  # a shared run more than this share capitalised is a name or title, not copy
SHINGLE = 5  # words per shingle for near-duplicates
GRAM = 8  # words per n-gram that seeds a repeated passage
NEAR_CANDIDATES = 8  # earlier paragraphs compared with a near-copy candidate, by shared shingles
NEAR_WINDOW = 200  # and the recent paragraphs tried one by one after them


# The usual typographic separators, but for the curly apostrophes, which join words here.
_MARKS = tuple(mark for mark in TYPOGRAPHY if mark not in "‘’")


def norm_words(text: str) -> list[str]:
    """Words after folding case, quotes and dashes (what "the same text" means here).

    The same list as ``_WORD.findall`` on the folded text, split faster: ASCII punctuation becomes
    spaces in one ``bytes.translate`` and ``split`` does the rest (no word can cross a space);
    only the distinct tokens that are not all letters and digits (an apostrophe, a hyphen, an
    accent mark) go through the pattern, and the list is rebuilt only if one of them splits."""
    # Only apostrophes matter inside words; str.replace runs at C speed, str.translate does not.
    folded = text.replace("’", "'").replace("‘", "'").lower()
    # ASCII characters that can be in no word of _WORD become spaces ("'" and "-" join words here).
    tokens = spaced_words(folded, "_'-", _MARKS).decode("utf-8", "surrogatepass").split()
    tokens = resplit(tokens, split_odd(filterfalse(str.isalnum, tokens), _WORD))
    # Interned: an article repeats a small vocabulary, and one string per occurrence took nine
    # times the article's size in memory.
    return list(map(sys.intern, tokens))


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


def paragraph_words(doc: Document) -> list[list[str]]:
    """The normalised words of every paragraph (split once, shared with NL105 via ``doc.memo``)."""
    cached = doc.memo.get("repetition.words")
    if cached is None:
        cached = doc.memo["repetition.words"] = [norm_words(p.text) for p in doc.paragraphs]
    return cached  # type: ignore[no-any-return]


def analyse(doc: Document, min_words: int, near_threshold: float, passage_words: int) -> Analysis:
    """The repetition analysis of ``doc`` (computed once, shared by the repetition rules)."""
    key = ("repetition", min_words, near_threshold, passage_words)
    cached = doc.memo.get(str(key))
    if cached is not None:
        return cached  # type: ignore[return-value]
    paras = doc.paragraphs
    words = paragraph_words(doc)
    keys = [" ".join(w) for w in words]
    result = Analysis()
    covered = _repeats(keys, words, min_words, result)
    quoted = [p.text.lstrip()[:1] in _QUOTES for p in paras]
    with_repeats = _near(words, keys, quoted, covered, max(min_words, 15), near_threshold, result)
    flagged = covered | {n for n, _, _ in result.near}
    involved = _paragraphs_with_repeated_gram(words, sorted(with_repeats), GRAM) if with_repeats - flagged else set()
    if involved - flagged:
        # A repeated passage starts with a repeated 8-word run: only the paragraphs holding one
        # are split into sentences, and most articles have none.
        _passages(doc, sorted(involved), flagged, passage_words, result)
    doc.memo[str(key)] = result
    return result


def _paragraphs_with_repeated_gram(words: list[list[str]], among: list[int], size: int) -> set[int]:
    """Which paragraphs of ``among`` hold a run of ``size`` words that occurs twice among them."""
    seen: set[int] = set()
    repeated: set[int] = set()
    grams_of: dict[int, set[int]] = {}
    for i in among:
        own = _grams(words[i], size, repeated)
        repeated |= own & seen
        seen |= own
        grams_of[i] = own
    if not repeated:
        return set()
    return {i for i, own in grams_of.items() if not own.isdisjoint(repeated)}


def _grams(ws: list[str], size: int, repeated: set[int]) -> set[int]:
    """The hashes of the ``size``-word runs of ``ws``; runs it holds twice are added to ``repeated``.

    zip builds each run's tuple in C and ``hash`` reduces it to an int at once: sets of ints take
    a third of the memory of sets of tuples (a 10 MB article holds two million runs) and are faster
    to intersect. Within one article a 64-bit collision is not a practical concern."""
    own = set(map(hash, zip(*[ws[k:] for k in range(size)])))
    if len(own) < len(ws) - size + 1:  # a run repeated inside the paragraph (rare)
        grams = list(map(hash, zip(*[ws[k:] for k in range(size)])))
        repeated.update(g for g, n in Counter(grams).items() if n > 1)
    return own


def _repeats(keys: list[str], words: list[list[str]], min_words: int, out: Analysis) -> set[int]:
    """Verbatim repeats, merged into runs of consecutive paragraphs; returns the covered indexes."""
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


def _near(words: list[list[str]], keys: list[str], quoted: list[bool], skip: set[int], min_words: int,
          threshold: float, out: Analysis) -> set[int]:
    """Paragraphs whose own shingles are mostly found in one earlier paragraph (a quote the story
    repeats, both copies opening with a quotation mark, is left alone).

    Every step but the last runs in C: each paragraph's shingle set is intersected with the
    shingles seen so far (a dict from shingle to the first paragraph holding it), and only a
    paragraph mostly made of seen shingles, a rare candidate, is compared with earlier ones.
    Returns the paragraphs holding a shingle that occurs twice in the article (only they can
    hold a repeated passage).
    """
    first: dict[int, int] = {}
    seen_all: set[int] = set()  # first's keys as a set: "&" on a keys view copies it
    shingles: list[set[int]] = []
    every: set[int] = set()  # shingles of every paragraph long enough for a passage
    repeated: set[int] = set()
    owns: dict[int, set[int]] = {}
    for i, ws in enumerate(words):
        own = _grams(ws, SHINGLE, repeated) if len(ws) >= GRAM else set()
        seen_before = own & every  # usually empty, so the tests below against it cost nothing
        if own:
            repeated |= seen_before
            every |= own
            owns[i] = own
        if len(ws) < min_words:
            shingles.append(set())
            continue
        shingles.append(own)
        # seen_all holds only shingles of paragraphs long enough to be here, all of them in every.
        seen = seen_before & seen_all if seen_before else seen_before
        if i not in skip:
            if seen and len(seen) >= threshold * len(own):
                best = _best_earlier(i, own, seen, first, shingles)
                if best is not None:
                    j, score = best
                    if threshold <= score and keys[i] != keys[j] and not quoted[i] & quoted[j]:
                        out.near.append((i, j, score))
        first.update(dict.fromkeys(own - seen if seen else own, i))
        seen_all |= own
    if not repeated:
        return set()
    return {i for i, own in owns.items() if not own.isdisjoint(repeated)}


def _best_earlier(i: int, own: set[int], seen: set[int], first: dict[int, int],
                  shingles: list[set[int]]) -> tuple[int, float] | None:
    """(earlier paragraph, containment) of the earlier paragraph holding most of ``own``.

    The paragraphs where the seen shingles first appeared are the candidates; a copy of a copy may
    hold them spread over several, so the recent paragraphs are then tried one by one."""
    holders = Counter(first[s] for s in seen)
    tried = [j for j, _ in holders.most_common(NEAR_CANDIDATES)]
    tried += [j for j in range(max(0, i - NEAR_WINDOW), i) if j not in holders and shingles[j]]
    best = max(((j, len(own & shingles[j])) for j in tried), key=lambda c: c[1], default=None)
    return None if best is None else (best[0], best[1] / len(own))


def _passages(doc: Document, involved: list[int], skip: set[int], min_run: int, out: Analysis) -> None:
    """Sentences (of the ``involved`` paragraphs) that repeat a run of at least ``min_run`` words
    of an earlier sentence."""
    paras = doc.paragraphs
    index: dict[tuple[str, ...], tuple[int, int]] = {}
    sentences: list[Span] = []
    para_of: list[int] = []
    for p in involved:
        own = doc.sentences_in(paras[p])
        sentences += own
        para_of += [p] * len(own)
    sent_words = [norm_words(s.text) for s in sentences]
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


def _both_quoted(doc: Document, a: Span, b: Span) -> bool:
    """A refrain the story quotes twice is not scraper repetition."""
    return all(s.text.lstrip()[:1] in _QUOTES for s in (a, b))
