"""``--format json``: a JSON array of diagnostic objects, exactly the documented schema."""
from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from newslint.runner import RunResult


def write(result: RunResult, stream: TextIO, **_: Any) -> None:
    """Print the diagnostics as one JSON array."""
    json.dump([d.to_dict() for d in result.diagnostics], stream, ensure_ascii=False, indent=2)
    stream.write("\n")
