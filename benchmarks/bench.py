#!/usr/bin/env python3
"""Benchmark newslint against the peer linters installed alongside it, in one run.

    python benchmarks/bench.py                     # 2,000-article corpus, start-up, -j 1 and -j 2
    python benchmarks/bench.py --scale             # also 1k/10k/50k articles and one 50 MB file
    python benchmarks/bench.py --corpus DIR        # an existing folder of *.txt articles
    python benchmarks/bench.py --real              # MB per CPU-second on clean-bbc and the generated corpus
    python benchmarks/bench.py --real --before OTHER/.venv/bin/newslint   # and another build, same run

``--real`` times newslint (``-j 1``, every family) and codespell, typos and proselint on the BBC
articles (``--bbc DIR`` or ``NEWSLINT_BENCH_BBC``, default ``../shared/corpora/clean-bbc``; skipped
with a message when absent) and on the generated corpus, in one run, and prints MB per CPU-second
and each tool's ratio to newslint: CPU seconds, because the machine is shared and wall time
follows the other processes on it.

Peers (codespell, typos, proselint, cspell, write-good, alex, textlint) are used when found on PATH
or in ``--peers-bin`` (for example ../shared/bench/.peers/venv/bin and .peers/node/node_modules/.bin
after its setup-peers.sh). Each tool is one process over the
whole corpus, run from inside the corpus folder; the table gives wall and CPU seconds (median of
``--repeat`` runs), MB/s, peak memory and the start-up time on one small file (median of 11 runs,
after one warm-up that fills newslint's per-user cache, as any earlier run would have), then the
speed-up of ``-j 2``, a second (cached) run, and ``--format json`` and ``sarif``. newslint's
bytecode is compiled first, as ``pip install`` does. Compare tools within one run: figures drift on a shared machine. The corpus is generated deterministically from the
paragraphs of examples/ (or by ../shared/bench/make_corpus.py when it is there).
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED_MAKER = ROOT.parent / "shared" / "bench" / "make_corpus.py"
SCALE_ARTICLES = tuple(int(n) for n in os.environ.get("NEWSLINT_BENCH_SCALE", "1000,10000,50000").split(","))
BIG_FILE_BYTES = int(float(os.environ.get("NEWSLINT_BENCH_BIG_MB", "50")) * 1e6)
# How each peer is run, as its docs show for CI: {target} is "." (the corpus) or one file name,
# {glob} is "**/*.txt" or that file, {files} every article's name (write-good takes no folder).
PEERS = {
    "codespell": ["codespell", "{target}"],
    "typos": ["typos", "--format", "brief", "{target}"],
    "proselint": ["proselint", "check", "-o", "compact", "{target}"],
    "cspell": ["cspell", "lint", "--no-progress", "--no-color", "{glob}"],
    "write-good": ["write-good", "--parse", "{files}"],
    "alex": ["alex", "{target}"],
    # textlint has no rules of its own: it runs with the shared bench's configuration when present
    # (write-good, no-todo and terminology rules).
    "textlint": ["textlint", "--config", str(SHARED_MAKER.parent / "peers-config" / "textlintrc.json"), "-f", "unix",
                 "{glob}"],
}


def newslint_cmd(*extra: str) -> list[str]:
    exe = shutil.which("newslint", path=str(Path(sys.executable).parent)) or shutil.which("newslint")
    base = [exe] if exe else [sys.executable, "-m", "newslint"]
    return [*base, "check", "--exit-zero", "--no-cache", *extra, "{target}"]


def run(cmd: list[str], cwd: Path, target: str) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds, peak RSS in MB) of one command run to completion."""
    argv: list[str] = []
    for arg in cmd:
        if arg == "{files}":
            argv += [str(f.relative_to(cwd)) for f in articles(cwd)] if target == "." else [target]
        else:
            argv.append(arg.replace("{target}", target).replace("{glob}", "**/*.txt" if target == "." else target))
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024


def make_corpus(folder: Path, articles: int, seed: int = 7) -> None:
    """Write ``articles`` files built from example paragraphs (deterministic)."""
    folder.mkdir(parents=True, exist_ok=True)
    if SHARED_MAKER.exists():
        subprocess.run([sys.executable, str(SHARED_MAKER), str(folder), "-n", str(articles)],
                       check=True, stdout=subprocess.DEVNULL)
        return
    paras = [p.strip() for f in sorted((ROOT / "examples").glob("*.*")) if f.suffix in (".txt", ".md")
             for p in f.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    rng = random.Random(seed)
    for i in range(articles):
        body = "\n\n".join(rng.choice(paras) for _ in range(rng.randint(8, 25)))
        (folder / f"article-{i:05d}.txt").write_text(body + "\n", encoding="utf-8")


def articles(folder: Path) -> list[Path]:
    """The corpus's *.txt files, outside hidden folders such as .newslint_cache."""
    return sorted(f for f in folder.rglob("*.txt") if not any(p.startswith(".") for p in f.relative_to(folder).parts))


def size_mb(folder: Path) -> float:
    return sum(f.stat().st_size for f in articles(folder)) / 1e6


REAL_PEERS = ("codespell", "typos", "proselint")
DEFAULT_BBC = ROOT.parent / "shared" / "corpora" / "clean-bbc"


def real_table(corpora: list[tuple[str, Path]], peers_bin: str | None, times: int,
               before: str | None) -> None:
    """MB per CPU-second of newslint (and ``before``), codespell, typos and proselint on each corpus."""
    found = tools(peers_bin)
    cmds = {"newslint": found["newslint"]}
    if before:
        cmds["newslint before"] = [before, *found["newslint"][1:]]
    cmds.update((name, found[name]) for name in REAL_PEERS if name in found)
    missing = [name for name in REAL_PEERS if name not in found]
    if missing:
        print(f"not found (skipped): {', '.join(missing)}; see --peers-bin")
    print(f"python {sys.version.split()[0]}; {os.cpu_count()} cores; median of {times} run(s) by CPU time")
    print(f"{'corpus':10s} {'tool':16s} {'MB':>6s} {'cpu s':>8s} {'wall s':>8s} {'MB/cpu-s':>9s} "
          f"{'peak MB':>8s} {'vs newslint':>12s}")
    for label, folder in corpora:
        mb = size_mb(folder)
        rates = {}
        for name, cmd in cmds.items():
            runs = sorted((run(cmd, folder, ".") for _ in range(times)), key=lambda r: r[1])
            wall, cpu, rss = runs[len(runs) // 2]
            rates[name] = mb / cpu
            ratio = rates[name] / rates["newslint"]
            print(f"{label:10s} {name:16s} {mb:6.1f} {cpu:8.2f} {wall:8.2f} {rates[name]:9.2f} {rss:8d} "
                  f"{ratio:11.2f}x")
        if "newslint before" in rates:
            print(f"{label:10s} newslint speed-up over before: {rates['newslint'] / rates['newslint before']:.2f}x")


def tools(peers_bin: str | None) -> dict[str, list[str]]:
    found = {"newslint": newslint_cmd("-j", "1"), "newslint -j2": newslint_cmd("-j", "2")}
    from newslint.model import core

    if core.compiled() is not None:  # the same run with the pure-Python engine (docs/core.md)
        found["newslint pure"] = ["env", f"{core.PURE_ENV}=1", *newslint_cmd("-j", "1")]
    for name, cmd in PEERS.items():
        exe = shutil.which(cmd[0], path=peers_bin) if peers_bin else None
        exe = exe or shutil.which(cmd[0])
        exe = os.path.abspath(exe) if exe else None
        config = next((a for a in cmd if a.endswith(".json")), None)
        if exe and (config is None or Path(config).exists()):
            found[name] = [exe, *cmd[1:]]
    return found


def startup(cmd: list[str], file: Path, runs: int = 11) -> float:
    run(cmd, file.parent, file.name)  # warm-up: the OS file cache and newslint's per-user cache
    return statistics.median(run(cmd, file.parent, file.name)[0] for _ in range(runs))


def repeated(cmd: list[str], cwd: Path, target: str, times: int) -> tuple[float, float, int]:
    """The run with the median wall time of ``times`` runs."""
    runs = sorted((run(cmd, cwd, target) for _ in range(times)), key=lambda r: r[0])
    return runs[len(runs) // 2]


def compile_bytecode() -> None:
    """Compile newslint's modules, as pip does on install (an editable install may not have)."""
    import compileall

    import newslint

    compileall.compile_dir(str(Path(newslint.__file__).parent), quiet=1)


def table(corpus: Path, peers_bin: str | None, times: int = 3) -> None:
    mb = size_mb(corpus)
    files = articles(corpus)
    clean = ROOT / "examples" / "clean-wire.txt"
    print(f"corpus: {len(files)} articles, {mb:.1f} MB; python {sys.version.split()[0]}; {os.cpu_count()} cores")
    print(f"{'tool':14s} {'wall s':>8s} {'cpu s':>8s} {'MB/s':>8s} {'peak MB':>8s} {'start-up s':>10s} "
          f"{'clean s':>8s}")
    walls = {}
    for name, cmd in tools(peers_bin).items():
        wall, cpu, rss = repeated(cmd, corpus, ".", times)
        walls[name] = wall
        first = startup(cmd, files[0]) if "-j2" not in name else float("nan")
        plain = startup(cmd, clean) if "-j2" not in name and clean.exists() else float("nan")
        print(f"{name:14s} {wall:8.2f} {cpu:8.2f} {mb / wall:8.2f} {rss:8d} {first:10.3f} {plain:8.3f}")
    print(f"newslint -j 2 speed-up: {walls['newslint'] / walls['newslint -j2']:.2f}x")
    cached = newslint_cmd("-j", "1")
    cached.remove("--no-cache")
    run(cached, corpus, ".")
    wall, cpu, rss = run(cached, corpus, ".")
    print(f"{'newslint cached':14s} {wall:8.2f} {cpu:8.2f} {mb / wall:8.2f} {rss:8d}  (second run, unchanged files)")
    shutil.rmtree(corpus / ".newslint_cache", ignore_errors=True)
    # The machine-read formats CI uses: the rows above print text (an indented json.dump once
    # made --format json 1.7x slower than text, and no row showed it).
    for fmt in ("json", "sarif"):
        wall, cpu, rss = repeated(newslint_cmd("-j", "1", "--format", fmt), corpus, ".", times)
        print(f"{'newslint ' + fmt:14s} {wall:8.2f} {cpu:8.2f} {mb / wall:8.2f} {rss:8d}  (-j 1, --format {fmt})")


def scale(work: Path) -> None:
    print("\nscaling (newslint -j 1):")
    print(f"{'input':22s} {'MB':>7s} {'wall s':>8s} {'MB/s':>7s} {'peak MB':>8s}")
    cmd = newslint_cmd("-j", "1")
    for n in SCALE_ARTICLES:
        folder = work / f"n{n}"
        make_corpus(folder, n)
        wall, _, rss = run(cmd, folder, ".")
        print(f"{f'{n} articles':22s} {size_mb(folder):7.1f} {wall:8.2f} {size_mb(folder) / wall:7.2f} {rss:8d}")
        shutil.rmtree(folder)
    big = work / "big"
    make_corpus(big, 2000)
    text = "\n".join(f.read_text(encoding="utf-8") for f in sorted(big.glob("*.txt")))
    shutil.rmtree(big)
    big.mkdir()
    target = big / "one.txt"
    with target.open("w", encoding="utf-8") as out:
        written = 0
        while written < BIG_FILE_BYTES:
            out.write(text)
            written += len(text.encode())
    wall, _, rss = run(cmd, big, "one.txt")
    mb = target.stat().st_size / 1e6
    print(f"{'one file':22s} {mb:7.1f} {wall:8.2f} {mb / wall:7.2f} {rss:8d}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, help="folder of *.txt articles (default: generate)")
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--peers-bin", help="folders with peer executables, separated by ':' (e.g. "
                        "../shared/bench/.peers/venv/bin:../shared/bench/.peers/node/node_modules/.bin)")
    parser.add_argument("--scale", action="store_true", help="also time 1k/10k/50k articles and a 50 MB file")
    parser.add_argument("--repeat", type=int, default=3, help="runs per tool over the corpus (median shown)")
    parser.add_argument("--real", action="store_true", help="only the MB per CPU-second table: clean-bbc "
                        "and the generated corpus, newslint -j 1 against codespell, typos and proselint")
    parser.add_argument("--bbc", type=Path, default=Path(os.environ.get("NEWSLINT_BENCH_BBC", DEFAULT_BBC)),
                        help="the clean BBC articles (default: $NEWSLINT_BENCH_BBC or ../shared/corpora/clean-bbc)")
    parser.add_argument("--before", help="another newslint executable timed in the same run (--real)")
    args = parser.parse_args(argv)
    compile_bytecode()
    with tempfile.TemporaryDirectory(prefix="newslint-bench-") as tmp:
        corpus = args.corpus or Path(tmp) / "corpus"
        if args.corpus is None:
            make_corpus(corpus, args.articles)
        corpora = [("generated", corpus)]
        if args.bbc.is_dir() and articles(args.bbc):
            corpora.insert(0, ("clean-bbc", args.bbc))
        else:
            print(f"{args.bbc}: no BBC articles there, so the real-text row is skipped (--bbc DIR)")
        real_table(corpora, args.peers_bin, max(1, args.repeat), args.before)
        if args.real:
            return 0
        table(corpus, args.peers_bin, max(1, args.repeat))
        if args.scale:
            scale(Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
