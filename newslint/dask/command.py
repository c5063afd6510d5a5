"""``newslint check --scheduler ADDRESS|local DIR-or-manifest --output DIR``: a run on Dask.

``local`` starts a ``LocalCluster`` of ``-j`` worker processes (default: one per CPU); an address
(``tcp://host:8786``) joins a running cluster, whose workers need newslint installed and the
input readable (a folder on a shared filesystem, or a JSON Lines manifest holding the texts).
The findings go to ``DIR/findings/part-*.jsonl`` (per article) and ``DIR/corpus/part-*.jsonl``
(NL105, NL305), or ``.parquet`` with pyarrow; ``DIR/summary.json`` and the printed table count them.
"""
from __future__ import annotations

import json
import os
import shutil
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newslint.dask import output
from newslint.dask.lint import BadInput, FromFile

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable, Iterator

    from dask.bag import Bag

    from newslint.config.settings import Config
    from newslint.api.registry import Registry

EXIT_CLEAN, EXIT_FOUND, EXIT_ERROR = 0, 1, 2  # as newslint check's (newslint/cli.py)


class CommandError(Exception):
    """A command line that cannot run on Dask (the CLI prints it as a usage error, exit 2)."""

ARTICLES_PER_PARTITION = 250
# Under --output: NL105's signatures and band entries during a run (newslint/dask/duplicates.py).
SCRATCH = ".nl105"
# A manifest is read in blocks of this size: 1,500 short articles, or 250 of 4 KB (the BBC's).
BLOCK_BYTES = 1 << 20
# The embedded cluster's workers and scheduler with fewer periodic callbacks. Dask's sampling
# profiler (every 10 ms, for the dashboard's profile page) took 1-3 CPU-s per worker per 4,000
# articles (cProfile of a worker's event loop); with it off, the event loop's 20 ms tick, 100 ms
# memory monitor and 500 ms system monitor still took 1.6-2.3 CPU-s of a worker's main thread per
# 2,225 BBC articles (40 s), 0.7-0.8 s at these intervals: a cost per second of wall time, which a
# loaded machine multiplies. Spilling to disk reacts within a second instead of 0.1 s.
QUIET = {"distributed.worker.profile.enabled": False, "distributed.admin.tick.interval": "500ms",
         "distributed.worker.memory.monitor-interval": "1s", "distributed.admin.system-monitor.interval": "5s",
         "distributed.admin.system-monitor.disk": False}
_UNSUPPORTED = (("fix", "--fix"), ("diff", "--diff"), ("baseline", "--baseline"),
                ("write_baseline", "--write-baseline"), ("corpus", "--corpus"))


def check(args: argparse.Namespace, config: Config, registry: Registry, enabled: set[str],
          discover: Callable[..., list[tuple[str, str]]]) -> int:
    """Run ``newslint check`` on Dask with the command line's settings; exit codes as
    ``newslint check``'s. ``discover`` finds the files of the paths as the CLI does."""
    for attr, flag in _UNSUPPORTED:
        if getattr(args, attr, None):
            raise CommandError(f"{flag} is not supported with --scheduler")
    if args.output is None:
        raise CommandError("--scheduler needs --output DIR (where the findings are written)")
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise CommandError("--scheduler needs Dask: pip install 'newslint[dask]'") from None
    from newslint.dask.settings import Settings
    from newslint.model.diagnostic import Severity

    started = time.perf_counter()
    settings = Settings.of(config, registry, enabled)
    fmt = args.output_format or output.default_format()
    if fmt == "parquet":
        import importlib.util

        if importlib.util.find_spec("pyarrow") is None:
            raise CommandError("--output-format parquet needs pyarrow")
    articles, count = _articles(args, config, discover)
    folder = args.output.resolve()
    try:
        output.prepare(folder)
    except OSError as exc:
        raise CommandError(f"{args.output}: cannot write: {exc.strerror}") from None
    with _client(args.scheduler, args.jobs) as client:
        workers = len(client.scheduler_info()["workers"])
        if sys.stderr.isatty():
            print(f"newslint: Dask dashboard: {client.dashboard_link}", file=sys.stderr)
        scratch = folder / SCRATCH
        shutil.rmtree(scratch, ignore_errors=True)  # a folder an interrupted run left
        scratch.mkdir()
        try:
            tallies = _run(client, articles, settings, count, str(folder), fmt, str(scratch))
        except Exception as exc:  # noqa: BLE001 - a task that failed on a worker: one line, not its traceback
            raise CommandError(f"the Dask run failed: {type(exc).__name__}: {exc}") from None
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        peaks = sorted(client.run(_peak_rss_mb).values())
        scheduler_peak = client.run_on_scheduler(_peak_rss_mb)  # the client's own process for "local"
    summary = output.summarise(tallies, registry.metas)
    summary.update(workers=workers, partitions=articles.npartitions, format=fmt, worker_peak_rss_mb=peaks,
                   scheduler_peak_rss_mb=scheduler_peak, client_peak_rss_mb=_peak_rss_mb(),
                   seconds=round(time.perf_counter() - started, 2))
    (folder / "summary.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    sys.stdout.write(output.table(summary))
    print(f"{workers} workers, {summary['partitions']} partitions, {summary['seconds']:.1f} s; "
          f"findings in {args.output}", file=sys.stderr)
    from newslint.model.escape import printable

    for error in summary["errors"]:
        print(f"newslint: error: {printable(error)}", file=sys.stderr)
    if summary["errors"]:
        return EXIT_ERROR
    fail_on = Severity(args.fail_on) if args.fail_on else config.fail_on
    failing = any(Severity(s).rank >= fail_on.rank for s in summary["severities"])
    return EXIT_FOUND if failing and not args.exit_zero else EXIT_CLEAN


def _peak_rss_mb() -> float:
    """This worker process's peak resident memory, in MB (0 where the platform does not say)."""
    try:
        import resource
    except ImportError:
        return 0.0
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)  # KB on Linux


def _client(scheduler: str, jobs: int | None) -> Any:
    """A client of a new LocalCluster (``local``) or of the scheduler at ``scheduler``."""
    import logging

    from distributed import Client, LocalCluster

    if scheduler == "local":
        import dask

        with dask.config.set(QUIET):
            cluster = LocalCluster(n_workers=jobs or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                                   dashboard_address=":0", silence_logs=logging.ERROR)
        client = Client(cluster)
        return _Closing(client, cluster)
    try:
        return _Closing(Client(scheduler, timeout=30), None)
    except (OSError, TimeoutError, ValueError) as exc:
        raise CommandError(f"--scheduler {scheduler}: cannot connect: {exc}") from None


class _Closing:
    """A client (and its own cluster) closed on leaving the ``with`` block."""

    def __init__(self, client: Any, cluster: Any) -> None:
        self.client, self.cluster = client, cluster

    def __enter__(self) -> Any:
        return self.client

    def __exit__(self, *_: object) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def _run(client: Any, articles: Bag, settings: Any, count: int | None, folder: str, fmt: str,
         scratch: str) -> list[dict[str, Any]]:
    """Lint and write every partition on the workers, then the corpus rules' findings; the
    tallies, with a progress bar."""
    tasks = graph(articles, settings, count, folder, fmt, scratch)
    futures = client.compute(tasks)
    _progress(client, futures)
    return [tally for part in client.gather(futures) for tally in part]


def graph(articles: Bag, settings: Any, count: int | None, folder: str, fmt: str, scratch: str) -> list[Any]:
    """The run's tasks: one a lint partition (it writes the partition's findings itself, with
    ``output.lint_and_write``, and passes on only what the corpus rules read: a worker's memory is
    one partition's summaries and one article's findings, whatever the corpus's size) and one a
    partition of corpus findings; each gives a list of tallies."""
    from newslint.dask import MANY
    from newslint.dask.corpus import corpus_findings
    from newslint.dask.lint import indexes

    total = MANY if count is None else count
    linted = articles.map_partitions(_lint_part, indexes(articles.npartitions), settings, total, folder, fmt)
    outcomes = linted.map_partitions(_second)
    corpus = corpus_findings(outcomes, settings, total, articles.npartitions, scratch)
    written = corpus.map_partitions(_write_corpus_part, indexes(corpus.npartitions), folder, fmt)
    # optimize_graph=False: each partition's graph optimised on its own repeated the lint per branch
    return [*linted.map_partitions(_first).to_delayed(optimize_graph=False),
            *written.to_delayed(optimize_graph=False)]


# Each function a bag's partition goes through returns a list (Dask pickles partitions).

def _lint_part(part: Any, index: list[int], settings: Any, total: int, folder: str, fmt: str) -> list[Any]:
    """[tally, outcomes without their findings] of partition ``index[0]``, its findings written."""
    return list(output.lint_and_write(part, settings, total, folder, index[0], fmt))


def _first(part: list[Any]) -> list[Any]:
    return [part[0]]


def _second(part: list[Any]) -> list[Any]:
    return list(part[1])


def _write_corpus_part(part: Any, index: list[int], folder: str, fmt: str) -> list[dict[str, Any]]:
    return [output.write_corpus(part, folder, index[0], fmt)]


def _progress(client: Any, futures: list[Any]) -> None:
    """A bar on stderr (a terminal only) as the partitions finish."""
    from distributed import as_completed

    tty = sys.stderr.isatty()
    done, total = 0, len(futures)
    for _ in as_completed(futures):
        done += 1
        if tty:
            bar = "#" * (30 * done // total)
            sys.stderr.write(f"\r[{bar:30s}] {done}/{total} partitions")
            sys.stderr.flush()
    if tty:
        sys.stderr.write("\n")


def _articles(args: argparse.Namespace, config: Config,
              discover: Callable[..., list[tuple[str, str]]]) -> tuple[Bag, int | None]:
    """The input as a bag of (id, text or FromFile, order), and how many articles when known."""
    import dask.bag as db

    paths = args.paths or ["."]
    if len(paths) == 1 and Path(paths[0]).is_file() and Path(paths[0]).suffix in (".jsonl", ".list"):
        return _manifest(Path(paths[0]), args.partitions)
    if "-" in paths:
        raise CommandError("stdin ('-') is not supported with --scheduler")
    files = discover(paths, config, args)
    items = [(display, FromFile(os.path.abspath(path)), i) for i, (path, display) in enumerate(files)]
    parts = args.partitions or max(1, min(len(items), -(-len(items) // ARTICLES_PER_PARTITION)))
    return db.from_sequence(items, npartitions=parts) if items else db.from_sequence([], npartitions=1), len(items)


def _manifest(path: Path, partitions: int | None) -> tuple[Bag, int | None]:
    """A ``.list`` (one article path a line, relative to the list) or a ``.jsonl`` manifest (one
    ``{"id": ..., "text": ...}`` or ``{"path": ...}`` a line, read by the workers in blocks)."""
    import dask.bag as db

    from newslint.dask.lint import indexes

    if path.suffix == ".list":
        base = path.resolve().parent
        names = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        items = [(name, FromFile(str(base / name)), i) for i, name in enumerate(names)]
        parts = partitions or max(1, min(len(items), -(-len(items) // ARTICLES_PER_PARTITION)))
        return db.from_sequence(items, npartitions=parts) if items else db.from_sequence([], npartitions=1), len(items)
    size = path.stat().st_size
    blocks = max(1, min(partitions or -(-size // BLOCK_BYTES), size))
    return indexes(blocks).map_partitions(_parsed, str(path.resolve()), size, blocks), None


def block_lines(path: str, size: int, blocks: int, block: int) -> Iterator[bytes]:
    """The lines of ``path`` that start in block ``block`` of ``blocks`` equal byte ranges (each
    line in exactly one block). One task a block, reading its own range: not ``dask.bag.read_text``,
    whose graph has a layer per block, which every later step copies."""
    start, end = size * block // blocks, size * (block + 1) // blocks
    with open(path, "rb") as handle:
        if start:
            handle.seek(start - 1)
            handle.readline()  # the rest of the line that starts before this block: the last block's
        while handle.tell() < end:
            line = handle.readline()
            if not line:
                break
            yield line


def _parsed(index: list[int], path: str, size: int, blocks: int) -> list[tuple[str, Any, tuple[int, int]]]:
    """The articles of a block of manifest lines; a line that is no article (or no UTF-8) is an
    error outcome."""
    block = index[0]
    out: list[tuple[str, Any, tuple[int, int]]] = []
    for i, line in enumerate(block_lines(path, size, blocks, block)):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            name = str(row.get("id") or row["path"])
            text = row["text"] if "text" in row else FromFile(row["path"])
        except (ValueError, KeyError, TypeError, AttributeError):
            name = f"{block}:{i + 1}"
            text = BadInput(f"manifest block {block}, line {i + 1}: not a JSON object with an id and a text or path")
        out.append((name, text, (block, i)))
    return out

