"""Values that cross module boundaries: positions, edits, fixes and diagnostics.

The JSON form produced by :meth:`Diagnostic.to_dict` is newslint's public, versioned schema
(``SCHEMA_VERSION``); change it only together with the docs and the schema version.
"""
from __future__ import annotations

import enum
from typing import Any, NamedTuple

SCHEMA_VERSION = 1


class Severity(str, enum.Enum):
    """How serious a diagnostic is; ``--fail-on`` compares against this order."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class FixSafety(str, enum.Enum):
    """Safe fixes run with ``--fix``; unsafe ones change wording and need ``--unsafe-fixes``."""

    SAFE = "safe"
    UNSAFE = "unsafe"


# The four value types are NamedTuples: immutable like frozen dataclasses, but built in a fifth of
# the time, and pickled as plain tuples. A spun article has dozens of findings, each with a fix,
# an edit and two positions, and parallel runs send them all from the workers to the parent:
# frozen dataclasses made building and unpickling them a fifth of a parallel run.


class Position(NamedTuple):
    """A 1-based line and a 1-based column counted in Unicode code points."""

    line: int
    column: int

    def to_dict(self) -> dict[str, int]:
        return {"line": self.line, "column": self.column}


class Edit(NamedTuple):
    """Replace the text between two character offsets (end exclusive) of the decoded file."""

    start_offset: int
    end_offset: int
    replacement: str
    start: Position
    end: Position

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start.to_dict(), "end": self.end.to_dict(), "replacement": self.replacement}


class Fix(NamedTuple):
    """A set of edits that together repair one diagnostic."""

    safety: FixSafety
    description: str
    edits: tuple[Edit, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "safety": self.safety.value,
            "description": self.description,
            "edits": [e.to_dict() for e in self.edits],
        }


class Diagnostic(NamedTuple):
    """One finding: where it is, which rule found it, and how to fix it (if it can be fixed)."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    rule: str
    category: str
    severity: Severity
    message: str
    fix: Fix | None = None
    # Offsets into the decoded text; used by the fixer and suppressions, not serialised.
    start_offset: int = 0
    end_offset: int = 0

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)

    def to_dict(self) -> dict[str, Any]:
        """The public JSON object for this diagnostic (see docs/json-schema.md)."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity.value,
            "message": self.message,
            "fix": self.fix.to_dict() if self.fix else None,
        }
