"""Apply fixes: all-or-nothing per file, written atomically, idempotent.

Edits of one fix apply together or not at all; a fix that overlaps one already taken waits for the
next pass (the runner re-lints and applies again, up to ``MAX_PASSES``).
"""
from __future__ import annotations

import difflib
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from newslint.diagnostic import FixSafety

if TYPE_CHECKING:
    from collections.abc import Iterable

    from newslint.diagnostic import Diagnostic, Edit

MAX_PASSES = 10


class FixError(Exception):
    """A fix that could not be written; the file is left as it was."""


def wanted(diag: Diagnostic, unsafe: bool) -> bool:
    """True when the diagnostic has a fix that this run may apply."""
    return diag.fix is not None and (diag.fix.safety is FixSafety.SAFE or unsafe)


def apply_fixes(text: str, diagnostics: Iterable[Diagnostic], unsafe: bool) -> tuple[str, list[Diagnostic]]:
    """``text`` with every non-conflicting wanted fix applied, and the diagnostics fixed."""
    taken: list[Edit] = []
    fixed: list[Diagnostic] = []
    for diag in sorted(diagnostics, key=lambda d: (d.start_offset, d.code)):
        if not wanted(diag, unsafe):
            continue
        assert diag.fix is not None
        edits = sorted(diag.fix.edits, key=lambda e: e.start_offset)
        if any(_overlaps(e, t) for e in edits for t in taken) or any(
            _overlaps(a, b) for a, b in zip(edits, edits[1:])
        ):
            continue
        if any(e.start_offset < 0 or e.end_offset > len(text) or e.start_offset > e.end_offset for e in edits):
            continue
        taken.extend(edits)
        fixed.append(diag)
    out: list[str] = []
    pos = 0
    for edit in sorted(taken, key=lambda e: e.start_offset):
        out.append(text[pos : edit.start_offset])
        out.append(edit.replacement)
        pos = edit.end_offset
    out.append(text[pos:])
    return "".join(out), fixed


def _overlaps(a: Edit, b: Edit) -> bool:
    if a.start_offset == a.end_offset == b.start_offset == b.end_offset:
        return True  # two insertions at one point: order would be ambiguous
    return a.start_offset < b.end_offset and b.start_offset < a.end_offset


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` via a temporary file in the same folder, keeping its mode."""
    folder = path.resolve().parent
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".newslint-tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        except OSError:
            pass
        os.replace(tmp, path)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise FixError(f"{path}: could not write the fixed file: {exc.strerror}") from None


def unified_diff(path: str, before: str, after: str) -> str:
    """A unified diff of a fix, as ``--diff`` prints it."""
    return "".join(difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True),
        fromfile=f"a/{path}", tofile=f"b/{path}",
    ))
