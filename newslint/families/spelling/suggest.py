"""Is an unknown word a plausible typo, and what should it read? One verdict per distinct word.

A word that no dialect's list knows is flagged only when

- codespell lists it as a known misspelling (its corrections are the suggestions, and the fix is
  safe only where codespell itself would apply it: exactly one correction, no reason given), or
- it is rare itself (under one use in ten million words of wordfreq's English: typos of real
  copy are; foreign words, slang and new terms are not) and has a close candidate (one edit for
  words of up to five letters, two beyond) that is a known word at least 100 times as frequent.

A compound of two common known words (ringtone, frontman) and a known word with a productive
prefix or suffix (unpatched, renationalisation, freakery) are read as new words, not typos. Verdicts are cached for the life of the process, so a run computes each distinct word's
candidates once, however many documents and occurrences it has.
"""
from __future__ import annotations

from typing import NamedTuple

from newslint.families.spelling import data

MARGIN = 2.0           # Zipf units: a candidate must be 10**2 = 100 times as frequent
MIN_GUESS_LENGTH = 4   # shorter unknown words are abbreviations far more often than typos
# Longer "words" are junk (a URL's path, letters glued by a fix), not typos; and one-edit
# candidates cost ~54 strings of the word's length per letter: a 10,000-letter token took 27 s
# and 5 GB (issue 22).
MAX_GUESS_LENGTH = 30
COMMON_PART = 3.0     # Zipf of each half of a compound (one use in a million words)
MAX_VERDICTS = 100_000  # distinct words remembered per process (random junk must not grow it forever)


class Verdict(NamedTuple):
    """What NL601 says about a word: suggestions, best first, and whether the first is a safe fix."""

    suggestions: tuple[str, ...]
    safe: bool
    known: bool  # a known misspelling (codespell) rather than a frequency-based guess


_VERDICTS: dict[str, Verdict | None] = {}


def verdict(word: str) -> Verdict | None:
    """The verdict on ``word`` (a lowercase ASCII word no dialect knows), computed once."""
    try:
        return _VERDICTS[word]
    except KeyError:
        pass
    if len(_VERDICTS) >= MAX_VERDICTS:
        _VERDICTS.clear()
    found = _VERDICTS[word] = _judge(word)
    return found


def _judge(word: str) -> Verdict | None:
    known = data.misspelling(word)
    if known is not None:
        return Verdict(known.corrections, known.automatic, True)
    if not MIN_GUESS_LENGTH <= len(word) <= MAX_GUESS_LENGTH or word in data.frequencies() or is_compound(word) or is_derived(word):
        return None
    ranked = candidates(word)
    return Verdict(tuple(ranked[:3]), False, False) if ranked else None


def candidates(word: str) -> list[str]:
    """Known words close to ``word`` and much more frequent, closest then most frequent first.

    One edit: every string one edit away (about 54 per letter) is looked up in the pool. Two
    edits, only for words of six letters or more that have no one-edit candidate: rapidfuzz
    compares ``word`` in C with the pool's words of a similar length (optimal string alignment:
    a swap of two neighbours is one edit)."""
    freq = data.frequencies()
    floor = freq.get(word, 0.0) + MARGIN
    near = [c for c in data.candidate_pool().intersection(edits1(word)) if freq[c] >= floor]
    if near or len(word) <= 5:
        return sorted(near, key=lambda c: (-freq[c], c))
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    pool = data.pool_by_length()
    found: list[tuple[float, str]] = []
    for length in range(len(word) - 2, len(word) + 3):
        for choice, _, _ in process.extract(word, pool.get(length, ()), scorer=OSA.distance,
                                            score_cutoff=2, limit=None):
            if freq[choice] >= floor:
                found.append((-freq[choice], choice))
    return [c for _, c in sorted(found)]


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def edits1(word: str) -> set[str]:
    """Every string one deletion, swap of neighbours, replacement or insertion from ``word``."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out.update(a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1)
    out.update(a + c + b[1:] for a, b in splits if b for c in _LETTERS)
    out.update(a + c + b for a, b in splits for c in _LETTERS)
    out.discard(word)
    return out


_PREFIXES = ("anti", "co", "counter", "cyber", "de", "dis", "inter", "mega", "micro", "mis", "multi", "non",
             "out", "over", "post", "pre", "re", "semi", "sub", "super", "un", "under")
_SUFFIXES = ("able", "ed", "er", "ers", "ery", "ing", "ish", "ism", "ist", "ists", "less", "ly", "ness", "y")


def is_derived(word: str) -> bool:
    """True when ``word`` is a known word (four letters or more) with a productive prefix
    (un+patched, re+nationalisation) or suffix (freak+ery, weblog+g+er, whizz+y)."""
    known = data.dictionary()
    house = data.house_words()

    def real(stem: str, least: int = 4) -> bool:
        return len(stem) >= least and (stem in known or stem in house)

    if any(word.startswith(p) and real(word[len(p):]) for p in _PREFIXES):
        return True
    for suffix in _SUFFIXES:
        if word.endswith(suffix):
            stem = word[: -len(suffix)]
            least = 5 if suffix == "y" else 4  # plan+y is "plany", a typo of "plenty"
            doubled = len(stem) > 1 and stem[-1] == stem[-2]
            if real(stem, least) or real(stem + "e", least) or (doubled and real(stem[:-1], least)):
                return True
    return False


def is_compound(word: str) -> bool:
    """True when ``word`` is two common known words (three letters or more each) run together."""
    pool = data.candidate_pool()
    freq = data.frequencies()

    def common(part: str) -> bool:
        return freq.get(part, 0.0) >= COMMON_PART and part in pool

    return any(common(word[:cut]) and common(word[cut:]) for cut in range(3, len(word) - 2))
