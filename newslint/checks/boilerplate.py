"""boilerplate (NL4xx) rules that need context beyond one line; the line lists are in rules/boilerplate.toml."""
from __future__ import annotations

RULES: list[type] = []
