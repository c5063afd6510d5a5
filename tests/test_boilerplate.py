"""boilerplate (NL4xx): debris is flagged, story text that looks like it is not."""
from __future__ import annotations

import pytest

from newslint.testing import lint_text

STORY = ("The finance minister resigned on Monday after parliament rejected her budget for the second "
         "time this year, officials said.\n")


def codes(text: str, select: str = "boilerplate") -> list[tuple[int, str]]:
    return [(d.line, d.code) for d in lint_text(text, [select])]


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("-------- Advertisement---------", "NL401"),
        ("ADVERTISEMENT", "NL401"),
        ("Story continues below advertisement", "NL401"),
        ("Scroll to continue with content", "NL401"),
        ("[ad_1]", "NL402"),
        ("[adinserter block=\"3\"]", "NL402"),
        ("{{ ad_slot }}", "NL402"),
        ("Leave a Reply Cancel reply", "NL403"),
        ("Your email address will not be published. Required fields are marked *", "NL403"),
        ("Save my name, email, and website in this browser for the next time I comment.", "NL403"),
        ("Related posts", "NL404"),
        ("**You may also like**", "NL404"),
        ("Tags: budget, parliament, resignation", "NL404"),
        ("Share this:", "NL405"),
        ("Click to share on Twitter (Opens in new window)", "NL405"),
        ("Facebook Twitter WhatsApp Email", "NL405"),
        ("Sign up for our daily newsletter", "NL406"),
        ("Get the latest headlines delivered straight to your inbox", "NL406"),
        ("We use cookies to give you the best experience on our website.", "NL407"),
        ("© 2024 Example Media Group. All rights reserved.", "NL408"),
        ("This material may not be published, broadcast, rewritten or redistributed.", "NL408"),
        ("READ MORE: Minister resigns after budget vote", "NL409"),
        ("Click here to read more", "NL409"),
        ("Proudly powered by WordPress | Theme: Newsup by Themeansar.", "NL410"),
        ("The post Minister resigns appeared first on Example News.", "NL410"),
        ("Source link", "NL411"),
        ("Source: example.com", "NL411"),
        ("Home | About | Contact | Privacy Policy", "NL416"),
        ("Skip to content", "NL410"),
    ],
)
def test_debris_lines_are_flagged_anywhere(line, code):
    text = f"{STORY}\n{line}\n\n{STORY}"
    assert (3, code) in codes(text)


TRICKY_CLEAN = f"""By Jane Doe

{STORY}
The advertisement campaign cost the ruling party more than $2 million, according to filings.

Readers can leave a reply on the ministry's consultation page until Friday, a spokesman said.

Related posts on the ministry's blog were taken down on Friday, and the tags were removed.

"Share this with your family," the doctor said of the new guidance on Tuesday.

More than 10,000 readers signed up for the council's newsletter, officials said on Monday.

Regulators fined the company for the cookies it set without consent, the ruling said.

The court ruled that the song's copyright had expired in 2019, ending the dispute.

Read more carefully, the report shows the ministry knew about the shortfall in March.

WordPress, which powers much of the web, released a security update on Tuesday.

The source, a senior official, spoke on condition of anonymity because of the talks.

Visitors can log in to the museum's archive from home, the curator said on Sunday.

The minister arrived in Beijing, AFP reported, citing a photo taken by its own staff.

Budget Talks Collapse

The opposition said it would table a motion of no confidence in the government this week.

"I am a teacher and my job is at risk," said one protester, who gave her name as Ana.

The full ruling is published here:
https://courts.example.gov/rulings/2024/17.pdf

The ruling, at https://courts.example.gov/rulings/2024/17.pdf, runs to 40 pages and was published on Monday.
"""


def test_tricky_story_text_is_clean():
    assert codes(TRICKY_CLEAN) == []


def test_section_label_only_above_the_story():
    head = f"Breaking News\n\nMinister resigns\n\n{STORY}"
    assert codes(head) == [(1, "NL415")]
    body = f"{STORY}\nPolitics\n\n{STORY}"
    assert codes(body) == []


def test_bare_url_only_after_the_story():
    assert codes(f"{STORY}\nhttps://example.com/a/1/\n") == [(3, "NL412")]
    assert codes(f"https://example.com/a/1/\n\n{STORY}") == []


def test_author_bio_needs_bio_language_at_the_end():
    bio = ("Jane Doe is a freelance writer covering politics and the economy for several outlets.")
    assert codes(f"{STORY}\n{bio}\n") == [(3, "NL413")]
    quote = '"My whole career I have been a writer, and my editor knew it," she told the court on Monday.'
    assert codes(f"{STORY}\n{quote}\n") == []


def test_photo_credit_line_and_glued_credit():
    text = f"{STORY}\nThe minister arrives.Jane Roe / AFP – Getty Images\n\nREUTERS/John Smith\n"
    found = codes(text)
    assert (3, "NL414") in found and (5, "NL414") in found


def test_gallery_label_needs_a_credited_caption_below():
    text = f"{STORY}\nSummit In Beijing\nThe minister arrives.Jane Roe / AFP – Getty Images\n"
    assert (3, "NL417") in codes(text)
    subhead = f"{STORY}\nSummit In Beijing\n{STORY}"
    assert codes(subhead) == []


def test_safe_fix_deletes_lines_and_leaves_one_blank_line(tmp_path):
    from newslint.cli import main

    path = tmp_path / "a.txt"
    path.write_text(f"-------- Advertisement---------\n\n{STORY}\n[ad_2]\n\n{STORY}\nRelated posts\n", encoding="utf-8")
    assert main(["check", "--fix", "--select", "boilerplate", str(path)]) == 1
    assert path.read_text(encoding="utf-8") == f"{STORY}\n{STORY}"
    assert main(["check", "--fix", "--select", "boilerplate", str(path)]) == 0


def test_author_bio_is_linear_in_a_long_masked_paragraph():
    """Issue 22: finding paragraphs retried at every character of a blank stretch (a long code
    line is blank in the prose mask), quadratic in its length: 40,000 characters took ~16 s."""
    import time

    from newslint.model.document import Document

    code = "x = '" + "a" * 40_000 + "'"
    text = f"{STORY}\n```python\n{code}\n```\n\nI am a freelance writer and editor, and content is my passion.\n"
    lint_text(STORY, ["NL413"], name="post.md")  # patterns compiled, modules loaded
    doc = Document.from_text("post.md", text)
    start = time.process_time()
    assert len(doc.paragraphs) == 2
    assert time.process_time() - start < 1.0
    assert [d.code for d in lint_text(text, ["NL413"], name="post.md")] == ["NL413"]
