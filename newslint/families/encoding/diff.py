"""Where a mojibake repair changed a line, in linear time.

NL501 runs ftfy on a whole line and reports each changed stretch. ``difflib.SequenceMatcher``
found those stretches in time that grew faster than the square of the line's length (a 4,000
character line of mojibake: 23 s; 8,000: 270 s), and one scraped paragraph is one line.

Mojibake never touches ASCII: every byte of a UTF-8 multi-byte sequence is 0x80 or above, and
Windows-1252 and Latin-1 read each of those as a non-ASCII character. So ftfy's repair maps each
run of non-ASCII characters to another run and leaves the ASCII runs between them alone; when
both texts have the same ASCII runs in the same order, pairing the non-ASCII runs one to one
gives every change. The rare repair that does change ASCII (ftfy reading "Ã " as "à" when a
non-breaking space became a space) falls back to a character diff of the changed middle, capped
in size so that it cannot blow up.
"""
from __future__ import annotations

import re

_RUNS = re.compile(r"[\x00-\x7f]+|[^\x00-\x7f]+")
# Largest middle handed to SequenceMatcher (about 0.1 s); beyond it, one stretch is reported.
DIFF_CAP = 2000

Stretch = tuple[int, int, int, int]  # before[i1:i2] became after[j1:j2]


def changed_stretches(before: str, after: str) -> list[Stretch]:
    """The stretches where ``after`` differs from ``before``, in order, as (i1, i2, j1, j2)."""
    if before == after:
        return []
    paired = _paired_runs(before, after)
    if paired is not None:
        return paired
    return _middle_diff(before, after)


def _paired_runs(before: str, after: str) -> list[Stretch] | None:
    """The changes found by pairing non-ASCII runs, or None when the ASCII runs differ."""
    runs_b = [(m.start(), m.end()) for m in _RUNS.finditer(before)]
    runs_a = [(m.start(), m.end()) for m in _RUNS.finditer(after)]
    if len(runs_b) != len(runs_a):
        return None
    out: list[Stretch] = []
    for (i1, i2), (j1, j2) in zip(runs_b, runs_a):
        bad, good = before[i1:i2], after[j1:j2]
        if bad == good:
            continue
        if bad[0] < "\x80" or good[0] < "\x80":
            return None  # an ASCII run changed, or the runs are out of step
        out.append(_trimmed(before, after, i1, i2, j1, j2))
    return out


def _trimmed(before: str, after: str, i1: int, i2: int, j1: int, j2: int) -> Stretch:
    """(i1, i2, j1, j2) without the characters both sides share at the start and the end."""
    while i1 < i2 and j1 < j2 and before[i1] == after[j1]:
        i1, j1 = i1 + 1, j1 + 1
    while i2 > i1 and j2 > j1 and before[i2 - 1] == after[j2 - 1]:
        i2, j2 = i2 - 1, j2 - 1
    return i1, i2, j1, j2


def _middle_diff(before: str, after: str) -> list[Stretch]:
    """A character diff of what lies between the common prefix and suffix (capped)."""
    i1, i2, j1, j2 = _trimmed(before, after, 0, len(before), 0, len(after))
    if max(i2 - i1, j2 - j1) > DIFF_CAP:
        return [(i1, i2, j1, j2)]
    import difflib

    matcher = difflib.SequenceMatcher(None, before[i1:i2], after[j1:j2], autojunk=False)
    return [(i1 + a1, i1 + a2, j1 + b1, j1 + b2)
            for tag, a1, a2, b1, b2 in matcher.get_opcodes() if tag != "equal"]
