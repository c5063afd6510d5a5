"""NL507: undecoded HTML entities, in plain text (all) and in Markdown/HTML (double-escaped only)."""
from __future__ import annotations

import pytest

from newslint.cli import main
from newslint.testing import lint_text


def found(text: str, name: str = "a.txt") -> list[tuple[int, int, str]]:
    return [(d.line, d.column, d.message) for d in lint_text(text, ["NL507"], name=name)]


@pytest.mark.parametrize(
    ("text", "bad", "good"),
    [
        ("We met in a caf&#233; near the station.\n", "&#233;", "é"),
        ("Smith &amp; Sons closed on Friday.\n", "&amp;", "&"),
        ("He called it &quot;unacceptable&quot; twice.\n", "&quot;", '"'),
        ("It&#x27;s over, the coach said.\n", "&#x27;", "'"),
        ("The fine was &pound;40,000 in total.\n", "&pound;", "£"),
        ("It was a &#147;disaster&#148; she said.\n", "&#147;", "“"),  # Windows-1252 range, as browsers read it
        ("The menu: cr&amp;#232;me br&#251;l&#233;e.\n", "&amp;#232;", "è"),  # double-escaped, decoded fully
    ],
)
def test_plain_text_entities_are_flagged_with_their_character(text, bad, good):
    messages = [m for _, _, m in found(text)]
    assert f"Undecoded HTML entity '{bad}' should read '{good}'" in messages


def test_every_entity_of_a_line_is_found_at_its_column():
    assert [(line, col) for line, col, _ in found("Title\n\nJos&#233; and Ren&#233;e met at 5&nbsp;pm.\n")] == [
        (3, 4), (3, 18), (3, 34)]


@pytest.mark.parametrize(
    "text",
    [
        "AT&T and Procter & Gamble agreed; R&D spending rose.\n",
        "The Q&A ran late; B&Q and M&S; then S&P 500 fell.\n",
        "Use &madeup; or &#xZZ; or &#0; or &#55296; as you like.\n",  # no such reference
        "A bare & sign, and &amp without its semicolon.\n",
    ],
)
def test_clean_plain_text(text):
    assert found(text) == []


def test_inverted_question_mark_between_letters_is_the_documents_apostrophe():
    (msg,) = [m for _, _, m in found("Ms Okafor&#191;s team said it's done.\n")]
    assert msg.endswith("should read '''")
    (msg,) = [m for _, _, m in found("Ms Okafor&#191;s team said it’s done.\n")]
    assert msg.endswith("should read '’'")
    # At the start of a Spanish question it is the real character.
    (msg,) = [m for _, _, m in found("She asked: &#191;Qué pasa?\n")]
    assert msg.endswith("should read '¿'")


def test_markdown_flags_only_double_escaped_references():
    text = "Caf&#233; &mdash; Smith &amp; Sons, and a broken one: caf&amp;#233; &amp;amp; co.\n"
    assert [m for _, _, m in found(text, "a.md")] == [
        "Double-escaped HTML entity '&amp;#233;' shows as '&#233;'; it should read 'é'",
        "Double-escaped HTML entity '&amp;amp;' shows as '&amp;'; it should read '&'",
    ]


def test_markdown_code_and_links_are_left_alone():
    text = "Write `&amp;#233;` in code.\n\n```\n&amp;lt;\n```\n\n[a](https://x.test/?a=1&amp;amp;b=2)\n"
    assert found(text, "a.md") == []


def test_fix_decodes_plain_text_and_unescapes_markdown(tmp_path):
    txt = tmp_path / "a.txt"
    txt.write_text("The caf&#233; of Smith &amp; Sons, Ms Okafor&#191;s &quot;best&quot;.\n", encoding="utf-8")
    md = tmp_path / "b.md"
    md.write_text("Caf&#233; and caf&amp;#233; &mdash; `&amp;#233;`\n", encoding="utf-8")
    assert main(["check", "--fix", "--no-cache", "--select", "NL507", str(txt), str(md)]) == 1
    assert txt.read_text(encoding="utf-8") == "The café of Smith & Sons, Ms Okafor's \"best\".\n"
    assert md.read_text(encoding="utf-8") == "Caf&#233; and caf&#233; &mdash; `&amp;#233;`\n"
    assert main(["check", "--no-cache", "--select", "NL507", str(txt), str(md)]) == 0


def test_html_files_are_left_to_their_markup():
    """The HTML mask reads references as markup, so NL507 never sees them there."""
    assert found("<p>caf&#233; and caf&amp;#233;</p>\n", "a.html") == []


def test_many_entities_cost_one_decode_each():
    """A scraped page with thousands of the same entity stays fast (one decode per distinct one)."""
    import time

    text = "word&nbsp;" * 20000 + "\n"
    began = time.process_time()
    assert len(lint_text(text, ["NL507"])) == 20000
    assert time.process_time() - began < 10
