"""Page-debris families (issue 16): each family in several site styles, must-flag and must-not-flag.

The fixtures are written for these tests in the shapes real pages take (a wire site, a WordPress
auto-blog, a regional paper, a magazine, an Indian wire re-publisher); no text is copied from a
corpus. A family is described by its structure (where the line sits, how long it is, no sentence
verb, a handle or a URL), so each test mixes wordings that no single site uses.
"""
from __future__ import annotations

import pytest

from newslint.testing import lint_text

STORY = ("The finance minister resigned on Monday after parliament rejected her budget for the second "
         "time this year, officials said.\n")
STORY2 = ("Opposition leaders called for an early election, saying the government had lost its majority "
          "and its authority over the budget.\n")


def found(text: str, name: str = "article.txt") -> list[tuple[int, str]]:
    return [(d.line, d.code) for d in lint_text(text, ["boilerplate"], name=name)]


def in_body(line: str) -> str:
    """``line`` as a paragraph of its own between two story paragraphs (line 3)."""
    return f"{STORY}\n{line}\n\n{STORY2}"


def at_end(line: str) -> str:
    """``line`` as a paragraph of its own after the story (line 5)."""
    return f"{STORY}\n{STORY2}\n{line}\n"


FLAG_IN_BODY = [
    # newsletter and breaking-news alert prompts
    ("Sign up for breaking news alerts", "NL406"),
    ("Get breaking news alerts straight to your phone", "NL406"),
    ("Want more stories like this? Sign up for our morning briefing.", "NL406"),
    ("Never miss a story: subscribe to the Daily Ledger newsletter", "NL406"),
    ("Download the free Example News app for the latest headlines", "NL406"),
    # copyright and republication notices
    ("Example Media Group Ltd, all rights reserved.", "NL408"),
    ("Copyright © 2023 The Valley Courier. All Rights Reserved.", "NL408"),
    ("This content may not be republished without the prior written permission of the publisher.", "NL408"),
    ("Republication or redistribution of this content is strictly prohibited.", "NL408"),
    # photo and image credit lines
    ("Photo: Jane Roe", "NL414"),
    ("(Photo: Jane Roe/Reuters)", "NL414"),
    ("photograph: Jane Roe/Getty Images/Pool", "NL414"),
    ("Image: Getty Images", "NL414"),
    ("Photo by Jane Roe on Unsplash", "NL414"),
    ("Photo credit: Jane Roe for Example News", "NL414"),
    # theme and plugin notices
    ("This theme is licensed under the GNU General Public License v2 or later.", "NL410"),
    ("Theme by Example Themes | Powered by WordPress", "NL410"),
    # shortcodes in general
    ('[contact-form-7 id="42" title="Contact"]', "NL402"),
    ("[vc_row][vc_column]", "NL402"),
    ("[/et_pb_text]", "NL402"),
    # share and follow lines, widget counters, loaders
    ("Follow her on Twitter @janeroe", "NL405"),
    ("Follow us on Instagram and TikTok", "NL405"),
    ("@janeroe", "NL405"),
    ("Share 0 Tweet 0 Pin 0", "NL405"),
    ("Like Comment Share", "NL405"),
    ("Loading comments…", "NL405"),
    ("Be the first to like this.", "NL405"),
    # teasers for other stories and promo headlines
    ("RELATED: Minister faces no-confidence vote", "NL409"),
    ("► Three things to know about the budget row", "NL409"),
    ("Watch: Minister leaves parliament after the vote", "NL409"),
    ("More: How the budget vote unfolded", "NL409"),
    # navigation leftovers
    ("Previous Next", "NL416"),
    ("Jump to comments", "NL416"),
    ("Load more stories", "NL416"),
    ("World | Business | Sport | Culture | Travel", "NL416"),
    # footer disclaimers
    ("Disclaimer: The views expressed in this article are the writer's own and do not reflect those of the site.", "NL418"),
    ("(This story has not been edited by Example Times staff and is auto-generated from a syndicated feed.)", "NL418"),
    ("The views expressed are those of the author and do not necessarily reflect the views of the publisher.", "NL418"),
    ("This article is for informational purposes only and does not constitute financial advice.", "NL418"),
    ("We may earn a commission when you buy through links on our site.", "NL418"),
]


@pytest.mark.parametrize(("line", "code"), FLAG_IN_BODY, ids=[c + ":" + line[:30] for line, c in FLAG_IN_BODY])
def test_debris_family_is_flagged(line, code):
    assert (3, code) in found(in_body(line))


FLAG_AT_END = [
    ("Reuters", "NL419"),
    ("— AFP", "NL419"),
    ("(PTI)", "NL419"),
    ("(With inputs from agencies)", "NL419"),
    ("-30-", "NL419"),
    ("https://example.com/news/2024/05/minister-resigns-budget/", "NL412"),
]


@pytest.mark.parametrize(("line", "code"), FLAG_AT_END)
def test_tail_debris_is_flagged_after_the_story(line, code):
    assert (5, code) in found(at_end(line))


SECTION_LABELS = ["Premium", "You are here: Home › World › Europe", "World > Europe > Politics"]


@pytest.mark.parametrize("label", SECTION_LABELS)
def test_section_label_above_the_headline(label):
    text = f"{label}\n\nMinister resigns after budget vote\n\n{STORY}\n{STORY2}"
    assert (1, "NL415") in found(text)


CLEAN_PARAGRAPHS = [
    # copyright law, republication in a sentence
    "The court ruled that the band's copyright had expired, and that all rights reserved to the estate had lapsed in 2019, the judge said.",
    "The names of the children may not be published under a court order, the judge told reporters.",
    # a photo mentioned in a sentence, a caption with a verb
    "Photo: the minister leaves parliament on Monday after the vote.",
    "Photographs of the minister were published on Monday by the agency, officials said.",
    # a real paragraph that starts like a teaser
    "Read more about the budget in the report, the minister urged, adding that the figures spoke for themselves.",
    "Watch the vote closely, analysts said, because the margin will decide the government's fate.",
    # licences, themes and disclaimers as story topics
    "The software is licensed under the GPL, which lets anyone change it, the developers said.",
    "The theme of the conference was climate finance, organisers said on Tuesday.",
    "The disclaimer, printed on every packet, was ruled misleading by the court on Tuesday.",
    "Views expressed by the panel were mixed, officials said.",
    # share, follow and navigation words in prose
    "Shareholders will vote on the deal next week, the company said.",
    "She urged supporters to follow her on Twitter for updates during the campaign.",
    "The next page of the report shows the shortfall, the auditor said.",
    # an agency named in a sentence
    "Reuters reported the resignation first, citing two officials.",
    # an editorial insertion in a quote, a bracketed word
    "\"[The minister] knew about the shortfall,\" an aide said, adding that the report [PDF] was online.",
]


@pytest.mark.parametrize("para", CLEAN_PARAGRAPHS)
def test_story_text_that_looks_like_debris_is_clean(para):
    assert found(in_body(para)) == []
    assert found(at_end(para)) == []


def test_agency_name_above_the_story_is_not_a_sign_off():
    assert found(f"Reuters\n\n{STORY}\n{STORY2}") == []


def test_teaser_label_in_the_title_is_the_headline():
    assert found(f"Analysis: No easy way out of the budget row\n\n{STORY}\n{STORY2}") == []


def test_paired_shortcode_keeps_the_caption_it_wraps(tmp_path):
    from newslint.cli import main

    path = tmp_path / "a.txt"
    path.write_text(f'{STORY}\n[caption id="attachment_7" width="300"]The minister arrives.[/caption]\n', encoding="utf-8")
    main(["check", "--fix", "--select", "NL402", str(path)])
    assert path.read_text(encoding="utf-8") == f"{STORY}\nThe minister arrives.\n"


def test_one_paragraph_per_line_debris_is_deleted_whole(tmp_path):
    from newslint.cli import main

    path = tmp_path / "a.txt"
    path.write_text(f"{STORY}Share this:\nFollow us on Facebook\n{STORY2}", encoding="utf-8")
    main(["check", "--fix", "--select", "boilerplate", str(path)])
    assert path.read_text(encoding="utf-8") == f"{STORY}{STORY2}"
