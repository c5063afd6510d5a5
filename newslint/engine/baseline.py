"""Baselines: adopt newslint on a repository of old articles and report only new findings.

A finding is matched by rule, file and a fingerprint of the text of its line (whitespace folded),
not by line number, so editing above a finding does not resurrect it; counts per fingerprint
handle the same finding twice in one file.
"""
from __future__ import annotations

import hashlib
import re
import json
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from newslint import __version__
from newslint.model.reading import MAX_FILE_BYTES, InputError, read_text_limited

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from newslint.model.diagnostic import Diagnostic
    from newslint.engine.results import RunResult

FORMAT = 1
# A baseline holds ~30 bytes per finding: 64 MiB is two million findings.
MAX_BYTES = 4 * MAX_FILE_BYTES


class BaselineError(Exception):
    """A baseline file that cannot be read."""


_DIGITS = re.compile(r"\d+")


def fingerprint(diag: Diagnostic, line_text: str | None) -> str:
    """Rule, file and the flagged line's text (or the message, for file-level findings and the
    corpus rules' findings: see :func:`line_text`)."""
    # A message counts things in the run ("in 3 other files"): digits would make the print
    # depend on which files a run (or a pre-commit batch) held, so they are left out.
    basis = " ".join(line_text.split()) if line_text is not None else " ".join(_DIGITS.sub("#", diag.message).split())
    digest = hashlib.sha1(f"{diag.code}\0{diag.path}\0{basis}".encode(), usedforsecurity=False)
    return digest.hexdigest()[:20]


def line_text(result: RunResult) -> Callable[[Diagnostic], str | None]:
    """The text a finding of ``result`` is fingerprinted by. A corpus rule's finding (NL105,
    NL305) has none: a run knows its line's text only when another finding shares the line, and a
    streamed run not even then, so the fingerprint would change with the findings around it."""
    corpus, lines = result.corpus_codes, result.source_lines
    return lambda d: None if d.code in corpus else lines.get((d.path, d.line))


def prints(diags: Sequence[Diagnostic], line_text: Callable[[Diagnostic], str | None]) -> list[str]:
    """The fingerprints of ``diags``."""
    return [fingerprint(d, line_text(d)) for d in diags]


def write_counts(path: Path, counts: Counter[str]) -> int:
    """Write the baseline file for these fingerprint counts; returns how many findings."""
    import os
    import tempfile

    data = {"format": FORMAT, "newslint": __version__, "findings": dict(sorted(counts.items()))}
    # Through a temporary file renamed over the path: a committed link named like the baseline is
    # replaced, not written through (to a file outside the checkout), a FIFO there cannot block
    # the run, and a kill leaves the old baseline whole.
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:80]}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(json.dumps(data, indent=1) + "\n")
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
    return sum(counts.values())


def load_baseline(path: Path) -> Counter[str]:
    """The recorded findings: how many of each fingerprint."""
    try:  # often committed by the repository: bounded, regular files only (a FIFO would block)
        text = read_text_limited(path, "baseline", MAX_BYTES)
    except InputError as exc:
        raise BaselineError(str(exc)) from None
    try:
        data = json.loads(text)
        return Counter({k: int(v) for k, v in data["findings"].items()})
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        raise BaselineError(f"{path}: not a newslint baseline ({exc})") from None


def drop_known(diags: Sequence[Diagnostic], line_text: Callable[[Diagnostic], str | None],
               known: Counter[str]) -> list[Diagnostic]:
    """``diags`` less those recorded in ``known``, whose counts go down as they are matched.

    Fingerprints name the file, so a streamed run drops each file's findings on its own, in
    whichever process linted it, with the same result as dropping them from the whole run."""
    kept = []
    for diag, print_ in zip(diags, prints(diags, line_text)):
        if known[print_] > 0:
            known[print_] -= 1
        else:
            kept.append(diag)
    return kept
