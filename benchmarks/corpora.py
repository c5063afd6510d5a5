#!/usr/bin/env python3
"""newslint on the real corpora: findings by rule, fix damage, spin recall, CPU time.

    python benchmarks/corpora.py                       # this checkout's newslint
    python benchmarks/corpora.py --newslint OTHER/.venv/bin/newslint --label before

Reads ``../shared/corpora`` (see its README; override with ``--corpora``) and prints Markdown
tables: findings per rule on the clean BBC set (per 100 articles, NL105 duplicates set apart),
what a plain ``--fix`` would change there and on the 18F site (files and edits), the spin family's
span and article scores through ``../shared/eval/score.py``, and the CPU seconds per MB of each
run. Nothing is written outside a temporary folder; the corpora are only read.
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def run(cmd: list[str], cwd: Path | None = None) -> tuple[str, float]:
    """Run ``cmd``; return its stdout and the CPU seconds it and its children used."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if out.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} exited {out.returncode}: {out.stderr.strip()[:500]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return out.stdout, cpu


def megabytes(folder: Path) -> float:
    """Size of the article files under ``folder`` in MB."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.suffix in {".txt", ".md"}) / 1e6


def words(folder: Path) -> int:
    """Words in the article files under ``folder`` (whitespace-separated)."""
    return sum(len(p.read_text(encoding="utf-8", errors="replace").split())
               for p in folder.rglob("*") if p.suffix in {".txt", ".md"})


def lint(newslint: str, paths: list[Path], *extra: str) -> tuple[list[dict], float]:
    """Findings of one JSON run over ``paths`` and its CPU seconds (one process, no cache)."""
    out, cpu = run([newslint, "check", *map(str, paths), "--format", "json", "--exit-zero",
                    "--no-cache", "-j", "1", *extra])
    return json.loads(out or "[]"), cpu


def fix_damage(newslint: str, folder: Path) -> tuple[int, int, int]:
    """Files and lines a plain ``--fix`` changes on a copy of ``folder``; and total files."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / folder.name
        shutil.copytree(folder, copy)
        run([newslint, "check", ".", "--fix", "--exit-zero", "--no-cache"], cwd=copy)
        diff = subprocess.run(["diff", "-r", str(folder), str(copy)], capture_output=True,
                              text=True, check=False).stdout
    files = sum(1 for line in diff.splitlines() if line.startswith("diff "))
    lines = sum(1 for line in diff.splitlines() if line.startswith("< "))
    total = sum(1 for p in folder.rglob("*") if p.is_file())
    return files, lines, total


def score(findings_json: Path, *golds: Path) -> str:
    """score.py's summary for the spin category and the NL203 article verdict."""
    cmd = [sys.executable, str(SCORE), str(findings_json), "--article-rule", "NL203"]
    for gold in golds:
        cmd += ["--gold", str(gold)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=False).stdout
    return "\n".join(line for line in out.splitlines()
                     if line.startswith(("category", "spin ", "clean articles", "NL203")))


def table_by_rule(findings: list[dict], articles: int) -> list[str]:
    """Markdown rows: rule, findings, per 100 articles, articles flagged."""
    counts = collections.Counter(f["code"] for f in findings)
    flagged: dict[str, set[str]] = collections.defaultdict(set)
    for f in findings:
        flagged[f["code"]].add(f["path"])
    rows = ["| rule | findings | per 100 articles | articles |", "|---|---|---|---|"]
    for code, n in sorted(counts.items()):
        rows.append(f"| {code} | {n} | {100 * n / articles:.1f} | {len(flagged[code])} |")
    rest = [f for f in findings if f["code"] != "NL105"]
    rows.append(f"| all but NL105 | {len(rest)} | {100 * len(rest) / articles:.1f} | "
                f"{len({f['path'] for f in rest})} |")
    return rows


def main(argv: list[str] | None = None) -> int:
    """Print the tables for one newslint build."""
    global SCORE
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--newslint", default=shutil.which("newslint") or "newslint")
    parser.add_argument("--corpora", type=Path, default=HERE.parent.parent / "shared" / "corpora")
    parser.add_argument("--label", default="this checkout")
    parser.add_argument("--skip", action="append", default=[], choices=["bbc", "fix", "spun", "site"])
    args = parser.parse_args(argv)
    corpora = args.corpora.resolve()
    SCORE = corpora.parent / "eval" / "score.py"
    bbc, spun, site = corpora / "clean-bbc", corpora / "spun", corpora / "site-18f"
    print(f"## newslint on the real corpora: {args.label}\n")
    if "bbc" not in args.skip:
        articles = len(list(bbc.glob("*.txt")))
        findings, cpu = lint(args.newslint, [bbc])
        mb = megabytes(bbc)
        print(f"### clean-bbc: {articles} articles, {mb:.2f} MB, {words(bbc):,} words; "
              f"{cpu:.1f} CPU s ({mb / cpu:.3f} MB per CPU s)\n")
        print("\n".join(table_by_rule(findings, articles)) + "\n")
    if "fix" not in args.skip:
        print("### a plain `--fix` on a copy\n\n| corpus | files changed | lines changed | files |")
        print("|---|---|---|---|")
        for folder in (bbc, site):
            files, lines, total = fix_damage(args.newslint, folder)
            print(f"| {folder.name} | {files} | {lines} | {total} |")
        print()
    if "spun" not in args.skip:
        findings, cpu = lint(args.newslint, [spun], "--select", "spin")
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as out:
            json.dump(findings, out)
        print(f"### spun (spin family only, {cpu:.1f} CPU s)\n\n```")
        print("mythes + original:\n" + score(Path(out.name), spun / "mythes", spun / "original"))
        print("wild:\n" + score(Path(out.name), spun / "wild"))
        print("```\n")
        os.unlink(out.name)
    if "site" not in args.skip:
        findings, cpu = lint(args.newslint, [site])
        print(f"### site-18f ({cpu:.1f} CPU s)\n")
        print("\n".join(table_by_rule(findings, len(list(site.rglob('*.md'))))) + "\n")
    return 0


SCORE = Path()

if __name__ == "__main__":
    sys.exit(main())
