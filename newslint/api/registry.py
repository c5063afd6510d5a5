"""Which rules exist and which are enabled: collected from plugins and packs, then selected.

Selectors are codes (``NL401``), prefixes (``NL4``), categories (``boilerplate``), rule names
(``ad-marker``) or ``ALL``. As in ruff, the most specific selector wins: a code beats a prefix, a
longer prefix beats a shorter one, a prefix beats a category; on a tie, ignore wins.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from newslint.api.packs import PackChecker, PackRuleSpec, load_pack_file
from newslint.api.plugins import failure, plugin_manager
from newslint.model.resources import builtin_packs  # noqa: F401 - moved to resources.py; still importable here
from newslint.api.rule import CATEGORIES, Rule, RuleMeta

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence
    from typing import Any


class SelectorError(ValueError):
    """A selector that matches no rule."""


@dataclass(frozen=True)
class RuleSource:
    """A rule class, or a pack file, and whether it came from newslint or the user."""

    rule_class: type[Rule] | None = None
    pack: Path | None = None
    trusted: bool = True


def _load(source: RuleSource) -> tuple[tuple[RuleMeta, ...], list[PackRuleSpec]]:
    if source.rule_class is not None:
        return (source.rule_class.meta,), []
    assert source.pack is not None
    specs = load_pack_file(source.pack, validate=not source.trusted)
    return tuple(s.meta for s in specs), specs


class Registry:
    """All known rules: their metadata by code, and how to build their checkers."""

    def __init__(self, sources: Sequence[RuleSource]) -> None:
        self.sources = list(sources)
        self.metas: dict[str, RuleMeta] = {}
        self._metas_by_source: list[tuple[RuleSource, tuple[RuleMeta, ...], list[PackRuleSpec]]] = []
        for source in self.sources:
            metas, specs = _load(source)
            for meta in metas:
                if meta.code in self.metas:
                    raise SelectorError(f"rule code {meta.code} is defined twice ({self.metas[meta.code].source}, {meta.source})")
                self.metas[meta.code] = meta
            self._metas_by_source.append((source, metas, specs))

    @classmethod
    def load(cls, extra_packs: Iterable[Path] = (), *, load_entry_points: bool | None = None) -> Registry:
        """Built-in and plugin rules and packs, then the user's packs."""
        pm = plugin_manager(load_entry_points)
        sources: list[RuleSource] = []
        try:
            for rules in pm.hook.newslint_rules():
                sources.extend(RuleSource(rule_class=r) for r in rules)
            for packs in pm.hook.newslint_rule_packs():
                sources.extend(RuleSource(pack=Path(p)) for p in packs)
        except (Exception, SystemExit) as exc:
            raise failure("a newslint plugin's rule hook failed", exc) from None
        sources.extend(RuleSource(pack=Path(p), trusted=False) for p in extra_packs)
        return cls(sources)

    def resolve(self, select: Sequence[str] | None, ignore: Sequence[str] = (),
                extend_select: Sequence[str] = ()) -> set[str]:
        """The set of enabled codes. ``select=None`` means the default set."""
        for selector in [*(select or ()), *ignore, *extend_select]:
            if not any(_specificity(selector, m) for m in self.metas.values()):
                raise SelectorError(f"unknown rule selector '{selector}'")
        enabled = set()
        for code, meta in self.metas.items():
            if select is None:
                chosen = [1] if meta.default_enabled else []
            else:
                chosen = [_specificity(s, meta) for s in select]
            chosen += [_specificity(s, meta) for s in extend_select]
            ignored = [_specificity(s, meta) for s in ignore]
            best_on, best_off = max(chosen, default=0), max(ignored, default=0)
            if best_on and best_on > best_off:
                enabled.add(code)
        return enabled

    def checkers(self, enabled: set[str], options: Mapping[str, Mapping[str, Any]] | None = None) -> list[Rule]:
        """Instances of every rule or pack with at least one enabled code.

        ``options`` maps a category to its option table from the config.
        """
        options = options or {}
        out: list[Rule] = []
        for source, metas, specs in self._metas_by_source:
            if not any(m.code in enabled for m in metas):
                continue
            if source.rule_class is not None:
                out.append(source.rule_class(options.get(source.rule_class.meta.category)))
            else:
                assert source.pack is not None
                out.append(PackChecker(source.pack, specs, trusted=source.trusted))
        return out

    def corpus_codes(self) -> set[str]:
        """The codes of the rules that compare the files of a run with each other."""
        return {m.code for source, metas, _ in self._metas_by_source
                if getattr(source.rule_class, "is_corpus", False) for m in metas}

    def options_by_category(self) -> dict[str, dict[str, Any]]:
        """Every option a rule declares, grouped by category (what a config section may hold)."""
        out: dict[str, dict[str, Any]] = {c: {} for c in CATEGORIES}
        for meta in self.metas.values():
            out[meta.category].update(meta.options)
        return out


def _specificity(selector: str, meta: RuleMeta) -> int:
    """How specifically ``selector`` names ``meta`` (0: not at all)."""
    if selector == meta.code or selector == meta.name:
        return 100
    if selector == "ALL":
        return 1
    if selector == meta.category:
        return 2
    if meta.code.startswith(selector) and selector[:2].isalpha():
        return 2 + len(selector)
    return 0

