"""names (NL305): a person's name that the other files of a run spell another way."""
from __future__ import annotations

import sys
from array import array
from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Any, ClassVar

from newslint.families.names.data import inflected
from newslint.families.names.extract import mentions, similar
from newslint.model.diagnostic import Diagnostic, FixSafety
from newslint.api.rule import EXAMPLE_FILE_SEPARATOR, CorpusRule, RuleMeta

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping, Sequence

    from newslint.model.document import Document

_STORY = "Officials met in Geneva on Monday to discuss the new trade rules, according to a statement.\n\n"


class CorpusName(CorpusRule):
    """A spelling of a name that the rest of the repository spells another way."""

    meta: ClassVar[RuleMeta] = RuleMeta(
        code="NL305", name="corpus-name", category="names",
        summary="Name spelled differently elsewhere in the repository",
        what="Across all files of a run, flags a person's full name whose surname is one letter from "
             "the surname used with the same given name at least twice, and twice as often, elsewhere. "
             "Only names with evidence of a person count (a given name from the list, a title, an "
             "attribution verb), and plurals and peoples (All Black/All Blacks) are never paired. The "
             "message names the other spelling, not how often it is used, so it does not change with "
             "the other files of a run (baselines stay valid).",
        why="A content repository should spell a person one way in every article.",
        bad=_STORY + "Leah Millis took the photograph.\n" + EXAMPLE_FILE_SEPARATOR + "\n" + _STORY +
            "Leah Millis was there too.\n" + EXAMPLE_FILE_SEPARATOR + "\n" + _STORY + "Photograph by Leah Mellis.\n",
        good=_STORY + "Jon Smith spoke.\n" + EXAMPLE_FILE_SEPARATOR + "\n" + _STORY + "John Smyth spoke.\n",
        fix_safety=FixSafety.UNSAFE,
    )

    # collect() reads only the document (no other rule's findings): the engine takes the summary
    # as soon as this family's checkers are done and drops the family's doc.memo (memory, issue 18).
    collect_early = True

    def collect(self, doc: Document) -> Any:
        """The full-name mentions of the file: (given, surname, positions) per distinct name.

        The parent keeps this for every file of a run until the end, so it is compact: names
        interned (marshal keeps the mark; names repeat from file to file) and each name's
        (line, column) pairs packed into bytes."""
        positions: dict[tuple[str, str], array[int]] = {}
        people = [m for m in mentions(doc) if m.person]
        spellings = {m.surname for m in people}
        by_letter: dict[str, list[str]] = defaultdict(list)
        for s in spellings:
            by_letter[s[:1]].append(s)
        two_ways = {s for s in spellings if _spelled_two_ways_here(s, by_letter[s[:1]])}  # once per distinct surname
        for m in people:
            if m.full and len(m.given) > 1 and m.surname not in two_ways:
                # An initial is no given name ("G Bullock", "G Bulloch": maybe two people); a name the
                # file itself spells two ways is the article rule's (NL301), not reported twice.
                p = doc.position(m.start)
                key = (sys.intern(m.given), sys.intern(m.surname))
                positions.setdefault(key, array("I")).extend((p.line, p.column))
        if not positions:
            return None
        return doc.path, tuple((g, s, packed.tobytes()) for (g, s), packed in positions.items())

    def finish(self, summaries: Sequence[Any]) -> Iterator[Diagnostic]:
        """Flag spellings outnumbered two to one elsewhere in the corpus."""
        counts: Counter[tuple[str, str]] = Counter()
        for summary in summaries:
            counts.update(self.counts(summary))
        right_for = self.respellings(counts)
        found = [d for summary in summaries for d in self.report(summary, right_for)]
        yield from sorted(found, key=lambda d: d.sort_key)

    # finish() as a mergeable reduction (newslint/dask runs it on a cluster): counts() per summary,
    # added up; respellings() over the counts of each given name (it needs no other given name's);
    # report() of each summary against the respellings.

    @staticmethod
    def counts(summary: Any) -> Counter[tuple[str, str]]:
        """How often each (given, surname) occurs in one file's summary."""
        return Counter({(g, s): len(packed) // _PAIR for g, s, packed in summary[1]})

    @staticmethod
    def respellings(counts: Mapping[tuple[str, str], int]) -> dict[tuple[str, str], str]:
        """(given, surname) -> the spelling used instead, for every name outnumbered two to one by a
        similar surname of the same given name (``counts`` holds every surname of each given name)."""
        by_given: dict[str, set[str]] = defaultdict(set)
        for g, s in counts:
            by_given[g].add(s)
        out = {}
        for (given, surname), here in counts.items():  # each distinct name is compared once
            better = [s for s in by_given[given] if s != surname and similar(s, surname)
                      and not inflected(s, surname) and counts[(given, s)] >= max(2, 2 * here)]
            if better:
                # sorted: a tie goes to the same spelling in every process (a set's order is not)
                out[(given, surname)] = max(sorted(better), key=lambda s: counts[(given, s)])
        return out

    def report(self, summary: Any, right_for: Mapping[tuple[str, str], str]) -> Iterator[Diagnostic]:
        """The findings of one file's summary, given :meth:`respellings` of the whole corpus."""
        path, names = summary
        for given, surname, packed in names:
            right = right_for.get((given, surname))
            if right is None:
                continue
            numbers = array("I", packed)
            for line, column in zip(numbers[::2], numbers[1::2]):
                yield self.diagnostic(path, line, column, column + len(surname),
                                      f"'{given} {surname}' is spelled '{given} {right}' elsewhere in this repository")


def _spelled_two_ways_here(surname: str, same_letter: list[str]) -> bool:
    """Whether another spelling of the file, with the same first letter, is one letter from ``surname``."""
    n = len(surname)
    return any(abs(len(s) - n) <= 1 and similar(s, surname) and not inflected(s, surname) for s in same_letter)


_PAIR = 2 * array("I").itemsize  # bytes of one packed (line, column)


RULES = [CorpusName]
