"""XMP101: editorial placeholders left in published copy."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newslint.model.diagnostic import Severity
from newslint.api.rule import Rule, RuleMeta

if TYPE_CHECKING:
    from collections.abc import Iterator

    from newslint.model.diagnostic import Diagnostic
    from newslint.model.document import Document

# "TK" (to come) is the newsroom's mark for a fact still to be filled in. Alone it is also an
# ordinary token ("TK Maxx", "TK-421"), so a bare "TK" counts only in brackets; "TKTK" and the
# bracketed instructions are never real prose. One compiled pattern, case-sensitive on purpose:
# "[insert quote]" in lower case is rare, "[INSERT QUOTE]" is the convention.
PLACEHOLDER = re.compile(
    r"\bTK(?:TK)+\b"
    r"|\[\s*(?:TK|TBC|TBD|FILL IN|INSERT [A-Z][A-Z ]{1,30}|[A-Z]{2,20} TO COME|CHECK [A-Z][A-Z ]{1,30})\s*\]"
)


class PlaceholderText(Rule):
    """Flags editorial placeholders ("TKTK", "[FILL IN]", "[INSERT QUOTE]") left in the copy."""

    meta = RuleMeta(
        code="XMP101",
        name="placeholder-text",
        category="boilerplate",
        summary="Editorial placeholder left in the copy",
        what="Finds the marks editors leave for facts still to come: `TKTK`, `[TK]`, `[FILL IN]`, "
             "`[INSERT QUOTE]`, `[PHOTO TO COME]`.",
        why="A placeholder that reaches readers shows an unfinished story; no fix can know the missing fact.",
        bad="The council will vote on [FILL IN] and the mayor expects TKTK votes.\n",
        good="The council will vote on Tuesday, and shoppers queued outside TK Maxx.\n",
        severity=Severity.ERROR,
        source="newslint-example-plugin",
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        """Yield one diagnostic per placeholder in the prose (never in code or markup)."""
        for m in PLACEHOLDER.finditer(doc.prose):
            yield doc.diagnostic(self.meta, m.start(), m.end(), f"Placeholder '{m.group()}' left in the copy")
