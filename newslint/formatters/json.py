"""``--format json``: a JSON array of diagnostic objects, exactly the documented schema, one a line."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, TextIO

from newslint.formatters.jsonwrite import write_json

if TYPE_CHECKING:
    from newslint.runner import RunResult


def write(result: RunResult, stream: TextIO, **_: Any) -> None:
    """Print the diagnostics as one JSON array."""
    write_json([d.to_dict() for d in result.diagnostics], stream, depth=1)
