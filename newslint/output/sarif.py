"""``--format sarif``: SARIF 2.1.0 with a rules table from the rule metadata and fixes."""
from __future__ import annotations

import io
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import quote

from newslint import __version__
from newslint.output.jsonwrite import compact, framed, write_json
from newslint.output.links import help_url

if TYPE_CHECKING:
    from collections.abc import Sequence

    from newslint.model.diagnostic import Diagnostic
    from newslint.api.registry import Registry
    from newslint.engine.results import RunResult

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _artifact(path: str) -> dict[str, str]:
    """Where a file is: relative to the working folder (``%SRCROOT%``) when it is below it, else an
    absolute ``file://`` URI (a relative reference starting with ``/`` is not a valid SARIF
    artifact URI; the SARIF multitool rejects it). Percent-encoded byte for byte, so a name that is
    not UTF-8 keeps its exact bytes as ``%XX``."""
    absolute = Path(os.path.abspath(path))
    try:
        relative = absolute.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return {"uri": "file://" + _quote(absolute.as_posix())}
    return {"uri": _quote(relative), "uriBaseId": "%SRCROOT%"}


def _quote(posix: str) -> str:
    return quote(posix.encode("utf-8", "surrogateescape"), safe="/!$&'()*+,;=:@~")


def _region(start_line: int, start_col: int, end_line: int, end_col: int) -> dict[str, int]:
    return {"startLine": start_line, "startColumn": start_col, "endLine": end_line, "endColumn": end_col}


def _result(d: Diagnostic, rule_index: dict[str, int], artifact: dict[str, str]) -> dict[str, Any]:
    location = {"physicalLocation": {"artifactLocation": artifact,
                                     "region": _region(d.line, d.column, d.end_line, d.end_column)}}
    result: dict[str, Any] = {"ruleId": d.code, "ruleIndex": rule_index.get(d.code, -1), "level": _LEVEL[d.severity.value],
                              "message": {"text": d.message}, "locations": [location]}
    if d.fix is not None:
        result["fixes"] = [{
            "description": {"text": f"{d.fix.description} ({d.fix.safety.value} fix)"},
            "artifactChanges": [{
                "artifactLocation": artifact,
                "replacements": [{"deletedRegion": _region(e.start.line, e.start.column, e.end.line, e.end.column),
                                  "insertedContent": {"text": e.replacement}} for e in d.fix.edits],
            }],
        }]
    return result


def rule_index(registry: Registry) -> dict[str, int]:
    """Each rule's position in the log's rules table (results refer to it by ``ruleIndex``)."""
    return {code: i for i, code in enumerate(sorted(registry.metas))}


def _results(diags: Sequence[Diagnostic], index: dict[str, int]) -> list[dict[str, Any]]:
    # One artifact location per file, shared by its results: resolving the path for each of
    # 50,000 findings took longer than writing them.
    artifacts = {path: _artifact(path) for path in {d.path for d in diags}}
    return [_result(d, index, artifacts[d.path]) for d in diags]


def _log(registry: Registry) -> dict[str, Any]:
    """The SARIF log of a run without its results."""
    metas = sorted(registry.metas.values(), key=lambda m: m.code)
    rules = [{
        "id": m.code, "name": m.name, **({"helpUri": url} if (url := help_url(m.code, m.source)) else {}),
        "shortDescription": {"text": m.summary},
        "fullDescription": {"text": m.what},
        "help": {"text": m.why, "markdown": m.explain()},
        "defaultConfiguration": {"level": _LEVEL[m.severity.value]},
        "properties": {"category": m.category, "fix": m.fix_safety.value if m.fix_safety else "none"},
    } for m in metas]
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "newslint", "version": __version__, "informationUri":
                                "https://pypi.org/project/newslint/", "rules": rules}},
            "columnKind": "unicodeCodePoints",
            "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().as_uri() + "/"}},
            "results": [],
        }],
    }


# Indented down to the run's parts: each result is one line, as in --format json.
DEPTH = 4
_RESULTS = '"results": []'


def write(result: RunResult, stream: TextIO, *, registry: Registry, **_: Any) -> None:
    """Print the SARIF log."""
    stream.write(framed(frame(registry), rows(result.diagnostics, rule_index(registry))))


def frame(registry: Registry) -> tuple[str, str, str]:
    """What is written before and after the results, and the indent of their closing bracket:
    the log with no results, indented down to the run's parts, cut where the results go."""
    out = io.StringIO()
    write_json(_log(registry), out, depth=DEPTH)
    text = out.getvalue()
    at = text.index(_RESULTS)  # inside a string value, its quotes would be escaped
    return text[:at] + _RESULTS[:-1], text[at + len(_RESULTS) - 1 :], " " * (2 * (DEPTH - 1))


def rows(diags: Sequence[Diagnostic], index: dict[str, int]) -> str:
    """The results' lines for ``diags`` (one file's), without the separator after the last."""
    pad = " " * (2 * DEPTH)
    return ",\n".join(pad + compact(result) for result in _results(diags, index))
