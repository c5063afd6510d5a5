"""Audit the spin phrase lists against clean, professionally edited text.

Every curated NL201 phrase and every strong NL202 variant is counted in the clean folders given
on the command line (e.g. ``../shared/corpora/clean-bbc``). What an edited article says is not
spin: such phrases are printed (count, phrase, what the rule would restore) so they can be
dropped from the lists or added to an allowlist. Nothing from the corpus is written anywhere.

    python scripts/spin_audit.py DIR [DIR ...]
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newslint.families.spin import data as spin_data  # noqa: E402
from newslint.api.packs import load_pack_file  # noqa: E402


def phrases() -> dict[str, tuple[str, str]]:
    """Lowercased phrase → (source, original) for NL201 and NL202's strong variants."""
    out: dict[str, tuple[str, str]] = {}
    for spec in load_pack_file(ROOT / "rules" / "spin.toml", validate=False):
        for spun, original in spec.phrases.items():
            out[spun.lower()] = ("NL201", original)
    data = spin_data.build(frozenset(out))
    for table in (data.nocase, data.cased):
        for spun, (original, strong) in table.items():
            if strong:
                out.setdefault(spun.lower(), ("NL202", original))
    return out


def main(argv: list[str]) -> int:
    """Print every listed phrase that occurs in the clean folders, most frequent first."""
    if not argv:
        print("usage: spin_audit.py DIR [DIR ...]", file=sys.stderr)
        return 2
    table = phrases()
    by_first: dict[str, list[str]] = {}
    for phrase in table:
        by_first.setdefault(phrase.split()[0], []).append(phrase)
    counts: Counter[str] = Counter()
    word = re.compile(r"\w+(?:['’]\w+)?|%")
    for folder in argv:
        for path in sorted(Path(folder).rglob("*.txt")):
            tokens = word.findall(path.read_text(encoding="utf-8", errors="replace").lower())
            joined = " ".join(tokens)
            for first in set(tokens) & by_first.keys():
                for phrase in by_first[first]:
                    if re.search(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", joined):
                        counts[phrase] += 1
    for phrase, n in counts.most_common():
        source, original = table[phrase]
        print(f"{n:5d}  {source}  {phrase!r} -> {original!r}")
    print(f"{len(counts)} of {len(table)} phrases occur in clean text", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
