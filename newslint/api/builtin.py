"""newslint's own rules, packs and output formats, registered through the public hooks."""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from newslint.api.hookspecs import hookimpl

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from newslint.api.rule import Rule

# Each module exposes RULES, a list of rule classes.
RULE_MODULES = (
    "newslint.families.boilerplate.rules",
    "newslint.families.encoding.rules",
    "newslint.families.spin.rules",
    "newslint.families.repetition.rules",
    "newslint.families.names.rules",
    "newslint.families.spelling.rules",
    "newslint.families.suppressions.rules",
)
FORMATTERS = {
    "text": "newslint.output.text",
    "json": "newslint.output.json",
    "sarif": "newslint.output.sarif",
    "github": "newslint.output.github",
    "html": "newslint.output.html",
}


@hookimpl
def newslint_rules() -> list[type[Rule]]:
    """The built-in code rules."""
    rules: list[type[Rule]] = []
    for name in RULE_MODULES:
        rules.extend(importlib.import_module(name).RULES)
    return rules


@hookimpl
def newslint_rule_packs() -> list[Path]:
    """The built-in data packs in ``rules/``."""
    from newslint.model.resources import builtin_packs

    return builtin_packs()


@hookimpl
def newslint_formatters() -> dict[str, Callable[..., Any]]:
    """The built-in output formats, imported only when used."""
    return {name: _lazy_writer(module) for name, module in FORMATTERS.items()}


def _lazy_writer(module: str) -> Callable[..., Any]:
    def write(*args: Any, **kwargs: Any) -> Any:
        return importlib.import_module(module).write(*args, **kwargs)

    write.newslint_module = module  # type: ignore[attr-defined]  # lets the CLI stream the line formats
    return write
