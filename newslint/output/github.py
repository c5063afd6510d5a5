"""``--format github``: GitHub Actions workflow commands, one annotation per finding."""
from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any, TextIO

from newslint.model.escape import printable

if TYPE_CHECKING:
    from newslint.model.diagnostic import Diagnostic
    from newslint.engine.results import RunResult

_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """Escape the message part of a workflow command (and any other control character, which a
    log viewer would obey)."""
    return printable(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    """Escape a property value (file, title) of a workflow command."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


# GitHub shows at most this many annotations of each type (error, warning, notice) per step.
ANNOTATIONS_SHOWN = 10


def write(result: RunResult, stream: TextIO, **_: Any) -> None:
    """Print ``::warning file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`` lines."""
    for d in result.diagnostics:
        stream.write(format_annotation(d))
    stream.write(limit_notice(Counter(d.severity.value for d in result.diagnostics)))


def limit_notice(by_severity: Counter[str]) -> str:
    """When a type has more findings than GitHub shows, say so: a log line (always visible) and
    a notice annotation pointing at the full report (the log, or SARIF uploaded to code scanning)."""
    over = [(by_severity[s], _COMMAND[s]) for s in ("error", "warning", "info") if by_severity[s] > ANNOTATIONS_SHOWN]
    if not over:
        return ""
    counts = ", ".join(f"{n} {kind}s" for n, kind in over)
    text = (f"newslint: {counts}; GitHub shows only the first {ANNOTATIONS_SHOWN} annotations of each type "
            f"per step. Every finding is in this step's log; for all of them in the Security tab, run "
            f"with --format sarif --output-file newslint.sarif and upload it (github/codeql-action/upload-sarif).")
    return f"{text}\n::notice title=newslint%3A more findings than annotations shown::{escape_data(text)}\n"


def format_annotation(d: Diagnostic) -> str:
    """One workflow command line for ``d``."""
    props = (f"file={escape_property(d.path)},line={d.line},col={d.column},endLine={d.end_line},"
             f"endColumn={d.end_column},title={escape_property(f'{d.code} {d.rule}')}")
    return f"::{_COMMAND[d.severity.value]} {props}::{escape_data(f'{d.code} {d.message}')}\n"
