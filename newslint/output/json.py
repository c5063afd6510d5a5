"""``--format json``: a JSON array of diagnostic objects, exactly the documented schema, one a line."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, TextIO

from newslint.output.jsonwrite import compact, framed

if TYPE_CHECKING:
    from collections.abc import Sequence

    from newslint.model.diagnostic import Diagnostic
    from newslint.engine.results import RunResult

# What is written around the rows: (head, tail, the tail's indent).
FRAME = ("[", "]\n", "")


def write(result: RunResult, stream: TextIO, **_: Any) -> None:
    """Print the diagnostics as one JSON array."""
    stream.write(framed(FRAME, rows(result.diagnostics)))


def rows(diags: Sequence[Diagnostic]) -> str:
    """The array's lines for ``diags`` (one file's), without the separator after the last."""
    return ",\n".join("  " + compact(d.to_dict()) for d in diags)
