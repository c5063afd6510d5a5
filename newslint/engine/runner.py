"""Run a lint over many files: read, lint, fix, collect corpus summaries, in one or more processes."""
from __future__ import annotations

import gc
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newslint.engine import lifeline
from newslint.model.document import Document
from newslint.engine.lint import Engine, RuleCrash
from newslint.engine.files import InputError, document_from_bytes, encode, read_bytes
from newslint.engine.fixer import MAX_PASSES, FixError, apply_fixes, clean_stale, unified_diff, wanted, write_atomic
from newslint.api.packs import RuleTimeout
# FileResult and RunResult live in results.py (the formatters read them without importing the
# runner); still importable from here, as plugins and docs/plugins.md do.
from newslint.engine.results import FileResult, RunResult, from_record, from_wire, to_record, to_wire  # noqa: F401
from newslint.model.summaries import SummaryStore

if TYPE_CHECKING:
    from collections import Counter
    from collections.abc import Callable, Iterable, Sequence

    from newslint.engine.cache import ResultCache
    from newslint.model.diagnostic import Diagnostic
    from newslint.config.settings import Config
    from newslint.engine.files import Decoded
    from newslint.api.registry import Registry

# Below this many files one process is faster than starting workers.
PARALLEL_THRESHOLD = 24


@dataclass(frozen=True)
class RunOptions:
    """What to do with the findings of a run."""

    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False  # show fixes as a diff instead of writing them
    cache: ResultCache | None = None
    # (formatter module, color, show source, quiet, SARIF rule index): each file's findings are
    # rendered to text where they are found, in the worker processes (see streaming.py)
    render: tuple[Any, ...] | None = None
    # the --baseline findings still unmatched, dropped from each file's as it is linted (streamed runs)
    baseline: Counter[str] | None = None
    # the --baseline findings: --fix leaves them alone (a baseline accepts them as they are)
    accepted: Counter[str] | None = None


def lint_file(engine: Engine, path: Path | str, display: str, options: RunOptions,
              data: bytes | None = None) -> FileResult:
    """Lint one file (or stdin ``data``), applying fixes when asked; use the cache when it can."""
    try:
        to_stdout = data is not None
        path = Path(path)
        if data is None:
            if options.fix and not options.diff:
                _clean_once(path.parent)
            data = read_bytes(path)
        cache = None if to_stdout else options.cache
        key = cache.key(display, data) if cache else None
        if cache and key:
            hit = cache.get(key)
            if hit is not None and not (options.fix and any(wanted(d, options.unsafe_fixes) for d in hit.diagnostics)):
                return hit
        doc, decoded = document_from_bytes(data, display)
        # A file's bytes are not kept while it is linted (issue 18: on a big file they were a
        # fifth of what the rules stood on): --fix and --diff re-encode the text they decoded to,
        # which gives the same bytes (decoding only succeeds when it is lossless; a file with
        # undecodable bytes is never fixed). A stdin filter writes its input back unless fixed.
        if not to_stdout:
            data = None
        result = _lint_doc(engine, doc, decoded, path, options, data, to_stdout=to_stdout)
        if cache and key and not result.fixed:
            cache.put(key, result)
        return result
    except (InputError, RuleTimeout, RuleCrash, FixError) as exc:
        return FileResult(display, error=str(exc))


def _unaccepted(diags: list[Diagnostic], doc: Document, accepted: Counter[str] | None) -> list[Diagnostic]:
    """``diags`` less those a baseline accepted (as many of each fingerprint as it recorded, the
    first ones): ``--fix`` never rewrites what the baseline says to leave as it is."""
    if not accepted:
        return diags
    from collections import Counter

    from newslint.engine.baseline import fingerprint

    taken: Counter[str] = Counter()
    out = []
    for d in diags:
        key = fingerprint(d, doc.line_text(d.line))
        if taken[key] < accepted.get(key, 0):
            taken[key] += 1
        else:
            out.append(d)
    return out


def _lint_doc(engine: Engine, doc: Document, decoded: Decoded, path: Path, options: RunOptions,
              data: bytes | None, *, to_stdout: bool) -> FileResult:
    """Lint ``doc`` and fix it when asked. ``data`` is stdin's bytes (None for a file: its bytes
    are the encoded text, re-made only when a fix changes it)."""
    diags, suppressions = engine.lint(doc)
    result = FileResult(doc.path)
    output = data  # the bytes a stdin filter writes back: the input itself unless fixed
    if options.fix and doc.fixable:
        original = text = doc.text
        for _ in range(MAX_PASSES):
            text, fixed = apply_fixes(text, _unaccepted(diags, doc, options.accepted), options.unsafe_fixes)
            if not fixed:
                break
            result.fixed += len(fixed)
            doc = Document.from_text(doc.path, text, doc.format)
            diags, suppressions = engine.lint(doc)
        if text != original:
            output = encode(text, decoded)
            before = data if data is not None else encode(original, decoded)
            if options.diff:
                result.diff = unified_diff(doc.path, before, output)
            elif not to_stdout:
                write_atomic(path, output, expected=before)
            del before
    if to_stdout and options.fix and not options.diff:
        assert output is not None
        result.fixed_text = output.decode("utf-8", "surrogateescape")
    result.diagnostics = diags
    result.suppressions = suppressions
    result.source_lines = {d.line: doc.line_text(d.line) for d in diags}
    result.summaries = engine.collect(doc)
    return result


_WORKER: tuple[Engine, RunOptions] | None = None
_CLEANED: set[str] = set()


def _clean_once(folder: Path) -> None:
    """Remove what killed runs left in ``folder`` (once per folder and process)."""
    key = os.path.realpath(folder)
    if key not in _CLEANED:
        _CLEANED.add(key)
        clean_stale(key)


def _init_worker(parent: int, config: Config, enabled: set[str], options: RunOptions, files_in_run: int) -> None:
    global _WORKER
    from newslint.api.registry import Registry

    lifeline.bind(parent)

    engine = Engine(Registry.load(config.rule_packs), enabled, config)
    engine.files_in_run = files_in_run
    _WORKER = (engine, options)


def _work(item: tuple[Path | str, str]) -> bytes | FileResult:
    assert _WORKER is not None
    lifeline.stop_if_orphaned()
    engine, options = _WORKER
    return to_wire(_rendered(lint_file(engine, item[0], item[1], options), options))


def _rendered(result: FileResult, options: RunOptions) -> FileResult:
    """``result`` less the baseline's findings, rendered to text when the run streams its output."""
    if options.baseline is not None and result.diagnostics:
        from newslint.engine.baseline import drop_known

        result.diagnostics = drop_known(result.diagnostics, lambda d: result.source_lines.get(d.line), options.baseline)
    if options.render is not None:
        from newslint.output.streaming import render

        render(result, *options.render)
    return result


def run(registry: Registry, enabled: set[str], config: Config, files: Sequence[tuple[Path | str, str]],
        options: RunOptions, *, jobs: int | None = None, stdin: tuple[str, bytes] | None = None,
        on_file: Callable[[FileResult], None] | None = None) -> RunResult:
    """Lint ``files`` (path, display name) and stdin, then run the corpus rules.

    With ``on_file``, each file's result is handed to it as soon as it is ready (in file order)
    and only what the corpus rules need is kept: the returned result then holds the corpus
    rules' findings alone, and memory stays flat in the number of files.
    """
    engine = Engine(registry, enabled, config)
    engine.files_in_run = len(files) + (stdin is not None)
    results: list[FileResult] = []
    with SummaryStore() as store:
        if stdin is not None:
            results.append(_stored(lint_file(engine, Path(stdin[0]), stdin[0], options, data=stdin[1]), store))
        jobs = _jobs(jobs, len(files))
        from newslint.output.progress import track

        if jobs > 1:
            found = track(_parallel(engine, config, enabled, options, files, jobs), len(files))
        else:
            found = track((_rendered(lint_file(engine, path, display, options), options) for path, display in files),
                          len(files))
        forgotten = 0
        if on_file is None:
            results.extend(_stored(result, store) for result in found)
        else:
            for result in found:
                on_file(result)
                kept = _stored(result, store).for_corpus()
                if kept.suppressions or kept.error or kept.fixed:
                    results.append(kept)
                else:
                    forgotten += 1  # nothing of it is needed again: memory stays flat
        out = _finish(engine, results, store)
    out.streamed_clean = forgotten
    return out


def _stored(result: FileResult, store: SummaryStore) -> FileResult:
    """``result`` with its corpus summaries moved to ``store``."""
    if result.summaries:
        store.add(result.summaries)
        result.summaries = {}
    return result


def _jobs(jobs: int | None, n_files: int) -> int:
    cpus = os.cpu_count() or 1
    if jobs is None or jobs == 0:
        return min(cpus, 8) if n_files >= PARALLEL_THRESHOLD else 1
    limit = max(4, 4 * cpus)  # more workers than that only add start-up time and memory
    if jobs > limit:
        from newslint.engine.files import warn

        warn(f"-j {jobs} is more than {limit} (4 per CPU); using {limit}")
        return min(limit, max(1, n_files))
    return max(1, min(jobs, max(1, n_files)))


def _parallel(engine: Engine, config: Config, enabled: set[str], options: RunOptions,
              files: Sequence[tuple[Path | str, str]], jobs: int) -> Iterable[FileResult]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _WORKER
    chunk = max(1, min(64, len(files) // (jobs * 8) or 1))
    if multiprocessing.get_start_method() == "fork":
        # Forked workers inherit the engine with its patterns already compiled: no start-up per worker.
        engine.checkers  # noqa: B018 - compile before forking
        _WORKER = (engine, options)
        # Objects made so far are shared with the workers: keep the collector from walking (and
        # so copying) them in every worker.
        gc.freeze()
        pool = ProcessPoolExecutor(jobs, initializer=lifeline.bind, initargs=(os.getpid(),))
    else:
        pool = ProcessPoolExecutor(jobs, initializer=_init_worker,
                                   initargs=(os.getpid(), config, enabled, options, engine.files_in_run))
    try:
        with pool:
            yield from map(from_wire, pool.map(_work, files, chunksize=chunk))
    finally:
        gc.unfreeze()


def _finish(engine: Engine, results: list[FileResult], store: SummaryStore | None = None) -> RunResult:
    """Run the corpus rules over the stored summaries (or, without a store, the results' own)."""
    if store is None:
        with SummaryStore() as own:
            for result in results:
                own.add(result.summaries)
            return _finish(engine, results, own)
    diagnostics = [d for r in results for d in r.diagnostics]
    by_path = {r.path: r for r in results}
    errors = [r.error for r in results if r.error]
    for rule in engine.corpus_rules:
        try:
            found = list(rule.finish(store.summaries(rule.meta.code)))
        except (Exception, SystemExit) as exc:
            errors.append(f"rule {rule.meta.code} failed on the corpus: {type(exc).__name__}: {exc}")
            continue
        for diag in found:
            owner = by_path.get(diag.path)
            kept = engine.filter([diag], diag.path, owner.suppressions if owner else [])
            diagnostics.extend(kept)
    diagnostics.sort(key=lambda d: d.sort_key)
    lines = {(r.path, n): text for r in results for n, text in r.source_lines.items()}
    return RunResult(results, diagnostics, lines, errors,
                     corpus_codes=frozenset(rule.meta.code for rule in engine.corpus_rules))
