"""Baselines: adopt newslint on a repository of old articles and report only new findings.

A finding is matched by rule, file and a fingerprint of the text of its line (whitespace folded),
not by line number, so editing above a finding does not resurrect it; counts per fingerprint
handle the same finding twice in one file.
"""
from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from newslint import __version__

if TYPE_CHECKING:
    from newslint.diagnostic import Diagnostic
    from newslint.runner import RunResult

FORMAT = 1


class BaselineError(Exception):
    """A baseline file that cannot be read."""


def fingerprint(diag: Diagnostic, line_text: str | None) -> str:
    """Rule, file and the flagged line's text (or the message, for file-level findings)."""
    basis = " ".join((line_text if line_text is not None else diag.message).split())
    digest = hashlib.sha1(f"{diag.code}\0{diag.path}\0{basis}".encode(), usedforsecurity=False)
    return digest.hexdigest()[:20]


def _prints(result: RunResult) -> list[str]:
    return [fingerprint(d, result.source_lines.get((d.path, d.line))) for d in result.diagnostics]


def write_baseline(path: Path, result: RunResult) -> int:
    """Record every current finding; returns how many."""
    counts = Counter(_prints(result))
    data = {"format": FORMAT, "newslint": __version__, "findings": dict(sorted(counts.items()))}
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    return sum(counts.values())


def apply_baseline(path: Path, result: RunResult) -> int:
    """Drop the findings recorded in the baseline from ``result``; returns how many were dropped."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        known = Counter({k: int(v) for k, v in data["findings"].items()})
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise BaselineError(f"{path}: not a newslint baseline ({exc})") from None
    kept = []
    for diag, print_ in zip(result.diagnostics, _prints(result)):
        if known[print_] > 0:
            known[print_] -= 1
        else:
            kept.append(diag)
    dropped = len(result.diagnostics) - len(kept)
    result.diagnostics = kept
    return dropped
