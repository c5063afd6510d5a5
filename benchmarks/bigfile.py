"""Write one large generated article for the memory measurements (docs/benchmarks.md, memory).

    python benchmarks/bigfile.py OUT.txt MEGABYTES [--seed N]

The text is generated here (a small grammar over a news vocabulary, names, figures and quotes), so
the families see varied sentences, capitalised names and paragraph structure without corpus text.
"""
from __future__ import annotations

import argparse
import random
from collections.abc import Iterator
from pathlib import Path

NOUNS = ("council harbour board court trust railway school reservoir county museum committee service plan "
         "budget parking report valley contract road library study route scheme river timetable meeting "
         "residents vote consultation business market price union strike deal energy bill household family "
         "teacher pupil hospital patient doctor nurse officer station survey election candidate campaign "
         "party minister bridge factory airport festival orchestra stadium garden bakery ferry newspaper").split()
ADJECTIVES = ("local national new old small large rural coastal northern southern busy quiet public private "
              "annual early late rising falling modest sharp recent former future regional historic").split()
VERBS = ("approved rejected delayed announced reviewed funded opened closed extended questioned defended "
         "criticised welcomed postponed published expanded reduced inspected challenged praised").split()
ADVERBS = "quickly narrowly finally formally again reluctantly unanimously cautiously".split()
FIRST = "Alice Bernard Chioma Dmitri Elena Farid Grace Hamish Ingrid Jonas Keiko Liam Maya Nikolai Olu Priya".split()
LAST = "Abbott Brennan Castillo Dubois Eriksen Fraser Gupta Hollis Iwata Jansen Kowalski Lindqvist Moreau".split()
PLACES = "Ashford Brampton Carrowmore Dunmere Elsworth Fenwick Glenholt Harwick Islington Kelso Larkhill".split()


def sentence(rng: random.Random) -> str:
    """One sentence from a handful of shapes."""
    noun, other = rng.choice(NOUNS), rng.choice(NOUNS)
    adj, verb, adv = rng.choice(ADJECTIVES), rng.choice(VERBS), rng.choice(ADVERBS)
    person = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    place = rng.choice(PLACES)
    shape = rng.randrange(6)
    if shape == 0:
        return f"The {adj} {noun} in {place} {verb} the {other} plan on {rng.randint(1, 28)} March."
    if shape == 1:
        return f'"We {verb} it {adv} because the {noun} needed it," said {person}.'
    if shape == 2:
        return f"About {rng.randint(2, 900)} {noun}s were counted, up {rng.randint(1, 40)}% on last year."
    if shape == 3:
        return f"{person}, who chairs the {adj} {other} group, said the {noun} had been {verb} {adv}."
    if shape == 4:
        return f"Officials in {place} {verb} a {adj} {noun} worth £{rng.randint(1, 99)}.{rng.randint(1, 9)}m."
    return f"It is the {rng.choice(['first', 'second', 'third'])} time the {noun} has been {verb} since {rng.randint(1990, 2025)}."


def paragraphs(rng: random.Random) -> Iterator[str]:
    """Paragraphs of two to six sentences, forever."""
    while True:
        yield " ".join(sentence(rng) for _ in range(rng.randint(2, 6)))


def write(out: Path, megabytes: float, seed: int = 18) -> int:
    """Write about ``megabytes`` MB (10**6 bytes) of paragraphs to ``out``; return the size."""
    target, size, rng = int(megabytes * 1e6), 0, random.Random(seed)
    with out.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write("Council news\n\n")
        for para in paragraphs(rng):
            if size >= target:
                break
            handle.write(para + "\n\n")
            size += len(para.encode("utf-8")) + 2
    return out.stat().st_size


def main(argv: list[str] | None = None) -> int:
    """Command line: OUT MEGABYTES [--seed N]."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("megabytes", type=float)
    parser.add_argument("--seed", type=int, default=18)
    args = parser.parse_args(argv)
    print(write(args.out, args.megabytes, args.seed))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
