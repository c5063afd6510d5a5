"""Rules and their metadata: the one source of truth for codes, names, messages and docs.

``newslint rule CODE``, the SARIF rule table and the generated docs all read :class:`RuleMeta`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from newslint.model.diagnostic import FixSafety, Severity

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from newslint.model.diagnostic import Diagnostic
    from newslint.model.document import Document

CATEGORIES = {
    "repetition": "NL1",
    "spin": "NL2",
    "names": "NL3",
    "boilerplate": "NL4",
    "encoding": "NL5",
    "spelling": "NL6",
    "suppression": "NL9",  # the inline suppressions themselves (unused, unknown codes)
}

# A line on its own in an example that separates the files of a corpus-rule example.
EXAMPLE_FILE_SEPARATOR = "<!-- newslint-example: next file -->"


@dataclass(frozen=True)
class RuleMeta:
    """Everything known about a rule before it runs.

    ``explanation`` follows ruff's shape: what it does, why it matters, then the fix safety;
    ``bad`` must trigger the rule and ``good`` must not (the test suite runs both).
    """

    code: str
    name: str
    category: str
    summary: str
    what: str
    why: str
    bad: str
    good: str
    severity: Severity = Severity.WARNING
    fix_safety: FixSafety | None = None
    fix_note: str = ""
    source: str = "newslint"
    default_enabled: bool = True
    # Options the documentation examples run with (e.g. a house list for the bad example).
    example_options: Mapping[str, Any] = field(default_factory=dict)
    options: Mapping[str, Any] = field(default_factory=dict)

    def explain(self) -> str:
        """The Markdown explanation printed by ``newslint rule CODE`` and used in the docs."""
        fix = {
            None: "This rule has no automatic fix.",
            FixSafety.SAFE: "The fix is safe: it runs with `--fix`.",
            FixSafety.UNSAFE: "The fix is unsafe (it changes wording): it runs only with `--unsafe-fixes`.",
        }[self.fix_safety]
        parts = [
            f"# {self.name} ({self.code})",
            "",
            f"Category: `{self.category}` · default severity: `{self.severity.value}`",
            "",
            "## What it does",
            self.what.strip(),
            "",
            "## Why it matters",
            self.why.strip(),
            "",
            "## Example",
            "```text",
            _printable(self.bad.strip("\n")),
            "```",
            "",
            "Use instead:",
            "```text",
            _printable(self.good.strip("\n")),
            "```",
            "",
            "## Fix safety",
            (fix + " " + self.fix_note).strip(),
        ]
        if self.options:
            parts += ["", "## Options", *(f"- `{k}` (default `{v!r}`)" for k, v in self.options.items())]
        return "\n".join(parts) + "\n"


def _printable(example: str) -> str:
    """An example with undecodable bytes (lone surrogates from ``surrogateescape``) as ``\\xNN``,
    so the explanation can be printed, written as UTF-8 docs and put in SARIF/JSON."""
    if not any("\udc80" <= c <= "\udcff" for c in example):
        return example
    return "".join(f"\\x{ord(c) - 0xDC00:02X}" if "\udc80" <= c <= "\udcff" else c for c in example)


class Rule:
    """A check over one document at a time. Subclasses set ``meta`` and implement ``check``.

    A rule is instantiated once per run with its options (the defaults in ``meta.options``
    updated from the config's section for the rule's category).
    """

    meta: ClassVar[RuleMeta]
    is_corpus: ClassVar[bool] = False
    # A document-level rule that reads the other rules' finding counts (``doc.memo["counts"]``).
    runs_last: ClassVar[bool] = False
    # The Document's derived texts this rule reads (names of its cached properties, such as
    # "short_lines"): the engine drops each after the last rule that says it reads it (issue 18).
    # A rule that reads one without saying so still gets it, computed again.
    reads: tuple[str, ...] = ()

    def __init__(self, options: Mapping[str, Any] | None = None) -> None:
        self.options: dict[str, Any] = {**self.meta.options, **(options or {})}

    def check(self, doc: Document) -> Iterable[Diagnostic]:
        """Yield the diagnostics of this rule for ``doc``."""
        raise NotImplementedError


class CorpusRule(Rule):
    """A check over all documents of a run.

    ``collect`` runs next to the per-document rules (in worker processes with ``--jobs``) and
    returns a small picklable summary; ``finish`` sees every summary and yields diagnostics. This
    keeps memory flat: documents are never all held at once, and the summaries wait in the run's
    store (newslint/model/summaries.py), so ``finish`` gets a sequence that reads each one back when it
    is iterated or indexed.
    """

    is_corpus = True

    def check(self, doc: Document) -> Iterable[Diagnostic]:
        return ()

    def active(self, files_in_run: int) -> bool:
        """Whether to collect summaries in a run of this many files (e.g. not for one file)."""
        return True

    def collect(self, doc: Document) -> Any:
        """A picklable summary of ``doc`` for ``finish`` (None to skip the document)."""
        raise NotImplementedError

    def finish(self, summaries: Sequence[Any]) -> Iterable[Diagnostic]:
        """Yield diagnostics from the summaries of every document of the run."""
        raise NotImplementedError

    def diagnostic(self, path: str, line: int, column: int, end_column: int, message: str) -> Diagnostic:
        """A single-line diagnostic of this rule made in ``finish`` (positions come from ``collect``)."""
        from newslint.model.diagnostic import Diagnostic

        return Diagnostic(path=path, line=line, column=column, end_line=line, end_column=end_column,
                          code=self.meta.code, rule=self.meta.name, category=self.meta.category,
                          severity=self.meta.severity, message=message)
