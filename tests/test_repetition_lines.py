"""Repetition in one-paragraph-per-line copy (issue 16): each line is a paragraph, repeats are blocks.

The fixtures are written for these tests in the styles scraped pages come in: a wire story, a
blog post with a byline, a regional site with curly quotes and a photo credit, a Markdown post.
"""
from __future__ import annotations

import pytest

from newslint.cli import main
from newslint.testing import lint_text

WIRE = [
    "Harbour strike ends after dockers accept new pay offer",
    "PORT ELLIS (Coastwire) - Dock workers at Port Ellis voted on Thursday to end a nine-day strike that had left "
    "more than forty container ships waiting offshore.",
    "The union said 71 percent of its members backed the offer, which raises hourly pay by six percent this year "
    "and four percent next year.",
    "Shipping lines had diverted cargo to two smaller ports along the coast, where queues of lorries stretched for "
    "several miles on Wednesday.",
    "The port authority said it expected the backlog of ships to clear within ten days if the weather held.",
    "Farmers who export fruit through the port said the strike had cost them a week of sales at the height of the "
    "season.",
    "Negotiators for both sides had met for eleven hours on Tuesday before the offer was put to a vote.",
]
BLOG = [
    "Why our town library is staying open late this winter",
    "By Morgan Hale | 4 min read",
    "The library on Fenwick Road will open until nine in the evening from November, the first change to its hours "
    "in twelve years.",
    "Staff asked readers what they wanted last spring, and late opening came top of the survey by a wide margin.",
    "“People told us they work until six and arrive to find the doors locked,” said the head librarian, Ines Varga.",
    "The extra hours are paid for by a grant from a local trust, which has promised money for two years.",
    "Volunteers will run a homework club on Tuesday and Thursday evenings for pupils at the nearby schools.",
    "The council will review the scheme next autumn and decide whether to keep the late hours for good.",
]
REGIONAL = [
    "Photo: Valley Courier",
    "Flood defences on the River Mell will be raised by half a metre before next winter, the agency said.",
    "Work on the embankment near the old mill will begin in April and close the towpath for about six weeks.",
    "“We have seen the river come within a hand’s width of the top twice in three years,” a resident said.",
    "The scheme will cost about four million pounds, most of it from a national fund for flood protection.",
    "Businesses on the high street, many of them flooded in 2021, welcomed the plan but asked for faster work.",
    "The agency will hold a drop-in session at the town hall on the first Saturday of March to answer questions.",
]


def text_of(lines: list[str], copies: int = 1) -> str:
    return "\n".join(lines * copies) + "\n"


def diags(text: str, name: str = "a.txt", select: str = "repetition"):
    return lint_text(text, [select], name=name)


@pytest.mark.parametrize("lines", [WIRE, BLOG, REGIONAL], ids=["wire", "blog", "regional"])
def test_article_pasted_four_times_gives_one_block_per_copy(lines):
    n = len(lines)
    found = diags(text_of(lines, 4))
    assert [(d.code, d.line, d.end_line) for d in found] == [
        ("NL102", n + 1, 2 * n), ("NL102", 2 * n + 1, 3 * n), ("NL102", 3 * n + 1, 4 * n)]
    assert found[0].message == f"Lines {n + 1}–{2 * n} repeat lines 1–{n} ({n} paragraphs; the block appears 4 times)"


@pytest.mark.parametrize("lines", [WIRE, BLOG, REGIONAL], ids=["wire", "blog", "regional"])
def test_fix_leaves_one_copy(tmp_path, lines):
    path = tmp_path / "a.txt"
    path.write_text(text_of(lines, 4), encoding="utf-8")
    assert main(["check", "--fix", "--no-cache", "--select", "repetition", str(path)]) == 1
    assert path.read_text(encoding="utf-8") == text_of(lines)
    assert main(["check", "--no-cache", "--select", "repetition", str(path)]) == 0


def test_body_repeated_once_under_a_title_loses_no_line():
    body = WIRE[1:]
    text = WIRE[0] + "\n\n" + text_of(body, 2)
    (d,) = diags(text)
    n = len(body)
    assert (d.code, d.line, d.end_line) == ("NL102", 3 + n, 2 + 2 * n)


def test_copy_glued_onto_the_last_line_starts_at_the_seam(tmp_path):
    """The copy pasted without a line break: its first line shares the original's last line."""
    body = BLOG[2:]
    glued = body[:-1] + [body[-1] + " " + body[0]] + body[1:]
    text = "\n".join(BLOG[:2] + glued) + "\n"
    (d,) = diags(text)
    n = len(body)
    assert d.code == "NL102" and (d.line, d.end_line) == (2 + n, 2 + 2 * n - 1)
    assert d.column == len(body[-1]) + 2
    assert d.message.startswith(f"Lines {2 + n}–{2 * n + 1} repeat lines 3–{2 + n} ")
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    main(["check", "--fix", "--no-cache", "--select", "repetition", str(path)])
    assert path.read_text(encoding="utf-8") == text_of(BLOG)


def test_title_and_byline_of_the_copy_belong_to_the_block():
    text = text_of(BLOG, 2)
    (d,) = diags(text)
    assert (d.code, d.line, d.end_line) == ("NL102", len(BLOG) + 1, 2 * len(BLOG))


def test_markdown_post_with_front_matter():
    text = "---\ntitle: Harbour strike\n---\n\n" + text_of(WIRE[1:], 2)
    (d,) = diags(text, "post.md")
    assert (d.code, d.line, d.end_line) == ("NL102", 5 + len(WIRE) - 1, 4 + 2 * (len(WIRE) - 1))


def test_a_real_sentence_repeat_is_still_a_sentence_finding():
    later = "Officials were cautious. " + WIRE[4][0].lower() + WIRE[4][1:-1] + ", and ships began to move."
    text = text_of(WIRE[:6] + [later])
    assert [d.code for d in diags(text)] == ["NL104"]


def test_one_repeated_line_next_to_its_original_is_flagged():
    text = text_of(WIRE[:3] + [WIRE[2]] + WIRE[3:])
    assert [(d.code, d.line) for d in diags(text)] == [("NL101", 4)]


@pytest.mark.parametrize(
    "text",
    [
        # Hard-wrapped paragraphs: lines end mid-sentence, so a block stays one paragraph and two
        # paragraphs sharing a wrapped line are not repeats.
        "The committee met on Monday and agreed that the\nnew budget would be published in the spring\n"
        "after the consultation closes at the end of March.\n\nA second meeting on Friday agreed that the\n"
        "new budget would be published in the spring\nand that the mayor would present it in person.\n",
        # A short transition a tutorial repeats far apart.
        "Now let us look at what this step does here.\n\n" + text_of(WIRE[1:4]) +
        "\nNow let us look at what this step does here.\n",
        # A layout include repeated on purpose.
        '{% figure "staff/placeholder.jpg" "A placeholder picture stands in for every member of staff" %}\n\n'
        + text_of(WIRE[1:3]) + '\n{% figure "staff/placeholder.jpg" "A placeholder picture stands in for every member of staff" %}\n',
        # Two tables with the same cells, marked in different columns.
        "| skill | explain | demonstrate | guide |\n|---|---|---|---|\n| planning the work ahead | X | | |\n"
        "| managing all the vendors | | X | |\n\n" + text_of(WIRE[1:3]) + "\n"
        "| skill | explain | demonstrate | guide |\n|---|---|---|---|\n| planning the work ahead | | | X |\n"
        "| managing all the vendors | | | X |\n",
        # Lists of short items, one per line.
        "- Budget approved\n- Bridge approved\n- Schools approved\n\n" + text_of(REGIONAL[1:4]),
        text_of(WIRE),
        text_of(BLOG),
    ],
    ids=["hard-wrapped", "refrain", "template", "tables", "list", "wire", "blog"],
)
def test_clean(text):
    assert diags(text) == []
    assert diags(text, "a.md") == []


def test_cost_is_linear_with_long_runs_of_repeated_short_lines():
    """Ten thousand short lines pasted twice: each line must not walk the rest of the run again."""
    import time

    short = [f"Item {i} of the menu." for i in range(10000)]
    began = time.process_time()
    assert diags("\n".join(short * 2) + "\n") == []
    assert time.process_time() - began < 5


def test_a_quote_given_in_part_first_and_whole_later_is_not_a_repeat():
    text = ("The minister said \"the harbour will stay open to every boat that pays its fees on time\" and left.\n\n"
            + text_of(WIRE[1:3]) + "\nShe told the meeting: \"Nobody should worry. We have said it before and we say "
            "it again: the harbour will stay open to every boat that pays its fees on time, whatever happens.\"\n")
    assert diags(text) == []
    unquoted = text.replace('"', "")
    assert [d.code for d in diags(unquoted)] == ["NL104"]


def test_one_line_inside_a_markdown_paragraph_gets_an_unsafe_fix():
    """Markdown renders a block of lines as one paragraph: deleting one line of it is unsafe."""
    lines = WIRE[1:4]
    one_sentence_per_line = "\n".join([lines[0], lines[1], lines[1], lines[2]]) + "\n"
    (md,) = diags(one_sentence_per_line, "post.md")
    assert md.code == "NL101" and md.fix.safety.value == "unsafe"
    (txt,) = diags(one_sentence_per_line, "post.txt")
    assert txt.fix.safety.value == "safe"
    # A run of lines, or a copy that is whole blocks, is deleted safely in Markdown too.
    (run,) = diags(text_of(WIRE[1:], 2), "post.md")
    assert run.code == "NL102" and run.fix.safety.value == "safe"
    blocks = "\n\n".join([lines[0], lines[1], lines[2], lines[1], lines[2]]) + "\n"
    (whole,) = diags(blocks, "post.md")
    assert whole.code == "NL102" and whole.fix.safety.value == "safe"


def test_glued_copy_with_windows_line_endings_keeps_them(tmp_path):
    one = "\r\n".join(BLOG) + "\r\n"
    glued = "\r\n".join(BLOG[:-1]) + "\r\n" + BLOG[-1] + BLOG[0] + "\r\n" + "\r\n".join(BLOG[1:]) + "\r\n"
    path = tmp_path / "a.txt"
    path.write_bytes(glued.encode("utf-8"))
    main(["check", "--fix", "--no-cache", "--select", "repetition", str(path)])
    assert path.read_bytes() == one.encode("utf-8")


@pytest.mark.parametrize("joiner", ["", " "], ids=["no-space", "space"])
@pytest.mark.parametrize("lines", [WIRE, BLOG, REGIONAL], ids=["wire", "blog", "regional"])
def test_four_copies_glued_at_every_seam_give_one_block_per_copy(tmp_path, lines, joiner):
    """Each copy pasted onto the last line of the one before: the seam lines are split, so the
    four copies are four blocks (no NL104 for the last line, no copy starting a line late)."""
    one = "\n".join(lines)
    text = joiner.join([one] * 4) + "\n"
    found = diags(text)
    n = len(lines)
    assert [(d.code, d.line, d.end_line) for d in found] == [
        ("NL102", n, 2 * n - 1), ("NL102", 2 * n - 1, 3 * n - 2), ("NL102", 3 * n - 2, 4 * n - 3)]
    assert found[0].message == f"Lines {n}–{2 * n - 1} repeat lines 1–{n} ({n} paragraphs; the block appears 4 times)"
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    main(["check", "--fix", "--no-cache", "--select", "repetition", str(path)])
    assert path.read_text(encoding="utf-8") == one + "\n"


def test_a_sentence_that_is_also_a_paragraph_elsewhere_is_not_split_off():
    """Without the copy going on after it, a line ending with another line's text is no seam."""
    text = text_of(WIRE[:4] + [WIRE[5] + " " + WIRE[2], WIRE[6]])
    assert [d.code for d in diags(text)] == ["NL104"]


SCRAPED_PAGE = [
    "Home » News » Transport",
    "TRANSPORT",
    "Night buses return to the valley after a two-year gap",
    "By Sam Okafor | 2 min read",
    "Night buses will run again between the valley towns from September, two years after the last service "
    "was cut for lack of money, the transport authority said.",
    "Also Read | Rail fares to rise by four percent in January",
    "The buses will leave the main square every hour between midnight and five in the morning on Fridays "
    "and Saturdays.",
    "Share this story",
    "Bar owners and hospital staff had campaigned for the service, saying late workers had no safe way "
    "to get home without a car.",
    "Follow us on Facebook and Instagram",
]


def test_a_debris_heavy_page_pasted_four_times_is_read_line_by_line():
    """Fewer than half of this page's lines end a sentence, but all its long lines do."""
    n = len(SCRAPED_PAGE)
    found = diags(text_of(SCRAPED_PAGE, 4))
    assert [(d.code, d.line, d.end_line) for d in found] == [
        ("NL102", n + 1, 2 * n), ("NL102", 2 * n + 1, 3 * n), ("NL102", 3 * n + 1, 4 * n)]
    assert "the block appears 4 times" in found[0].message


def test_a_seam_after_a_closing_quote_and_the_cost_of_long_lines():
    """The copy glued after a line ending in a quote; and a long line of many sentences (no seam)
    costs a few lookups per sentence, not a key of the whole line each."""
    import time

    quoted = BLOG[:4] + ["“We will be back next year,” she said."]
    text = "\n".join(quoted) + "".join("\n".join(quoted) for _ in range(1)) + "\n"
    assert [d.code for d in diags(text)] == ["NL102"]
    from newslint.families.repetition.units import units
    from newslint.engine.files import document_from_bytes

    sentence = "The council met again on Monday and agreed the plan. "
    lines = [(sentence * 36).strip() + f" Line {i} ends here." for i in range(1500)]
    doc = document_from_bytes(("\n".join(lines) + "\n").encode("utf-8"), "a.txt")[0]
    began = time.process_time()
    assert len(units(doc)) == 1500
    assert time.process_time() - began < 8
