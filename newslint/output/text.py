"""``--format text``: ruff-like diagnostics with the source line and a caret, then a summary."""
from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any, TextIO

from newslint.model.diagnostic import FixSafety
from newslint.model.escape import printable, printable_line

if TYPE_CHECKING:
    from collections.abc import Sequence

    from newslint.model.diagnostic import Diagnostic
    from newslint.engine.results import RunResult

_STYLES = {"bold": "1", "red": "31", "yellow": "33", "cyan": "36", "blue": "34", "dim": "2"}
_SEVERITY_STYLE = {"error": "red", "warning": "yellow", "info": "cyan"}


def _paint(text: str, style: str, color: bool) -> str:
    return f"\x1b[{_STYLES[style]}m{text}\x1b[0m" if color else text


def write(result: RunResult, stream: TextIO, *, color: bool = False, show_source: bool = True, **_: Any) -> None:
    """Print every diagnostic grouped by file, then the summary line."""
    previous = None
    for diag in result.diagnostics:
        if previous is not None and diag.path != previous:
            stream.write("\n")
        previous = diag.path
        stream.write(format_diagnostic(diag, result.source_lines.get((diag.path, diag.line)), color, show_source))
    if result.diagnostics:
        stream.write("\n")
    stream.write(summary(result) + "\n")


def format_diagnostic(diag: Diagnostic, source: str | None, color: bool, show_source: bool = True) -> str:
    """One diagnostic: ``path:line:col: CODE [*] message`` and, when known, the source line."""
    mark = " [*]" if diag.fix and diag.fix.safety is FixSafety.SAFE else ""
    code = _paint(diag.code, _SEVERITY_STYLE[diag.severity], color)  # a str enum: no .value lookup
    # Paths, messages and lines come from the repository: no escape sequence reaches the terminal.
    head = f"{_paint(printable(diag.path), 'bold', color)}:{diag.line}:{diag.column}: {code}{mark} {printable(diag.message)}\n"
    if not show_source or source is None:
        return head
    gutter = " " * len(str(diag.line))
    width = (diag.end_column - diag.column) if diag.end_line == diag.line else len(source) - diag.column + 1
    column = diag.column
    if len(source) > SHOWN_MAX:
        source, column, width = _window(source, column, width)
    shown = printable_line(source).expandtabs(1)
    caret = " " * (column - 1) + "^" * max(1, width)
    bar = _paint("|", "blue", color)
    return (f"{head}{gutter} {bar}\n{_paint(str(diag.line), 'blue', color)} {bar} {shown}\n"
            f"{gutter} {bar} {_paint(caret, _SEVERITY_STYLE[diag.severity.value], color)}\n")


# A long line (a scraped paragraph is one line) is shown as this many characters around the
# finding: shown whole, a 64,000-character line of mojibake with 7,000 findings printed 450
# million characters (7.8 s, 2.6 GB; issue 22).
SHOWN_MAX = 160
_BEFORE = 40


def _window(source: str, column: int, width: int) -> tuple[str, int, int]:
    """``source`` cut to SHOWN_MAX characters around ``column`` (``…`` where cut), with the
    column and caret width in the cut line."""
    start = max(0, min(column - 1 - _BEFORE, len(source) - SHOWN_MAX))
    end = start + SHOWN_MAX
    head = "…" if start else ""
    tail = "…" if end < len(source) else ""
    column = column - start + len(head)
    return head + source[start:end] + tail, column, min(width, end - start - (column - 1 - len(head)))


def summary(result: RunResult) -> str:
    """``Found N problems (…) in M files checked; K fixable with --fix.``"""
    by_sev = Counter(d.severity.value for d in result.diagnostics)
    safe = sum(1 for d in result.diagnostics if d.fix and d.fix.safety is FixSafety.SAFE)
    unsafe = sum(1 for d in result.diagnostics if d.fix and d.fix.safety is FixSafety.UNSAFE)
    return summary_line(by_sev, safe, unsafe, result.files_checked, result.fixed, len(result.errors),
                        diff=result.diff_only)


def summary_line(by_sev: Counter[str], safe: int, unsafe: int, files: int, fixed: int, errors: int = 0, *,
                 diff: bool = False) -> str:
    """The summary from counts (shared with the streaming reporter). With ``errors`` (files that
    could not be checked, rules that failed) it never says that all checks passed. Under
    ``--diff`` (``diff``) nothing was written: the fixes "would" be made, and the problems they
    would fix are still in the files, so it never says that all checks passed either."""
    n = sum(by_sev.values())
    parts = []
    if fixed and diff:
        parts.append(f"Would fix {fixed} problem{'s' * (fixed != 1)} (--diff: no file written).")
    elif fixed:
        parts.append(f"Fixed {fixed} problem{'s' * (fixed != 1)}.")
    if errors:
        parts.append(f"{errors} file{'s' * (errors != 1)} could not be checked (errors above).")
    if not n:
        parts.append(f"No other problems in {files} file{'s' * (files != 1)} checked." if fixed and diff else
                     f"No problems in {files} file{'s' * (files != 1)} checked." if errors else
                     f"All checks passed ({files} file{'s' * (files != 1)} checked).")
        return " ".join(parts)
    detail = ", ".join(f"{by_sev[s]} {s}{'s' * (by_sev[s] != 1)}" for s in ("error", "warning", "info") if by_sev[s])
    line = f"Found {n} problem{'s' * (n != 1)} ({detail}) in {files} file{'s' * (files != 1)} checked."
    if safe:
        line += f" {safe} fixable with --fix."
    if unsafe:
        line += f" {unsafe} more with --unsafe-fixes."
    parts.append(line)
    return " ".join(parts)


def write_statistics(result: RunResult, stream: TextIO) -> None:
    """``--statistics``: one line per code, most frequent first."""
    codes, fixable = statistics(result.diagnostics)
    write_statistics_counts(codes, fixable, stream)


def statistics(diags: Sequence[Diagnostic]) -> tuple[Counter[tuple[str, str]], set[str]]:
    """How many findings of each (code, rule), and the codes with a fix (summed over a streamed run)."""
    return Counter((d.code, d.rule) for d in diags), {d.code for d in diags if d.fix}


def write_statistics_counts(codes: Counter[tuple[str, str]], fixable: set[str], stream: TextIO) -> None:
    """The ``--statistics`` lines for these counts."""
    for (code, rule), n in sorted(codes.items(), key=lambda kv: (-kv[1], kv[0])):
        star = "[*]" if code in fixable else "   "
        stream.write(f"{n:6d}  {code:7s} {star} {rule}\n")
