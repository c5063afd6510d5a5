#!/usr/bin/env python3
"""Both engines over one folder: the findings JSON compared, and the CPU time of each, in one run.

    python scripts/core_diff.py ../shared/corpora/clean-bbc      # -j 1, 2 rounds, interleaved
    python scripts/core_diff.py DIR --rounds 3 --startup FILE    # also one-file start-up

Runs ``newslint check --no-cache -j 1 --format json`` with ``NEWSLINT_PURE=1`` (the pure-Python
reference) and without (the compiled core, when installed), alternately, and prints one table:
CPU seconds (user + system, the best round), MB per CPU-second, peak memory, whether the JSON is
byte-identical. Exit 1 when the findings differ (a differential test over real text), 2 when the
core is not installed. Without ../shared the folder is any folder of articles you have.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path


def _run(argv: list[str], pure: bool, cwd: Path, out: Path | None = None) -> tuple[float, int]:
    env = dict(os.environ, NEWSLINT_PURE="1" if pure else "0")
    with open(out or os.devnull, "wb") as sink:
        proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=sink, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"newslint failed ({'pure' if pure else 'core'}): {' '.join(argv)}")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--jobs", default="1")
    parser.add_argument("--startup", type=Path, help="also time one-file start-up on FILE (median of 9)")
    args = parser.parse_args(argv)
    from newslint.model import core

    core.compiled.cache_clear()
    os.environ.pop(core.PURE_ENV, None)
    if core.compiled() is None:
        print("the compiled core is not installed: pip install ./crates/newslint-core", file=sys.stderr)
        return 2
    folder = args.folder.resolve()
    mb = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and p.suffix in {".txt", ".md"}) / 1e6
    cmd = [sys.executable, "-m", "newslint", "check", "--no-cache", "--exit-zero", "-j", args.jobs, "--format", "json",
           str(folder)]
    cpu: dict[bool, list[float]] = {True: [], False: []}
    rss: dict[bool, int] = {True: 0, False: 0}
    with tempfile.TemporaryDirectory() as tmp:
        outs = {True: Path(tmp) / "pure.json", False: Path(tmp) / "core.json"}
        for _ in range(max(1, args.rounds)):
            for pure in (True, False):
                seconds, peak = _run(cmd, pure, folder, outs[pure])
                cpu[pure].append(seconds)
                rss[pure] = max(rss[pure], peak)
        same = outs[True].read_bytes() == outs[False].read_bytes()
        count = outs[False].read_bytes().count(b'"code"')
    print(f"{folder.name}: {mb:.2f} MB, -j {args.jobs}, best of {args.rounds} rounds (CPU seconds)")
    print("| engine | CPU s | MB per CPU-s | peak MB |")
    print("|---|---|---|---|")
    for pure, name in ((True, "pure Python (NEWSLINT_PURE=1)"), (False, "compiled core")):
        best = min(cpu[pure])
        print(f"| {name} | {best:.2f} | {mb / best:.2f} | {rss[pure]} |")
    print(f"speed-up: {min(cpu[True]) / min(cpu[False]):.2f}x; findings: {count}; JSON identical: {same}")
    if args.startup:
        one = [sys.executable, "-m", "newslint", "check", "--no-cache", "--exit-zero", str(args.startup.resolve())]
        times: dict[bool, list[float]] = {True: [], False: []}
        for _ in range(9):
            for pure in (True, False):
                times[pure].append(_run(one, pure, folder)[0])
        print(f"one-file start-up (CPU s, median of 9): pure {statistics.median(times[True]):.3f}, "
              f"core {statistics.median(times[False]):.3f}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
