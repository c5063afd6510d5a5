"""Verbatim repeats: units (paragraphs or lines) pasted again, merged into runs of consecutive units.

A dict from each unit's text to its first and last index finds every repeat in one pass; a run is
extended forward against the most recent copy, so an article pasted four times gives three
blocks, and backward over the short units (a title, a dateline) that open the original too. A
copy glued onto the end of the line before it ("…the last line.The first line") starts inside
that line: the repeat then starts there, so a whole body pasted once loses no line at the seam.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from newslint.model.document import Span

# A single repeated unit shorter than this, far from its original, is a refrain or a transition
# ("Let's look at this command.") rather than pasted copy; next to its original it is pasted.
ISOLATED_MIN_WORDS = 15
_FOLDS = (("“", '"'), ("”", '"'), ("„", '"'), ("«", '"'), ("»", '"'), ("‘", "'"), ("’", "'"),
          ("—", "-"), ("–", "-"), ("\u00a0", " "))


@dataclass(frozen=True)
class Repeat:
    """Units ``first..last`` (indexes) repeat units ``orig_first..orig_last``; ``start`` is the
    document offset where the copy begins when it begins inside the unit before ``first``."""

    first: int
    last: int
    orig_first: int
    orig_last: int
    start: int | None = None


def exact_keys(units: Sequence[Span], word_keys: list[int]) -> list[int | str]:
    """What "the same unit" means for verbatim repeats: case, whitespace, curly quotes and dashes
    folded, other punctuation kept (two tables with the same cells and an X in different columns
    are different). ``word_keys`` are the hashes of the units' words; only units whose words
    occur twice need the stricter key (a string: it never equals a hash)."""
    twice = {k for k, n in Counter(word_keys).items() if n > 1}
    keys: list[int | str] = list(word_keys)
    for i, key in enumerate(word_keys):
        if key in twice:
            keys[i] = "\0" + _folded(units[i].text)
    return keys


def _folded(text: str) -> str:
    for a, b in _FOLDS:
        text = text.replace(a, b)  # str.replace runs at C speed; translate with a table does not
    return " ".join(text.lower().split())


def find_repeats(units: Sequence[Span], keys: Sequence[int | str], counts: list[int], eligible: list[bool]) -> list[Repeat]:
    """Every verbatim repeat of ``units`` (``counts``: words per unit; a repeat must hold an
    ``eligible`` unit), merged into runs."""
    first: dict[int | str, int] = {}
    last: dict[int | str, int] = {}
    out: list[Repeat] = []
    done = -1  # units up to here belong to a reported repeat
    i = 0
    while i < len(keys):
        j = last.get(keys[i])
        length = 1
        if j is not None:
            # Extend against the most recent copy, so an article pasted four times gives three blocks.
            while i + length < len(keys) and j + length < i and keys[j + length] == keys[i + length]:
                length += 1
        for k in range(i, i + length):
            first.setdefault(keys[k], k)
            last[keys[k]] = k
        # A run may open with a short unit (a title, a photo credit) but must hold a long one.
        if j is None or (length == 1 and j != i - 1 and counts[i] < ISOLATED_MIN_WORDS):
            i += 1
            continue
        if not any(eligible[i : i + length]):
            i += length  # a run of short lines (a list, a menu) pasted again: skip it whole, or
            continue     # each of its lines would walk the rest of it again
        f = first[keys[i]]
        origin = f if keys[f : f + length] == keys[i : i + length] else j
        back = 0
        while (i - back - 1 > done and origin - back - 1 >= 0 and origin + length - 1 < i - back - 1
               and keys[i - back - 1] == keys[origin - back - 1]):
            back += 1
        begin, origin = i - back, origin - back
        end, orig_end = i + length - 1, origin + length + back - 1
        seam = _seam(units, begin, origin, done)
        if seam is not None and orig_end + 1 == begin - 1 and _opens(units, end + 1, units[begin - 1]):
            end, orig_end = end + 1, begin - 1  # the copy's last line: the original's starts the glued line
        out.append(Repeat(begin, end, origin, orig_end, seam))
        for k in range(i + length, end + 1):
            first.setdefault(keys[k], k)
            last[keys[k]] = k
        done = end
        i = end + 1
    return out


def _opens(units: Sequence[Span], index: int, glued: Span) -> bool:
    """True when unit ``index`` is the text that ``glued`` starts with (three words or more)."""
    if index >= len(units):
        return False
    text = units[index].text.strip()
    return len(text.split()) >= 3 and len(glued.text) > len(text) and glued.text.lstrip().startswith(text)


def _seam(units: Sequence[Span], begin: int, origin: int, done: int) -> int | None:
    """Where the copy starts inside unit ``begin - 1``, when that unit ends with the text of the
    unit before the original (the copy was pasted onto the end of the previous line)."""
    if origin < 1 or begin - 1 <= done or begin - 1 <= origin:
        return None
    glued, lead = units[begin - 1], units[origin - 1].text.strip()
    text = glued.text.rstrip()
    if len(lead.split()) < 3 or len(text) <= len(lead) or not text.endswith(lead):
        return None
    before = text[: len(text) - len(lead)]
    if not before.rstrip() or before.rstrip()[-1] not in ".!?\"”’')":
        return None  # the end of a sentence must come before the glued copy
    return glued.start + len(before)
