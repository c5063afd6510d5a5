"""Shared helpers for measuring spin recall on labelled texts (tests and benchmarks/spin_recall.py).

A labelled spun text marks each spun phrase as ``[[spun|original]]``; the plain text is what a
spinner printed.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

LABEL = re.compile(r"\[\[([^|\]]+)\|([^\]]+)\]\]")
DATA = Path(__file__).resolve().parent / "data" / "spin"


def unlabel(marked: str) -> tuple[str, list[tuple[int, int, str]]]:
    """The plain text and the (start, end, original) of every labelled spun phrase."""
    out, spans, pos, last = [], [], 0, 0
    for m in LABEL.finditer(marked):
        out.append(marked[last : m.start()])
        pos += m.start() - last
        spans.append((pos, pos + len(m.group(1)), m.group(2)))
        out.append(m.group(1))
        pos += len(m.group(1))
        last = m.end()
    out.append(marked[last:])
    return "".join(out), spans


def recall(marked: str, found: list[tuple[int, int]]) -> tuple[int, int]:
    """(labelled phrases overlapped by a finding, labelled phrases)."""
    _, spans = unlabel(marked)
    hit = sum(1 for s, e, _ in spans if any(a < e and s < b for a, b in found))
    return hit, len(spans)


# Span-level measure on labelled corpus folders (gold files in ../shared/eval/score.py's format):
#   newslint check FOLDER... --select spin --format json --exit-zero > spin.json
#   python tests/spin_eval.py spin.json FOLDER... [--clean FOLDER]
# A label is found when a phrase finding (NL201/NL202/NL204) on its line overlaps its text; a
# finding's fix is right when its replacement is a word run of the label's ``fix``.
PHRASE_CODES = ("NL201", "NL202", "NL204")
_WORDS = re.compile(r"\w+(?:['’]\w+)*")


def _label_columns(lines: list[str], labels: list[dict]) -> list[tuple[int, int, int, str]]:
    """(line, start column, end column, fix) of each label, 1-based columns, end exclusive; a
    repeated text on one line takes the next occurrence."""
    out, used = [], {}
    for lab in labels:
        n = int(lab["line"])
        line = lines[n - 1] if 0 < n <= len(lines) else ""
        at = line.find(lab["text"], used.get((n, lab["text"]), 0))
        if at < 0:
            at = line.lower().find(lab["text"].lower())
        if at < 0:
            continue
        used[(n, lab["text"])] = at + 1
        out.append((n, at + 1, at + 1 + len(lab["text"]), str(lab.get("fix") or "")))
    return out


def _fix_right(replacement: str, fix: str) -> bool:
    want = [w.lower() for w in _WORDS.findall(fix)]
    got = [w.lower() for w in _WORDS.findall(replacement)]
    return bool(got) and any(want[i : i + len(got)] == got for i in range(len(want)))


def measure(findings: list[dict], folder: Path) -> dict[str, float]:
    """Span and article measures of one labelled folder."""
    by_file: dict[str, list[dict]] = {}
    for f in findings:
        path = Path(f["path"]).resolve()
        if path.parent == folder.resolve():
            by_file.setdefault(path.name, []).append(f)
    stats = dict.fromkeys(("labels", "found", "findings", "on_label", "with_fix", "fix_right",
                           "no_fix", "articles", "long", "flagged", "long_flagged", "words"), 0)
    for txt in sorted(folder.glob("*.txt")):
        text = txt.read_text(encoding="utf-8")
        lines = text.split("\n")
        gold = txt.with_name(txt.stem + ".gold.jsonl")
        raw = gold.read_text(encoding="utf-8").splitlines() if gold.exists() else []
        spans = _label_columns(lines, [json.loads(r) for r in raw if r.strip()])
        found = by_file.get(txt.name, [])
        phrase = [f for f in found if f["code"] in PHRASE_CODES]
        words = len(re.findall(r"\w+", text))
        stats["words"] += words
        stats["articles"] += 1
        stats["long"] += words >= 150
        flagged = any(f["code"] == "NL203" for f in found)
        stats["flagged"] += flagged
        stats["long_flagged"] += flagged and words >= 150
        stats["labels"] += len(spans)

        def overlaps(f: dict, s: tuple[int, int, int, str]) -> bool:
            return f["line"] == s[0] and f["column"] < s[2] and s[1] < f["end_column"]

        stats["found"] += sum(1 for s in spans if any(overlaps(f, s) for f in phrase))
        for f in phrase:
            stats["findings"] += 1
            hit = [s for s in spans if overlaps(f, s)]
            if not hit:
                continue
            stats["on_label"] += 1
            edits = (f.get("fix") or {}).get("edits") or []
            if not edits:
                stats["no_fix"] += 1
                continue
            stats["with_fix"] += 1
            stats["fix_right"] += any(_fix_right(edits[0]["replacement"], s[3]) for s in hit)
    return stats


def report(stats: dict[str, float], name: str) -> str:
    """One line of the measures."""
    def share(a: float, b: float) -> str:
        return f"{a:.0f}/{b:.0f} ({a / b:.1%})" if b else f"{a:.0f}/0"

    per20k = stats["findings"] * 20000 / max(stats["words"], 1)
    return (f"{name}: spans found {share(stats['found'], stats['labels'])}; findings on a label "
            f"{share(stats['on_label'], stats['findings'])}; fix right {share(stats['fix_right'], stats['with_fix'])}"
            f" (+{stats['no_fix']:.0f} without fix); NL203 {share(stats['long_flagged'], stats['long'])} of >=150 words, "
            f"{stats['flagged']:.0f}/{stats['articles']:.0f} all; phrase findings per 20k words {per20k:.2f}")


def main(argv: list[str] | None = None) -> int:
    """Print the measures of each labelled folder for a newslint JSON output."""
    import argparse
    import sys

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("findings")
    parser.add_argument("folders", nargs="+", type=Path)
    args = parser.parse_args(argv)
    findings = json.loads(Path(args.findings).read_text(encoding="utf-8"))
    for folder in args.folders:
        sys.stdout.write(report(measure(findings, folder), folder.name) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
