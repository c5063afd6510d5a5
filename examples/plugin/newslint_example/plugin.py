"""The plugin's hooks: newslint calls these through the ``newslint`` entry point.

A plugin may implement any of the hooks in ``newslint.api.hookspecs``; each returns a list. Keep this
module light: it is imported at every newslint start-up, so import heavy libraries inside rules.
"""
from __future__ import annotations

from pathlib import Path

from newslint.api.hookspecs import hookimpl

from newslint_example.rules import PlaceholderText

PACKS = Path(__file__).resolve().parent / "packs"


@hookimpl
def newslint_rules() -> list[type]:
    """Rules written in Python."""
    return [PlaceholderText]


@hookimpl
def newslint_rule_packs() -> list[Path]:
    """Rules that are data: the pack files shipped inside this package."""
    return sorted(PACKS.glob("*.toml"))
