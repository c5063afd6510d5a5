"""names (NL3xx): a person's name spelled two ways, a name against the house list, across the repo.

Mentions come from names_extract.py. Thresholds: surnames one edit apart (two for names of six
letters or more) with the same first letter are spellings of one name; a spelling is flagged when
another spelling of the same person is used more often. Fixes change wording: unsafe.
"""
from __future__ import annotations

import sys
from array import array
from collections import Counter, defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from newslint.checks.names_extract import Mention, mentions, similar
from newslint.diagnostic import Diagnostic, FixSafety, Severity
from newslint.rule import EXAMPLE_FILE_SEPARATOR, CorpusRule, Rule, RuleMeta

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from newslint.document import Document

_STORY = "Officials met in Geneva on Monday to discuss the new trade rules, according to a statement.\n\n"


def _replace(doc: Document, meta: RuleMeta, m: Mention, right: str, message: str) -> Diagnostic:
    return doc.diagnostic(meta, m.start, m.end, message, edits=[doc.edit(m.start, m.end, right)],
                          fix_description=f"Replace with '{right}'")


class InconsistentName(Rule):
    """A surname spelled two ways for the same person in one article."""

    meta: ClassVar[RuleMeta] = RuleMeta(
        code="NL301", name="inconsistent-name", category="names",
        summary="Person's name spelled two ways",
        what="Groups surname spellings that are one or two edits apart (dropped, doubled, swapped or "
             "changed letters) and flags the minority spelling with the majority as the fix. Two people "
             "introduced with different given names (Jon Smith and John Smyth) are left alone.",
        why="A misspelled name is the error readers, and the people named, notice first; spell "
            "checkers cannot see it because every name is an unknown word to them.",
        bad=_STORY + "Secretary Antony Blinken arrived on Sunday. Blinken met officials on Monday, and "
            "Blinkin left on Tuesday.\n",
        good=_STORY + "Jon Smith, a farmer, and John Smyth, a banker, both spoke. Smith said prices were "
             "too low; Smyth disagreed.\n",
        fix_safety=FixSafety.UNSAFE,
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        """Flag every mention of a minority spelling."""
        found = mentions(doc)
        counts = Counter(m.surname for m in found)
        givens: dict[str, set[str]] = defaultdict(set)
        for m in found:
            if m.full:
                givens[m.surname].add(m.given)
        names = sorted(counts, key=lambda s: (-counts[s], s))
        right_for: dict[str, str] = {}
        # similar() needs the same first letter: each name meets only the earlier names that share
        # it, not every earlier name (an article names dozens of people).
        earlier: dict[str, list[str]] = defaultdict(list)
        for rare in names:
            same_letter = earlier[rare[:1]]
            same_letter.append(rare)
            for common in same_letter[:-1]:
                if counts[common] <= counts[rare] or not similar(rare, common) or common in right_for:
                    continue
                if givens[rare] and givens[common] and not givens[rare] & givens[common]:
                    continue  # two people, each introduced with their own given name
                right_for[rare] = common
                break
        for m in found:
            right = right_for.get(m.surname)
            if right:
                yield _replace(doc, self.meta, m, right,
                               f"'{m.surname}' is spelled '{right}' {counts[right]} times in this article")


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
        full = [m for m in mentions(doc) if m.full]
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
        what="Flags \"Mr X\", \"Ms X\", \"Dr X\" when the article never names anyone called X (or a "
             "near spelling of X) in full: often a mistranslated or mangled name.",
        why="Readers cannot tell who \"Mr Chen\" is if no Chen was introduced.",
        bad=_STORY + "Foreign Minister Qin Gang met the envoy. Mr Chen said the talks were useful.\n",
        good=_STORY + "Foreign Minister Qin Gang met the envoy. Mr Qin said the talks were useful.\n",
        severity=Severity.INFO,
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        """Flag honorific references whose surname matches no full name."""
        found = mentions(doc)
        known = {m.surname for m in found if m.full} | {m.given for m in found if m.full}
        for m in found:
            if m.honorific and not m.full and not any(k == m.surname or similar(k, m.surname) for k in known):
                yield doc.diagnostic(self.meta, m.start, m.end, f"'{m.surname}' is never introduced by full name")


def load_names_file(path: Path) -> dict[str, str]:
    """``Canonical Name[: bad variant, bad variant]`` lines → {variant or canonical: canonical}."""
    try:
        return parse_names(path.read_text(encoding="utf-8").splitlines())
    except OSError as exc:
        from newslint.config import ConfigError

        raise ConfigError(f"{path}: cannot read the names file: {exc.strerror}") from None


def parse_names(lines: Sequence[str]) -> dict[str, str]:
    """The house-list table of ``Canonical Name[: bad variant, ...]`` lines (# starts a comment)."""
    table: dict[str, str] = {}
    for raw in lines:
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        canonical, _, bad = line.partition(":")
        canonical = canonical.strip()
        table[canonical] = canonical
        for variant in bad.split(","):
            if variant.strip():
                table[variant.strip()] = canonical
    return table


class HouseName(Rule):
    """A name that is a known bad variant, or a near miss, of a name on the house list."""

    meta: ClassVar[RuleMeta] = RuleMeta(
        code="NL304", name="house-name", category="names",
        summary="Name differs from the house list",
        what="With `names-file` (see examples/house-names.list) or `names` set, flags listed bad variants and any full "
             "name whose given name matches a listed name and whose surname is one or two edits from it.",
        why="A newsroom's list of the people it covers is the one reliable source of their spelling.",
        bad=_STORY + "Leah Mellis took the photograph, and Leah Milis edited it.\n",
        good=_STORY + "Leah Millis took the photograph, and Leah Mills, a reporter, wrote the story.\n",
        fix_safety=FixSafety.UNSAFE,
        options={"names-file": "", "names": []},
        example_options={"names": ["Leah Millis: Leah Mellis", "Leah Mills"]},
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        """Flag mentions that differ from the canonical spelling."""
        table = self._table()
        if not table:
            return
        canon = {tuple(c.split()[:1] + c.split()[-1:]): c for c in set(table.values())}
        for m in mentions(doc):
            if not m.full:
                continue
            written = f"{m.given} {m.surname}"
            right = table.get(written)
            if right is None:
                right = next((c for (g, s), c in canon.items() if g == m.given and s != m.surname and similar(s, m.surname)), None)
            if right and right != written:
                start = m.start - len(m.given) - 1
                yield doc.diagnostic(self.meta, start, m.end, f"'{written}' is spelled '{right}' in the house list",
                                     edits=[doc.edit(start, m.end, right)], fix_description=f"Replace with '{right}'")

    def _table(self) -> dict[str, str]:
        cached = getattr(self, "_cached", None)
        if cached is None:
            path = str(self.options.get("names-file") or "")
            cached = load_names_file(Path(path)) if path else {}
            cached.update(parse_names(self.options.get("names") or []))
            self._cached = cached
        return cached


class CorpusName(CorpusRule):
    """A spelling of a name that the rest of the repository spells another way."""

    meta: ClassVar[RuleMeta] = RuleMeta(
        code="NL305", name="corpus-name", category="names",
        summary="Name spelled differently elsewhere in the repository",
        what="Across all files of a run, flags a full name whose surname is a near spelling of the "
             "same given name's surname that the other files use at least twice as often.",
        why="A content repository should spell a person one way in every article.",
        bad=_STORY + "Leah Millis took the photograph.\n" + EXAMPLE_FILE_SEPARATOR + "\n" + _STORY +
            "Leah Millis was there too.\n" + EXAMPLE_FILE_SEPARATOR + "\n" + _STORY + "Photograph by Leah Mellis.\n",
        good=_STORY + "Jon Smith spoke.\n" + EXAMPLE_FILE_SEPARATOR + "\n" + _STORY + "John Smyth spoke.\n",
        fix_safety=FixSafety.UNSAFE,
    )

    def collect(self, doc: Document) -> Any:
        """The full-name mentions of the file: (given, surname, positions) per distinct name.

        The parent keeps this for every file of a run until the end, so it is compact: names
        interned (marshal keeps the mark; names repeat from file to file) and each name's
        (line, column) pairs packed into bytes."""
        positions: dict[tuple[str, str], array[int]] = {}
        for m in mentions(doc):
            if m.full:
                p = doc.position(m.start)
                key = (sys.intern(m.given), sys.intern(m.surname))
                positions.setdefault(key, array("I")).extend((p.line, p.column))
        if not positions:
            return None
        return doc.path, tuple((g, s, packed.tobytes()) for (g, s), packed in positions.items())

    def finish(self, summaries: Sequence[Any]) -> Iterator[Diagnostic]:
        """Flag spellings outnumbered two to one elsewhere in the corpus."""
        counts: Counter[tuple[str, str]] = Counter()
        for _, names in summaries:
            for g, s, packed in names:
                counts[(g, s)] += len(packed) // _PAIR
        by_given: dict[str, set[str]] = defaultdict(set)
        for g, s in counts:
            by_given[g].add(s)
        right_for: dict[tuple[str, str], str | None] = {}  # each distinct name is compared once
        found = []
        for path, names in summaries:
            for given, surname, packed in names:
                key = (given, surname)
                if key not in right_for:
                    here = counts[key]
                    better = [s for s in by_given[given] if s != surname and similar(s, surname)
                              and counts[(given, s)] >= max(2, 2 * here)]
                    right_for[key] = max(better, key=lambda s: counts[(given, s)]) if better else None
                right = right_for[key]
                if right is None:
                    continue
                numbers = array("I", packed)
                for line, column in zip(numbers[::2], numbers[1::2]):
                    found.append(self.diagnostic(path, line, column, column + len(surname),
                                                 f"'{given} {surname}' is '{given} {right}' in "
                                                 f"{counts[(given, right)]} other mentions in this repository"))
        yield from sorted(found, key=lambda d: d.sort_key)


_PAIR = 2 * array("I").itemsize  # bytes of one packed (line, column)

RULES = [InconsistentName, GivenNameVariant, UnintroducedName, HouseName, CorpusName]
