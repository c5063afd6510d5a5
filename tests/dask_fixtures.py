"""Articles written for the Dask tests: stories made from a seeded mix of sentences, with planted
exact and near duplicates (NL105), a name spelled one way in most files and another in one (NL305),
and a suppressed duplicate. All of it our own text."""
from __future__ import annotations

import random
from pathlib import Path

SUBJECTS = ["The council", "The harbour board", "A regional court", "The health trust", "The rail operator",
            "A school governors' panel", "The water company", "The county planners", "The museum trustees",
            "The transport authority", "A parliamentary committee", "The fire service"]
VERBS = ["approved", "delayed", "rejected", "reviewed", "published", "questioned", "extended", "cancelled"]
OBJECTS = ["a plan to rebuild the old bridge", "the budget for next year",
           "new rules on parking near schools",
           "a report on flooding in the valley", "the contract for the ring road", "proposals for a new library",
           "a study of bus routes in the north", "the case against the former director",
           "a scheme to plant trees along the river", "the timetable for the summer"]
TAILS = ["after a long meeting on Tuesday", "according to minutes seen by reporters",
         "despite objections from residents",
         "in a vote of seven to two", "following a public consultation", "without giving a reason",
         "at the request of local businesses", "before the end of the month"]


def story(rng: random.Random, sentences: int = 9) -> str:
    """A title line and two paragraphs of plain news sentences."""
    lines = [f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}" for _ in range(sentences)]
    body = [f"{line} {rng.choice(TAILS)}." for line in lines]
    half = len(body) // 2
    return f"{lines[0].title()}\n\n" + " ".join(body[:half]) + "\n\n" + " ".join(body[half:]) + "\n"


def write_corpus(folder: Path, articles: int = 40, seed: int = 7) -> list[Path]:
    """``articles`` files under ``folder`` (some in a subfolder, some Markdown), with planted findings."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "desk").mkdir(exist_ok=True)
    texts = [story(rng) for _ in range(articles)]
    for i in range(0, articles, 5):  # every fifth story mentions the photographer, spelled one way
        texts[i] += "\nLeah Millis took the photograph, according to the agency.\n"
    texts[3] += "\nThe photograph is by Leah Mellis, according to the agency.\n"
    texts[5] += "\n-------- Advertisement---------\n\nThe goverment said nothing more.\n"
    texts[7] = texts[2]  # an exact copy
    texts[11] = texts[2].replace("The", "A", 1)  # a near copy
    texts[13] = texts[12]
    texts[17] = texts[16]
    paths = []
    for i, text in enumerate(texts):
        name = f"desk/story-{i:03d}.md" if i % 4 == 0 else f"story-{i:03d}.txt"
        if i == 17:  # this copy says it is one on purpose
            name = "desk/story-017.md"
            text = "<!-- newslint: disable NL105 -->\n" + text
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
