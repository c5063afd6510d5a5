"""Measure newslint on Dask against one process (docs/dask.md's scaling table).

    python benchmarks/dask_scale.py replicate CORPUS N OUT      # CORPUS's articles copied to N files
    python benchmarks/dask_scale.py generate N OUT.jsonl        # N small articles, 2 in 1,000 planted copies
    python benchmarks/dask_scale.py planted OUT.jsonl RESULTS   # were all planted copies found (NL105)?

Timing is done from the shell (``/usr/bin/time -v newslint check ...``) so both runs are measured
the same way; ``summary.json`` of a Dask run holds each worker's peak memory.
"""
from __future__ import annotations

import json
import random
import shutil
import sys
from pathlib import Path

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
    another article, or when NL105 reported an article that is no planted copy."""
    import re

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from newslint.dask.output import read_records

    source: dict[str, str] = {}  # planted copy -> the article it copies
    ids: dict[int, str] = {}
    with manifest.open(encoding="utf-8") as handle:
        for line in handle:
            name = json.loads(line)["id"]
            ids[int(name[1:8])] = name
            match = re.fullmatch(r"a\d{7}-(?:copy-of|near)-(\d{7})", name)
            if match:
                source[name] = ids[int(match.group(1))]

    def root(name: str) -> str:
        while name in source:
            name = source[name]
        return name

    found = {r["path"]: r["message"].rsplit(" ", 1)[-1] for r in read_records(results) if r["code"] == "NL105"}
    right = {name for name in source if name in found and root(found[name]) == root(name)}
    missed = sorted(set(source) - right)
    other = sorted(set(found) - set(source))
    kinds = {kind: sum(1 for name in source if kind in name) for kind in ("-copy-of-", "-near-")}
    print(f"planted {len(source)} ({kinds['-copy-of-']} exact, {kinds['-near-']} near), found {len(right)}, "
          f"missed {len(missed)} {missed[:5]}, other NL105 findings {len(other)} {other[:5]}")
    return 1 if missed or other else 0


if __name__ == "__main__":
    command, *rest = sys.argv[1:]
    if command == "replicate":
        replicate(Path(rest[0]), int(rest[1]), Path(rest[2]))
    elif command == "generate":
        generate(int(rest[0]), Path(rest[1]))
    elif command == "planted":
        raise SystemExit(planted(Path(rest[0]), Path(rest[1])))
    else:
        raise SystemExit(__doc__)
