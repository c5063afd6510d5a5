#!/usr/bin/env python3
"""Differential test: two newslint builds must report the same findings on real text.

    python benchmarks/differential.py --before OTHER/.venv/bin/newslint           # clean-bbc
    python benchmarks/differential.py --before OLD --corpus DIR --corpus DIR2     # other folders

Runs each build once per folder (``--format json``, ``-j 1``, ``--no-cache``, every built-in
family as configured by default), sorts the findings and compares them; prints the first
differences and exits 1 when they differ. The default folder is ``../shared/corpora/clean-bbc``
(``NEWSLINT_BENCH_BBC``); a folder that is absent is skipped with a message. Nothing is written.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = Path(os.environ.get("NEWSLINT_BENCH_BBC", ROOT.parent / "shared" / "corpora" / "clean-bbc"))


def findings(exe: str, folder: Path) -> list[str]:
    """The sorted findings of one build on one folder, each as one canonical JSON line."""
    out = subprocess.run([exe, "check", "--format", "json", "--exit-zero", "--no-cache", "-j", "1", "."],
                         cwd=folder, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        sys.exit(f"{exe} exited {out.returncode}: {out.stderr.strip()[:400]}")
    return sorted(json.dumps(f, sort_keys=True) for f in json.loads(out.stdout or "[]"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", required=True, help="the other build's newslint executable")
    parser.add_argument("--after", default=shutil.which("newslint", path=str(Path(sys.executable).parent)),
                        help="this build's executable (default: the one beside this Python)")
    parser.add_argument("--corpus", type=Path, action="append", help="folder to compare on (repeatable)")
    args = parser.parse_args(argv)
    failed = False
    for folder in args.corpus or [DEFAULT]:
        if not folder.is_dir():
            print(f"{folder}: absent, skipped")
            continue
        old, new = findings(args.before, folder), findings(args.after, folder)
        gone, added = sorted(set(old) - set(new)), sorted(set(new) - set(old))
        same = old == new
        failed |= not same
        print(f"{folder}: {len(old)} findings before, {len(new)} after: "
              f"{'identical' if same else f'{len(gone)} gone, {len(added)} new'}")
        for line in gone[:5]:
            print("  - " + line[:300])
        for line in added[:5]:
            print("  + " + line[:300])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
