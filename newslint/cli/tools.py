"""The command line's helpers that do not lint: ``newslint init`` and ``check --show-settings``."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    import argparse

    from newslint.config.settings import Config
    from newslint.api.registry import Registry

CONFIG_TEMPLATE = """\
# newslint settings (https://github.com/newslint/newslint/blob/main/docs/configuration.md).
# Every key is optional; the values shown commented out are the defaults or examples.

# Rules: codes (NL401), prefixes (NL4) or categories (boilerplate); the most specific wins.
# select = ["NL1", "NL2", "NL3", "NL4", "NL5", "NL6"]
# ignore = ["NL203"]
# fail-on = "warning"            # "info", "warning" or "error"

# Files. Folders of templates and build output (layouts, _includes, themes, _site, public ...)
# and LICENSE*, robots.txt etc. are skipped unless default-exclude = false.
# extend-exclude = ["drafts/", "*.min.html"]
# respect-gitignore = true

# Template syntax of your site that newslint does not know (Python regular expressions).
# Hugo, Liquid/Jekyll and Eleventy tags are recognised without this.
# ignore-patterns = ['\\[\\[[^\\]]*\\]\\]']        # e.g. wiki links [[like this]]
# ignore-blocks = ['^<<<.*?^>>>$']                # whole lines, e.g. a custom sidebar block

# Pages in another language (front matter `lang:`, or detected) skip spelling and spin.
# detect-language = true

# [per-file-ignores]
# "archive/**" = ["NL6"]

[spelling]
# House words: one a line in .newslint-words.txt (next to this file), or listed here.
# words = ["newslint"]
# House spelling (NL603): "en-US", "en-GB", "en-GB-oxendict", "en-CA", "en-AU"; "any" accepts all.
# dialect = "any"
"""

WORDS_TEMPLATE = """\
# House word list for newslint's spelling rule (NL601): one word a line, case does not matter.
# Lines starting with # are comments.
"""


def init_project(folder: Path, force: bool, out: TextIO) -> int:
    """Write ``newslint.toml`` and ``.newslint-words.txt`` in ``folder``; 2 if one exists (no --force)."""
    files = {folder / "newslint.toml": CONFIG_TEMPLATE, folder / ".newslint-words.txt": WORDS_TEMPLATE}
    existing = [p for p in files if p.exists()]
    if existing and not force:
        out.write(f"newslint: error: {existing[0]} exists (use --force to overwrite)\n")
        return 2
    for path, text in files.items():
        path.write_text(text, encoding="utf-8")
        out.write(f"Wrote {path}\n")
    return 0


def settings(config: Config, enabled: set[str], files: int | None,
             other_configs: list[str] | None = None) -> dict[str, Any]:
    """The resolved settings of a run, as plain data (what ``--show-settings`` prints):
    ``config`` governs the first file; ``other_configs`` govern the files below them."""
    return {
        "config-file": str(config.path) if config.path else None,
        "root": str(config.root),
        "enabled": sorted(enabled),
        "fail-on": config.fail_on.value,
        "exclude": list(config.exclude),
        "default-exclude": config.default_exclude,
        "respect-gitignore": config.respect_gitignore,
        "per-file-ignores": config.per_file_ignores,
        "ignore-patterns": list(config.ignore_patterns),
        "ignore-blocks": list(config.ignore_blocks),
        "detect-language": config.detect_language,
        "rule-packs": [str(p) for p in config.rule_packs],
        "rule-options": config.rule_options,
        "files": files,
        "other-config-files": other_configs or [],
    }


def show_settings(config: Config, enabled: set[str], files: int | None, out: TextIO,
                  other_configs: list[str] | None = None) -> None:
    """Print the resolved settings as JSON (stable keys, so a script can read them)."""
    import json  # --show-settings only: every check imports this module

    out.write(json.dumps(settings(config, enabled, files, other_configs), indent=2, default=str) + "\n")


def settings_for(config_path: Path | None, args: argparse.Namespace) -> tuple[Config, Registry, set[str]]:
    """A config with the command line's overrides, its rules, and the enabled codes."""
    from newslint.cli import UsageError, _load, _selectors

    config, registry = _load(config_path)
    if args.extend_words:
        words = config.rule_options.setdefault("spelling", {})
        words["words"] = [*words.get("words", []), *(_selectors(args.extend_words) or [])]
    if args.dialect is not None:
        from newslint.families.spelling.data import DIALECTS  # 0.1 s of imports: only when asked

        dialect = next((d for d in DIALECTS if d.lower() == args.dialect.replace("_", "-").lower()), None)
        if dialect is None:
            raise UsageError(f"--dialect must be one of {', '.join(DIALECTS)}, got {args.dialect!r}")
        config.rule_options.setdefault("spelling", {})["dialect"] = dialect  # read by NL603 (on by default)
    if args.corpus is not None:
        if not args.corpus.is_dir():
            raise UsageError(f"{args.corpus}: --corpus needs a folder")
        config.rule_options.setdefault("repetition", {})["corpus"] = str(args.corpus.resolve())
    select = _selectors(args.select) if args.select else config.select
    if args.select and not select:
        raise UsageError("--select needs at least one rule code, prefix or category")
    enabled = registry.resolve(select, [*config.ignore, *(_selectors(args.ignore) or [])],
                               [*config.extend_select, *(_selectors(args.extend_select) or [])])
    if args.no_corpus_rules:
        enabled -= registry.corpus_codes()
    return config, registry, enabled
