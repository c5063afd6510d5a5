"""What every Dask worker needs to lint: the config, the rules and the enabled codes, made once by
the client and shipped to the workers as one pickled value.

The workers read nothing of the user's filesystem but the articles: the options that name a file
(``words-file``, ``names-file``, the project's ``.newslint-words.txt``) are read here, on the
client, and shipped as their values; user rule packs are shipped parsed, inside the registry.
Each worker builds its :class:`~newslint.engine.lint.Engine` (rule data, compiled patterns) once, on
first use, and keeps it for every later partition of the same settings.
"""
from __future__ import annotations

import copy
import os
import pickle
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newslint.config.settings import Config
    from newslint.engine.lint import Engine
    from newslint.api.registry import Registry

# The engines a worker process has built, by the settings' token (a worker may serve several runs).
_ENGINES: dict[int, Engine] = {}
_KEEP = 4


@dataclass(frozen=True)
class Settings:
    """The pickled (config, registry, enabled codes) of a run, and a checksum that names it."""

    blob: bytes
    token: int

    @classmethod
    def of(cls, config: Config, registry: Registry, enabled: set[str]) -> Settings:
        """Settings with every file-backed option inlined (see the module docstring)."""
        if config.rule_options.get("repetition", {}).get("corpus"):
            from newslint.config.settings import ConfigError

            raise ConfigError("the repetition 'corpus' option (--corpus) is not supported on Dask: "
                              "add the corpus folder to the input instead")
        shipped = copy.deepcopy(config)
        shipped.rule_options = _inlined(config)
        blob = pickle.dumps((shipped, registry, sorted(enabled)), protocol=pickle.HIGHEST_PROTOCOL)
        return cls(blob, zlib.crc32(blob))

    @classmethod
    def default(cls) -> Settings:
        """The settings of ``newslint check`` in the current folder (its config, if any)."""
        from newslint.config.settings import check_rule_options, load_config
        from newslint.api.registry import Registry

        config = load_config(None)
        registry = Registry.load(config.rule_packs)
        check_rule_options(config, registry.options_by_category())
        return cls.of(config, registry, registry.resolve(config.select, config.ignore, config.extend_select))

    def engine(self, files_in_run: int) -> Engine:
        """This process's engine for these settings (built on first use)."""
        engine = _ENGINES.get(self.token)
        if engine is None:
            from newslint.engine.lint import Engine

            config, registry, enabled = pickle.loads(self.blob)  # noqa: S301 - made by our own client
            engine = Engine(registry, set(enabled), config)
            engine.checkers  # noqa: B018 - build the rules now, once per worker
            while len(_ENGINES) >= _KEEP:
                _ENGINES.pop(next(iter(_ENGINES)))
            _ENGINES[self.token] = engine
        engine.files_in_run = files_in_run
        return engine


def _inlined(config: Config) -> dict[str, dict[str, Any]]:
    """The config's rule options with every file they name read into values, and no project root."""
    from newslint.api.rule import CATEGORIES

    options = copy.deepcopy(config.rule_options)
    spelling = options.setdefault("spelling", {})
    words = list(spelling.get("words") or [])
    for name in (str(spelling.get("words-file") or ""), str(config.root / ".newslint-words.txt")):
        if name and os.path.isfile(name):
            with open(name, encoding="utf-8") as handle:
                words += [line.strip() for line in handle if line.strip() and line[0] != "#"]
    spelling["words"], spelling["words-file"] = words, ""
    names = options.get("names", {})
    if names.get("names-file"):
        # The file's lines before the config's: the rule reads them in that order (later wins).
        names["names"] = [*_lines(Path(names["names-file"])), *names.get("names", [])]
        names["names-file"] = ""
    leftover = [f"{cat}.{key}" for cat, table in options.items() for key, value in table.items()
                if isinstance(value, str) and value and key.endswith(("-file", "-path", "-dir"))]
    if leftover:
        from newslint.config.settings import ConfigError

        raise ConfigError(f"option {leftover[0]} names a file, which Dask workers cannot read")
    for cat in CATEGORIES:
        options.setdefault(cat, {})["project-root"] = ""
    return options


def _lines(path: Path) -> list[str]:
    """The lines of a house names file, or the ConfigError the rule itself would raise."""
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        from newslint.config.settings import ConfigError

        raise ConfigError(f"{path}: cannot read the names file: {exc.strerror}") from None
