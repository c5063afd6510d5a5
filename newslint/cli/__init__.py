"""The ``newslint`` command: ``check``, ``rules`` and ``rule CODE``.

Exit codes: 0 nothing found; 1 findings at or above ``--fail-on`` (or ``--fix`` changed files);
2 usage, config, input or internal error.
"""
from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newslint import __version__
from newslint.model.diagnostic import Severity

if TYPE_CHECKING:
    from collections.abc import Sequence

    from newslint.config.settings import Config
    from newslint.api.registry import Registry
    from newslint.engine.results import RunResult

EXIT_CLEAN, EXIT_FOUND, EXIT_ERROR = 0, 1, 2


class UsageError(Exception):
    """A command line that cannot run; printed as ``newslint: error: …`` with exit 2."""


def _print_error(error: object) -> None:
    """``newslint: error: …`` on stderr, one line, with the repository's text made harmless."""
    from newslint.model.escape import printable

    print(f"newslint: error: {printable(str(error))}", file=sys.stderr)


def _selectors(values: list[str] | None) -> list[str] | None:
    if values is None:
        return None
    return [s.strip() for v in values for s in v.split(",") if s.strip()]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (also used by the docs generator)."""
    from newslint.cli.helpformat import HelpFormatter, parser_class
    from newslint.model.core import engine

    parser = argparse.ArgumentParser(prog="newslint", description="Lint the text of news articles.",
                                     formatter_class=HelpFormatter)
    parser.add_argument("--version", action="version", version=f"newslint {__version__} ({engine()} engine)")
    # prog given: argparse would format a usage line to find this same prefix
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", prog="newslint", parser_class=parser_class())
    check = sub.add_parser("check", help="lint files, folders or stdin ('-')")
    check.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: .); '-' reads stdin")
    check.add_argument("--format", default=None, help="output format: text, json, sarif, github, html")
    check.add_argument("--select", action="append", metavar="RULES", help="codes, prefixes or categories to enable")
    check.add_argument("--ignore", action="append", metavar="RULES", help="codes, prefixes or categories to disable")
    check.add_argument("--extend-select", action="append", metavar="RULES", help="enable these on top of the selection")
    check.add_argument("--fix", action="store_true", help="apply safe fixes")
    check.add_argument("--unsafe-fixes", action="store_true", help="also apply fixes that change wording")
    check.add_argument("--diff", action="store_true", help="print the fixes as a diff instead of writing them")
    check.add_argument("--statistics", action="store_true", help="print a count per rule instead of each finding")
    check.add_argument("--config", type=Path, help="config file (default: found upward from the working folder)")
    check.add_argument("-j", "--jobs", type=int, default=None, help="worker processes (default: automatic)")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when problems are found")
    check.add_argument("--fail-on", choices=[s.value for s in Severity], help="lowest severity that fails the run")
    check.add_argument("--stdin-filename", help="the name to report (and pick the format by) for stdin")
    check.add_argument("--exclude", action="append", default=[], help="extra glob to exclude")
    check.add_argument("--force-exclude", action="store_true", help="apply excludes to files named explicitly")
    check.add_argument("--no-show-source", dest="show_source", action="store_false", help="text format: no source lines")
    check.add_argument("--color", choices=["auto", "always", "never"], default="auto")
    check.add_argument("-q", "--quiet", action="store_true", help="print diagnostics only, no summary")
    check.add_argument("--no-cache", action="store_true", help="do not read or write .newslint_cache/")
    check.add_argument("--baseline", type=Path, metavar="FILE", help="report only findings not in this baseline")
    check.add_argument("--write-baseline", type=Path, metavar="FILE", help="record the current findings and exit 0")
    check.add_argument("--no-corpus-rules", action="store_true",
                       help="skip the rules that compare files with each other (NL105, NL305): a hook sees some files only")
    check.add_argument("--corpus", type=Path, metavar="DIR",
                       help="also report articles that duplicate one in DIR (NL105; signatures cached)")
    check.add_argument("--output-file", "-o", type=Path, metavar="FILE", help="write the report to FILE instead of stdout")
    check.add_argument("--show-settings", action="store_true", help="print the resolved settings (JSON) and exit")
    check.add_argument("--show-files", action="store_true", help="print the files that would be linted and exit")
    check.add_argument("-v", "--verbose", action="store_true", help="say which config, how many files and rules, how long")
    check.add_argument("--extend-words", action="append", metavar="WORDS",
                       help="comma-separated words the spelling rule accepts (added to its 'words' option)")
    check.add_argument("--dialect", metavar="LOCALE",
                       help="house spelling: en-US, en-GB, en-GB-oxendict, en-CA, en-AU or any (NL603; "
                            "overrides the config's spelling.dialect)")
    check.add_argument("--scheduler", metavar="ADDRESS", help="run on Dask: 'local' (a LocalCluster of -j "
                       "workers) or a scheduler's address; needs --output (docs/dask.md)")
    check.add_argument("--output", type=Path, metavar="DIR", help="with --scheduler: the folder for the findings")
    check.add_argument("--output-format", choices=["jsonl", "parquet"], help="with --scheduler: the findings' "
                       "files (default: parquet when pyarrow is installed, else jsonl)")
    check.add_argument("--partitions", type=int, metavar="N", help="with --scheduler: partitions of the input")
    init = sub.add_parser("init", help="write a commented newslint.toml and a house word list here")
    init.add_argument("--force", action="store_true", help="overwrite existing files")
    rules = sub.add_parser("rules", help="list every rule")
    rules.add_argument("--format", choices=["text", "json"], default="text")
    rules.add_argument("--config", type=Path)
    rule = sub.add_parser("rule", help="explain one rule")
    rule.add_argument("code", help="a rule code or name, e.g. NL401 or ad-marker")
    rule.add_argument("--config", type=Path)
    lsp = sub.add_parser("lsp", help="run the language server on stdin/stdout (needs the 'lsp' extra)")
    lsp.add_argument("--debounce", type=float, default=None, metavar="MS",
                     help="milliseconds to wait after a change before linting (default: 300)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``newslint`` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    from newslint.config.settings import ConfigError
    from newslint.engine.files import InputError
    from newslint.api.packs import PackError
    from newslint.api.plugins import PluginError
    from newslint.api.registry import SelectorError

    try:
        if args.command == "check":
            return _check(args)
        if args.command == "rules":
            return _rules(args)
        if args.command == "init":
            from newslint.cli.tools import init_project

            return init_project(Path.cwd(), args.force, sys.stderr)
        if args.command == "rule":
            return _rule(args)
        if args.command == "lsp":
            from newslint.lsp import main as lsp_main  # pygls loads only here, never for `check`

            return lsp_main(args.debounce)
        parser.print_help()
        return EXIT_ERROR
    except (ConfigError, PackError, SelectorError, UsageError, InputError, PluginError) as exc:
        _print_error(exc)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader (``| head``) went away: stop quietly, as other command-line tools do.
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keeps interpreter shutdown quiet
        except OSError:
            pass
        return EXIT_CLEAN


def _load(config_path: Path | None) -> tuple[Config, Registry]:
    from newslint.config.settings import check_rule_options, load_config
    from newslint.api.registry import Registry

    config = load_config(config_path)
    registry = Registry.load(config.rule_packs)
    check_rule_options(config, registry.options_by_category())
    return config, registry


def _color(choice: str, stream: Any) -> bool:
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    return bool(os.environ.get("FORCE_COLOR")) or (hasattr(stream, "isatty") and stream.isatty())


def _formatter(name: str) -> Any:
    from newslint.api.plugins import plugin_manager

    from newslint.api.plugins import failure

    formatters: dict[str, Any] = {}
    try:
        for table in plugin_manager().hook.newslint_formatters():
            formatters.update(table)
    except (Exception, SystemExit) as exc:
        raise failure("a newslint plugin's formatter hook failed", exc) from None
    if name not in formatters:
        raise UsageError(f"unknown format '{name}' (available: {', '.join(sorted(formatters))})")
    return formatters[name]


def _check(args: argparse.Namespace) -> int:
    if args.scheduler is not None:
        from newslint.cli.tools import settings_for
        from newslint.dask.command import CommandError, check  # Dask loads only here

        try:
            return check(args, *settings_for(args.config, args), _discover)
        except CommandError as exc:
            raise UsageError(str(exc)) from None
    if args.output is not None:
        raise UsageError("--output DIR goes with --scheduler (for one file: --output-file)")
    if args.output_file is None:
        return _check_to_stdout(args)
    try:
        handle = open(args.output_file, "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise UsageError(f"{args.output_file}: cannot write: {exc.strerror}") from None
    import contextlib

    with handle, contextlib.redirect_stdout(handle):
        return _check_to_stdout(args)


def _check_to_stdout(args: argparse.Namespace) -> int:
    import time

    from newslint.engine.runner import RunOptions, run

    started = time.perf_counter()
    if (args.unsafe_fixes or args.diff) and not args.fix:
        args.fix = True
    from newslint.cli.tools import settings_for

    config, registry, enabled = settings_for(args.config, args)
    fail_on = Severity(args.fail_on) if args.fail_on else config.fail_on
    writer = _formatter(args.format or "text")
    paths = args.paths or ["."]
    stdin = None
    if "-" in paths:
        paths = [p for p in paths if p != "-"]
        from newslint.engine.files import read_stream

        stdin = (args.stdin_filename or "-", read_stream(sys.stdin.buffer))
    files = _discover(paths, config, args)
    from newslint.engine.nested import Group, merge, split

    groups = [Group(config, registry, enabled, files)]
    if args.config is None:  # each file the nearest config (--config governs every file)
        groups = split(files, Group(config, registry, enabled, []), lambda path: settings_for(path, args))
        files = [f for g in groups for f in g.files]
    if args.show_files:
        for _, display in files:
            print(display)
        return EXIT_CLEAN
    if args.show_settings:
        from newslint.cli.tools import show_settings

        # The settings of the first file linted (as ruff's --show-settings FILE): a file below a
        # nested config is governed by that one; the other configs in play are listed.
        shown = next((g for g in groups if g.files), groups[0])
        others = [str(g.config.path) for g in groups if g is not shown and g.files]
        show_settings(shown.config, shown.enabled, len(files), sys.stdout, others)
        return EXIT_CLEAN
    if args.verbose:
        nested = ", ".join(str(g.config.path) for g in groups[1:] if g.files)
        print(f"newslint: config {config.path or '(none: defaults)'}"
              f"{' and, below them, ' + nested if nested else ''}; {len(files) + (stdin is not None)} files; "
              f"{len(enabled)} rules; cache {'off' if args.no_cache or os.environ.get('NEWSLINT_NO_CACHE') else 'on'}",
              file=sys.stderr)
    known = _baseline(args.baseline) if args.write_baseline is None else None  # it records every finding
    streamer = _streamer(writer, args, stdin is not None, registry)
    results = []
    for index, group in enumerate(groups):
        if index and not group.files:
            continue
        options = RunOptions(fix=args.fix, unsafe_fixes=args.unsafe_fixes, diff=args.diff, accepted=known,
                             cache=None if args.no_cache or os.environ.get("NEWSLINT_NO_CACHE") else
                             _cache(group.config, group.registry, group.enabled))
        if streamer is not None:
            options = dataclasses.replace(options, render=streamer.options(), baseline=known)
        results.append(run(group.registry, group.enabled, group.config, group.files, options, jobs=args.jobs,
                           stdin=stdin if index == 0 else None, on_file=streamer.file if streamer else None))
    result = merge(results)
    result.diff_only = bool(args.diff)
    if args.verbose:
        print(f"newslint: {result.files_checked} files checked, {len(result.errors)} errors, "
              f"{time.perf_counter() - started:.2f} s", file=sys.stderr)
    if streamer is not None:
        if known is not None:  # the corpus rules' findings; each file's were dropped as it was linted
            from newslint.engine.baseline import drop_known, line_text

            result.diagnostics = drop_known(result.diagnostics, line_text(result), known)
        _print_errors(result.errors)  # before the summary, which says "errors above"
        streamer.finish(result)
        if args.write_baseline is not None:
            return _write_baseline(args.write_baseline, streamer.prints, result.errors)
        if result.errors:
            return EXIT_ERROR
        failing = streamer.worst is not None and streamer.worst.rank >= fail_on.rank  # corpus findings counted
        changed = any(f.fixed for f in result.files)  # every fixed file is kept (FileResult.for_corpus)
        return EXIT_CLEAN if args.exit_zero or not (failing or changed) else EXIT_FOUND
    if args.write_baseline is not None:
        from newslint.engine.baseline import line_text, prints

        return _write_baseline(args.write_baseline, Counter(prints(result.diagnostics, line_text(result))),
                               result.errors)
    if known is not None:
        from newslint.engine.baseline import drop_known, line_text

        result.diagnostics = drop_known(result.diagnostics, line_text(result), known)
    return _report(result, args, writer, registry, fail_on)


def _print_errors(errors: list[str]) -> None:
    """The files that could not be checked, each on one line of stderr, after what stdout holds
    so far (a terminal shows both streams in the order they were written)."""
    if errors:
        sys.stdout.flush()
    for error in errors:
        _print_error(error)


def _write_baseline(path: Path, counts: Counter[str], errors: list[str]) -> int:
    from newslint.engine.baseline import write_counts

    try:
        count = write_counts(path, counts)
    except OSError as exc:
        raise UsageError(f"{path}: cannot write the baseline: {exc.strerror}") from None
    print(f"Wrote {count} findings to {path}.", file=sys.stderr)
    return EXIT_ERROR if errors else EXIT_CLEAN


def _baseline(path: Path | None) -> Counter[str] | None:
    """The findings recorded in ``--baseline`` (read before the run: a bad file stops it at once)."""
    if path is None:
        return None
    from newslint.engine.baseline import BaselineError, load_baseline

    try:
        return load_baseline(path)
    except BaselineError as exc:
        raise UsageError(str(exc)) from None


def _streamer(writer: Any, args: argparse.Namespace, has_stdin: bool, registry: Registry) -> Any:
    """A reporter that writes findings file by file, when the output allows it (see streaming.py)."""
    from newslint.output.streaming import BASELINE, FRAMED_FORMATS, STATISTICS, STREAMED_FORMATS, StreamReporter

    module = getattr(writer, "newslint_module", None)
    if args.write_baseline is not None:
        module = BASELINE
    elif args.statistics:
        module = STATISTICS
    elif module not in STREAMED_FORMATS or (args.diff and module in FRAMED_FORMATS):
        return None  # a plugin's format; or diffs, which would land inside the array
    if has_stdin:
        return None
    return StreamReporter(module, sys.stdout, color=_color(args.color, sys.stdout), show_source=args.show_source,
                          quiet=args.quiet, registry=registry)


def _cache(config: Config, registry: Registry, enabled: set[str]) -> Any:
    from newslint.engine.cache import CACHE_DIR_NAME, ResultCache, UnsafeCacheDir, checked_folder, data_files, fingerprint

    packs = [s.pack for s in registry.sources if s.pack is not None]
    key = fingerprint([sorted(enabled), config.rule_options, config.per_file_ignores, str(config.root),
                       config.ignore_patterns, config.ignore_blocks, config.detect_language], packs,
                      data_files(config.rule_options, config.root))
    try:  # a config or a committed link must not make newslint write outside the project
        folder = checked_folder(config.cache_dir or config.root / CACHE_DIR_NAME, config.root)
    except UnsafeCacheDir as exc:
        from newslint.engine.files import warn

        warn(str(exc))
        return None
    cache = ResultCache(folder, key)
    cache.prune()
    return cache


def _discover(paths: list[str], config: Config, args: argparse.Namespace) -> list[tuple[str, str]]:
    """(path, display name) of every file to lint, as strings: a run holds this list to its end,
    and 50,000 Path objects took twice the memory (the display is the path itself when equal)."""
    from newslint.engine.files import discover

    for raw in paths:
        if not Path(raw).exists():
            raise UsageError(f"{raw}: no such file or folder")
    out = []
    real_folders: dict[str, Path] = {}
    for path in discover(paths, [*config.exclude, *args.exclude], respect_gitignore=config.respect_gitignore,
                         root=config.root, force_exclude=args.force_exclude,
                         default_exclude=config.default_exclude):
        name, display = os.fspath(path), _display(path, real_folders)
        out.append((name, name if display == name else display))
    return out


def _display(path: Path, real_folders: dict[str, Path]) -> str:
    """Paths are shown relative to the working folder when they are below it, POSIX-style.

    Folders are resolved once per run (``real_folders``): resolving every file cost more than
    linting it."""
    def real(folder: str) -> Path:
        found = real_folders.get(folder)
        if found is None:
            found = real_folders[folder] = Path(os.path.realpath(folder))
        return found

    try:
        return (real(str(path.parent)) / path.name).relative_to(real(".")).as_posix()
    except ValueError:
        return path.as_posix()


def _report(result: RunResult, args: argparse.Namespace, writer: Any, registry: Registry, fail_on: Severity) -> int:
    from newslint.output.text import write_statistics

    out = sys.stdout
    for file in result.files:
        if file.fixed_text is not None:
            from newslint.engine.fixer import write_diff

            write_diff(out, file.fixed_text)  # the input's own bytes: encoding and BOM kept
            out.flush()
            out = sys.stderr  # stdin fixed: the text goes to stdout, the findings to stderr
        if file.diff:
            from newslint.engine.fixer import write_diff

            write_diff(out, file.diff)
    _print_errors(result.errors)  # before the findings and the summary, which says "errors above"
    if args.statistics:
        write_statistics(result, out)
    elif not (args.quiet and not result.diagnostics and (args.format or "text") == "text"):
        kwargs: dict[str, Any] = {"color": _color(args.color, out), "registry": registry,
                                  "show_source": args.show_source}
        if args.quiet and (args.format or "text") == "text":
            from newslint.output.text import format_diagnostic

            for d in result.diagnostics:
                out.write(format_diagnostic(d, None, kwargs["color"], False))
        else:
            _write_plugin_format(writer, result, out, kwargs)
    if result.errors:
        return EXIT_ERROR
    if args.exit_zero:
        return EXIT_CLEAN
    changed = any(f.diff or (f.fixed and f.fixed_text is None) for f in result.files)
    failing = any(d.severity.rank >= fail_on.rank for d in result.diagnostics)
    return EXIT_FOUND if failing or changed else EXIT_CLEAN


def _write_plugin_format(writer: Any, result: RunResult, out: Any, kwargs: dict[str, Any]) -> None:
    """Run a formatter; one from a plugin may fail, and that is a one-line error, not a traceback."""
    from newslint.api.plugins import failure

    if getattr(writer, "newslint_module", "").startswith("newslint."):
        writer(result, out, **kwargs)
        return
    try:
        writer(result, out, **kwargs)
    except (Exception, SystemExit) as exc:
        raise failure(f"output format {getattr(writer, '__name__', writer)!s} failed", exc) from None


def _rules(args: argparse.Namespace) -> int:
    import json

    _, registry = _load(args.config)
    metas = sorted(registry.metas.values(), key=lambda m: m.code)
    if args.format == "json":
        print(json.dumps([{"code": m.code, "name": m.name, "category": m.category, "summary": m.summary,
                           "severity": m.severity.value, "fix": m.fix_safety.value if m.fix_safety else None,
                           "default_enabled": m.default_enabled, "source": m.source} for m in metas], indent=2))
        return EXIT_CLEAN
    for m in metas:
        fix = {"safe": "[*]", "unsafe": "[~]"}.get(m.fix_safety.value if m.fix_safety else "", "   ")
        print(f"{m.code:7s} {fix} {m.name:32s} {m.category:12s} {m.summary}")
    print("\n[*] safe fix (--fix)   [~] unsafe fix (--unsafe-fixes)")
    return EXIT_CLEAN


def _rule(args: argparse.Namespace) -> int:
    _, registry = _load(args.config)
    wanted = args.code
    for meta in registry.metas.values():
        if wanted in (meta.code, meta.name) or wanted.upper() == meta.code:
            sys.stdout.write(meta.explain())
            return EXIT_CLEAN
    raise UsageError(f"no rule named '{wanted}' (see 'newslint rules')")
