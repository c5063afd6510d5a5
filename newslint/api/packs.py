"""Rule packs: rules that are data. One TOML file, one compiled matcher for all of its rules.

Two kinds of rule live in packs (see docs/plugins.md):

- ``line``: a list of regular expressions, each matched against a whole line (surrounding
  whitespace ignored). The fix deletes the line.
- ``phrase``: ``[spun, original]`` pairs matched as whole words in one pass (newslint/api/phrases.py);
  the fix restores the original wording.

User packs' patterns are compiled with the ``regex`` module, for its ``timeout`` (a guard against
catastrophic backtracking) and its error messages; it is imported only when such a pattern has to
be compiled, so a run with only newslint's own packs (compiled by ``re``) never loads it.
"""
from __future__ import annotations

import bisect
import re
import string
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newslint.model.diagnostic import FixSafety, Severity
from newslint.api.lineblocks import block_is_debris, block_lines, delete_block_edit, judge_line
from newslint.api.phrases import PhraseIndex, lookup
from newslint.model.reading import RUN_BUDGET, TIMEOUT_PER_MB, InputError, RuleTimeout, TimeBudget, read_limited  # noqa: F401 - re-exported
from newslint.model.resources import builtin_pack_dir, builtin_packs  # noqa: F401 - re-exported, as before
from newslint.api.rule import CATEGORIES, Rule, RuleMeta

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

if TYPE_CHECKING:
    from collections.abc import Iterator

    from newslint.model.diagnostic import Diagnostic
    from newslint.model.document import Document

_RULE_KEYS = {
    "code", "name", "category", "kind", "summary", "severity", "fix", "fix-safety", "fix-note",
    "message", "what", "why", "bad", "good", "scope", "case-sensitive", "patterns", "phrases", "allow",
}
_KINDS = {"line", "phrase"}
_SCOPES = {"any", "head", "tail", "body"}


class PackError(Exception):
    """A rule pack that cannot be loaded; the message names the file and the rule."""


@dataclass
class PackRuleSpec:
    """One rule of a pack, as written in the TOML file."""

    meta: RuleMeta
    kind: str
    message: str
    scope: str = "any"
    case_sensitive: bool = False
    patterns: list[str] = field(default_factory=list)
    phrases: dict[str, str] = field(default_factory=dict)  # lowercased spun → original
    allow: list[str] = field(default_factory=list)


def _require(table: dict[str, Any], key: str, kind: type, where: str) -> Any:
    if key not in table:
        raise PackError(f"{where}: missing required key '{key}'")
    value = table[key]
    if not isinstance(value, kind):
        raise PackError(f"{where}: '{key}' must be a {kind.__name__}")
    return value


def _parse_rule(table: dict[str, Any], path: Path, index: int, validate: bool) -> PackRuleSpec:
    where = f"{path}: rule #{index + 1}"
    unknown = sorted(set(table) - _RULE_KEYS)
    if unknown:
        raise PackError(f"{where}: unknown key '{unknown[0]}'")
    code = _require(table, "code", str, where)
    where = f"{path}: rule {code}"
    kind = _require(table, "kind", str, where)
    if kind not in _KINDS:
        raise PackError(f"{where}: 'kind' must be one of {sorted(_KINDS)}, not {kind!r}")
    category = _require(table, "category", str, where)
    if category not in CATEGORIES:
        raise PackError(f"{where}: unknown category {category!r}")
    scope = table.get("scope", "any")
    if scope not in _SCOPES:
        raise PackError(f"{where}: 'scope' must be one of {sorted(_SCOPES)}")
    try:
        severity = Severity(table.get("severity", "warning"))
        safety = FixSafety(table["fix-safety"]) if "fix-safety" in table else None
    except ValueError as exc:
        raise PackError(f"{where}: {exc}") from None
    if safety is None and table.get("fix", "none") != "none":
        safety = FixSafety.SAFE if kind == "line" else FixSafety.UNSAFE
    if table.get("fix", "none") == "none":
        safety = None
    meta = RuleMeta(
        code=code,
        name=_require(table, "name", str, where),
        category=category,
        summary=_require(table, "summary", str, where),
        what=_require(table, "what", str, where),
        why=_require(table, "why", str, where),
        bad=_require(table, "bad", str, where),
        good=_require(table, "good", str, where),
        severity=severity,
        fix_safety=safety,
        fix_note=table.get("fix-note", ""),
        source=str(path),
    )
    message = table.get("message", meta.summary)
    if not isinstance(message, str):
        raise PackError(f"{where}: 'message' must be a string")
    _check_template(message, {"match"} if kind == "line" else {"match", "original"}, where)
    spec = PackRuleSpec(meta, kind, message, scope, bool(table.get("case-sensitive", False)))
    if kind == "line":
        spec.patterns = list(_require(table, "patterns", list, where))
        for pattern in spec.patterns if validate else ():
            import regex  # only packs that are validated (users' packs) pay for importing it

            try:
                regex.compile(pattern)
            except regex.error as exc:
                raise PackError(f"{where}: invalid pattern {pattern!r}: {exc}") from None
    else:
        for pair in _require(table, "phrases", list, where):
            if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, str) and p for p in pair)):
                raise PackError(f"{where}: every phrase must be a [spun, original] pair, got {pair!r}")
            if not any(c.isalnum() for c in pair[0]):
                raise PackError(f"{where}: phrase {pair[0]!r} has no letter or digit (phrases match whole words)")
            key = pair[0] if spec.case_sensitive else pair[0].lower()
            if key in spec.phrases:
                raise PackError(f"{where}: duplicate phrase {pair[0]!r}")
            spec.phrases[key] = pair[1]
        spec.allow = list(table.get("allow", []))
    return spec


def _check_template(message: str, fields: set[str], where: str) -> None:
    """A message template may only use ``{match}`` (and ``{original}`` for phrases), with no
    attribute, index, conversion or format spec: anything else failed (or leaked) at lint time."""
    try:
        parts = list(string.Formatter().parse(message))
    except ValueError as exc:
        raise PackError(f"{where}: invalid message template {message!r}: {exc}") from None
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        if name not in fields or spec or conversion:
            allowed = " and ".join(f"{{{f}}}" for f in sorted(fields))
            raise PackError(f"{where}: message template {message!r} may only use {allowed} "
                            "(write {{ and }} for literal braces)")


def load_pack_file(path: Path, *, validate: bool = True) -> list[PackRuleSpec]:
    """Parse and validate one pack file, or read the result of an earlier run from the per-user
    cache (keyed by the file's bytes; parsing the built-in packs took longer than linting a file).

    ``validate=False`` skips compiling every pattern up front: newslint's own packs are validated
    by its test suite, and compiling them at every start-up would cost more than linting a file.
    """
    from newslint.model.usercache import cached

    # The key holds the fields of the cached classes too, so a changed class is never unpickled.
    shape = (fields_of(PackRuleSpec), fields_of(RuleMeta))
    return cached("pack", [path], (str(path), validate, shape),  # type: ignore[no-any-return]
                  lambda: _parse_pack_file(path, validate))


def fields_of(cls: type) -> tuple[str, ...]:
    """The names of a dataclass's fields."""
    return tuple(cls.__dataclass_fields__)  # type: ignore[attr-defined]


def _parse_pack_file(path: Path, validate: bool) -> list[PackRuleSpec]:
    try:
        data = tomllib.loads(read_limited(path, what="rule pack").decode("utf-8"))
    except InputError as exc:
        raise PackError(f"{path}: cannot read rule pack: {exc.reason}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise PackError(f"{path}: invalid TOML: {exc}") from None
    except RecursionError:  # tomllib recurses on nested arrays: a hostile pack nests thousands
        raise PackError(f"{path}: invalid TOML: nested too deeply") from None
    unknown = sorted(set(data) - {"pack", "rule"})
    if unknown:
        raise PackError(f"{path}: unknown top-level key '{unknown[0]}'")
    rules = data.get("rule", [])
    if not isinstance(rules, list) or not rules:
        raise PackError(f"{path}: a pack needs at least one [[rule]] table")
    return [_parse_rule(table, path, i, validate) for i, table in enumerate(rules)]


def _case(pattern: str, sensitive: bool) -> str:
    return f"(?:{pattern})" if sensitive else f"(?i:{pattern})"


class PackChecker(Rule):
    """Runs every rule of one pack over a document with one compiled pattern per rule kind."""

    def __init__(self, path: Path, specs: list[PackRuleSpec], *, trusted: bool = True) -> None:
        self.path = path
        self.specs = specs
        self.metas = tuple(s.meta for s in specs)
        self.trusted = trusted
        self.options = {}
        lines = [s for s in specs if s.kind == "line"]
        # One global flag is much faster than a scoped flag per alternative.
        nocase = all(not s.case_sensitive for s in lines)
        flags = re.I if nocase else 0
        # Which rule a matched line belongs to is settled by one pattern per rule, compiled on
        # first use: most runs match few lines, and start-up time matters to pre-commit.
        self._line_specs = [
            (s, "|".join(p if nocase else _case(p, s.case_sensitive) for p in s.patterns)) for s in lines
        ]
        self._line_flags = flags
        self._spec_res: dict[str, Any] = {}
        alternatives = [p if nocase else _case(p, s.case_sensitive) for s in lines for p in s.patterns]
        self._line_re = (
            self._compile(r"^[^\S\n]*[*_]{0,3}(?:" + "|".join(alternatives) + r")[*_]{0,3}[^\S\n]*$", flags | re.M)
            if alternatives else None
        )
        self.reads = ("short_lines",) if alternatives else ()
        self._phrase_res = [self._phrase_matcher(s) for s in specs if s.kind == "phrase"]
        self._budget = TimeBudget()  # what this (user) pack may still spend in this run

    def _compile(self, pattern: str, flags: int) -> Any:
        """Compile with the stdlib ``re`` when the pack is trusted and the pattern allows it (it is
        2–3× faster on long alternations); user packs use ``regex`` for its timeout."""
        if self.trusted:
            from newslint.model.recache import compile_pattern

            try:
                return compile_pattern(pattern, flags)
            except re.error:
                pass
        import regex  # user packs only: ~20 ms that a run with newslint's own packs never pays

        return regex.compile(pattern, flags)

    @staticmethod
    def _finditer(pattern: Any, text: str, timeout: float | None) -> Any:
        return pattern.finditer(text) if timeout is None else pattern.finditer(text, timeout=timeout)

    @staticmethod
    def _phrase_matcher(spec: PackRuleSpec) -> tuple[PackRuleSpec, PhraseIndex, PhraseIndex | None]:
        found = PhraseIndex(spec.phrases, case_sensitive=spec.case_sensitive)
        allow = PhraseIndex(spec.allow, case_sensitive=spec.case_sensitive) if spec.allow else None
        return spec, found, allow

    def _timeout(self, doc: Document) -> float | None:
        if self.trusted:
            return None
        timeout = self._budget.grant(len(doc.prose))
        if timeout is None:
            raise RuleTimeout(f"rule pack {self.path}: skipped on {doc.path}: its patterns used up this run's "
                              "time budget on earlier files (catastrophic backtracking?); rewrite or remove it")
        return timeout

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        """Yield diagnostics of every rule in the pack (a user pack within its time budget)."""
        timeout = self._timeout(doc)
        if timeout is None:
            yield from self._check(doc, None)
            return
        started = time.perf_counter()
        try:
            yield from self._check(doc, timeout)
        finally:
            self._budget.spend(time.perf_counter() - started)

    def _check(self, doc: Document, timeout: float | None) -> Iterator[Diagnostic]:
        try:
            if self._line_re is not None:
                yield from self._check_lines(doc, timeout)
            for spec, found, allow in self._phrase_res:
                yield from self._check_phrases(doc, spec, found, allow, timeout)
        except TimeoutError:
            raise RuleTimeout(
                f"rule pack {self.path}: a pattern took too long on {doc.path} "
                "(catastrophic backtracking?); rewrite it or remove the pack"
            ) from None

    def _check_lines(self, doc: Document, timeout: float | None) -> Iterator[Diagnostic]:
        assert self._line_re is not None
        head_end, tail_start = doc.story_bounds
        short = doc.short_lines
        found: list[tuple[PackRuleSpec, int, str, int, bool]] = []
        title_start = len(doc.prose) - len(doc.prose.lstrip())
        for m in self._finditer(self._line_re, short.text, timeout):
            line_text = m.group().strip()
            core = line_text.strip("*_").strip() if line_text[:1] in "*_" else line_text
            for spec, pattern in self._line_specs:
                compiled = self._spec_res.get(spec.meta.code)
                if compiled is None:
                    compiled = self._spec_res[spec.meta.code] = self._compile(f"(?:{pattern})", self._line_flags)
                if not (compiled.fullmatch(core) if timeout is None else compiled.fullmatch(core, timeout=timeout)):
                    continue
                start = short.to_document(m.start()) + m.group().index(line_text)
                if (spec.scope == "head" and start >= head_end) or (spec.scope == "tail" and start < tail_start):
                    continue
                if spec.scope == "body" and start <= title_start:
                    continue  # the first line of the text is its title
                line = doc.position(start).line
                verdict = judge_line(doc, line)
                if verdict.flag:
                    found.append((spec, start, line_text, line, verdict.safe))
                break
        yield from self._line_diagnostics(doc, found)

    @staticmethod
    def _line_diagnostics(doc: Document, found: list[tuple[PackRuleSpec, int, str, int, bool]]) -> Iterator[Diagnostic]:
        """Diagnostics for the flagged lines. Deleting a line is safe where it is a block of its
        own (newslint/api/lineblocks.py), and where every line of its block is flagged: then the
        whole block is debris."""
        flagged = {line for _, _, _, line, _ in found}
        seen: dict[int, bool] = {}
        for spec, start, line_text, line, safe in found:
            edit = None
            if not safe and block_is_debris(doc, line, flagged, seen):
                # Every line of the block takes the same edit, deleting the block: the first
                # applies, the rest are gone when the fixer lints again.
                edit = delete_block_edit(doc, block_lines(doc, line))
                safe = True
            yield doc.diagnostic(
                spec.meta, start, start + len(line_text), spec.message.format(match=line_text),
                edits=[edit or doc.delete_line_edit(line, (start, start + len(line_text)))],
                fix_description="Delete the line", safety=None if safe else FixSafety.UNSAFE,
            )

    def _check_phrases(self, doc: Document, spec: PackRuleSpec, found: PhraseIndex, allow: PhraseIndex | None,
                       timeout: float | None) -> Iterator[Diagnostic]:
        allowed = [(a, b) for a, b, _ in allow.find(doc)] if allow else []
        starts = [a for a, _ in allowed]
        for start, end, spun in found.find(doc):
            i = bisect.bisect_right(starts, start) - 1
            if (i >= 0 and allowed[i][1] > start) or (i + 1 < len(allowed) and allowed[i + 1][0] < end):
                continue  # inside or overlapping an allowed phrase
            original = lookup(spec.phrases, spun, spec.case_sensitive)
            if original is None:
                continue
            replacement = match_case(spun, original)
            yield doc.diagnostic(
                spec.meta, start, end, spec.message.format(match=spun, original=replacement),
                edits=[doc.edit(start, end, replacement)] if spec.meta.fix_safety else (),
                fix_description=f"Replace with '{replacement}'",
            )


def match_case(found: str, replacement: str) -> str:
    """``replacement`` with the capitalisation of ``found`` (all caps, or a capital first letter)."""
    if found.isupper() and len(found) > 1:
        return replacement.upper()
    words = found.split()
    if len(words) > 1 and all(w[:1].isupper() for w in words):
        # A title ("Legal Professional Basic") keeps its capitals: "Attorney General".
        return " ".join(w[:1].upper() + w[1:] if w[:1].islower() else w for w in replacement.split())
    if found[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement
