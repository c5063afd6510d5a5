"""What the language server lints with: the project's config for each document, and the lint itself.

Kept free of pygls so it can be tested in-process. A document's settings come from the config
file nearest to its folder (the same search ``newslint check`` does from the working folder); a
document outside any project (an unsaved buffer) uses the workspace root's config. Settings are
cached per config file and rebuilt when the file changes on disk, so editing ``newslint.toml``
takes effect at the next keystroke without restarting the server.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from newslint.config.settings import ConfigError, check_rule_options, find_config, load_config
from newslint.model.document import Document
from newslint.engine.lint import Engine
from newslint.engine.files import discover
from newslint.api.packs import PackError
from newslint.api.registry import Registry, SelectorError

if TYPE_CHECKING:
    from collections.abc import Callable

    from newslint.model.diagnostic import Diagnostic

SETTINGS_ERRORS = (ConfigError, PackError, SelectorError)


@dataclass
class Settings:
    """The engine for documents governed by one config file (or by none)."""

    config_path: Path | None
    stamp: tuple[int, int] | None  # (mtime_ns, size) of the config file when it was read
    engine: Engine


def _stamp(path: Path | None) -> tuple[int, int] | None:
    if path is None:
        return None
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


class Workspace:
    """Finds and caches settings per document folder; lints text with them."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root
        self._settings: dict[Path | None, Settings] = {}

    def settings_for(self, path: Path | None) -> Settings:
        """The settings that govern a document at ``path`` (None: an unsaved buffer).

        Raises one of ``SETTINGS_ERRORS`` when the config or a rule pack is broken.
        """
        folder = path.parent if path is not None else (self.root or Path.cwd())
        config_path = find_config(folder)
        cached = self._settings.get(config_path)
        stamp = _stamp(config_path)
        if cached is not None and cached.stamp == stamp:
            return cached
        config = load_config(config_path, cwd=folder if config_path is None else None)
        if config_path is None and self.root is not None:
            config.root = self.root
        registry = Registry.load(config.rule_packs)
        check_rule_options(config, registry.options_by_category())
        enabled = registry.resolve(config.select, config.ignore, config.extend_select)
        settings = Settings(config_path, stamp, Engine(registry, enabled, config))
        self._settings[config_path] = settings
        return settings

    def forget(self) -> None:
        """Drop every cached setting (a config file was saved or deleted)."""
        self._settings.clear()

    def lint(self, text: str, path: Path | None, name: str,
             stop: Callable[[], bool] | None = None) -> list[Diagnostic]:
        """Diagnostics for the text of one open document, sorted by position.

        ``path`` is the file on disk (for the config search and per-file ignores); ``name``
        picks the format (``.md``, ``.html``) when there is no path. Corpus rules see this one
        document, as they do in ``newslint check FILE``. ``stop`` is asked between rules and
        ends a lint whose result is no longer wanted (:class:`~newslint.engine.lint.LintCancelled`).
        """
        engine = self.settings_for(path).engine
        config = engine.config
        if path is not None and not any(discover([str(path)], config.exclude, root=config.root, force_exclude=True,
                                                 default_exclude=config.default_exclude)):
            return []  # excluded by the project, as `newslint check --force-exclude` would skip it
        # An absolute path lets per-file ignores match relative to the config's folder.
        display = os.path.abspath(path) if path is not None else name
        doc = Document.from_text(display, text)
        found, suppressions = engine.lint(doc, stop)
        summaries = engine.collect(doc)
        for rule in engine.corpus_rules:
            if rule.meta.code in summaries:
                found.extend(engine.filter(list(rule.finish([summaries[rule.meta.code]])), display, suppressions))
        found.sort(key=lambda d: (d.start_offset, d.end_offset, d.code))
        return found
