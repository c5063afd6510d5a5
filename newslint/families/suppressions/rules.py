"""suppression (NL9xx): inline suppressions that name no rule, or that silence nothing.

Like ruff's RUF100: a ``newslint: disable…`` comment left behind after the text was fixed hides
the next real finding on its line, and one with a typo in its code never worked. Both rules run
last and read what the engine leaves in ``doc.memo``: the findings of this document so far, the
codes enabled for it, and every known rule.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from newslint.api import suppress
from newslint.model.diagnostic import Severity
from newslint.api.rule import Rule, RuleMeta

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    from newslint.model.diagnostic import Diagnostic
    from newslint.model.document import Document


def _known(selector: str, metas: Mapping[str, RuleMeta]) -> bool:
    return any(suppress.matches(selector, m.code, m.name, m.category) for m in metas.values())


def _codes(selector: str, metas: Mapping[str, RuleMeta]) -> set[str]:
    return {m.code for m in metas.values() if suppress.matches(selector, m.code, m.name, m.category)}


class UnknownSuppression(Rule):
    """A suppression names a rule that does not exist."""

    runs_last = True
    meta: ClassVar[RuleMeta] = RuleMeta(
        code="NL902", name="unknown-suppression", category="suppression",
        summary="Suppression names no known rule",
        what="Flags a `newslint: disable`, `disable-line` or `disable-next-line` comment with a code, "
             "prefix, name or category that matches no rule.",
        why="A suppression with a typo in its code silences nothing, so the finding it was written "
            "for is still reported, or the comment is dead text nobody dares remove.",
        bad="The minister resigned. <!-- newslint: disable-line NL9999 -->\n",
        good="The minister resigned. <!-- newslint: disable-line NL401 -->\n",
        severity=Severity.INFO,
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        """One finding per unknown selector of each suppression comment."""
        metas: Mapping[str, RuleMeta] = doc.memo.get("rules") or {}  # type: ignore[assignment]
        for sup, start, end in suppress.located(doc):
            for selector in sup.selectors:
                if metas and not _known(selector, metas):
                    yield doc.diagnostic(self.meta, start, end, f"Suppression names no known rule: '{selector}'")


class UnusedSuppression(Rule):
    """A suppression silences nothing."""

    runs_last = True
    meta: ClassVar[RuleMeta] = RuleMeta(
        code="NL901", name="unused-suppression", category="suppression",
        summary="Suppression silences nothing",
        what="Flags a suppression comment that names rules none of which reports anything on the lines "
             "it covers, as ruff's RUF100 does; the message says when a named rule is not enabled in "
             "the run. Never flagged: blanket `disable` comments without codes, suppressions of the "
             "corpus rules (their findings come after every file is read) and of rules that skip the "
             "page (English-only rules on a page in another language).",
        why="A suppression outlives the text it was written for; left in place it hides the next "
            "real finding on that line.",
        bad="The minister resigned on Monday. <!-- newslint: disable-line NL401 -->\n",
        good="<!-- newslint: disable -->\nThe minister resigned on Monday.\n<!-- newslint: enable -->\n",
        severity=Severity.INFO,
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        """One finding per suppression that covers none of the document's findings."""
        metas: Mapping[str, RuleMeta] = doc.memo.get("rules") or {}  # type: ignore[assignment]
        enabled: set[str] = doc.memo.get("enabled") or set()  # type: ignore[assignment]
        corpus: set[str] = doc.memo.get("corpus-codes") or set()  # type: ignore[assignment]
        skipped: set[str] = doc.memo.get("skipped-codes") or set()  # type: ignore[assignment]
        found: list[Diagnostic] = doc.memo.get("found") or []  # type: ignore[assignment]
        for sup, start, end in suppress.located(doc):
            if not sup.selectors:
                continue
            codes = [_codes(s, metas) for s in sup.selectors]
            if any(not c or c & (corpus | skipped) or self.meta.code in c for c in codes):
                continue  # unknown (NL902's job), judged later or not on this page, or about this rule
            if not any(sup.covers(d) for d in found):
                off = sorted(set().union(*codes) - enabled)
                note = f" ({', '.join(off)} not enabled)" if off else ""
                yield doc.diagnostic(self.meta, start, end,
                                     f"Suppression of {', '.join(sup.selectors)} silences nothing here{note}")


RULES = [UnknownSuppression, UnusedSuppression]
