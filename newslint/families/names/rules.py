"""names (NL301-NL303): a person's name spelled two ways in an article, a given name spelled two
ways, an honorific reference to no one; the house list (NL304) and the repository (NL305) are in
names_house.py and names_corpus.py.

Mentions come from names_extract.py; only mentions with evidence of a person are compared. Surnames
one letter apart (names_extract.similar) with the same first letter are spellings of one name; the
spelling of the full-name introduction is the reference. Fixes change wording: unsafe.
"""
from __future__ import annotations

import re

from collections import Counter, defaultdict
from typing import TYPE_CHECKING, ClassVar

from newslint.families.names.corpus import CorpusName
from newslint.families.names.data import inflected
from newslint.families.names.extract import Mention, initials, mentions, similar, spelled_alike
from newslint.families.names.house import HouseName
from newslint.model.diagnostic import Diagnostic, FixSafety, Severity
from newslint.api.rule import Rule, RuleMeta

if TYPE_CHECKING:
    from collections.abc import Iterator

    from newslint.model.document import Document

_STORY = "Officials met in Geneva on Monday to discuss the new trade rules, according to a statement.\n\n"


def _replace(doc: Document, meta: RuleMeta, m: Mention, right: str, message: str) -> Diagnostic:
    return doc.diagnostic(meta, m.start, m.end, message, edits=[doc.edit(m.start, m.end, right)],
                          fix_description=f"Replace with '{right}'")


class InconsistentName(Rule):
    """A surname spelled two ways for the same person in one article."""

    meta: ClassVar[RuleMeta] = RuleMeta(
        code="NL301", name="inconsistent-name", category="names",
        summary="Person's name spelled two ways",
        what="Compares only people: a run of capitals counts as a person with a given name from the "
             "shipped list, a title, honorific or role noun before it (\"Work Secretary Alan Johnson\", "
             "\"striker Wayne Rooney\") or an attribution verb beside it (\"Hartly said\"). The spelling of "
             "the full-name introduction is the reference: a later surname one letter from it (dropped, "
             "doubled, changed or swapped letter, or a transliteration trading the first letter: "
             "Gaddafi/Qaddafi) is flagged, even used once or opening a sentence, with the introduced "
             "spelling as an unsafe fix. Two people introduced with different given names (Jon Smith, "
             "John Smyth), a surname's masculine and feminine forms (Petrov/Petrova), team sheets, an "
             "office named by title (President Reagan beside Donald Regan, and then \"Reagan\" throughout), "
             "countries and peoples "
             "(Canada/Canadian), plurals and places are left alone.",
        why="A misspelled name is the error readers, and the people named, notice first; spell "
            "checkers cannot see it because every name is an unknown word to them.",
        bad=_STORY + "Secretary Antony Blinken arrived on Sunday. Blinken met officials on Monday, and "
            "Blinkin left on Tuesday.\n",
        good=_STORY + "Jon Smith, a farmer, and John Smyth, a banker, both spoke. Smith said prices were "
             "too low; Smyth disagreed.\n",
        fix_safety=FixSafety.UNSAFE,
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        """Flag each mention of a spelling that is a slip of an introduced surname."""
        people = people_of(doc)
        right_for = {x: y for x in people.counts if (y := people.reference_for(x))}
        for m in people.found:
            right = right_for.get(m.surname)
            if right:
                yield _replace(doc, self.meta, m, right,
                               f"'{m.surname}' is spelled '{right}' where this article introduces "
                               f"'{people.first_given[right]} {right}'")


def people_of(doc: Document) -> _People:
    """The people of ``doc`` (computed once per document, shared by the names rules)."""
    cached = doc.memo.get("names.people")
    if cached is None:
        cached = doc.memo["names.people"] = _People(mentions(doc), doc.prose)
    return cached  # type: ignore[no-any-return]


class _People:
    """The people of one article: their mentions, and the surnames introduced with a given name."""

    def __init__(self, found: list[Mention], prose: str = "") -> None:
        self.prose = prose
        self.found = [m for m in found if m.person]
        self.counts = Counter(m.surname for m in self.found)
        self.intro: dict[str, set[str]] = defaultdict(set)  # surname → given names it is introduced with
        self.first: dict[str, int] = {}  # surname → offset of its first introduction
        self.first_given: dict[str, str] = {}
        self.titles: dict[str, set[str]] = defaultdict(set)  # spelling → titles it is used with
        self.said: set[str] = set()  # spellings used with an attribution verb or an honorific
        for m in self.found:
            if m.full:
                self.intro[m.surname].add(m.given)
                self.first.setdefault(m.surname, m.start)
                self.first_given.setdefault(m.surname, m.given)
            self.titles[m.surname].add(m.title)
            if m.said or m.honorific:
                self.said.add(m.surname)
        # "Mr X said" used once: what NL303 checks.
        self.lone_said = [m for m in self.found if m.honorific and m.said and not m.full]
        self.givens = {g for gs in self.intro.values() for g in gs}
        # spelled_alike() needs the same first letter or a traded one (initials()): a spelling meets
        # only the introduced surnames starting with one of those.
        self.by_letter: dict[str, list[str]] = defaultdict(list)
        for surname in self.intro:
            self.by_letter[surname[:1]].append(surname)

    def reference_for(self, x: str) -> str | None:
        """The introduced surname that ``x`` misspells, or None."""
        if x in self.givens and x not in self.intro:
            return None  # a given name used alone ("Steven", "Sir Elton")
        best = None
        for y in (y for letter in initials(x) for y in self.by_letter.get(letter, ())):
            if y == x or not spelled_alike(x, y) or inflected(x, y) or not self._slip(x, y):
                continue
            if best is None or self.counts[y] > self.counts[best]:
                best = y
        return best

    def _uses(self, word: str) -> int:
        """How often ``word`` stands in the text as a word of its own, person or not (only for the
        few spellings that are one letter from an introduced surname)."""
        pattern = re.compile(rf"(?<![\w'’-]){re.escape(word)}(?![\w-])")
        return sum(1 for _ in pattern.finditer(self.prose))

    def _slip(self, x: str, y: str) -> bool:
        """Whether spelling ``x`` is a slip for introduced ``y`` rather than someone else."""
        counts = self.counts
        if x in self.intro:  # both introduced in full
            if not self.intro[x] & self.intro[y]:
                return False  # Jon Smith and John Smyth: two people
            return counts[x] < counts[y] or (counts[x] == counts[y] and self.first[x] > self.first[y])
        if counts[x] > 2 * counts[y]:
            return False  # used far more than the introduction: perhaps a person never introduced
        if self.titles[x] - self.titles[y] - {""} and self._uses(x) >= max(3, self._uses(y)):
            return False  # "President Reagan", then "Reagan" five times, beside "Donald Regan": an office
            # and a spelling used throughout are someone else, not a slip
        if x not in self.said and "" not in self.titles[x] and not self.titles[x] & self.titles[y]:
            return False  # "President Reagan" beside "Donald Regan": an office names its own person
        return True


class GivenNameVariant(Rule):
    """Two given names for one surname, such as "Jon Smith" once among several "John Smith"."""

    meta: ClassVar[RuleMeta] = RuleMeta(
        code="NL302", name="given-name-variant", category="names",
        summary="Given name spelled two ways",
        what="For a surname introduced with one given name at least twice, flags a single full-name "
             "mention with a near-identical given name (one or two edits: Jon/John, Steven/Stephen).",
        why="The same person's first name spelled two ways is a correction waiting to happen.",
        bad=_STORY + "John Smith spoke first. John Smith then took questions. Later, Jon Smith left early.\n",
        good=_STORY + "Ahmed Khan and his brother Ahmad Khan both spoke, and Ahmed Khan answered questions.\n",
        severity=Severity.INFO, fix_safety=FixSafety.UNSAFE,
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        """Flag the lone variant when the other spelling is used at least twice."""
        full = [m for m in mentions(doc) if m.full and m.person]
        counts = Counter((m.surname, m.given) for m in full)
        by_surname: dict[str, list[str]] = defaultdict(list)
        for surname, given in counts:
            by_surname[surname].append(given)
        for m in full:
            if counts[(m.surname, m.given)] != 1:
                continue
            for other in by_surname[m.surname]:
                if other != m.given and counts[(m.surname, other)] >= 2 and similar(m.given, other, 3):
                    if any(o.surname == m.surname and o.given == other and _same_sentence(doc, o, m) for o in full):
                        break  # "Ahmed Khan and his brother Ahmad Khan": two people, side by side
                    start = m.start - len(m.given) - 1
                    if doc.prose[start : m.start - 1] != m.given:
                        break
                    yield doc.diagnostic(self.meta, start, start + len(m.given),
                                         f"'{m.given} {m.surname}' is '{other} {m.surname}' elsewhere in this article",
                                         edits=[doc.edit(start, start + len(m.given), other)],
                                         fix_description=f"Replace with '{other}'")
                    break


def _same_sentence(doc: Document, a: Mention, b: Mention) -> bool:
    lo, hi = sorted((a.start, b.start))
    between = doc.prose[lo:hi]
    return not any(mark in between for mark in (". ", "! ", "? ", "\n"))


class UnintroducedName(Rule):
    """"Mr X said" where no X was ever named in full."""

    meta: ClassVar[RuleMeta] = RuleMeta(
        code="NL303", name="unintroduced-name", category="names",
        summary="Honorific reference to someone never named in full",
        what="Flags \"Mr X said\", \"Ms X told\" (an honorific and an attribution verb) used once when the "
             "article introduces people but names no one called X (or a near spelling of X) in full: "
             "often a mistranslated or mangled name. Characters and stage names (\"Dr Dre\", \"Miss "
             "Marple\") and people referred to repeatedly are left alone.",
        why="Readers cannot tell who \"Mr Chen\" is if no Chen was introduced.",
        bad=_STORY + "Foreign Minister Qin Gang met the envoy. Mr Chen said the talks were useful.\n",
        good=_STORY + "Foreign Minister Qin Gang met the envoy. Mr Qin said the talks were useful. The film "
             "Dr No was shown.\n",
        severity=Severity.INFO,
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        """Flag a single honorific reference, with an attribution verb, whose surname matches no one named."""
        found = mentions(doc)
        people = people_of(doc)
        if not people.intro or not people.lone_said:
            return  # no one introduced to check against, or no "Mr X said" to check
        # Any full name counts as naming someone here, with evidence of a person or not ("PBS' Jacoba Atlas").
        known = {m.surname for m in found if m.full} | {m.given for m in found if m.full}
        for m in people.lone_said:
            if (people.counts[m.surname] == 1
                    and not any(k == m.surname or spelled_alike(k, m.surname) for k in known)):
                yield doc.diagnostic(self.meta, m.start, m.end,
                                     f"'{m.title} {m.surname}' matches no one introduced in this article")


RULES = [InconsistentName, GivenNameVariant, UnintroducedName, HouseName, CorpusName]
