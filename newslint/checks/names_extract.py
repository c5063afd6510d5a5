"""Person-name mentions: full names ("Leah Millis"), titled references ("Mr Qin", "Secretary
Blinken") and bare surname back-references, found in one pass and shared by the names rules.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from newslint.lazyre import lazy

if TYPE_CHECKING:
    from newslint.document import Document

# A capitalised word; an apostrophe only before a capital (O'Brien), so "Blinken's" is "Blinken".
_CAP = r"\p{Lu}\p{Ll}+(?:['’]\p{Lu}\p{Ll}+)?(?:-\p{Lu}?\p{Ll}+)?"
HONORIFICS = {"Mr", "Mrs", "Ms", "Miss", "Dr", "Prof", "Sir", "Dame", "Mx"}
TITLES = {"President", "Secretary", "Minister", "Senator", "Sen", "Rep", "Governor", "Gov", "Mayor", "Judge",
          "Justice", "General", "Gen", "Colonel", "Col", "Captain", "Capt", "Chancellor", "Premier", "Ambassador",
          "Commissioner", "Chairman", "Chairwoman", "Chair", "Director", "Professor", "Bishop", "Pope", "King",
          "Queen", "Prince", "Princess", "Coach", "Officer", "Detective", "Sergeant", "Lieutenant", "Envoy",
          "Spokesperson", "Spokesman", "Spokeswoman", "Representative", "Speaker", "Leader", "executive"}
# Runs of capitalised words; a title in front is read from the run itself ("President Joe Biden",
# "Mr Qin") or, when it ends in a full stop ("Mr. Qin") or is lowercase ("chief executive Jane
# Doe"), from the few characters before the run. A leading alternation of titles made the pattern
# try every title at every character, the slowest part of the names family.
# (?!\w) rather than \b: a name ends in a letter, so the two agree, and \b costs re four copies of
# regex's word set (newslint/regexcompat.py).
_MENTION = lazy(rf"(?P<name>{_CAP}(?:[ \t]+{_CAP}){{0,5}})(?!\w)")
# Plain ASCII: compiled by the standard library's re through the per-user cache (newslint/recache.py),
# and only when a run meets "Mr." or "executive" before a name (with ``regex``: 5 ms per run). Sorted
# by length, then by name: in the order of the set, which changes from run to run, the cache never
# found the pattern of the previous run (titles of one length cannot both match before one ".").
_TITLE_BEFORE = (
    rf"(?:\b(?P<dotted>{'|'.join(sorted(HONORIFICS | TITLES, key=lambda t: (-len(t), t)))})\.|\b(?P<lower>executive))[ \t]+$"
)
# Capitalised words that start or fill a name-like sequence but are not names.
NOT_NAMES = frozenset("""
The A An In On At For But And Or If When After Before During While Both Earlier Later Since Despite Instead
This That These Those There Their They He She It We You I His Her Its Our Your Who What Why How Where
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August
September October November December Today Yesterday Tomorrow News Update Breaking Photo Image Source
Department Ministry House Court University College School Party Street Road Avenue Council Committee Bank Sea
Strait River Hall Guesthouse Guest Republic Union States Kingdom Nations Office Agency Times Post Press Group
Inc Corp Ltd Airport Station Square Park Palace City Island Islands Province County State Federal National
International Foreign Defence Defense Justice Treasury Commerce Interior Home White Great People North South
East West New Old Central United European Asian African American Chinese Russian British French German
Japanese Indian Korean Israeli Iranian Ukrainian Taiwanese Pacific Atlantic Middle Cold War World Cup Olympic
Games Prize Award Act Law Day Week Month Year Centre Center Institute Foundation Association Organization
Organisation Company Corporation Airlines Motors Energy Health Security Services Forces Army Navy Air Force
Police Fire Service Communist Democratic Republican Labour Conservative Liberal Green Senate Congress
Parliament Assembly Cabinet Government Administration Embassy Consulate Hospital Church Mosque Temple Museum
Centre Stadium Club Fund Monetary Reserve Exchange Market Street Wall Silicon Valley Hill Capitol Pentagon
Kremlin Downing Diaoyutai Beijing Washington London Moscow Paris Tokyo China Taiwan Russia Ukraine Cuba Hong
Kong Singapore Indonesia Bali Vienna Indo Sino Microsoft Google Apple Twitter Facebook Reuters Getty AFP AP
According Meanwhile However Also Still Yet Even Now Then Here Once Last Next First Second Third Chief Deputy
Vice Acting Former Senior Top Special General Attorney Prime Minister President Secretary Mr Mrs Ms Dr
""".split())


_SKIP_WORDS = NOT_NAMES | TITLES | HONORIFICS  # words stripped from the front of a run


class Mention(NamedTuple):
    """A name in the text: ``given`` is empty for a surname-only reference; ``honorific`` when an
    honorific came before it. (A tuple: an article has dozens, and a frozen dataclass took four
    times as long to build.)"""

    start: int  # offset of the surname
    end: int
    given: str
    surname: str
    full: bool
    honorific: bool


def mentions(doc: Document) -> list[Mention]:
    """Every person-name mention of ``doc`` (computed once per document)."""
    cached = doc.memo.get("names.mentions")
    if cached is not None:
        return cached  # type: ignore[return-value]
    out: list[Mention] = []
    maybe: list[Mention] = []  # a lone capitalised word opening a sentence: a name only if known
    prose = doc.prose
    skip = _SKIP_WORDS
    # Most matches are one capitalised word that opens a sentence or a NOT_NAMES word ("The",
    # "According"): they are dropped with a set test before anything else is done for them.
    for m in _MENTION.finditer(prose):
        name = m.group()
        if name in skip:
            continue  # one word, and not a name ("The", "According", "President")
        start = m.start()
        title = None
        if " " in name or "\t" in name:
            words = name.split()
            while words and words[0] in skip:
                if words[0] in TITLES or words[0] in HONORIFICS:
                    title = words[0]
                words = words[1:]
            if not words or len(words) > 3 or any(w in NOT_NAMES for w in words):
                continue
            surname = words[-1]
            s_start = start + name.rindex(surname)
        else:  # one capitalised word, most matches: nothing to strip
            words = [name]
            surname = name
            s_start = start
        if title is None and start:
            head = prose[max(0, start - 16) : start]
            if head[-1:] in (" ", "\t") and head.rstrip(" \t").endswith((".", "executive")):
                before = _title_before().search(prose, max(0, start - 16), start)
                if before:
                    title = before.group("dotted") or before.group("lower")
        full = len(words) >= 2
        mention = Mention(s_start, s_start + len(surname), words[0] if full else "", surname, full,
                          title in HONORIFICS if title else False)
        if full or title or not _sentence_start(prose, s_start):
            out.append(mention)
        else:
            maybe.append(mention)
    known = {m.surname for m in out if m.full}
    out.extend(m for m in maybe if m.surname in known)
    out.sort(key=lambda m: m.start)
    doc.memo["names.mentions"] = out
    return out


@lru_cache(maxsize=1)
def _title_before() -> re.Pattern[str]:
    from newslint.recache import compile_pattern

    return compile_pattern(_TITLE_BEFORE)


def _sentence_start(prose: str, at: int) -> bool:
    before = prose[max(0, at - 3) : at].rstrip()
    return not before or before[-1] in ".!?\"“\n:"


def similar(a: str, b: str, shortest: int = 4) -> bool:
    """One edit apart (two for names of six letters or more), same first letter, both at least
    ``shortest`` letters (surnames: 4, so Li/Lu and Kim/Kin stay apart; given names: 3, Jon/John)."""
    if a == b or a[:1] != b[:1] or min(len(a), len(b)) < shortest:
        return False  # one letter is too much of "Li" or "Lu" to call them one name
    from rapidfuzz.distance import Levenshtein  # imported only once a pair needs comparing

    limit = 1 if min(len(a), len(b)) <= 5 else 2
    return Levenshtein.distance(a.lower(), b.lower()) <= limit
