"""Lint one Document: run the enabled checkers, then per-file ignores and suppressions."""
from __future__ import annotations

import fnmatch
import os
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newslint.api import suppress
from newslint.api.packs import RuleTimeout
from newslint.api.rule import CATEGORIES

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from newslint.config.settings import Config
    from newslint.model.diagnostic import Diagnostic
    from newslint.model.document import Document
    from newslint.api.registry import Registry
    from newslint.api.rule import CorpusRule, Rule


class RuleCrash(Exception):
    """A rule raised on a document: a bug in the rule, reported without a traceback."""


class LintCancelled(Exception):
    """The ``stop`` callback of :meth:`Engine.lint` said the result is no longer wanted."""


class Engine:
    """The enabled checkers of a run and the filters applied to what they find."""

    def __init__(self, registry: Registry, enabled: set[str], config: Config) -> None:
        self.registry = registry
        self.enabled = enabled
        self.config = config
        # How many files this run lints (set by the runner): a corpus rule may have nothing to
        # compare a single file with, and then skips its work.
        self.files_in_run = 0

    @cached_property
    def _all(self) -> list[Rule]:
        # Built on first use: a run answered wholly from the cache never compiles a pattern.
        # Document-level rules (``runs_last``) see how many findings the others made.
        # Every rule also learns the project's root (for files such as .newslint-words.txt).
        # (A config may set project-root itself: newslint/dask ships one set to "", as workers on a
        # cluster read nothing of the project but its articles.)
        options = {cat: {"project-root": str(self.config.root), **self.config.rule_options.get(cat, {})}
                   for cat in CATEGORIES}
        checkers = self.registry.checkers(self.enabled, options)
        return sorted(checkers, key=lambda c: getattr(c, "runs_last", False))

    @property
    def checkers(self) -> list[Rule]:
        """The enabled per-document checkers."""
        return [c for c in self._all if not c.is_corpus]

    @property
    def corpus_rules(self) -> list[CorpusRule]:
        """The enabled corpus rules."""
        return [c for c in self._all if c.is_corpus]  # type: ignore[misc]

    @cached_property
    def _corpus_codes(self) -> set[str]:
        # Every corpus rule, enabled or not: the hook runs without them (--no-corpus-rules), and a
        # suppression of NL305 must not be called unused there.
        return self.registry.corpus_codes()

    @cached_property
    def _user_masks(self) -> Any:
        from newslint.model.formats.templates import UserMasks

        return UserMasks(self.config.ignore_patterns, self.config.ignore_blocks)

    def prepare(self, doc: Document) -> None:
        """Mask what the config's ``ignore-patterns`` / ``ignore-blocks`` match, before any rule
        reads (within a time budget: the config is the repository's, so untrusted)."""
        if self.config.ignore_patterns or self.config.ignore_blocks:
            from newslint.model.formats import apply_spans

            doc.prose = apply_spans(doc.prose, self._user_masks.spans(doc.text, str(doc.path)))

    def _skips(self, doc: Document) -> frozenset[str]:
        """The categories that do not read ``doc``: the English-only ones on a foreign page."""
        from newslint.model.language import ENGLISH_ONLY, is_english

        if not self.config.detect_language or is_english(doc):
            return frozenset()
        return ENGLISH_ONLY

    def lint(self, doc: Document, stop: Callable[[], bool] | None = None,
             ) -> tuple[list[Diagnostic], list[suppress.Suppression]]:
        """Diagnostics for ``doc`` (unsorted, filtered) and the suppressions it declares.

        ``stop`` is asked before each rule (the editor's document changed: this lint is stale);
        when it answers true the lint ends with :class:`LintCancelled`."""
        found: list[Diagnostic] = []
        self.prepare(doc)
        skips = self._skips(doc)
        # What the suppression rules (NL9xx, run last) read: this document's findings so far,
        # the codes that run on it, and every known rule.
        doc.memo.update({"found": found, "enabled": self.enabled, "rules": self.registry.metas,
                         "corpus-codes": self._corpus_codes,
                         "skipped-codes": {c for c, m in self.registry.metas.items() if m.category in skips}
                         if skips else set()})
        checkers, done, early, unread = self._plan
        for n, checker in enumerate(checkers):
            if n in early:
                self._collect_early(doc, early[n])
            if n in done:
                _forget(doc.memo, done[n])
            if n in unread:
                doc.forget(unread[n])
            if skips and all(m.category in skips for m in _metas(checker)):
                continue
            if stop is not None and stop():
                raise LintCancelled(doc.path)
            try:
                mark = len(found)
                found.extend(d for d in checker.check(doc) if d.code in self.enabled)
                counts = doc.memo.setdefault("counts", {})
                for d in found[mark:]:
                    counts[d.code] = counts.get(d.code, 0) + 1  # type: ignore[union-attr]
            except RuleTimeout:
                raise
            except RecursionError as exc:  # pragma: no cover - defensive
                raise RuleCrash(f"{doc.path}: rule {_names(checker)} failed: {exc}") from exc
            except (Exception, SystemExit) as exc:  # SystemExit: a plugin rule calling sys.exit
                raise RuleCrash(f"{doc.path}: rule {_names(checker)} failed: {type(exc).__name__}: {exc}") from exc
        if len(checkers) in early:
            self._collect_early(doc, early[len(checkers)])
        if len(checkers) in done:
            _forget(doc.memo, done[len(checkers)])
        doc.forget(unread.get(len(checkers), ()))
        suppressions = suppress.parse(doc)
        return self.filter(found, doc.path, suppressions), suppressions

    @cached_property
    def _plan(self) -> tuple[list[Rule], dict[int, set[str]], dict[int, list[CorpusRule]], dict[int, set[str]]]:
        """(the checkers, and before which of them each family's memo is dropped, each corpus
        summary taken and each derived text dropped): the same for every document of a run."""
        checkers = self.checkers
        return (checkers, *self._families_done(checkers), _unread(checkers))

    def _families_done(self, checkers: Sequence[Rule]) -> tuple[dict[int, set[str]], dict[int, list[CorpusRule]]]:
        """({n: the families whose last checker is checker n - 1}, {n: the corpus rules to
        collect then}): what a family keeps in ``doc.memo`` (its keys are named after it:
        "repetition.units", ("spin.misfits", 2)) is dropped before checker n runs, so a later
        family's peak does not stand on it (issue 18: the repetition scan's words and units held
        100 MB of a 20 MB article until the end). A family whose corpus rule reads the document
        after the lint (``collect``) is dropped too when that rule says its summary can be taken
        as soon as the family's checkers are done (``collect_early``: the built-in ones; the
        names family's mentions were 34 MB of a 20 MB article under the spin scan's peak);
        otherwise it is kept."""
        last: dict[str, int] = {}
        for n, checker in enumerate(checkers):
            for meta in _metas(checker):
                last[meta.category] = n + 1
        collecting: dict[str, list[CorpusRule]] = {}
        for rule in self.corpus_rules:
            if rule.active(self.files_in_run):
                collecting.setdefault(rule.meta.category, []).append(rule)
        done: dict[int, set[str]] = {}
        early: dict[int, list[CorpusRule]] = {}
        for family, n in last.items():
            rules = collecting.get(family, [])
            if all(getattr(rule, "collect_early", False) for rule in rules):
                done.setdefault(n, set()).add(family)
                early.setdefault(n, []).extend(rules)
        return done, early

    def _collect_early(self, doc: Document, rules: Sequence[CorpusRule]) -> None:
        """Take these corpus rules' summaries of ``doc`` now (see ``_families_done``), for
        :meth:`collect` to hand out: the same summaries, as ``collect`` reads only the document."""
        for rule in rules:
            doc.memo[("collected", rule.meta.code)] = self._collect_one(rule, doc)

    def collect(self, doc: Document) -> dict[str, Any]:
        """The corpus rules' summaries of ``doc``."""
        out: dict[str, Any] = {}
        for rule in self.corpus_rules:
            if not rule.active(self.files_in_run):
                continue
            key = ("collected", rule.meta.code)
            summary = doc.memo.pop(key) if key in doc.memo else self._collect_one(rule, doc)
            if summary is not None:
                out[rule.meta.code] = summary
        return out

    @staticmethod
    def _collect_one(rule: CorpusRule, doc: Document) -> Any:
        try:
            return rule.collect(doc)
        except (Exception, SystemExit) as exc:
            raise RuleCrash(f"{doc.path}: rule {_names(rule)} failed: {type(exc).__name__}: {exc}") from exc

    def filter(self, diags: Sequence[Diagnostic], path: str,
               suppressions: Sequence[suppress.Suppression]) -> list[Diagnostic]:
        """Drop diagnostics of disabled codes, per-file ignores and inline suppressions."""
        ignores = self.ignores_for(path)
        kept = [d for d in diags if d.code in self.enabled
                and not any(suppress.matches(s, d.code, d.rule, d.category) for s in ignores)]
        return suppress.filter_diagnostics(kept, list(suppressions))

    def ignores_for(self, path: str) -> list[str]:
        """The per-file-ignore selectors whose glob matches ``path``."""
        if not self.config.per_file_ignores:
            return []
        return per_file_ignores(self.config.per_file_ignores, _relative(path, self.config.root))


def per_file_ignores(table: Mapping[str, Sequence[str]], path: str) -> list[str]:
    """Selectors of every glob in ``table`` that matches ``path`` (or its file name)."""
    posix = path.replace("\\", "/")
    name = posix.rsplit("/", 1)[-1]
    out: list[str] = []
    for glob, selectors in table.items():
        if fnmatch.fnmatch(posix, glob) or fnmatch.fnmatch(name, glob) or fnmatch.fnmatch(posix, "*/" + glob):
            out.extend(selectors)
    return out


def _relative(path: str, root: Path) -> str:
    """``path`` (as displayed, relative to the working folder) relative to the config's folder."""
    try:
        return Path(os.path.abspath(path)).relative_to(root.resolve()).as_posix()
    except ValueError:
        return path


@lru_cache(maxsize=1024)
def memo_family(key: object) -> str | None:
    """The family that named a ``doc.memo`` key ("repetition.units", ("spin.misfits", 2), or the
    str of such a tuple), or None for the shared entries ("token-index", "lower", "found").
    Cached: every document's memo has the same few keys, and each is asked about before each
    family's last checker (180,000 questions on the BBC corpus)."""
    text = key[0] if isinstance(key, tuple) and key and isinstance(key[0], str) else str(key)
    name = text.lstrip("('\"").split(".", 1)[0].split("'", 1)[0]
    return name if name in CATEGORIES else None


def _unread(checkers: Sequence[Rule]) -> dict[int, set[str]]:
    """{n: the document's derived texts (``Rule.reads``) whose last reader is checker n - 1}:
    dropped before checker n runs, so the later checkers' peaks do not stand on them (the short
    lines' joined text, read only by the line rules, is up to half of an article)."""
    last: dict[str, int] = {}
    for n, checker in enumerate(checkers):
        for name in getattr(checker, "reads", ()):
            last[name] = n + 1
    unread: dict[int, set[str]] = {}
    for name, n in last.items():
        unread.setdefault(n, set()).add(name)
    return unread


def _forget(memo: dict[Any, object], families: set[str]) -> None:
    """Drop the ``memo`` entries of ``families`` (caches: a rule asking again recomputes them)."""
    for key in [k for k in memo if memo_family(k) in families]:
        del memo[key]


def _metas(checker: Rule) -> Sequence[Any]:
    return getattr(checker, "metas", None) or (checker.meta,)


def _names(checker: Rule) -> str:
    return ",".join(m.code for m in _metas(checker))
