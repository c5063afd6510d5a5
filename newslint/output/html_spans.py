"""Where each finding of ``--format html`` lands in an article's text, and the highlighted text.

Positions are the diagnostics' public ones (1-based line and column in code points, end
exclusive), turned back into offsets of the decoded text: the offsets a diagnostic carries are not
kept by the result cache, its lines and columns are.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

from newslint.output.html_assets import esc, family_class

if TYPE_CHECKING:
    from collections.abc import Sequence

    from newslint.model.diagnostic import Diagnostic


_SURROGATE = re.compile("[\ud800-\udfff]")


def _line_starts(text: str) -> list[int]:
    starts = [0]
    at = text.find("\n")
    while at != -1:
        starts.append(at + 1)
        at = text.find("\n", at + 1)
    return starts


def read_text(path: str, diags: Sequence[Diagnostic], source_lines: dict[tuple[str, int], str]) -> str | None:
    """The decoded text of ``path``, or None when it cannot be read or no longer has the lines the
    run saw (every line a finding is on is compared)."""
    from newslint.engine.files import InputError, decode, read_bytes

    try:
        text = decode(read_bytes(Path(path)), path).text
    except (InputError, OSError):
        return None
    starts = _line_starts(text)
    for d in diags:
        if d.line < 1 or d.line > len(starts) or d.end_line > len(starts):
            return None
        seen = source_lines.get((path, d.line))
        if seen is not None:
            end = starts[d.line] if d.line < len(starts) else len(text)
            if text[starts[d.line - 1]:end].rstrip("\r\n") != seen:
                return None
    return text


def _offset(text: str, starts: list[int], line: int, column: int) -> int:
    line = min(max(line, 1), len(starts))
    return min(starts[line - 1] + max(column, 1) - 1, len(text))


def spans(text: str, diags: Sequence[Diagnostic]) -> list[tuple[int, int, Diagnostic]]:
    """(start, end, diagnostic) offsets in ``text`` of each finding, clamped to the text."""
    starts = _line_starts(text)
    out = []
    for d in diags:
        start = _offset(text, starts, d.line, d.column)
        out.append((start, max(start, _offset(text, starts, d.end_line, d.end_column)), d))
    return out


def edit_offsets(text: str, diag: Diagnostic, start: int) -> tuple[int, str]:
    """The finding's start and its fix's edits as JSON ``[[start, end, replacement], ...]``, in
    code-point offsets of ``text``: what the page applies when the fix is accepted. An edit the
    positions put outside the text is kept as it is, so the page skips the fix as ``--fix`` does."""
    starts = _line_starts(text)
    edits = []
    for e in diag.fix.edits if diag.fix is not None else ():
        edits.append([_offset(text, starts, e.start.line, e.start.column) if e.start.line <= len(starts) else -1,
                      _offset(text, starts, e.end.line, e.end.column) if e.end.line <= len(starts) else len(text) + 1,
                      e.replacement])
    return start, json.dumps(edits)


def body_json(markup: str, text: str | None) -> str:
    """An article's body for its ``<script type="application/json">`` block: ``{"html": markup,
    "text": text}``. Only ``</`` and ``<!`` could end such a block or change how it is read
    (``</script>``, ``<!--``). The markup is newslint's own, every piece of run text in it already
    escaped, so its ``</`` become ``<\\/``; in the article's raw text every ``<`` becomes ``\\u003c``.
    Lone surrogates, which UTF-8 cannot carry, are escaped; other text is kept as it is (the page
    is UTF-8), to keep big pages small."""
    html = _json(markup).replace("</", "<\\/").replace("<!", "\\u003c!")
    return '{"html": ' + html + ', "text": ' + _json(text).replace("<", "\\u003c") + "}"


def _json(value: str | None) -> str:
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(value, ensure_ascii=False))


def highlight(text: str, found: Sequence[tuple[int, int, Diagnostic]], ids: Sequence[str]) -> str:
    """``text`` escaped, with a ``<mark>`` over every stretch that findings cover.

    Overlapping findings split the text at every start and end; each piece is one mark naming all
    the findings over it (``data-f``), coloured by the first one's family and outlined when there
    are several. An empty span (a missing character) is an empty mark at its place. The first
    piece of each finding has the id ``m-<finding id>`` the list of findings links to."""
    cuts = sorted({0, len(text), *(s for s, _, _ in found), *(e for _, e, _ in found)})
    first: set[str] = set()
    parts: list[str] = []

    def mark(members: list[int], css: str, inner: str) -> str:
        named = [ids[i] for i in members]
        anchor = next((n for n in named if n not in first), None)
        first.update(named)
        d = found[members[0]][2]
        title = "\n".join(f"{found[i][2].code} {found[i][2].message}" for i in members)
        multi = " multi" if len(members) > 1 else ""
        where = f' id="m-{anchor}"' if anchor else ""
        return (f'<mark class="{css} {family_class(d.category)}{multi}"{where} data-f="{" ".join(named)}" '
                f'title="{esc(title)}">{inner}</mark>')

    for left, right in zip(cuts, cuts[1:] + [None]):
        points = [i for i, (s, e, _) in enumerate(found) if s == e == left]
        if points:
            parts.append(mark(points, "point", ""))
        if right is None:
            break
        over = [i for i, (s, e, _) in enumerate(found) if s <= left and right <= e and s < e]
        piece = esc(text[left:right])
        parts.append(mark(over, "hl", piece) if over else piece)
    return "".join(parts)
