"""Boilerplate fixes never damage a real content repository (issue 17, item 1).

A line rule flags a line only where it could be debris, and its fix deletes a line only where the
line is a block of its own: never a line of a hard-wrapped paragraph, a Markdown link, heading or
list item, or a Hugo, Liquid, Jinja or Eleventy template tag.
"""
from __future__ import annotations

import pytest

from newslint.cli import main
from newslint.testing import lint_text

WRAPPED = """\
The team shipped the new archive this spring. Readers can now browse every
record by year, and the new
Search
page lets them filter by agency and date. Related
posts from earlier years are linked from each record.
"""


def codes(text: str, name: str = "post.md") -> list[tuple[int, str]]:
    return [(d.line, d.code) for d in lint_text(text, ["boilerplate"], name=name)]


@pytest.mark.parametrize("name", ["post.md", "post.txt"])
def test_lines_of_a_hard_wrapped_paragraph_are_never_flagged(name):
    assert codes(WRAPPED, name) == []


UNTOUCHABLE = [
    "[Back to the table of contents](#contents)",
    "[Register now](https://example.gov/events/register)",
    "[list][1]\n\n[1]: https://example.gov/list",
    "[published]\n\n[published]: https://example.gov/paper.pdf",
    "![The team at work](/img/team.jpg)",
    '{{< figure src="/img/ship.jpg" caption="A ship at sunset" >}}',
    "{{% notice info %}}",
    '{% include "related.html" %}',
    '{% image "assets/blog/team.jpg" "The team" %}',
    "{{ page.excerpt }}",
    '[Kate]({{ "/author/kate/" | url }})',
    "{# Jinja comment #}",
    "## Read more",
    "### Search",
    "- Share on Twitter",
    "* Related posts",
    "| Home | About | Contact |\n|---|---|---|\n| a | b | c |",
]


@pytest.mark.parametrize("block", UNTOUCHABLE)
def test_links_structure_and_template_tags_are_not_debris(block, tmp_path):
    text = f"The team shipped the new archive this spring, the director said on Monday.\n\n{block}\n\nThe archive now covers every year since 1990.\n"
    assert codes(text) == []
    path = tmp_path / "post.md"
    path.write_text(text, encoding="utf-8")
    assert main(["check", "--fix", "--exit-zero", "--select", "boilerplate", str(path)]) == 0
    assert path.read_text(encoding="utf-8") == text


def test_debris_inside_a_markdown_paragraph_is_flagged_but_not_fixed(tmp_path):
    text = "The talks ended on Monday.\nAdvertisement\nBoth sides left the capital.\n"
    found = lint_text(text, ["boilerplate"], name="post.md")
    assert [(d.line, d.code) for d in found] == [(2, "NL401")]
    assert found[0].fix is not None and found[0].fix.safety.value == "unsafe"
    path = tmp_path / "post.md"
    path.write_text(text, encoding="utf-8")
    main(["check", "--fix", "--exit-zero", "--select", "boilerplate", str(path)])
    assert path.read_text(encoding="utf-8") == text


def test_debris_block_of_its_own_in_markdown_is_fixed(tmp_path):
    path = tmp_path / "post.md"
    path.write_text("The talks ended on Monday.\n\nAdvertisement\n\n[ad_2]\n\nBoth sides left.\n", encoding="utf-8")
    main(["check", "--fix", "--exit-zero", "--select", "boilerplate", str(path)])
    assert path.read_text(encoding="utf-8") == "The talks ended on Monday.\n\nBoth sides left.\n"


def test_a_block_made_only_of_debris_lines_is_fixed_whole(tmp_path):
    path = tmp_path / "post.md"
    path.write_text("The talks ended on Monday.\n\nShare this:\nClick to share on Twitter (Opens in new window)\n\n"
                    "Both sides left.\n", encoding="utf-8")
    main(["check", "--fix", "--exit-zero", "--select", "boilerplate", str(path)])
    assert path.read_text(encoding="utf-8") == "The talks ended on Monday.\n\nBoth sides left.\n"


def test_template_tag_in_plain_text_is_scraped_residue():
    text = "The talks ended on Monday, officials said.\n\n{{ ad_slot }}\n\n%%excerpt%%\n"
    assert codes(text, "a.txt") == [(3, "NL402"), (5, "NL402")]
    assert codes(text, "a.md") == []


def test_shortcodes_versus_links_and_insertions():
    text = ('The talks ended [sic] on Monday, and "[the minister] will go," an aide said.\n\n'
            '[embed]https://video.example.com/1[/embed]\n\n[list]\n')
    assert codes(text, "a.txt") == [(3, "NL402"), (3, "NL402"), (5, "NL402")]
    # In Markdown a weak tag alone on a line is the author's ("[format]" under an example URL);
    # a strong one (a closing tag, attributes) is still a leftover shortcode.
    assert codes(text, "a.md") == [(3, "NL402"), (3, "NL402")]
    assert codes("### API URL\n\nhttp://explore.example.gov/resource/_[dataset-id]_.\n\n[format]\n", "a.md") == []
    linked = "See the [list](https://example.gov/list) and [paper][p].\n\n[p]: https://example.gov/p.pdf\n"
    assert codes(linked) == []


def test_html_element_of_its_own_loses_its_text_not_its_tags(tmp_path):
    path = tmp_path / "page.html"
    path.write_text("<body>\n<p>The talks ended on Monday, officials said.</p>\n<p>Advertisement</p>\n"
                    "<p>Both sides left.</p>\n</body>\n", encoding="utf-8")
    main(["check", "--fix", "--exit-zero", "--select", "boilerplate", str(path)])
    assert path.read_text(encoding="utf-8") == ("<body>\n<p>The talks ended on Monday, officials said.</p>\n<p></p>\n"
                                                "<p>Both sides left.</p>\n</body>\n")
