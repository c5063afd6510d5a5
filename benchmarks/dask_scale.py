"""Measure newslint on Dask against one process (docs/dask.md's scaling table).

    python benchmarks/dask_scale.py replicate CORPUS N OUT      # CORPUS's articles copied to N files
    python benchmarks/dask_scale.py generate N OUT.jsonl        # N small articles, 2 in 1,000 planted copies
    python benchmarks/dask_scale.py planted OUT.jsonl RESULTS   # were all planted copies found (NL105)?
    python benchmarks/dask_scale.py measure LOG RESULTS -- newslint check --scheduler local ... --output RESULTS
                                                                # memory of every process, sampled

Timing is done from the shell (``/usr/bin/time -v newslint check ...``) so both runs are measured
the same way; ``summary.json`` of a Dask run holds each worker's peak memory.
"""
from __future__ import annotations

import json
import random
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterator

WORDS = ("council harbour board court trust rail school water county museum transport committee service plan "
         "budget rules parking report flooding valley contract road library study routes case director scheme "
         "trees river timetable summer meeting minutes residents vote consultation reason businesses month week "
         "officials statement region city town village market price workers union strike talks deal energy "
         "bills households families schools teachers pupils hospital patients doctors nurses waiting list police "
         "officers station crime figures survey results election candidates campaign party leader minister").split()


def replicate(corpus: Path, count: int, out: Path) -> None:
    """``count`` files made of ``corpus``'s articles, copy k in folder ``rep-k``."""
    files = sorted(p for p in corpus.rglob("*.txt") if p.is_file())
    out.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        source = files[i % len(files)]
        target = out / f"rep-{i // len(files)}" / source.relative_to(corpus)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)


def generate(count: int, out: Path, seed: int = 20) -> None:
    """``count`` articles of 60-90 words as a JSON Lines manifest, with planted copies among them:
    every 1,000th article (``aNNNNNNN-copy-of-MMMMMMM``) is an exact copy of one of the 5,000
    before it, and every 1,000th from the 500th (``aNNNNNNN-near-MMMMMMM``) a near copy (its last
    word changed and a short sentence added: about 0.95 the same by MinHash)."""
    rng = random.Random(seed)
    with out.open("w", encoding="utf-8") as handle:
        texts: list[str] = []
        for i in range(count):
            if i % 1000 in (499, 999) and i >= 1000:
                j = rng.randrange(max(0, i - 5000), i)  # an article among the last 5,000
                text = texts[j - (i - len(texts))]
                if i % 1000 == 999:
                    name = f"a{i:07d}-copy-of-{j:07d}"
                else:
                    body = text.rstrip().rstrip(".").rsplit(" ", 1)[0]
                    text = f"{body} {rng.choice(WORDS)}. {' '.join(rng.choice(WORDS) for _ in range(3))}.\n"
                    name = f"a{i:07d}-near-{j:07d}"
            else:
                words = [rng.choice(WORDS) for _ in range(rng.randint(60, 90))]
                text, name = "Story\n\n" + " ".join(words) + ".\n", f"a{i:07d}"
            texts.append(text)
            if len(texts) > 5000:
                texts.pop(0)
            handle.write(json.dumps({"id": name, "text": text}) + "\n")


def planted(manifest: Path, results: Path) -> int:
    """Print how many planted copies NL105 found, each against its original or another copy of it
    (its best match may be a copy of the same original); 1 when one was missed or reported against
    another article, or when NL105 reported an article that is no planted copy.

    Streams: the manifest a line at a time and the output a part file at a time, keeping only the
    planted copies' names and the NL105 findings (a run's output can hold tens of millions of
    findings of other rules; holding them all did not fit in memory at 1,000,000 articles)."""
    import re

    source: dict[str, str] = {}  # planted copy -> the article it copies
    copies: dict[int, str] = {}  # article number -> its name, for planted copies (others: aNNNNNNN)
    with manifest.open(encoding="utf-8") as handle:
        for line in handle:
            name = json.loads(line)["id"]
            match = re.fullmatch(r"a(\d{7})-(?:copy-of|near)-(\d{7})", name)
            if match:
                copies[int(match.group(1))] = name
                j = int(match.group(2))
                source[name] = copies.get(j, f"a{j:07d}")

    def root(name: str) -> str:
        while name in source:
            name = source[name]
        return name

    found = {r["path"]: r["message"].rsplit(" ", 1)[-1] for r in nl105_records(results)}
    right = {name for name in source if name in found and root(found[name]) == root(name)}
    missed = sorted(set(source) - right)
    other = sorted(set(found) - set(source))
    kinds = {kind: sum(1 for name in source if kind in name) for kind in ("-copy-of-", "-near-")}
    print(f"planted {len(source)} ({kinds['-copy-of-']} exact, {kinds['-near-']} near), found {len(right)}, "
          f"missed {len(missed)} {missed[:5]}, other NL105 findings {len(other)} {other[:5]}")
    return 1 if missed or other else 0


def nl105_records(results: Path, code: str = "NL105") -> Iterator[dict[str, Any]]:
    """The records of ``code`` in a run's output folder, read a part file (and, for JSON Lines, a
    line) at a time: a line is parsed only when it names the code."""
    needle = f'"code": "{code}"'
    for sub in ("findings", "corpus"):
        for part in sorted((results / sub).glob("part-*")):
            if part.suffix == ".parquet":
                import pyarrow.parquet as pq

                table = pq.read_table(part, columns=["path", "code", "message"], filters=[("code", "==", code)])
                yield from table.to_pylist()
            else:
                with part.open(encoding="utf-8") as handle:
                    for line in handle:
                        if needle in line:
                            record = json.loads(line)
                            if record["code"] == code:
                                yield record


def measure(log: Path, output: Path, command: list[str], every: float = 1.0) -> int:
    """Run ``command`` (a ``newslint check --scheduler local ... --output OUTPUT``), sampling the
    resident memory of it and every process under it (psutil) each ``every`` seconds, with how many
    part files OUTPUT holds (the run's progress). ``log`` gets one tab-separated line a sample
    (seconds, per-article parts, corpus parts, then ``role:pid:MB`` of each process); the last
    line is the peak of each process, the command's exit code and its CPU seconds (user + system of
    every process, from ``os.wait4`` of the whole tree). The command's own exit code is returned.

    Roles: ``client`` is the command's own process (with ``--scheduler local`` it also runs the
    scheduler and the nannies), ``worker`` a Dask worker process (multiprocessing's spawn), and
    ``other`` anything else (multiprocessing's resource tracker)."""
    import subprocess
    import time

    import psutil

    started = time.monotonic()
    proc = subprocess.Popen(command)
    root = psutil.Process(proc.pid)
    roles: dict[int, str] = {proc.pid: "client"}
    peaks: dict[int, float] = {}
    with log.open("w", encoding="utf-8") as out:
        out.write("# " + " ".join(command) + "\n")
        while proc.poll() is None:
            cells = []
            try:
                family = [root, *root.children(recursive=True)]
            except psutil.NoSuchProcess:
                break
            for child in family:
                try:
                    if child.pid not in roles:
                        cmd = " ".join(child.cmdline())
                        roles[child.pid] = "worker" if "spawn_main" in cmd or "forkserver" in cmd else "other"
                    mb = child.memory_info().rss / 2**20
                except psutil.Error:
                    continue
                peaks[child.pid] = max(peaks.get(child.pid, 0.0), mb)
                cells.append(f"{roles[child.pid]}:{child.pid}:{mb:.0f}")
            parts = [len(list((output / sub).glob("part-*"))) if (output / sub).is_dir() else 0
                     for sub in ("findings", "corpus")]
            out.write(f"{time.monotonic() - started:.1f}\t{parts[0]}\t{parts[1]}\t" + "\t".join(cells) + "\n")
            out.flush()
            time.sleep(every)
        code = proc.wait()
        usage = __import__("resource").getrusage(__import__("resource").RUSAGE_CHILDREN)
        summary = " ".join(f"{roles[pid]}:{pid}:{mb:.0f}" for pid, mb in sorted(peaks.items(), key=lambda kv: roles[kv[0]]))
        out.write(f"# peak {summary} exit {code} wall {time.monotonic() - started:.1f} "
                  f"cpu {usage.ru_utime + usage.ru_stime:.1f}\n")
    print(f"peak MB: {summary}; wall {time.monotonic() - started:.1f} s, cpu {usage.ru_utime + usage.ru_stime:.1f} s")
    return code


if __name__ == "__main__":
    command, *rest = sys.argv[1:]
    if command == "replicate":
        replicate(Path(rest[0]), int(rest[1]), Path(rest[2]))
    elif command == "generate":
        generate(int(rest[0]), Path(rest[1]))
    elif command == "measure":  # measure LOG OUTPUT -- newslint check ...
        split = rest.index("--")
        raise SystemExit(measure(Path(rest[0]), Path(rest[1]), rest[split + 1:]))
    elif command == "planted":
        raise SystemExit(planted(Path(rest[0]), Path(rest[1])))
    else:
        raise SystemExit(__doc__)
