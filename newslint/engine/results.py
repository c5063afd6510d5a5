"""What a run produces: one FileResult per file, one RunResult per run, and their builtin-value
form (what crosses from the ``-j`` workers as marshal data and what the project cache stores).

Its own module so that the formatters, the streaming writer, the baseline and the cache can read
results without importing the runner that imports them (docs/architecture.md).
"""
from __future__ import annotations

import marshal
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from newslint.model.summaries import Marshalled, marshals_exactly

if TYPE_CHECKING:
    from collections.abc import Sequence

    from newslint.model.diagnostic import Diagnostic, Fix
    from newslint.api.suppress import Suppression


@dataclass(slots=True)  # a run keeps one per file for the corpus rules: no __dict__ each
class FileResult:
    """What linting one file produced; small and picklable (no document text)."""

    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    source_lines: dict[int, str] = field(default_factory=dict)
    summaries: dict[str, Any] = field(default_factory=dict)
    suppressions: list[Suppression] = field(default_factory=list)
    error: str | None = None
    fixed: int = 0
    diff: str = ""
    fixed_text: str | None = None  # for stdin: the bytes to write back, decoded with surrogateescape
    rendered: str | None = None  # the findings as output text, when the run renders in the workers
    counts: dict[str, Any] | None = None  # what the summary and exit code need of rendered findings

    def for_corpus(self) -> FileResult:
        """What is kept of a file once its findings are written: its suppressions (they filter
        corpus findings), its error and fix count (its summaries are in the run's store)."""
        return FileResult(self.path, suppressions=self.suppressions, error=self.error, fixed=self.fixed)


@dataclass
class RunResult:
    """Everything a formatter needs about a run."""

    files: list[FileResult]
    diagnostics: list[Diagnostic]
    source_lines: dict[tuple[str, int], str]
    errors: list[str]

    streamed_clean: int = 0  # files written while streaming and then forgotten (nothing kept of them)
    corpus_codes: frozenset[str] = frozenset()  # the codes of the corpus rules that ran
    diff_only: bool = False  # --diff: the fixes were shown, not written (the summary says "would")

    @property
    def files_checked(self) -> int:
        return self.streamed_clean + sum(1 for f in self.files if f.error is None)

    @property
    def fixed(self) -> int:
        return sum(f.fixed for f in self.files)


# Results cross from the workers to the parent as marshal data: on two cores the parent's share
# of a run (unpickling tens of thousands of findings while both workers lint) was what kept -j 2
# from doubling the speed. A result marshal cannot carry (a plugin's corpus summary holding its
# own objects) is pickled as it is.


def to_record(result: FileResult) -> tuple[Any, ...]:
    """``result`` as builtin values only (tuples, lists, dicts, scalars): what crosses from the
    workers (as marshal data) and what the project cache stores (as sealed JSON)."""
    diags = [(d.path, d.line, d.column, d.end_line, d.end_column, d.code, d.rule, d.category, d.severity.value,
              d.message, None if d.fix is None else _fix_to_wire(d.fix), d.start_offset, d.end_offset)
             for d in result.diagnostics]
    sups = [(s.first, s.last, s.selectors) for s in result.suppressions]
    return (result.path, diags, result.source_lines, result.summaries, sups, result.error,
            result.fixed, result.diff, result.fixed_text, result.rendered, result.counts)


def to_wire(result: FileResult) -> bytes | FileResult:
    """``result`` as bytes (or itself when it holds something marshal cannot write)."""
    if not marshals_exactly(result.summaries):  # a plugin's summary holding its own objects
        return result
    record = list(to_record(result))
    # Each summary travels as its own marshal bytes, which the parent stores without reading.
    record[3] = {code: marshal.dumps(summary) for code, summary in result.summaries.items()}
    try:
        return marshal.dumps(tuple(record))
    except ValueError:
        return result


def _fix_to_wire(fix: Fix) -> tuple[Any, ...]:
    return fix.safety.value, fix.description, tuple(
        (e.start_offset, e.end_offset, e.replacement, *e.start, *e.end) for e in fix.edits)


def from_wire(data: bytes | FileResult) -> FileResult:
    """The FileResult sent by :func:`to_wire`."""
    if not isinstance(data, bytes):
        return data
    out = from_record(marshal.loads(data))
    out.summaries = {code: Marshalled(summary) for code, summary in out.summaries.items()}
    return out


def from_record(record: Sequence[Any]) -> FileResult:
    """The FileResult of :func:`to_record`'s values (TypeError/ValueError when they do not fit)."""
    from newslint.model.diagnostic import Diagnostic, Edit, Fix, FixSafety, Position, Severity
    from newslint.api.suppress import Suppression

    path, diags, lines, summaries, sups, error, fixed, diff, fixed_text, rendered, counts = record
    if not (isinstance(path, str) and isinstance(lines, dict) and isinstance(summaries, dict)):
        raise TypeError("not a file result")
    severities = {s.value: s for s in Severity}
    safeties = {s.value: s for s in FixSafety}
    new = tuple.__new__  # builds the NamedTuples without a Python call per object

    def fix_of(wire: tuple[Any, ...]) -> Fix:
        return new(Fix, (safeties[wire[0]], wire[1], tuple(
            new(Edit, (so, eo, rep, new(Position, (sl, sc)), new(Position, (el, ec))))
            for so, eo, rep, sl, sc, el, ec in wire[2])))

    out = FileResult(path, error=error, fixed=fixed, diff=diff, fixed_text=fixed_text, rendered=rendered,
                     counts=counts)
    out.diagnostics = [
        new(Diagnostic, (p, ln, col, eln, ecol, code, rule, cat, severities[sev], msg,
                         None if fix is None else fix_of(fix), so, eo))
        for p, ln, col, eln, ecol, code, rule, cat, sev, msg, fix, so, eo in diags
    ]
    out.source_lines = lines
    out.summaries = summaries
    out.suppressions = [Suppression(first, last, tuple(sel)) for first, last, sel in sups]
    return out
