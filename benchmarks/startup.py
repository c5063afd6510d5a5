#!/usr/bin/env python3
"""One-file start-up of newslint builds and codespell, timed in one interleaved run (issue 19).

    python benchmarks/startup.py --before /work/main/.venv/bin/newslint --codespell PEERS/codespell
    python benchmarks/startup.py --file examples/spin-court-report.txt --runs 11 --no-cache

Each build runs ``check FILE`` (``--no-cache`` with the flag, else after one warm-up run that
fills the result cache) and codespell runs on the same file; the commands take turns, so a
shared machine's drift falls on all of them alike. Prints the median wall and CPU (user+sys, from
``wait4``: the child's own time, not this script's) of each. Bytecode is kept in a folder per build
(``PYTHONPYCACHEPREFIX``) and filled by the warm-up, as ``pip install`` compiles it: an editable
install under ``PYTHONDONTWRITEBYTECODE`` would otherwise compile every module on every run.
``--pure`` sets ``NEWSLINT_PURE=1`` for the newslint runs.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and user+sys seconds of one run of ``cmd`` (output discarded)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait again
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", help="another newslint executable")
    parser.add_argument("--after", default=shutil.which("newslint", path=str(Path(sys.executable).parent)))
    parser.add_argument("--codespell", help="codespell executable timed beside them")
    parser.add_argument("--file", type=Path, default=ROOT / "examples" / "clean-wire.txt")
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--no-cache", action="store_true", help="pass --no-cache to newslint")
    parser.add_argument("--pure", action="store_true", help="NEWSLINT_PURE=1 for newslint")
    args = parser.parse_args(argv)
    base = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    if args.pure:
        base["NEWSLINT_PURE"] = "1"
    flags = ["--no-cache"] if args.no_cache else []
    commands: list[tuple[str, list[str], dict[str, str]]] = []
    with tempfile.TemporaryDirectory(prefix="newslint-startup-") as tmp:
        for label, exe in (("before", args.before), ("after", args.after)):
            if exe:
                env = dict(base, PYTHONPYCACHEPREFIX=f"{tmp}/{label}")
                commands.append((label, [exe, "check", "--exit-zero", *flags, str(args.file)], env))
        if args.codespell:
            commands.append(("codespell", [args.codespell, str(args.file)], dict(os.environ)))
        for _, cmd, env in commands:
            timed(cmd, env)  # warm-up: bytecode, the per-user cache, the result cache
        times: dict[str, list[tuple[float, float]]] = {label: [] for label, _, _ in commands}
        for _ in range(args.runs):
            for label, cmd, env in commands:
                times[label].append(timed(cmd, env))
    print(f"{args.file.name}{' --no-cache' if args.no_cache else ''}{' pure' if args.pure else ''}, "
          f"median of {args.runs} interleaved runs")
    print("| build | wall s | CPU s (user+sys) |\n|---|---|---|")
    for label, runs in times.items():
        wall = statistics.median(w for w, _ in runs)
        cpu = statistics.median(c for _, c in runs)
        print(f"| {label} | {wall:.3f} | {cpu:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
