"""Helpers for testing rules (used by newslint's own suite; plugin authors may use them too)."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from newslint.config.settings import Config
from newslint.engine.lint import Engine
from newslint.engine.files import document_from_bytes
from newslint.api.registry import Registry
from newslint.api.rule import EXAMPLE_FILE_SEPARATOR
from newslint.engine.runner import RunOptions, _finish, lint_file

if TYPE_CHECKING:
    from collections.abc import Sequence

    from newslint.model.diagnostic import Diagnostic
    from newslint.api.rule import RuleMeta

_REGISTRY: Registry | None = None


def registry() -> Registry:
    """The built-in registry (no third-party plugins), loaded once."""
    global _REGISTRY
    if _REGISTRY is None:
        _REGISTRY = Registry.load(load_entry_points=False)
    return _REGISTRY


def lint_texts(texts: Sequence[str], select: Sequence[str] | None = None, *, names: Sequence[str] | None = None,
               config: Config | None = None) -> list[Diagnostic]:
    """Lint in-memory articles (file rules and corpus rules) and return the sorted diagnostics."""
    reg = registry()
    config = config or Config()
    enabled = reg.resolve(list(select) if select is not None else None)
    engine = Engine(reg, enabled, config)
    engine.files_in_run = len(texts)
    names = names or [f"article{i}.txt" for i in range(len(texts))]
    results = [lint_file(engine, Path(n), n, RunOptions(), data=t.encode("utf-8", "surrogateescape"))
               for n, t in zip(names, texts)]
    return _finish(engine, results).diagnostics


def lint_text(text: str, select: Sequence[str] | None = None, *, name: str = "article.txt",
              config: Config | None = None) -> list[Diagnostic]:
    """Lint one in-memory article."""
    return lint_texts([text], select, names=[name], config=config)


def run_example(meta: RuleMeta, text: str) -> list[Diagnostic]:
    """Diagnostics of rule ``meta`` on an example (files separated by ``EXAMPLE_FILE_SEPARATOR``)."""
    parts = [p.lstrip("\n") for p in text.split(EXAMPLE_FILE_SEPARATOR)]
    config = Config(rule_options={meta.category: dict(meta.example_options)}) if meta.example_options else None
    return [d for d in lint_texts(parts, [meta.code], config=config) if d.code == meta.code]


def decode_for_test(data: bytes, name: str = "article.txt") -> str:
    """The decoded text of ``data`` as newslint reads it."""
    return document_from_bytes(data, name)[0].text
