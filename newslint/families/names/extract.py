"""Person-name mentions: full names ("Leah Millis"), titled references ("Mr Qin", "Secretary
Blinken") and bare surname back-references, found in one pass and shared by the names rules.

Each mention says whether the text gives evidence that it is a person (``person``): a given name
from the given-name list in front, a title, honorific or role noun before it, or an attribution
verb beside it. The rules compare only people; "Grand Slam", "Canadian" and "Bristol" have none.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from newslint.families.names.data import (
    FUNCTION_WORDS,
    GIVEN_NAME_HONORIFICS,
    HONORIFICS,
    NOT_NAMES,
    PEERAGE,
    ROLE_WORDS,
    SAID_AFTER,
    SAID_BEFORE,
    TITLES,
    inflected,
    is_given_name,
)
from newslint.model.lazyre import lazy

if TYPE_CHECKING:
    from collections.abc import Callable

    from newslint.model.document import Document

# A capitalised word: "O'Brien", "McCartney", "DiCaprio" and "Smith-Jones" count as one word; an
# apostrophe only before a capital, so "Blinken's" is "Blinken"; a hyphen only before a capital, so
# "Monica-based" is no name.
_CAP = r"\p{Lu}(?:['’]\p{Lu})?\p{Ll}+(?:\p{Lu}\p{Ll}+)?(?:['’]\p{Lu}\p{Ll}+)?(?:-\p{Lu}\p{Ll}+)?"
# Runs of capitalised words, with a middle initial allowed between two of them ("George W Bush").
# A title in front is read from the run itself ("President Joe Biden", "Mr Qin") or, when it ends
# in a full stop ("Mr. Qin") or is lowercase ("chief executive Jane Doe"), from the word before the
# run. (?!\w) rather than \b: a name ends in a letter, so the two agree, and \b costs re four copies
# of regex's word set (newslint/model/regexcompat.py).
_MENTION = lazy(rf"(?P<name>{_CAP}(?:[ \t]+(?:\p{{Lu}}\.?[ \t]+(?=\p{{Lu}}))?{_CAP}){{0,5}})(?!\w)")
_ALL_TITLES = TITLES | HONORIFICS | GIVEN_NAME_HONORIFICS
# Plain ASCII: compiled by the standard library's re through the per-user cache (newslint/model/recache.py),
# and only when a run meets "Mr." before a name. Sorted by length, then by name: in the order of the
# set, which changes from run to run, the cache never found the pattern of the previous run.
_TITLE_BEFORE = rf"\b(?P<dotted>{'|'.join(sorted(_ALL_TITLES, key=lambda t: (-len(t), t)))})\.[ \t]+$"
_SKIP_WORDS = NOT_NAMES | _ALL_TITLES  # words stripped from the front of a run


class Mention(NamedTuple):
    """A name in the text: ``given`` is empty for a surname-only reference. (A tuple: an article has
    dozens, and a frozen dataclass took four times as long to build.)"""

    start: int  # offset of the surname
    end: int
    given: str
    surname: str
    full: bool
    honorific: bool  # Mr, Ms, Dr ... before it
    title: str  # the title, honorific or role noun before it ("Secretary", "Mr", "leader"), or ""
    said: bool  # an attribution verb right after or right before it
    person: bool  # any evidence that it names a person


def mentions(doc: Document) -> list[Mention]:
    """Every person-name mention of ``doc`` (computed once per document)."""
    cached = doc.memo.get("names.mentions")
    if cached is not None:
        return cached  # type: ignore[return-value]
    out: list[Mention] = []
    maybe: list[tuple[int, str]] = []  # a lone capitalised word without evidence: kept if like a person's surname
    prose = doc.prose
    skip = _SKIP_WORDS
    # Most matches are one capitalised word that opens a sentence or a NOT_NAMES word ("The",
    # "According"): they are dropped with a set test, and a lone word costs a few string tests.
    for m in _MENTION.finditer(prose):
        name = m.group()
        if name in skip:
            continue  # one word, and not a name ("The", "According", "President")
        start = m.start()
        if " " in name or "\t" in name:
            mention = _read(prose, start, name)
            if mention is None:
                continue
            if mention.full or mention.person:
                out.append(mention)
            else:
                maybe.append((mention.start, mention.surname))  # "But Hartly", "The Blair"
        elif (mention := _lone(prose, start, name)) is not None:
            out.append(mention)
        else:
            maybe.append((start, name))
    _confirm_introductions(out)
    if maybe:
        _add_known(prose, out, maybe)
    out.sort(key=lambda m: m.start)
    doc.memo["names.mentions"] = out
    return out


def _lone(prose: str, start: int, name: str) -> Mention | None:
    """A lone capitalised word with evidence of a person: an initial ("M Horan"), a dotted honorific
    ("Mr. Qin") or an attribution verb ("Hartly said"); None without."""
    end = start + len(name)
    said = prose.startswith(SAID_AFTER, end) or prose.endswith(SAID_BEFORE, 0, start)
    if start > 1 and prose[start - 1] == " ":
        before = prose[start - 2]
        if before == "." or before.isupper():
            if _initial_before(prose, start):
                initial = before if before != "." else prose[start - 3]
                return Mention(start, end, initial, name, True, False, "", said, True)
            title = _title_before(prose, start) if before == "." else ""
            if title:
                return Mention(start, end, "", name, False, title in HONORIFICS, title, said, True)
    if said:
        return Mention(start, end, "", name, False, False, "", True, True)
    return None


def _confirm_introductions(out: list[Mention]) -> None:
    """Make people of the full names without evidence ("Volodymyr Zelensky spoke": a given name not
    on the list) whose surname, or a spelling one letter from it, the article gives a title, an
    honorific or an attribution verb ("Mr Zelensky", "Zelenskyy said"). Neither word may be an
    English word ("Real Madrid", "Manchester United ... Unite said" stay things)."""
    cued = {m.surname for m in out if m.person and not m.full}
    if not cued:
        return
    by_letter: dict[str, list[str]] = {}
    for surname in cued:
        by_letter.setdefault(surname[:1], []).append(surname)
    for i, m in enumerate(out):
        if m.full and not m.person and _cued(m.surname, by_letter) and _not_words(m.given, m.surname):
            out[i] = m._replace(person=True)


def _cued(surname: str, by_letter: dict[str, list[str]]) -> bool:
    near = [c for letter in initials(surname) for c in by_letter.get(letter, ())]
    return surname in near or any(spelled_alike(surname, c) and not inflected(surname, c) for c in near)


def _not_words(*words: str) -> bool:
    """Whether none of ``words`` is an ordinary English word (the spelling dictionary, loaded once,
    only when a candidate needs it)."""
    from newslint.families.spelling.data import dictionary

    known = dictionary()
    return not any(w.lower() in known for w in words)


def _add_known(prose: str, out: list[Mention], maybe: list[tuple[int, str]]) -> None:
    """Add the lone words without evidence that are the surname of a person named in full ("Brown"
    after "Rose Brown"), or one letter from it where a surname can stand ("Hartly" after "Dana Hartley")."""
    known = {m.surname for m in out if m.full and m.person}
    if not known:
        return
    by_letter: dict[str, list[str]] = {}
    for surname in known:
        by_letter.setdefault(surname[:1], []).append(surname)
    resembles: dict[str, bool] = {}  # the verdict of _like_known, once per distinct word
    for start, name in maybe:
        if name in known or (_like_known(name, by_letter, resembles)
                             and (_name_position(prose, start) or _opening_slip(prose, start, name))):
            out.append(Mention(start, start + len(name), "", name, False, False, "", False, True))


def _opening_slip(prose: str, at: int, word: str) -> bool:
    """Whether ``word``, one letter from an introduced surname, opens a sentence as a surname would
    ("Salahh was substituted"): it is no English word ("More" beside "John Moore" is one) and the
    article never puts it after an article or a preposition of place ("in Greece" beside "Maurice
    Greene")."""
    before = prose[max(0, at - 8) : at].rstrip().rstrip("\"“'‘").rstrip()
    if before and before[-1] not in ".!?\n":
        return False  # after a comma, a colon or a bracket: a list or a label, not a sentence
    after = prose[at + len(word) : at + len(word) + 3]
    if after[:1] in ",;" and after[2:3].isupper():
        return False  # the head of a list ("Dowson, Haughton, Monye"): each its own person
    return _not_words(word) and not any(f"{thing} {word}" in prose for thing in _THING_BEFORE)


# A capitalised word after these is a place or a thing far more often than a person ("in Greece",
# "the Scots", "Shaun of the Dead").
_THING_BEFORE = (" the", " a", " an", " in", " at", " from", " of", " into", " across", " near", " on")


def _name_position(prose: str, at: int) -> bool:
    """Whether a lone capitalised word at ``at`` stands where a surname could: not opening a sentence
    (where any word is capitalised) and not after an article or a preposition of place."""
    before = prose[max(0, at - 8) : at].rstrip()
    # After "," or ";" a lone surname is one of a list (a team sheet: "Canale, Masi, Nitoglia"), each its own person.
    return bool(before) and before[-1] not in ".!?\"“\n:;(," and not before.lower().endswith(_THING_BEFORE)


def _like_known(word: str, known: dict[str, list[str]], seen: dict[str, bool]) -> bool:
    """Whether ``word`` is one letter from the surname of a person named in full: "Hartly" after
    "Dana Hartley" (NL301 decides whether it is a slip). ``known``: surnames by first letter."""
    verdict = seen.get(word)
    if verdict is None:
        n = len(word)
        near = [k for letter in initials(word) for k in known.get(letter, ()) if abs(len(k) - n) <= 1]
        verdict = bool(near) and _may_be_surname(word) and any(
            spelled_alike(word, k) and not inflected(word, k) for k in near)
        seen[word] = verdict
    return verdict


@lru_cache(maxsize=1 << 14)
def _may_be_surname(word: str) -> bool:
    return word not in NOT_NAMES and not is_given_name(word)


def _read(prose: str, start: int, name: str) -> Mention | None:
    """The mention a run of two or more capitalised words makes, or None when it is no name."""
    parsed = _parse_run(name)
    if parsed is None:
        return None
    title, words, offset = parsed
    surname = words[-1]
    s_start = start + offset
    full = len(words) >= 2
    given = words[0] if full else ""
    if not full and not title and _initial_before(prose, s_start):
        given, full = prose[s_start - 2] if prose[s_start - 2] != "." else prose[s_start - 3], True  # "M Horan"
    if not full and title in GIVEN_NAME_HONORIFICS:
        return None  # "Sir Paul": a given name, not a surname
    if not title and start:
        title = _title_before(prose, start)
    end = s_start + len(surname)
    said = prose.startswith(SAID_AFTER, end) or prose.endswith(SAID_BEFORE, 0, start)
    person = bool(title) or said or (full and (len(given) == 1 or is_given_name(given)))
    return Mention(s_start, end, given, surname, full, title in HONORIFICS, title, said, person)


@lru_cache(maxsize=1 << 16)
def _parse_run(name: str) -> tuple[str, tuple[str, ...], int] | None:
    """The title, the name's words and the surname's offset in a run, or None when it is no name.
    Cached: the same runs ("Prime Minister Tony Blair") come back article after article."""
    title = ""
    words = [w for w in name.split() if len(w) > 2 or w[-1:] != "." and len(w) > 1]  # no initials
    qualified = False  # a word such as "American" or "Grand" stripped: "American Beauty" is no surname
    while words and words[0] in _SKIP_WORDS:
        if words[0] in _ALL_TITLES:
            title = words[0]
        elif words[0] not in FUNCTION_WORDS:
            qualified = True
        words = words[1:]
    # A title inside the run: "Work Secretary Alan Johnson", "Shadow Home Secretary David Davis".
    for i in range(len(words) - 2, -1, -1):
        if words[i] in _ALL_TITLES:
            title, words = words[i], words[i + 1 :]
            break
    if len(words) > 2 and not is_given_name(words[0]):
        words = _from_given_name(words)  # "Springboks John Smit", "Jefferson Parish Sheriff Harry Lee"
    if len(words) == 3 and not is_given_name(words[0]) and not _not_words(words[0]):
        words = words[1:]  # a capitalised job in front: "Composer Pyotr Tchaikovsky", "Skater Yulia Petrova"
    if not words or len(words) > 3 or any(w in NOT_NAMES for w in words):
        return None
    if qualified and len(words) == 1 and not title:
        return None
    return title, tuple(words), name.rindex(words[-1])


def _from_given_name(words: list[str]) -> list[str]:
    """The last two or three words of a run, from the first given name that leaves a name of that
    length; the run unchanged when there is none."""
    for i in range(1, len(words) - 1):
        if len(words) - i <= 3 and is_given_name(words[i]):
            return words[i:]
    return words


def _initial_before(prose: str, start: int) -> bool:
    """An initial right before ``start``: "M Horan", "F. Sheahan" (team lists, bylines); not "A"/"I"."""
    head = prose[max(0, start - 4) : start]
    if head.endswith(". "):
        head = head[:-2] + " "
    return (len(head) >= 2 and head[-1] == " " and head[-2].isupper() and head[-2] not in "AI"
            and (len(head) == 2 or not head[-3].isalpha()))


def _title_before(prose: str, start: int) -> str:
    """A dotted title ("Mr. Qin") or a lowercase role noun ("striker Wayne Rooney") before ``start``."""
    head = prose[max(0, start - 24) : start]
    if head[-1:] not in (" ", "\t"):
        return ""
    last = head.rsplit(None, 1)[-1] if head.strip() else ""
    if last in ROLE_WORDS or last[-1:] == "," and last[:-1] in ROLE_WORDS:
        return last.rstrip(",")  # "striker Wayne Rooney", "the mayor, Oleksandr Kovalenko"
    if last.endswith("."):
        before = _title_pattern().search(prose, max(0, start - 16), start)
        if before:
            return before.group("dotted")
    return ""


@lru_cache(maxsize=1)
def _title_pattern() -> re.Pattern[str]:
    from newslint.model.recache import compile_pattern

    return compile_pattern(_TITLE_BEFORE)


def similar(a: str, b: str, shortest: int = 4) -> bool:
    """One letter apart: dropped, doubled, changed, or (in names of five letters or more) two
    neighbours swapped; same first letter, both at least ``shortest`` letters (surnames: 4, so
    Li/Lu and Kim/Kin stay apart; given names: 3, Jon/John). Case-insensitive."""
    if a == b or a[:1] != b[:1] or min(len(a), len(b)) < shortest or abs(len(a) - len(b)) > 1:
        return False  # one letter is too much of "Li" or "Lu" to call them one name
    osa, levenshtein = _distances()
    a, b = a.lower(), b.lower()
    if levenshtein(a, b) <= 1:
        return True
    return min(len(a), len(b)) >= 5 and osa(a, b) <= 1  # Khan/Kahn are two families


# First letters that transliterations of one name trade (Gaddafi/Qaddafi, Karlsson/Carlsson,
# Iakovlev/Yakovlev/Jakovlev), and the letter some put in front (Tchaikovsky/Chaikovsky,
# Yevgeny/Evgeny). Pairs, not classes: Cole and Gole are not one name.
_TRADED = {"C": "KT", "K": "CQ", "Q": "KG", "G": "Q", "I": "Y", "J": "Y", "Y": "IJE", "E": "Y", "T": "C"}
_FRONT = ("tc", "ye")  # a leading letter of one spelling only: T before ch, Y before e


def initials(word: str) -> str:
    """The first letters a spelling of ``word`` may start with: its own, then those it trades."""
    return word[:1] + _TRADED.get(word[:1], "")


def spelled_alike(a: str, b: str) -> bool:
    """One letter apart (``similar``), or a transliteration that differs in its first letter only
    (Gaddafi/Qaddafi, Tchaikovsky/Chaikovsky); both at least five letters."""
    if similar(a, b):
        return True
    if a[:1] == b[:1] or min(len(a), len(b)) < 5 or b[:1] not in _TRADED.get(a[:1], ""):
        return False
    a, b = a.lower(), b.lower()
    if len(a) == len(b):
        return a[1:] == b[1:] and a[0] + b[0] not in ("tc", "ct", "ye", "ey")  # a traded letter
    short, long = sorted((a, b), key=len)
    return long[:2] in _FRONT and long[1:] == short


@lru_cache(maxsize=1)
def _distances() -> tuple[Callable[[str, str], int], Callable[[str, str], int]]:
    """rapidfuzz's OSA and Levenshtein distances, imported once a pair needs comparing."""
    from rapidfuzz.distance import OSA, Levenshtein

    return OSA.distance, Levenshtein.distance
