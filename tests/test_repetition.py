"""repetition (NL1xx): repeated paragraphs, blocks, near-copies, passages and duplicate articles."""
from __future__ import annotations

import json

import pytest

from newslint.cli import main
from newslint.model.diagnostic import FixSafety
from newslint.testing import lint_text, lint_texts

P = [
    "The council approved the new budget on Monday after a long debate about school funding, officials said.",
    "The mayor promised that repairs to the main bridge would start in the spring and end before the winter.",
    "Opposition members walked out of the chamber before the vote, saying they had not seen the final figures.",
    "Teachers' unions welcomed the extra money but warned that it would not cover the rise in energy bills.",
]
ARTICLE = "\n\n".join(P) + "\n"


def found(text: str, name: str = "a.txt") -> list[tuple[str, int, int]]:
    return [(d.code, d.line, d.end_line) for d in lint_text(text, ["repetition"], name=name)]


def test_article_pasted_four_times_is_three_blocks():
    text = "\n\n".join([ARTICLE.strip()] * 4) + "\n"
    assert found(text) == [("NL102", 9, 15), ("NL102", 17, 23), ("NL102", 25, 31)]
    note = "(4 paragraphs; the block appears 4 times)"
    assert [d.message for d in lint_text(text, ["NL102"])] == [f"Lines 9–15 repeat lines 1–7 {note}",
                                                               f"Lines 17–23 repeat lines 1–7 {note}",
                                                               f"Lines 25–31 repeat lines 1–7 {note}"]
    once = "\n\n".join([ARTICLE.strip()] * 2) + "\n"
    assert [d.message for d in lint_text(once, ["NL102"])] == ["Lines 9–15 repeat lines 1–7 (4 paragraphs)"]


def test_single_repeated_paragraph_names_the_first():
    text = "\n\n".join([P[0], P[1], P[2], P[0]]) + "\n"
    (diag,) = lint_text(text, ["repetition"])
    assert (diag.code, diag.line, diag.message) == ("NL101", 7, "Paragraph repeats line 1")


def test_normalisation_of_quotes_dashes_case_and_spaces():
    first = "“We will rebuild,” the mayor said — and the council agreed to pay for it, officials said."
    second = '"we will rebuild,"   the mayor said - and the council agreed to pay for it, officials said.'
    assert [c for c, _, _ in found(f"{first}\n\n{P[1]}\n\n{second}\n")] == ["NL101"]


def test_near_duplicate_reports_similarity_and_has_no_fix():
    edited = P[0].replace("officials said", "officials say")
    (diag,) = lint_text(f"{P[0]}\n\n{P[1]}\n\n{edited}\n", ["repetition"])
    assert diag.code == "NL103" and diag.fix is None and "% the same as line 1" in diag.message


def test_sentence_repeated_inside_another_paragraph():
    later = f"Residents packed the hall for hours. Then {P[0][0].lower()}{P[0][1:-1]}, and protesters left."
    assert [c for c, _, _ in found(f"{P[0]}\n\n{P[1]}\n\n{later}\n")] == ["NL104"]


@pytest.mark.parametrize(
    "text",
    [
        # A one-line refrain and short datelines repeat on purpose.
        f"\"Not again.\"\n\n{P[0]}\n\n\"Not again.\"\n\n{P[1]}\n\nPhoto: Reuters\n\n{P[2]}\n\nPhoto: Reuters\n",
        # Two paragraphs sharing a 12-word official title are different paragraphs.
        "The Special Rapporteur on the Rights of Persons with Disabilities of the United Nations spoke first "
        "at the hearing and asked for more time.\n\nLater the Special Rapporteur on the Rights of Persons with "
        "Disabilities of the United Nations met the mayor to discuss ramps at the station.\n",
        # A quoted refrain the story repeats.
        f"\"We will not let this city down, whatever the cost and however long it takes,\" she said on Monday.\n\n"
        f"{P[1]}\n\n\"We will not let this city down, whatever the cost and however long it takes,\" she said again.\n",
        # List items and a table with repeated short cells.
        "- Budget: approved\n- Bridge: approved\n- Schools: approved\n\n| Item | Status |\n|---|---|\n"
        "| Budget | approved |\n| Bridge | approved |\n",
        ARTICLE,
    ],
)
def test_clean_text(text):
    assert found(text) == []
    assert found(text, name="a.md") == []


def test_fix_deletes_repeated_block_and_is_idempotent(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("\n\n".join([ARTICLE.strip()] * 3) + "\n", encoding="utf-8")
    assert main(["check", "--fix", "--select", "repetition", str(path)]) == 1
    assert path.read_text(encoding="utf-8") == ARTICLE
    assert main(["check", "--fix", "--select", "repetition", str(path)]) == 0


def test_long_article_is_linear():
    # 20,000 distinct paragraphs and one block pasted at the end: found without pairwise comparisons.
    paras = [f"Paragraph number {i} reports that the committee met {i % 7} times about item {i} this year." for i in
             range(20000)]
    text = "\n\n".join(paras + paras[100:103]) + "\n"
    assert [c for c, _, _ in found(text)] == ["NL102"]


def test_duplicate_articles_across_files_of_a_run():
    other = ARTICLE.replace("Monday", "Tuesday")
    different = "\n\n".join(reversed([p.replace("the", "a") for p in P]))[:200] + " The rest differs entirely.\n"
    diags = lint_texts([ARTICLE * 2, other * 2, different], ["NL105"], names=["a.txt", "b.txt", "c.txt"])
    assert [(d.path, d.line) for d in diags] == [("b.txt", 1)]
    assert "the same as a.txt" in diags[0].message


def test_corpus_option_and_signature_cache(tmp_path, monkeypatch, capsys):
    corpus = tmp_path / "content"
    corpus.mkdir()
    (corpus / "old.md").write_text(ARTICLE * 2, encoding="utf-8")
    (corpus / "unrelated.md").write_text("A different story about the weather. " * 30, encoding="utf-8")
    new = tmp_path / "new.md"
    new.write_text(ARTICLE * 2, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "new.md", "--corpus", "content", "--select", "NL105", "--format", "json"]) == 1
    (diag,) = json.loads(capsys.readouterr().out)
    assert diag["path"] == "new.md" and "content/old.md in the corpus" in diag["message"]
    assert list((tmp_path / ".newslint_cache" / "corpus").glob("*.json"))
    # The second run reads signatures from the cache instead of hashing the corpus again.
    import newslint.families.repetition.corpus as rc

    sig = _sig(ARTICLE * 2)
    monkeypatch.setattr(rc, "signature", lambda text: pytest.fail("corpus signature recomputed"))
    monkeypatch.setattr(rc.DuplicateArticle, "collect", lambda self, doc: (str(new), "new.md", 10, sig))
    assert main(["check", "new.md", "--corpus", "content", "--select", "NL105", "-q"]) == 1


def _sig(text):
    from newslint.families.repetition.corpus import signature

    return signature(text)


def test_a_markdown_paragraph_repeated_paragraphs_apart_is_an_unsafe_fix():
    # An edited post repeating an invitation at the end of two sections does it on purpose.
    invite = ("If you want to run the workshop yourself or see how we did it, "
              "[here are the slides](https://example.com/slides.pdf) we used on the day.")
    apart = f"{P[0]}\n\n{invite}\n\n{P[1]}\n\n{P[2]}\n\n{invite}\n"
    (diag,) = lint_text(apart, ["NL101"], name="a.md")
    assert diag.fix.safety.value == "unsafe"
    # Doubled in place (a paste slip), or in scraped text anywhere: still a safe deletion.
    (diag,) = lint_text(f"{P[0]}\n\n{invite}\n\n{invite}\n\n{P[1]}\n", ["NL101"], name="a.md")
    assert diag.fix.safety.value == "safe"
    (diag,) = lint_text(apart, ["NL101"], name="a.txt")
    assert diag.fix.safety.value == "safe"


def test_a_repeated_block_holding_a_markdown_heading_is_not_deleted_safely(tmp_path):
    # A live blog repeats its stats line and its "### Fun Fact:" heading every hour; deleting a heading
    # is a change of structure that a person must accept (--unsafe-fixes), never a plain --fix.
    hour = ("Number of pages in the top twenty today across all of the agency sites: **15**\n\n"
            "### Fun Fact:\n\n")
    text = ("# Live\n\n## 8 pm\n\n" + hour + "Visits passed eighteen million by eight in the evening, the team said.\n\n"
            "## 7 pm\n\n" + hour + "The refund page led all traffic for the third hour running, the team said.\n")
    found = lint_text(text, ["NL102"], name="live.md")
    assert found and all(d.fix is not None and d.fix.safety is FixSafety.UNSAFE for d in found)
    path = tmp_path / "live.md"
    path.write_text(text, encoding="utf-8")
    main(["check", "--fix", "--no-cache", "--select", "NL102", str(path)])
    assert path.read_text(encoding="utf-8") == text


def test_a_repeated_list_item_in_markdown_is_not_deleted_safely():
    # A typography demo lists "1. list item" again and again; a list item is structure.
    text = ("# Lists\n\nThe ordered list below shows how the site styles its numbering for readers.\n\n"
            "1. list item that shows the style of the numbered list on the site\n\n"
            "1. list item that shows the style of the numbered list on the site\n")
    found = lint_text(text, ["repetition"], name="demo.md")
    assert found and all(d.fix is None or d.fix.safety is FixSafety.UNSAFE for d in found)


def test_a_markdown_summary_or_two_list_items_restate_on_purpose():
    lede = ("the agency is taking action to speed up its work to raise the efficiency of its data centres, "
            "cut costs and improve the security of its systems")
    body = (f"Today {lede}, officials said on Monday. The plan runs for three years and covers every office, "
            "from the smallest to the largest, and its first report is due in the spring.\n")
    quoted = f"> **Summary**: {lede.capitalize()}.\n\n" + body
    assert lint_text(quoted, ["repetition"], name="post.md") == []
    items = ("Two reports help:\n\n"
             "  * [Top queries](https://example.gov/q) - use the data to find and analyse the short head of your most "
             "popular search queries, which match your top tasks.\n"
             "  * [Top pages](https://example.gov/p) - use the data to find and analyse the short head of your most "
             "popular search queries, and fix the titles.\n")
    assert lint_text(items, ["repetition"], name="post.md") == []
    # Control: the same sentences as plain paragraphs are a repetition.
    plain = f"{lede.capitalize()}.\n\n" + body
    assert [d.code for d in lint_text(plain, ["repetition"], name="post.md")] == ["NL104"]
