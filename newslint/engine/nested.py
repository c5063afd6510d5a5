"""One config resolution for the CLI, the hook and the editor: each file uses the config file
nearest to its own folder, as ruff does (and as the language server always did).

A run starts from the working folder's config (or ``--config``, which then governs every file).
Files below a folder with a config of its own are linted with that one: its rules, options,
per-file ignores and excludes. The corpus rules compare the files of one config only.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from newslint.config.settings import Config
    from newslint.api.registry import Registry
    from newslint.engine.results import RunResult


@dataclass
class Group:
    """The files one config governs, with that config's rules."""

    config: Config
    registry: Registry
    enabled: set[str]
    files: list[tuple[str, str]]


def split(files: Sequence[tuple[str, str]], main: Group,
          load: Callable[[Path], tuple[Config, Registry, set[str]]]) -> list[Group]:
    """``files`` grouped by their nearest config; the main group first (it may end up empty)."""
    from newslint.config.settings import find_config
    from newslint.engine.files import discover

    nearest: dict[str, Path | None] = {}
    groups: dict[Path, Group] = {}
    main_path = main.config.path.resolve() if main.config.path else None
    for name, display in files:
        folder = os.path.dirname(os.path.abspath(name))
        if folder not in nearest:
            found = find_config(Path(folder))
            nearest[folder] = found.resolve() if found else None
        path = nearest[folder]
        if path is None or path == main_path:
            main.files.append((name, display))
            continue
        group = groups.get(path)
        if group is None:
            config, registry, enabled = load(path)
            group = groups[path] = Group(config, registry, enabled, [])
        cfg = group.config
        if any(discover([name], cfg.exclude, root=cfg.root, force_exclude=True, default_exclude=cfg.default_exclude)):
            group.files.append((name, display))
    return [main, *groups.values()]


def merge(results: Sequence[RunResult]) -> RunResult:
    """One result of several groups' runs."""
    from newslint.engine.results import RunResult

    if len(results) == 1:
        return results[0]
    out = RunResult(files=[], diagnostics=[], source_lines={}, errors=[])
    for r in results:
        out.files += r.files
        out.diagnostics += r.diagnostics
        out.source_lines.update(r.source_lines)
        out.errors += r.errors
        out.streamed_clean += r.streamed_clean
        out.corpus_codes |= r.corpus_codes
    return out
