"""Print findings file by file as a run goes, so memory stays flat in the number of files.

Used for every built-in format (``text``, ``github``, ``json``, ``sarif``), fixing or not, and for
``--statistics`` and ``--write-baseline``, which sum each file's findings up where it is linted;
not for stdin. Each file's findings are written as soon as its result arrives, in the order of the
files; findings of the corpus rules (NL105, NL305), known only when every file has been read,
follow at the end, before the summary. JSON and SARIF are written between a head and a tail (the
array's brackets; the SARIF log around its results), each finding one line, rendered in the workers
like text. The run keeps in memory only the suppressions, errors and fix counts of the files that
have them; the corpus rules' summaries wait in a temporary file (newslint/model/summaries.py).
"""
from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any, TextIO

from newslint.model.diagnostic import FixSafety
from newslint.engine.fixer import write_diff

if TYPE_CHECKING:
    from newslint.model.diagnostic import Severity
    from newslint.api.registry import Registry
    from newslint.engine.results import FileResult, RunResult

FRAMED_FORMATS = ("newslint.output.json", "newslint.output.sarif")  # rows inside a head and a tail
STREAMED_FORMATS = ("newslint.output.text", "newslint.output.github", *FRAMED_FORMATS)
# Runs that print no findings but sum them up: each file's findings are reduced where they are
# found to what the sum needs (counts per rule; fingerprints), carried in ``counts``.
STATISTICS, BASELINE = "newslint:statistics", "newslint:baseline"


def render(result: FileResult, module: str, color: bool, show_source: bool, quiet: bool,
           rule_index: dict[str, int] | None = None) -> None:
    """Render ``result``'s findings to ``result.rendered`` and count them in ``result.counts``;
    the findings themselves are dropped (they have been written). ``rule_index`` is SARIF's."""
    diags = sorted(result.diagnostics, key=lambda d: d.sort_key)
    reduced: dict[str, Any] = {}
    parts: list[str] = []
    if module == STATISTICS:
        from newslint.output.text import statistics

        codes, fixable = statistics(diags)
        reduced = {"codes": dict(codes), "fixable": sorted(fixable)}
    elif module == BASELINE:
        from newslint.engine.baseline import prints

        reduced = {"prints": prints(diags, lambda d: result.source_lines.get(d.line))}
    elif module.endswith(".github"):
        from newslint.output import github

        parts = [github.format_annotation(d) for d in diags]
    elif module.endswith(".json"):
        from newslint.output import json

        parts = [json.rows(diags)] if diags else []
    elif module.endswith(".sarif"):
        from newslint.output import sarif

        parts = [sarif.rows(diags, rule_index or {})] if diags else []
    else:
        from newslint.output import text

        show = show_source and not quiet
        parts = [text.format_diagnostic(d, result.source_lines.get(d.line), color, show) for d in diags]
    worst = max(diags, key=lambda d: d.severity.rank).severity.value if diags else None
    fixes = [d.fix.safety for d in diags if d.fix is not None]
    result.rendered = "".join(parts)
    result.counts = {"severity": dict(Counter(d.severity.value for d in diags)), "worst": worst,
                     "safe": sum(1 for s in fixes if s is FixSafety.SAFE),
                     "unsafe": sum(1 for s in fixes if s is not FixSafety.SAFE), **reduced}
    result.diagnostics = []
    result.source_lines = {}


def _severity(value: str) -> Severity:
    from newslint.model.diagnostic import Severity

    return Severity(value)


class StreamReporter:
    """Writes findings as they come and counts what the summary and the exit code need."""

    def __init__(self, module: str, out: TextIO, *, color: bool, show_source: bool, quiet: bool,
                 registry: Registry) -> None:
        self.module = module
        self.out = out
        self.color = color
        self.show_source = show_source and not quiet
        self.quiet = quiet
        self.by_severity: Counter[str] = Counter()
        self.safe = self.unsafe = 0
        self.worst: Severity | None = None
        self._previous: str | None = None
        self.rule_index: dict[str, int] | None = None
        # (head, tail, indent of the tail) of the formats that wrap their rows; None for text and github
        self._frame: tuple[str, str, str] | None = None
        if module.endswith(".json"):
            from newslint.output import json

            self._frame = json.FRAME
        elif module.endswith(".sarif"):
            from newslint.output import sarif

            self._frame = sarif.frame(registry)
            self.rule_index = sarif.rule_index(registry)
        self._rows = 0  # files whose rows were written inside the frame
        self.codes: Counter[tuple[str, str]] = Counter()  # --statistics
        self.fixable: set[str] = set()
        self.prints: Counter[str] = Counter()  # --write-baseline

    def options(self) -> tuple[Any, ...]:
        """What :func:`render` needs, for the run's options (the workers render each file)."""
        return self.module, self.color, self.show_source, self.quiet, self.rule_index

    def file(self, result: FileResult) -> None:
        """Write one file's diff and findings (already rendered by the worker, or rendered here)."""
        if result.diff:
            write_diff(self.out, result.diff)
        if result.rendered is None:
            render(result, *self.options())
        counts = result.counts or {}
        if result.rendered and self._frame is not None:
            if not self._rows:
                self.out.write(self._frame[0])
            self.out.write(",\n" if self._rows else "\n")
            self.out.write(result.rendered)
            self._rows += 1
        elif result.rendered:
            if self._previous not in (None, result.path) and not (self.quiet or self.module.endswith(".github")):
                self.out.write("\n")
            self._previous = result.path
            self.out.write(result.rendered)
        self.by_severity.update(counts.get("severity", {}))
        self.codes.update(counts.get("codes", {}))
        self.fixable.update(counts.get("fixable", ()))
        self.prints.update(counts.get("prints", ()))
        self.safe += counts.get("safe", 0)
        self.unsafe += counts.get("unsafe", 0)
        worst = counts.get("worst")
        if worst is not None:
            severity = _severity(worst)
            if self.worst is None or severity.rank > self.worst.rank:
                self.worst = severity

    def finish(self, result: RunResult) -> None:
        """Write the corpus rules' findings (through :meth:`file`, one file at a time), then the
        frame's tail (JSON, SARIF) or the summary line (text)."""
        from itertools import groupby

        from newslint.engine.results import FileResult

        for path, group in groupby(result.diagnostics, key=lambda d: d.path):  # sorted by path
            diags = list(group)
            # (A streamed run keeps no line text, so a corpus finding's fingerprint is its message,
            # as baseline.line_text wants.)
            self.file(FileResult(path, diagnostics=diags,
                                 source_lines={d.line: result.source_lines.get((path, d.line)) for d in diags}))
        if self.module == STATISTICS:
            from newslint.output.text import write_statistics_counts

            write_statistics_counts(self.codes, self.fixable, self.out)
            return
        if self.module == BASELINE:
            return  # the caller writes the file
        if self._frame is not None:
            head, tail, indent = self._frame
            self.out.write(("\n" + indent + tail) if self._rows else (head + tail))
            return
        total = sum(self.by_severity.values())
        if self.module.endswith(".github"):
            from newslint.output.github import limit_notice

            self.out.write(limit_notice(self.by_severity))
            return
        if self.quiet:
            return
        from newslint.output.text import summary_line

        if total:
            self.out.write("\n")
        self.out.write(summary_line(self.by_severity, self.safe, self.unsafe, result.files_checked, result.fixed,
                                    len(result.errors), diff=result.diff_only) + "\n")
