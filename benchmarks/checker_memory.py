"""Each checker's resident high-water mark on one run of ``newslint check`` (docs/benchmarks.md, memory).

    python benchmarks/checker_memory.py [newslint check arguments ...]

Runs the command in this process with every checker wrapped: a thread reads the resident set
(``/proc/self/statm``) every millisecond or two and keeps the highest value seen while each checker
runs, beside the resident set before and after it and the process's ``ru_maxrss``. The table
goes to stderr, one row per checker in the order they ran, then the stages outside the checkers
(reading before the first, the engine's work between two, output after the last), when they
rise more than 1 MB over the checker before. A peak inside one long C call that holds the
GIL is seen only through ``ru_maxrss``, which is why both are printed.
"""
from __future__ import annotations

import os
import resource
import sys
import threading
import time
from functools import cached_property
from typing import Any

_PAGE_MB = os.sysconf("SC_PAGE_SIZE") / 2**20


def _rss_mb() -> float:
    with open("/proc/self/statm", "rb") as handle:
        return int(handle.read().split()[1]) * _PAGE_MB


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


class Sampler(threading.Thread):
    """The highest resident set seen since the last :meth:`take`."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.high = 0.0
        self.running = True

    def run(self) -> None:
        while self.running:
            self.high = max(self.high, _rss_mb())
            time.sleep(0.001)

    def take(self) -> float:
        """The high-water mark since the last call (and now), then start again from now."""
        high, self.high = max(self.high, _rss_mb()), 0.0
        return high


def _codes(checker: Any) -> str:
    metas = getattr(checker, "metas", None) or (checker.meta,)
    return ",".join(m.code for m in metas)


def main(argv: list[str]) -> int:
    """Run ``newslint check argv`` with the checkers measured; print the table to stderr."""
    from newslint.cli import main as newslint
    from newslint.engine.lint import Engine

    sampler = Sampler()
    rows: list[tuple[str, float, float, float, float, float]] = []
    original = Engine._all.func  # type: ignore[attr-defined]

    def wrap(checker: Any) -> None:
        check = checker.check

        def measured(doc: Any) -> Any:
            before, started = _rss_mb(), time.process_time()
            between = sampler.take()
            if between > max(before, rows[-1][3] if rows else 0.0) + 1:  # reading, or the engine's own work
                rows.append(("(between checkers)", rows[-1][3] if rows else 0.0, between, before, _maxrss_mb(), 0.0))
            found = list(check(doc))
            rows.append((_codes(checker), before, sampler.take(), _rss_mb(), _maxrss_mb(),
                         time.process_time() - started))
            return found

        checker.check = measured

    def measured_all(self: Engine) -> Any:
        checkers = original(self)
        for checker in checkers:
            if not checker.is_corpus:
                wrap(checker)
        return checkers

    Engine._all = cached_property(measured_all)  # type: ignore[assignment,method-assign]
    Engine._all.__set_name__(Engine, "_all")  # type: ignore[attr-defined]
    sampler.start()
    status = newslint(["check", *argv])
    rows.append(("(after the last: output)", rows[-1][3] if rows else 0.0, sampler.take(), _rss_mb(), _maxrss_mb(), 0.0))
    sampler.running = False
    print(f"{'checker':<40} {'before':>8} {'high':>8} {'after':>8} {'maxrss':>8} {'cpu s':>7}", file=sys.stderr)
    for name, before, high, after, maxrss, cpu in rows:
        name = name if len(name) <= 40 else name[:36] + ",..."
        print(f"{name:<40} {before:8.1f} {high:8.1f} {after:8.1f} {maxrss:8.1f} {cpu:7.2f}", file=sys.stderr)
    return status


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
