"""The plugin hooks. Built-in rules are registered through these same hooks.

A plugin is a module or object with functions marked ``@newslint.api.hookspecs.hookimpl``, exposed
through the ``newslint`` entry-point group::

    [project.entry-points.newslint]
    my_rules = "my_package.plugin"
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from pathlib import Path

    from newslint.api.rule import Rule

hookspec = pluggy.HookspecMarker("newslint")
hookimpl = pluggy.HookimplMarker("newslint")


@hookspec
def newslint_rules() -> Sequence[type[Rule]]:
    """Return rule classes (subclasses of :class:`newslint.api.rule.Rule` or ``CorpusRule``)."""


@hookspec
def newslint_rule_packs() -> Sequence[Path]:
    """Return paths of TOML rule packs (phrase lists and line patterns; see docs/plugins.md)."""


@hookspec
def newslint_formatters() -> dict[str, Callable[..., Any]]:
    """Return output formats: name → ``write(report, stream, color=bool)``."""
