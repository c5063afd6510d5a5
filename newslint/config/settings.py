"""Configuration: ``[tool.newslint]`` in pyproject.toml, or newslint.toml / .newslint.toml.

The file is found by walking up from the working folder (``--config`` overrides). Every key is
checked: an unknown key or a value of the wrong type is a :class:`ConfigError` naming the file and
the key. Rule options live in one table per category, e.g. ``[tool.newslint.spelling]``.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newslint.model.diagnostic import Severity
from newslint.api.rule import CATEGORIES

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

if TYPE_CHECKING:
    from collections.abc import Mapping

CONFIG_FILES = ("newslint.toml", ".newslint.toml", "pyproject.toml")


class ConfigError(Exception):
    """A config file that cannot be used; the message names the file and the key."""


@dataclass
class Config:
    """Settings of one run, from the config file; the command line updates them."""

    path: Path | None = None
    root: Path = field(default_factory=Path.cwd)
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    rule_packs: list[Path] = field(default_factory=list)
    fail_on: Severity = Severity.WARNING
    respect_gitignore: bool = True
    cache_dir: Path | None = None
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    ignore_patterns: list[str] = field(default_factory=list)  # regexes masked like template tags
    ignore_blocks: list[str] = field(default_factory=list)  # the same, widened to whole lines
    default_exclude: bool = True  # skip templates, build output, LICENSE*, robots.txt (files.py)
    detect_language: bool = True  # English-only rules skip pages in another language


_STR_LISTS = {"select": "select", "ignore": "ignore", "extend-select": "extend_select",
              "extend-ignore": "ignore", "exclude": "exclude", "extend-exclude": "exclude"}


def find_config(start: Path) -> Path | None:
    """The nearest config file at or above ``start``; pyproject.toml counts only with the table."""
    for folder in [start.resolve(), *start.resolve().parents]:
        for name in CONFIG_FILES:
            candidate = folder / name
            if not candidate.is_file():
                continue
            if name != "pyproject.toml":
                return candidate
            # A broken pyproject.toml is an error, as a broken newslint.toml is: skipping it would
            # silently lint with the defaults instead of the project's settings.
            if "newslint" in _read_toml(candidate).get("tool", {}):
                return candidate
    return None


CONFIG_LIMIT = 4 * 1024 * 1024  # bytes: a config file is small; /dev/zero or a huge file is not one


def _read_toml(path: Path) -> dict[str, Any]:
    """The TOML table of a config file (a regular file under CONFIG_LIMIT), or a ConfigError."""
    from newslint.model.reading import InputError, read_limited

    try:
        return tomllib.loads(read_limited(path, CONFIG_LIMIT, "config file").decode("utf-8"))
    except InputError as exc:
        if not path.exists():
            raise ConfigError(f"{path}: config file not found") from None
        raise ConfigError(f"{path}: cannot read config: {exc.reason}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except RecursionError:  # tomllib recurses on nested arrays: a hostile config nests thousands
        raise ConfigError(f"{path}: invalid TOML: nested too deeply") from None


def load_config(explicit: Path | None = None, cwd: Path | None = None) -> Config:
    """Find, read and validate the config; defaults when there is none."""
    cwd = cwd or Path.cwd()
    path = explicit or find_config(cwd)
    if path is None:
        return Config(root=cwd)
    data = _read_toml(path)
    table = data.get("tool", {}).get("newslint", {}) if path.name == "pyproject.toml" else data
    section = "[tool.newslint]" if path.name == "pyproject.toml" else "the top level"
    return parse_table(table, path, section)


def _fail(path: Path, key: str, why: str) -> ConfigError:
    return ConfigError(f"{path}: key '{key}': {why}")


def _str_list(value: Any, path: Path, key: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(path, key, "must be a list of strings")
    return list(value)


def parse_table(table: Mapping[str, Any], path: Path, section: str = "the top level") -> Config:
    """Validate a config table and build a Config (rule options are checked later, by registry)."""
    cfg = Config(path=path, root=path.parent)
    for key, value in table.items():
        if key in _STR_LISTS:
            items = _str_list(value, path, key)
            attr = _STR_LISTS[key]
            if attr == "select":
                cfg.select = items
            else:
                getattr(cfg, attr).extend(items)
        elif key == "per-file-ignores":
            if not isinstance(value, dict):
                raise _fail(path, key, "must be a table of glob = [codes]")
            cfg.per_file_ignores = {g: _str_list(v, path, f"{key}.{g}") for g, v in value.items()}
        elif key in ("rule-packs", "extend-rule-packs"):
            cfg.rule_packs += [(path.parent / p) for p in _str_list(value, path, key)]
        elif key == "fail-on":
            try:
                cfg.fail_on = Severity(value)
            except ValueError:
                raise _fail(path, key, "must be one of 'info', 'warning', 'error'") from None
        elif key == "respect-gitignore":
            if not isinstance(value, bool):
                raise _fail(path, key, "must be true or false")
            cfg.respect_gitignore = value
        elif key == "cache-dir":
            if not isinstance(value, str):
                raise _fail(path, key, "must be a string")
            cfg.cache_dir = path.parent / value
        elif key in ("ignore-patterns", "ignore-blocks"):
            items = _str_list(value, path, key)
            _check_patterns(items, path, key)
            getattr(cfg, key.replace("-", "_")).extend(items)
        elif key in ("detect-language", "default-exclude"):
            if not isinstance(value, bool):
                raise _fail(path, key, "must be true or false")
            setattr(cfg, key.replace("-", "_"), value)
        elif key in CATEGORIES:
            if not isinstance(value, dict):
                raise _fail(path, key, f"must be a table ([{key}] options)")
            cfg.rule_options[key] = dict(value)
        else:
            raise ConfigError(f"{path}: unknown key '{key}' in {section}")
    return cfg


def _check_patterns(items: list[str], path: Path, key: str) -> None:
    import re

    import regex  # the patterns run with regex, for its timeout (model/formats/templates.py: UserMasks)

    for item in items:
        try:
            re.compile(item)
            regex.compile(item, regex.V0)
        except (re.error, regex.error) as exc:
            raise _fail(path, key, f"invalid regular expression {item!r}: {exc}") from None


def check_rule_options(cfg: Config, known: Mapping[str, Mapping[str, Any]]) -> None:
    """Every option in a category table must be declared by a rule, with a value of its type."""
    for category, table in cfg.rule_options.items():
        for key, value in table.items():
            if key not in known.get(category, {}):
                raise ConfigError(f"{cfg.path}: unknown option '{key}' in [{category}]"
                                  f" (known: {', '.join(sorted(known.get(category, {}))) or 'none'})")
            default = known[category][key]
            expected = type(default)
            ok = isinstance(value, expected) or (expected is float and isinstance(value, int))
            if isinstance(default, bool) != isinstance(value, bool):
                ok = False
            if not ok:
                raise ConfigError(f"{cfg.path}: option '{category}.{key}' must be a {expected.__name__}")
            if isinstance(default, str) and key.endswith(("-file", "-path", "-dir")) and value:
                # Paths in the config are relative to the config file.
                table[key] = str((cfg.root / value))
