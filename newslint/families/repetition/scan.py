"""Find repeated text inside one article in linear time: hashed units and word n-grams.

The units are paragraphs, or lines where each line is a paragraph (repetition_units.py). One scan
(shared by NL101–NL104 through ``doc.memo``) finds verbatim repeated runs of units
(repetition_blocks.py), near-duplicate units (shingle containment: set operations against the
shingles seen so far, so only a unit mostly made of earlier text is compared with earlier ones),
and long passages repeated inside other sentences (8-word n-gram index, runs extended word by
word; only in an article where some 8-word run occurs twice, so most articles are never split
into sentences).
"""
from __future__ import annotations

import re
from array import array
from collections import Counter, deque
from dataclasses import dataclass, field
from itertools import filterfalse
from typing import TYPE_CHECKING

from newslint.families.repetition import tables
from newslint.families.repetition.blocks import Repeat, exact_keys, find_repeats
from newslint.families.repetition.tables import FirstSeen, Holders, run_hashes, twice
from newslint.families.repetition.units import is_template, units
from newslint.model.document import Span
from newslint.model.tokens import joined_split

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from newslint.model.document import Document

_WORD = re.compile(r"\w+(?:['-]\w+)*")
_QUOTES = "\"“‘'«"
TITLE_SHARE = 0.3  # a shared run more than this share capitalised is a name or title, not copy
SHINGLE = 5  # words per shingle for near-duplicates
GRAM = 8  # words per n-gram that seeds a repeated passage
NEAR_CANDIDATES = 8  # earlier paragraphs compared with a near-copy candidate, by shared shingles
NEAR_WINDOW = 200  # and the recent paragraphs tried one by one after them


def norm_words(text: str) -> list[str]:
    """Words after folding case, quotes and dashes (what "the same text" means here): see
    :func:`newslint.model.tokens.joined_split`."""
    return joined_split(text)


@dataclass
class Analysis:
    """What the scan found; indexes refer to ``units``."""

    units: Sequence[Span] = field(default_factory=list)
    repeats: list[Repeat] = field(default_factory=list)
    near: list[tuple[int, int, float]] = field(default_factory=list)  # (para, earlier para, containment)
    passages: list[tuple[Span, Span, int]] = field(default_factory=list)  # (later sentence, earlier, words)


def unit_words(doc: Document) -> list[array[int]]:
    """The normalised words of every unit, each as its id among the article's distinct words:
    equal words, equal ids, so every comparison of words and runs of words is the same. Not
    kept: the analysis, which the repetition rules share, is made once per document. As ids a
    word takes 4 bytes (a list of words 8 and more: 35 MB of a 20 MB article, issue 18)."""
    vocab: dict[str, int] = {}
    return [word_ids(norm_words(unit.text), vocab) for unit in units(doc)]


def word_ids(ws: list[str], vocab: dict[str, int]) -> array[int]:
    """The ids of ``ws`` in ``vocab`` (a new word gets the next id), as an array."""
    new = list(filterfalse(vocab.__contains__, dict.fromkeys(ws)))  # (keys() - keys() walks all of vocab)
    if new:
        vocab.update(zip(new, range(len(vocab), len(vocab) + len(new))))
    return array("i", map(vocab.__getitem__, ws))


def analyse(doc: Document, min_words: int, near_threshold: float, passage_words: int) -> Analysis:
    """The repetition analysis of ``doc`` (computed once, shared by the repetition rules)."""
    key = ("repetition", min_words, near_threshold, passage_words)
    cached = doc.memo.get(str(key))
    if cached is not None:
        return cached  # type: ignore[return-value]
    paras = units(doc)
    words = unit_words(doc)
    # A unit's words as one hash (the joined strings were another copy of the text, issue 18):
    # equal words give equal keys; within one article a 64-bit collision is not a concern.
    keys = list(map(hash, map(tuple, words)))
    result = Analysis(paras)
    template = [is_template(doc, p) for p in paras]
    counts = list(map(len, words))
    eligible = [n >= min_words and not t for n, t in zip(counts, template)]
    result.repeats = find_repeats(paras, exact_keys(paras, keys), counts, eligible)
    del keys
    covered = {k for r in result.repeats for k in range(r.first - (r.start is not None), r.last + 1)}
    quoted = [p.text.lstrip()[:1] in _QUOTES for p in paras]
    # Tables (their cells repeat by design) and template tags are never near-copies.
    exempt = {i for i, (p, t) in enumerate(zip(paras, template)) if t or _is_table(p.text)}
    with_repeats = _near(words, quoted, covered | exempt, max(min_words, 15), near_threshold, result)
    flagged = covered | exempt | {n for n, _, _ in result.near}
    involved = _units_with_repeated_gram(words, sorted(with_repeats), GRAM) if with_repeats - flagged else set()
    del words  # the passages are searched sentence by sentence, with their own words
    if involved - flagged:
        # A repeated passage starts with a repeated 8-word run: only the units holding one
        # are split into sentences, and most articles have none.
        _passages(doc, paras, sorted(involved), flagged, passage_words, result)
    doc.memo[str(key)] = result
    return result


def _units_with_repeated_gram(words: list[array[int]], among: list[int], size: int) -> set[int]:
    """Which units of ``among`` hold a run of ``size`` words that occurs twice among them.

    On a large article: the units holding one of the runs ``twice`` finds. Otherwise one dict
    from each run's hash to the first unit holding it (the same units); no unit's set is kept
    (they were most of the scan's memory on a large file)."""
    repeats = twice((words[i] for i in among), size)
    if repeats is not None:
        return {i for i, ws in zip(among, repeats.holding((words[i] for i in among), size)) if ws is not None}
    holder: dict[int, int] = {}
    found: set[int] = set()
    for i in among:
        repeated: set[int] = set()
        own = _grams(words[i], size, repeated)
        if repeated:
            found.add(i)
        again = holder.keys() & own  # iterates the smaller side
        if again:
            found.add(i)
            found.update(holder[g] for g in again)
        holder.update(dict.fromkeys(own - again if again else own, i))
    return found


def _grams(ws: Sequence[object], size: int, repeated: set[int]) -> set[int]:
    """The hashes of the ``size``-word runs of ``ws``; runs it holds twice are added to ``repeated``.

    zip builds each run's tuple in C and ``hash`` reduces it to an int at once: sets of ints take
    a third of the memory of sets of tuples (a 10 MB article holds two million runs) and are faster
    to intersect. Within one article a 64-bit collision is not a practical concern."""
    own = set(map(hash, zip(*[ws[k:] for k in range(size)])))
    if len(own) < len(ws) - size + 1:  # a run repeated inside the unit (rare)
        grams = list(map(hash, zip(*[ws[k:] for k in range(size)])))
        repeated.update(g for g, n in Counter(grams).items() if n > 1)
    return own


def _is_table(text: str) -> bool:
    """A Markdown or plain-text table: every line starts with a pipe."""
    return text.lstrip().startswith("|") and all(line.lstrip().startswith("|") for line in text.splitlines()
                                                 if line.strip())


def _near(words: list[array[int]], quoted: list[bool], skip: set[int], min_words: int, threshold: float,
          out: Analysis) -> set[int]:
    """Units whose own shingles are mostly found in one earlier unit (a quote the story repeats,
    both copies opening with a quotation mark, is left alone).

    Every step but the last runs in C: each unit's shingle set is intersected with the shingles
    seen so far (a dict from shingle to the first unit holding it), and only a unit mostly made
    of seen shingles, a rare candidate, is compared with earlier ones. Only the last
    ``NEAR_WINDOW`` units keep their shingle sets; an older candidate's are rebuilt from its
    words, so memory holds one entry per distinct shingle, not one set per unit.
    Returns the units holding a shingle that occurs twice in the article (only they can hold a
    repeated passage).
    """
    # One table for both questions (two took most of the scan's memory on a large file): each
    # shingle's first holder among the units of at least min_words when one holds it, else among
    # the units long enough for a passage. On a large article only the shingles that occur twice
    # are filed (the others are never seen again), in arrays (tables.py): the same holders.
    holders = Holders(twice((ws for ws in words if len(ws) >= GRAM), SHINGLE))
    recent: deque[tuple[int, set[int]]] = deque(maxlen=NEAR_WINDOW)
    involved: set[int] = set()
    for i, ws in enumerate(words):
        if len(ws) < GRAM:
            continue
        repeated: set[int] = set()
        own = _grams(ws, SHINGLE, repeated)
        seen_before = holders.meet(own, i)  # usually empty, so the tests below against it cost nothing
        if repeated or seen_before:
            involved.add(i)
            involved.update(seen_before.values())
        if len(ws) < min_words:
            continue
        seen = {s for s, j in seen_before.items() if len(words[j]) >= min_words} if seen_before else set()
        if i not in skip and seen and len(seen) >= threshold * len(own):
            best = _best_earlier(i, own, seen, seen_before, recent, words, min_words)
            if best is not None:
                j, score = best
                if threshold <= score and j not in skip and not quoted[i] & quoted[j]:
                    out.near.append((i, j, score))
        if len(seen) < len(seen_before):
            holders.file(seen_before.keys() - seen, i)  # a long unit now holds them first
        recent.append((i, own))
    return involved


def _best_earlier(i: int, own: set[int], seen: set[int], first: Mapping[int, int], recent: deque[tuple[int, set[int]]],
                  words: list[array[int]], min_words: int) -> tuple[int, float] | None:
    """(earlier unit, containment) of the earlier unit holding most of ``own``.

    The units where the seen shingles first appeared are the candidates; a copy of a copy may
    hold them spread over several, so the recent units are then tried one by one."""
    holders = Counter(first[s] for s in seen)
    window = dict(recent)
    tried = {j: window.get(j) for j, _ in holders.most_common(NEAR_CANDIDATES)}
    tried.update((j, own_j) for j, own_j in recent if j not in tried)
    best: tuple[int, int] | None = None
    for j, shingles in tried.items():
        if shingles is None:  # older than the window: rebuild its shingles from its words
            shingles = _grams(words[j], SHINGLE, set()) if len(words[j]) >= min_words else set()
        shared = len(own & shingles)
        if best is None or shared > best[1]:
            best = (j, shared)
    return None if best is None else (best[0], best[1] / len(own))


def _passages(doc: Document, paras: list[Span], involved: list[int], skip: set[int], min_run: int,
              out: Analysis) -> None:
    """Sentences (of the ``involved`` units) that repeat a run of at least ``min_run`` words
    of an earlier sentence.

    On a large article (memory, issue 18) the sentences are kept as offsets, not Spans (a Span
    and its text took 250 bytes a sentence), and only the runs that occur twice are filed in
    ``index`` (in arrays, tables.py), found in a first pass over the sentences' words; only the
    sentences holding one keep their words (another sentence can neither find an earlier run nor
    be found by a later one: the same passages)."""
    starts, ends, para_of = array("q"), array("q"), array("i")
    for p in involved:
        for sentence in doc.sentences_in(paras[p]):
            starts.append(sentence.start)
            ends.append(sentence.end)
            para_of.append(p)
    prose = doc.prose

    def span(si: int) -> Span:  # what doc.sentences_in gave: its text is the stripped prose
        return Span(starts[si], ends[si], prose[starts[si] : ends[si]].strip())

    vocab: dict[str, int] = {}

    def words(si: int) -> array[int]:  # (stripping spaces changes no word)
        return word_ids(norm_words(prose[starts[si] : ends[si]]), vocab)

    repeats = None
    if sum(paras[p].end - paras[p].start for p in involved) < 5 * tables.FILTER_RUNS:  # ~5 characters a word
        sent_words: list[array[int] | None] = [words(si) for si in range(len(starts))]
    else:
        repeats = twice(map(words, range(len(starts))), GRAM, minimum=0)
        sent_words = list(repeats.holding(map(words, range(len(starts))), GRAM))
    index = FirstSeen(repeats)  # hash of an 8-word run -> (sentence, word) where it first occurs
    for si, ws in enumerate(sent_words):
        if ws is None:
            continue  # it holds no run that occurs twice
        grams = list(run_hashes(ws, GRAM))
        hits = index.lookup(grams) if para_of[si] not in skip and len(ws) >= min_run else None
        # (None, the common case: nothing of this sentence was seen before.) A sentence whose
        # longest shared run is a name or a title is not filed: later ones are not compared with it.
        if hits is None or _passage(doc, paras, para_of, si, hits, sent_words, min_run, span, out):
            index.file(grams, si)


def _passage(doc: Document, paras: list[Span], para_of: Sequence[int], si: int, hits: list[tuple[int, int] | None],
             sent_words: Sequence[array[int] | None], min_run: int, span: Callable[[int], Span], out: Analysis) -> bool:
    """The passage sentence ``si`` repeats, if any (``hits``: where each of its runs was seen
    first); False when its longest shared run is mostly capitalised (a name or a title)."""
    ws = sent_words[si]
    assert ws is not None  # it holds a run that occurs twice
    found = _longest_run(si, ws, hits, sent_words)
    if found is None:
        return True
    tj, run, at, other_at = found
    mine, other = span(si), span(tj)
    capitals = [w[:1].isupper() for w in _WORD.findall(mine.text.replace("’", "'"))]
    if sum(capitals[at : at + run]) > TITLE_SHARE * run:
        return False
    shorter = min(len(ws), len(sent_words[tj]))  # type: ignore[arg-type]
    if run >= min_run and run >= 0.4 * shorter and not _both_quoted(doc, mine, other) \
            and not (_quoted_at(doc, paras[para_of[si]], mine, at)
                     and _quoted_at(doc, paras[para_of[tj]], other, other_at)):
        out.passages.append((mine, other, run))
    return True


def _longest_run(si: int, ws: array[int], hits: list[tuple[int, int] | None],
                 sent_words: Sequence[array[int] | None]) -> tuple[int, int, int, int] | None:
    """(earlier sentence, run length, start in this sentence, start in the earlier one) of the
    longest shared run; ``hits``: where each of its runs was seen first, if it was."""
    best = None
    k = 0
    while k <= len(ws) - GRAM:
        hit = hits[k]
        if hit is None or hit[0] == si or sent_words[hit[0]][hit[1] : hit[1] + GRAM] != ws[k : k + GRAM]:  # type: ignore[index]
            k += 1  # not seen, this sentence's own, or a hash collision
            continue
        tj, q = hit
        other = sent_words[tj]
        assert other is not None  # it holds a run that occurs twice
        run = GRAM
        while k + run < len(ws) and q + run < len(other) and ws[k + run] == other[q + run]:
            run += 1
        if best is None or run > best[1]:
            best = (tj, run, k, q)
        k += run
    return best


def _quoted_at(doc: Document, para: Span, sentence: Span, word: int) -> bool:
    """True when word number ``word`` of a sentence is inside quotation marks (counted from the
    start of its paragraph, as a quote may run over several sentences): news copy quotes a phrase
    in its opening paragraph and gives the whole quote later ('She said "the bridge will stay
    open"' … '"We have decided that the bridge will stay open…'), which is not pasted copy."""
    for n, m in enumerate(_WORD.finditer(sentence.text.replace("’", "'"))):
        if n == word:
            before = doc.prose[para.start : sentence.start + m.start()]  # a sentence's text starts at its start
            return (before.count('"') + before.count("“") + before.count("”")) % 2 == 1
    return False


def _both_quoted(doc: Document, a: Span, b: Span) -> bool:
    """A refrain the story quotes twice is not scraper repetition."""
    return all(s.text.lstrip()[:1] in _QUOTES for s in (a, b))
