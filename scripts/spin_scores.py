"""Print NL203's score for every article of the folders given, and a histogram per folder.

    python scripts/spin_scores.py ../shared/corpora/clean-bbc ../shared/corpora/spun/mythes …

The score is the one NL203 computes (spin.article_score); articles under ``short-words`` have none.
Used to calibrate the threshold and for the distribution in docs/spin.md; prints no corpus text.
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newslint.families.spin.rules import SpunArticle, article_score  # noqa: E402
from newslint.model.document import Document  # noqa: E402
from newslint.api.phrases import word_count  # noqa: E402
from newslint.testing import lint_text  # noqa: E402

EDGES = (0, 40, 60, 80, 100, 110, 120, 125, 130, 140, 160, 200, 10**9)


def main(argv: list[str]) -> int:
    """One line per folder: articles scored, max, and counts per score bucket."""
    options = SpunArticle.meta.options
    print("folder  scored  min  max  " + "  ".join(f"{a}-{b if b < 10**9 else ''}" for a, b in zip(EDGES, EDGES[1:])))
    for folder in argv:
        scores = []
        for path in sorted(Path(folder).glob("*.[tm][xd]*")):
            text = path.read_text(encoding="utf-8", errors="replace")
            doc = Document.from_text(str(path), text)
            if word_count(doc) >= int(options["short-words"]):
                # The phrase rules' counts, as the engine hands them to NL203.
                doc.memo["counts"] = dict(Counter(d.code for d in lint_text(text, ["NL201", "NL202"])))
                scores.append(article_score(doc, float(options["margin"])).score)
        buckets = [sum(a <= s < b for s in scores) for a, b in zip(EDGES, EDGES[1:])]
        print(f"{Path(folder).name}  {len(scores)}  {min(scores, default=0):.0f}  {max(scores, default=0):.0f}  " + "  ".join(map(str, buckets)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
