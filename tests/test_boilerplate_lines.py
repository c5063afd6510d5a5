"""Page debris in one-paragraph-per-line copy, and the family variants of issue 16's second round.

Scraped copy often has one paragraph per line and no blank lines: the whole article is one block.
The position of a line (above the first story paragraph, after the last one) is then found line
by line, and a long debris line ending on a word is not read as a hard-wrapped sentence. The
fixtures are written here in the shapes of a water-board story (regional paper), a wire report
and a magazine piece; no corpus text.
"""
from __future__ import annotations

import pytest

from newslint.testing import lint_text

S1 = ("The regional water board approved a plan on Wednesday to replace ageing pipes under the old town, "
      "a project expected to take four years.")
S2 = ("Residents had complained for months about brown water and low pressure, and the board said the "
      "repairs could not wait any longer.")
S3 = ("The work will be paid for by a rise of about three percent in water bills, spread over the next "
      "two years, the board said.")


def found(text: str, name: str = "a.txt") -> list[tuple[int, str]]:
    return [(d.line, d.code) for d in lint_text(text, ["boilerplate"], name=name)]


def body_lines(line: str) -> tuple[str, int]:
    return f"{S1}\n{line}\n{S2}\n{S3}\n", 2


def body_blank(line: str) -> tuple[str, int]:
    return f"{S1}\n\n{line}\n\n{S2}\n\n{S3}\n", 3


def end_lines(line: str) -> tuple[str, int]:
    return f"{S1}\n{S2}\n{S3}\n{line}\n", 4


def end_blank(line: str) -> tuple[str, int]:
    return f"{S1}\n\n{S2}\n\n{S3}\n\n{line}\n", 7


def top_lines(line: str) -> tuple[str, int]:
    return f"{line}\nWater board approves pipe plan\n{S1}\n{S2}\n{S3}\n", 1


def top_blank(line: str) -> tuple[str, int]:
    return f"{line}\n\nWater board approves pipe plan\n\n{S1}\n\n{S2}\n", 1


IN_BODY = [
    ("Get the day's top headlines delivered straight to your inbox", "NL406"),
    ("Sign up to receive breaking news alerts by email", "NL406"),
    ("Join 40,000 readers who get our free morning email", "NL406"),
    ("Enter your email address to subscribe", "NL406"),
    ("Sign up for The Morning Ledger, our free newsletter", "NL406"),
    ("Click here to subscribe to our newsletter", "NL406"),
    ("All content copyright Harbour Media Group", "NL408"),
    ("© Harbour Media 2023. All rights reserved. This material may not be published, broadcast, rewritten or "
     "redistributed.", "NL408"),
    ("Photo courtesy of Jane Roe", "NL414"),
    ("File photo: Reuters", "NL414"),
    ("Share on Facebook Share on Twitter", "NL405"),
    ("Tweet", "NL405"),
    ("Follow Harbour News on Google News", "NL405"),
    ("Follow us on Facebook, Twitter and Instagram", "NL405"),
    ("Facebook Twitter Pinterest WhatsApp Email", "NL405"),
    ("READ ALSO: Council votes to close two libraries", "NL409"),
    ("ALSO READ | Council votes to close two libraries", "NL409"),
    ("Read next: Council votes to close two libraries", "NL409"),
    ("Home About Contact Privacy Policy", "NL416"),
    ("Share via: Facebook X LinkedIn", "NL405"),
    ("Join our Telegram channel", "NL405"),
    ("Click here to join our WhatsApp channel for the latest updates", "NL409"),
    ("Listen to this article 4 min", "NL405"),
    ("Watch Video", "NL405"),
    ("Comments (3)", "NL403"),
    ("Download our app", "NL406"),
    ("Story continues below", "NL401"),
    ("Photo/Jane Roe", "NL414"),
    ("(Getty Images)", "NL414"),
    ("Jane Roe/The Valley Courier", "NL414"),
]


@pytest.mark.parametrize("layout", [body_lines, body_blank])
@pytest.mark.parametrize(("line", "code"), IN_BODY, ids=[c + ":" + line[:30] for line, c in IN_BODY])
def test_debris_in_the_body(line, code, layout):
    text, number = layout(line)
    assert found(text) == [(number, code)]


AT_END = [
    ("https://harbour-news.example/2024/05/water-pipes/", "NL412"),
    ("<https://harbour-news.example/story/123>", "NL412"),
    ("harbour-news.com/water/pipes-plan-approved", "NL412"),
    ("Original source: harbour-news.example", "NL411"),
    ("(Reuters)", "NL419"),
    ("— AP", "NL419"),
    ("/AFP", "NL419"),
    ("(IANS)", "NL419"),
    ("ENDS", "NL419"),
    ("Newsly Theme by ThemeCo", "NL410"),
    ("This article is for general information only and does not constitute financial advice.", "NL418"),
    ("Views are personal.", "NL418"),
    ("Copyright 2022 Harbour Media. All Rights Reserved", "NL408"),
    ("PTI ABC DEF", "NL419"),
    ("IANS/XYZ/ABC", "NL419"),
    ("— Staff and agencies", "NL419"),
    ("Source: Reuters", "NL419"),
    ("With AFP", "NL419"),
]


@pytest.mark.parametrize("layout", [end_lines, end_blank])
@pytest.mark.parametrize(("line", "code"), AT_END, ids=[c + ":" + line[:30] for line, c in AT_END])
def test_debris_after_the_story(line, code, layout):
    text, number = layout(line)
    assert found(text) == [(number, code)]


HEAD = ["POLITICS", "World News", "Home > News > Politics", "EXCLUSIVE", "Sport | Football", "News / World", "Opinion"]


@pytest.mark.parametrize("layout", [top_lines, top_blank])
@pytest.mark.parametrize("label", HEAD)
def test_section_label_above_the_headline(label, layout):
    text, number = layout(label)
    assert found(text) == [(number, "NL415")]


CLEAN = [
    "Get your flu jab now, the health board urged, as cases rose across the region.",
    "Sign up for the scheme opens on Monday, and residents can register online until June.",
    "Receive the latest updates by email, the council told residents at the meeting.",
    "Subscribers to the newsletter fell by a third last year, the company said.",
    "(c) the council must publish its accounts each year and keep them for six years.",
    "All content is copyright free, the archive said, so schools can use the pictures.",
    "Views are personal matters, he argued, and the board should stay out of them.",
    "This does not constitute legal advice, the judge stressed, before adjourning.",
    "The Olympic theme by the organisers was unveiled on Monday.",
    "WhatsApp",
    "Follow the river path for two miles and you reach the old mill.",
    "Home, about and contact pages were hacked, the firm said.",
    "Photo courtesy of the family.",
    "File photo: the minister in 2019.",
    "Designed by a local architect, the new library opens in May.",
    "Read next week's paper for the full results of the vote.",
    "Business leaders welcomed the plan, saying it would bring jobs.",
    "Share prices fell by a tenth on Monday after the results.",
    "Sport and leisure centres will reopen in June, the council said.",
    "What happens next",
    "Copyright lawyers said the ruling would change how songs are licensed.",
    "Credit: the scheme is funded by a national grant and will run for two years.",
    "Listen to the minister's speech, he urged supporters.",
    "Join our campaign, the union told members.",
    "PTI said the talks had failed.",
    "10:45",
    "Download the form from the council website and post it by Friday.",
    "The story continues below the fold in the print edition, the editor said.",
    "Sources: the report, two officials and a court filing.",
    "With AFP pulling out, the tour is in doubt.",
    "Amazon.com said sales rose.",
    "This article was originally published on The Conversation under a Creative Commons licence.",
    "_Updated: Added a link to the council&#8217;s statement._",
]


@pytest.mark.parametrize("layout", [body_lines, body_blank, end_lines, end_blank, top_lines, top_blank])
@pytest.mark.parametrize("line", CLEAN, ids=[line[:30] for line in CLEAN])
def test_story_lines_that_look_like_debris_are_clean(line, layout):
    text, _ = layout(line)
    assert found(text) == []


# Wire headlines that look like credits: a credit word that opens a phrase ("Credit Card ..."), and
# two runs of capitals around a slash with no photographer in them.
WIRE_HEADLINES = ["Credit Card Disclosure Bills Introduced", "Talking Point/Bank Stocks",
                  "Continental Bank/Canada Sets Distribution", "Photo Finish Decides Derby",
                  "Harbour Group/Ocean Ports Agree Merger"]


@pytest.mark.parametrize("headline", WIRE_HEADLINES)
def test_a_wire_headline_is_not_a_photo_credit(headline):
    assert found(f"{headline}\n\n{S1}\n{S2}\n{S3}\n") == []
    assert found(f"{S1}\n\n{headline}\n\n{S2}\n\n{S3}\n") == []


def test_a_person_before_the_slash_is_still_a_credit():
    assert found(f"{S1}\n\nMaria Lopez/Harbour Daily Courier\n\n{S2}\n") == [(3, "NL414")]


@pytest.mark.parametrize("line", [
    'Originally published on <a href="https://blog.example.gov/" target="_blank">the Example blog</a>.',
    'Read more: <a href="https://example.gov/plan">the full plan</a>',
    'Related: {{< ref "/topics/mobile" >}}',
])
def test_a_line_with_an_html_link_or_a_page_reference_in_markdown_is_the_authors(line):
    # The same line with a Markdown link was left alone; an HTML anchor (which Markdown allows) or a
    # Hugo reference is a link the author wrote just the same.
    assert found(f"{S1}\n\n{line}\n\n{S2}\n", "post.md") == []


@pytest.mark.parametrize("line", ["**Register**", "**Related posts:**", "_Updated: the council replied on Friday._",
                                  "*Share this story*"])
def test_a_line_set_wholly_in_bold_or_italics_in_markdown_is_the_authors_heading(line):
    # An event post's "**Register**" above its link, a "**Related posts:**" list the author wrote:
    # Markdown's bold line is a heading, left alone like "## Register".
    text = f"{S1}\n\n{line}\n\n[Sign up for the day](https://example.gov/register)\n\n{S2}\n"
    assert found(text, "post.md") == []
    assert found(f"{S1}\n\n## {line.strip('*_')}\n\n[Sign up](https://example.gov/register)\n\n{S2}\n", "post.md") == []


def test_a_hard_wrapped_paragraph_still_protects_its_lines():
    """Lines of a hard-wrapped paragraph end mid-sentence: the block is not read line by line, so a
    long line ending on a word followed by a capitalised one is still a wrapped sentence."""
    text = ("The board said that readers who want to follow the work can sign up for\n"
            "Harbour News alerts by email, and the council would publish a map of the\n"
            "Streets affected before the work begins in the spring of next year.\n")
    assert found(text) == []


END_OF_FILE = {
    "two labels in one block": (f"{S1}\n\n{S2}\n\nShare this:\nRelated posts\n", f"{S1}\n\n{S2}\n"),
    "a list under its label": (f"{S1}\n\n{S2}\n\nRelated stories\nCouncil votes to close two libraries\n"
                               "Mayor opens new bridge\n", f"{S1}\n\n{S2}\n"),
    "a list in one-line blocks": (f"{S1}\n\n{S2}\n\nRelated stories\n\nCouncil votes to close two libraries\n\n"
                                  "Mayor opens new bridge\n", f"{S1}\n\n{S2}\n"),
    "a source label and its URL": (f"{S1}\n\n{S2}\n\nSource link\nhttps://harbour-news.example/a/b\n", f"{S1}\n\n{S2}\n"),
    "Windows line endings": (f"{S1}\r\n\r\n{S2}\r\n\r\nShare this:\r\nReuters\r\n", f"{S1}\r\n\r\n{S2}\r\n"),
    "no final newline": (f"{S1}\n\n{S2}\n\nShare this:\nReuters", f"{S1}\n\n{S2}"),
    "one paragraph per line": (f"{S1}\n{S2}\nShare this:\nReuters\n", f"{S1}\n{S2}\n"),
}


@pytest.mark.parametrize("case", list(END_OF_FILE))
def test_debris_deleted_at_the_end_leaves_no_blank_line(tmp_path, case):
    """Several lines deleted at the end by separate edits used to leave the blank line before them."""
    from newslint.cli import main

    text, want = END_OF_FILE[case]
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode("utf-8"))
    main(["check", "--fix", "--no-cache", "--select", "boilerplate", str(path)])
    assert path.read_bytes().decode("utf-8") == want
    assert main(["check", "--no-cache", "--select", "boilerplate", str(path)]) == 0


def test_list_in_one_line_blocks_mid_article_is_deleted_with_its_label(tmp_path):
    from newslint.cli import main

    text = f"{S1}\n\nRelated stories\n\nCouncil votes to close two libraries\n\nMayor opens new bridge\n\n{S2}\n"
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    main(["check", "--fix", "--no-cache", "--select", "boilerplate", str(path)])
    assert path.read_text(encoding="utf-8") == f"{S1}\n\n{S2}\n"


PAGE = """Home » Business » Markets
BUSINESS
Steel maker cuts 400 jobs as orders slump
By Arun Mehta | Updated: March 4, 2024 10:32 IST
3 min read
MUMBAI: A leading steel maker said on Monday it would cut 400 jobs at its plant near Pune after orders from carmakers fell for a third straight quarter.
The company said the cuts, about a tenth of the plant's workforce, would be made through voluntary retirement where possible.
Also Read | Carmakers warn of weak demand in the second half
Unions said they would meet management on Wednesday and did not rule out a strike if the plan went ahead unchanged.
Image: Shutterstock
Analysts said demand for flat steel had been hit by high interest rates, which have slowed purchases of cars and appliances.
Get the latest business news delivered to your inbox every morning
The company's shares fell 2.3 percent in Mumbai trading after the announcement, against a flat market.
(With inputs from PTI)
Follow us on Twitter, Facebook and Instagram
Share this story
Copyright © 2024 Example Business Daily. All rights reserved.
https://business-daily.example/markets/steel-jobs-400
"""


def test_a_scraped_page_with_more_debris_lines_than_paragraphs(tmp_path):
    """Most lines of this page end no sentence, but its long lines (the paragraphs) all do: it is
    read one paragraph per line, so the head, body and tail debris are all found, and --fix leaves
    the headline, the byline and the five paragraphs."""
    from newslint.cli import main

    assert found(PAGE) == [(1, "NL415"), (2, "NL415"), (5, "NL415"), (8, "NL409"), (10, "NL414"), (12, "NL406"),
                           (14, "NL419"), (15, "NL405"), (16, "NL405"), (17, "NL408"), (18, "NL412")]
    path = tmp_path / "page.txt"
    path.write_text(PAGE, encoding="utf-8")
    main(["check", "--fix", "--unsafe-fixes", "--no-cache", "--select", "boilerplate", str(path)])
    kept = [line for n, line in enumerate(PAGE.splitlines(), 1) if n in (3, 4, 6, 7, 9, 11, 13)]
    assert path.read_text(encoding="utf-8") == "\n".join(kept) + "\n"


def test_byline_and_bio_at_the_end_of_one_paragraph_per_line_copy():
    bio = ("Hi! I am a media graduate and a freelance writer with years of experience in the news industry. "
           "When I am not writing content, I love my dogs.")
    assert found(f"{S1}\n{S2}\nBy Maggi\n{bio}\n") == [(3, "NL413"), (4, "NL413")]
    # A first-person line that goes on with the story is a column, not a bio.
    assert found(f"{S1}\n{bio}\n{S2}\n") == []
