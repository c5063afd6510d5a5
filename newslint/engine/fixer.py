"""Apply fixes: all-or-nothing per file, written atomically, idempotent, never losing an edit.

Edits of one fix apply together or not at all; a fix that overlaps one already taken waits for the
next pass (the runner re-lints and applies again, up to ``MAX_PASSES``). Choosing the fixes costs
O(n log n) in their number (a file of 20,000 zero-width spaces has 20,000 fixes).

Writing (:func:`write_atomic`) goes through a temporary file in the same folder renamed over the
original, and only after checking, just before the rename, that the file still holds the bytes
that were linted: an edit made meanwhile (an editor, a second newslint run) is never lost, the
file is skipped with a message instead. newslint never writes through a symbolic link and never
rewrites a read-only file. Temporary files left by a killed run are removed by the next one.
"""
from __future__ import annotations

import bisect
import os
import re
import stat
import time
from pathlib import Path
from typing import TYPE_CHECKING

from newslint.model.diagnostic import FixSafety

if TYPE_CHECKING:
    from collections.abc import Iterable

    from newslint.model.diagnostic import Diagnostic, Edit

MAX_PASSES = 10
TMP_SUFFIX = ".newslint-tmp"
_STALE_AGE = 3600.0  # seconds after which a temporary file without a live owner is removed


class FixError(Exception):
    """A fix that could not be written; the file is left as it was."""


def wanted(diag: Diagnostic, unsafe: bool) -> bool:
    """True when the diagnostic has a fix that this run may apply."""
    return diag.fix is not None and (diag.fix.safety is FixSafety.SAFE or unsafe)


class _Taken:
    """The edits chosen so far, sorted by start: an overlap test looks at neighbours only."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.edits: list[Edit] = []

    def overlaps(self, edit: Edit) -> bool:
        i = max(0, bisect.bisect_left(self.starts, edit.start_offset) - 1)
        while i < len(self.edits) and self.starts[i] <= edit.end_offset:
            if _overlaps(edit, self.edits[i]):
                return True
            i += 1
        return False

    def add(self, edit: Edit) -> None:
        i = bisect.bisect_right(self.starts, edit.start_offset)
        self.starts.insert(i, edit.start_offset)
        self.edits.insert(i, edit)


def apply_fixes(text: str, diagnostics: Iterable[Diagnostic], unsafe: bool) -> tuple[str, list[Diagnostic]]:
    """``text`` with every non-conflicting wanted fix applied, and the diagnostics fixed."""
    taken = _Taken()
    fixed: list[Diagnostic] = []
    for diag in sorted(diagnostics, key=lambda d: (d.start_offset, d.code)):
        if not wanted(diag, unsafe):
            continue
        assert diag.fix is not None
        edits = sorted(diag.fix.edits, key=lambda e: e.start_offset)
        if any(e.start_offset < 0 or e.end_offset > len(text) or e.start_offset > e.end_offset for e in edits):
            continue
        if any(_overlaps(a, b) for a, b in zip(edits, edits[1:])) or any(map(taken.overlaps, edits)):
            continue
        for edit in edits:
            taken.add(edit)
        fixed.append(diag)
    out: list[str] = []
    pos = 0
    for edit in taken.edits:
        out.append(text[pos : edit.start_offset])
        out.append(edit.replacement)
        pos = edit.end_offset
    out.append(text[pos:])
    result = "".join(out)
    if taken.edits and taken.edits[-1].end_offset == len(text) and not taken.edits[-1].replacement:
        result = _end_as_before(result, text)
    return result, fixed


_TRAILING_BLANKS = re.compile(r"(?:\r?\n[ \t]*)+\Z")


def _end_as_before(result: str, text: str) -> str:
    """``result`` ending like ``text`` did when the fixes deleted the end of the file: several
    lines deleted there by separate edits (a label and a list under it, two debris lines of one
    block) each take their own line, and the blank line before them was left at the end. Only
    line breaks and blank lines go, and never more than the edits added to the end. A file that
    did not end with a line break keeps the one the edits left (that break was never flagged)."""
    old = _TRAILING_BLANKS.search(text)
    new = _TRAILING_BLANKS.search(result)
    if new is None or old is None or len(new.group()) <= len(old.group()):
        return result
    return result[: new.start()] + old.group()


def _overlaps(a: Edit, b: Edit) -> bool:
    if a.start_offset == a.end_offset == b.start_offset == b.end_offset:
        return True  # two insertions at one point: order would be ambiguous
    return a.start_offset < b.end_offset and b.start_offset < a.end_offset


def write_atomic(path: Path, data: bytes, expected: bytes | None = None) -> None:
    """Replace ``path`` with ``data`` via a temporary file in the same folder, keeping its mode.

    With ``expected`` (the bytes that were linted), the file is rewritten only if it still holds
    them just before the rename; otherwise FixError, and the file keeps its new content.
    """
    try:
        info = os.lstat(path)
    except OSError as exc:
        raise FixError(f"{path}: could not write the fixed file: {exc.strerror}") from None
    if stat.S_ISLNK(info.st_mode):
        raise FixError(f"{path}: is a symbolic link; not fixed (newslint never writes through a link)")
    if not stat.S_ISREG(info.st_mode):
        raise FixError(f"{path}: not a regular file; not fixed")
    # The mode bits, not os.access: root may write anything, yet a 0444 file says "do not".
    if not info.st_mode & 0o222 or not os.access(path, os.W_OK):
        raise FixError(f"{path}: read-only file; not fixed")
    folder = path.resolve().parent
    tmp = None
    try:
        import tempfile  # only a --fix that changes a file pays its import (and random's)

        # The pid in the name tells a later run whether the writer is still alive (clean_stale).
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:80]}.{os.getpid()}.", suffix=TMP_SUFFIX, dir=folder)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.chmod(tmp, info.st_mode & 0o7777)
        except OSError:
            pass
        if expected is not None and _current(path) != expected:
            raise FixError(f"{path}: changed while newslint was fixing it; not rewritten (run again)")
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise FixError(f"{path}: could not write the fixed file: {exc.strerror}") from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _current(path: Path) -> bytes | None:
    from newslint.engine.files import InputError, read_limited

    try:
        return read_limited(path)
    except InputError:
        return None


_TMP_NAME = re.compile(r"^\..*\.(\d+)\.[^.]*" + re.escape(TMP_SUFFIX) + "$")


def clean_stale(folder: Path | str) -> int:
    """Remove the temporary files a killed ``--fix`` left in ``folder``: those whose writing process
    is gone, and any older than an hour. How many were removed."""
    removed = 0
    now = time.time()
    try:
        entries = [e for e in os.scandir(folder) if e.name.endswith(TMP_SUFFIX) and e.name.startswith(".")]
    except OSError:
        return 0
    for entry in entries:
        match = _TMP_NAME.match(entry.name)
        try:
            old = now - entry.stat(follow_symlinks=False).st_mtime > _STALE_AGE
            if old or (match and not _alive(int(match.group(1)))):
                os.unlink(entry.path)
                removed += 1
        except (OSError, ValueError):
            continue
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # someone else's process (or unknowable): leave its file to the age rule
    return True


def _byte_lines(data: bytes) -> list[bytes]:
    """Lines as ``patch`` sees them: split after each ``\\n`` byte only (never at U+2028, ``\\v``,
    ``\\x85``, which ``str.splitlines`` breaks at)."""
    lines = data.split(b"\n")
    out = [line + b"\n" for line in lines[:-1]]
    if lines[-1]:
        out.append(lines[-1])
    return out


def quote_name(name: str) -> str:
    """A file name for a diff header, C-quoted as git does when it holds a character that would
    break the header or is not plain UTF-8 (control characters, quotes, backslashes, undecodable
    bytes): ``"a/caf\\303\\251\\033.md"``, which ``patch`` and ``git apply`` read back."""
    if not re.search('[\x00-\x1f\x7f"\\\\\ud800-\udfff]', name):
        return name
    out = []
    for byte in name.encode("utf-8", "surrogateescape"):
        if byte in b'"\\':
            out.append("\\" + chr(byte))
        elif byte < 0x20 or byte >= 0x7F:
            out.append(f"\\{byte:03o}")
        else:
            out.append(chr(byte))
    return '"' + "".join(out) + '"'


def unified_diff(path: str, before: bytes, after: bytes) -> str:
    """A unified diff of a fix, as ``--diff`` prints it, that ``patch -p1`` applies exactly: made
    from the file's bytes (so a UTF-16 file gets a UTF-16 patch), with ``\\ No newline at end of
    file`` where a side ends without one. Returned as text decoded with ``surrogateescape``:
    :func:`write_diff` writes its bytes back as they are."""
    def header(side: str) -> bytes:
        return quote_name(f"{side}/{path}").encode("utf-8")

    import difflib  # --diff only: a one-file check does not import it

    out: list[bytes] = []
    for line in difflib.diff_bytes(difflib.unified_diff, _byte_lines(before), _byte_lines(after),
                                   fromfile=header("a"), tofile=header("b")):
        if line.endswith(b"\n"):
            out.append(line)
        else:
            out.append(line + b"\n\\ No newline at end of file\n")
    return b"".join(out).decode("utf-8", "surrogateescape")


def write_diff(stream: object, diff: str) -> None:
    """Write a diff from :func:`unified_diff` byte for byte (through the stream's buffer when it
    holds bytes that are not UTF-8, such as a UTF-16 file's lines)."""
    try:
        stream.write(diff)  # type: ignore[attr-defined]
    except UnicodeEncodeError:
        buffer = getattr(stream, "buffer", None)
        if buffer is None:
            stream.write(diff.encode("utf-8", "surrogateescape").decode("utf-8", "replace"))  # type: ignore[attr-defined]
            return
        stream.flush()  # type: ignore[attr-defined]
        buffer.write(diff.encode("utf-8", "surrogateescape"))
        buffer.flush()
