"""Inline suppressions, in any format:

    <!-- newslint: disable NL401,spin -->  …  <!-- newslint: enable -->
    <!-- newslint: disable-next-line NL302 -->
    A sentence of a paragraph. <!-- newslint: disable-line NL302 -->

``disable`` without codes disables every rule until ``enable``. ``disable-next-line`` applies to
the next line that is not blank (Markdown puts a blank line between a comment and its paragraph).
``disable-line`` applies to its own line: written at the end of a line it is inline HTML, so it
never splits a hard-wrapped paragraph (a comment on a line of its own starts an HTML block in
CommonMark, which ends the paragraph above it); the editor's "disable for this line" writes it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import re

if TYPE_CHECKING:
    from collections.abc import Iterable

    from newslint.model.diagnostic import Diagnostic
    from newslint.model.document import Document

_DIRECTIVE = re.compile(
    r"<!--[ \t]*newslint:[ \t]*(?P<verb>disable-next-line|disable-line|disable|enable)(?P<codes>[ \t]+[\w, \t-]+?)?[ \t]*-->"
)


@dataclass(frozen=True)
class Suppression:
    """Lines ``first``..``last`` (inclusive) where the selectors (empty: every rule) are off."""

    first: int
    last: int
    selectors: tuple[str, ...]

    def covers(self, diag: Diagnostic) -> bool:
        """True when this suppression silences ``diag``."""
        if not self.first <= diag.line <= self.last:
            return False
        return not self.selectors or any(matches(s, diag.code, diag.rule, diag.category) for s in self.selectors)


def matches(selector: str, code: str, rule: str, category: str) -> bool:
    """True when ``selector`` (code, prefix, name or category) names this rule."""
    return selector in (code, rule, category, "ALL") or (selector[:2].isalpha() and code.startswith(selector))


def parse(doc: Document) -> list[Suppression]:
    """The suppressions written in ``doc``."""
    return [sup for sup, _, _ in located(doc)]


def located(doc: Document) -> list[tuple[Suppression, int, int]]:
    """The suppressions written in ``doc``, each with the offsets of the comment that opened it."""
    if "newslint:" not in doc.text:
        return []
    out: list[tuple[Suppression, int, int]] = []
    open_: list[tuple[int, tuple[str, ...], int, int]] = []
    last_line = len(doc.line_starts)
    for m in _DIRECTIVE.finditer(doc.text):
        line = doc.position(m.start()).line
        codes = tuple(c for c in re.split(r"[,\s]+", (m.group("codes") or "").strip()) if c)
        verb = m.group("verb")
        if verb == "disable":
            open_.append((line, codes, m.start(), m.end()))
        elif verb == "enable":
            still = []
            for start, sel, at, end in open_:
                if not codes or set(sel) <= set(codes):
                    out.append((Suppression(start, line, sel), at, end))
                else:
                    still.append((start, sel, at, end))
            open_ = still
        elif verb == "disable-line":
            out.append((Suppression(line, line, codes), m.start(), m.end()))
        else:
            target = line + 1
            while target <= last_line and not doc.line_text(target).strip():
                target += 1
            out.append((Suppression(target, target, codes), m.start(), m.end()))
    out.extend((Suppression(start, last_line, sel), at, end) for start, sel, at, end in open_)
    return out


def filter_diagnostics(diags: Iterable[Diagnostic], suppressions: list[Suppression]) -> list[Diagnostic]:
    """The diagnostics no suppression covers."""
    if not suppressions:
        return list(diags)
    return [d for d in diags if not any(s.covers(d) for s in suppressions)]
