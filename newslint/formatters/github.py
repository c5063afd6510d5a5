"""``--format github``: GitHub Actions workflow commands, one annotation per finding."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, TextIO

from newslint.escape import printable

if TYPE_CHECKING:
    from newslint.diagnostic import Diagnostic
    from newslint.results import RunResult

_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """Escape the message part of a workflow command (and any other control character, which a
    log viewer would obey)."""
    return printable(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    """Escape a property value (file, title) of a workflow command."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def write(result: RunResult, stream: TextIO, **_: Any) -> None:
    """Print ``::warning file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`` lines."""
    for d in result.diagnostics:
        stream.write(format_annotation(d))


def format_annotation(d: Diagnostic) -> str:
    """One workflow command line for ``d``."""
    props = (f"file={escape_property(d.path)},line={d.line},col={d.column},endLine={d.end_line},"
             f"endColumn={d.end_column},title={escape_property(f'{d.code} {d.rule}')}")
    return f"::{_COMMAND[d.severity.value]} {props}::{escape_data(f'{d.code} {d.message}')}\n"
