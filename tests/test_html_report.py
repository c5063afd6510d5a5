"""``--format html``: the review page's structure, escaping, highlight positions, and empty runs.

The page is parsed with ``html.parser`` into a small tree; no browser is needed.
"""
from __future__ import annotations

import io
import json
import sys
from html.parser import HTMLParser

import pytest

from newslint.cli import main
from newslint.model.diagnostic import Diagnostic, Severity
from newslint.output.html_assets import CSS, JS
from newslint.output.html_spans import highlight

STORY = ("The finance minister resigned on Monday after parliament rejected her budget for the second "
         "time this year, officials said.\n")
AD = "-------- Advertisement---------"
SPUN = "Chinese language President"
VOID = {"meta", "input", "br", "img", "link", "hr", "source", "wbr", "area", "base", "col", "embed", "track"}


class Node:
    def __init__(self, tag: str, attrs: dict[str, str | None]) -> None:
        self.tag, self.attrs, self.children = tag, attrs, []

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def all(self, tag: str | None = None):
        for c in self.children:
            if isinstance(c, Node):
                if tag is None or c.tag == tag:
                    yield c
                yield from c.all(tag)


class Tree(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.stack = [self.root]
        self.decls: list[str] = []

    def handle_decl(self, decl: str) -> None:
        self.decls.append(decl)

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs))
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Node(tag, dict(attrs)))

    def handle_endtag(self, tag):
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(page: str, *, fragment: bool = False) -> Node:
    """The page as a tree, each article's body (a JSON data block the page's script turns into
    markup) parsed and put where the script puts it: at the end of its article."""
    tree = Tree()
    tree.feed(page)
    tree.close()
    assert tree.stack == [tree.root], "unclosed elements"
    assert tree.decls == ([] if fragment else ["DOCTYPE html"])
    for article in list(tree.root.all("article")):
        for block in [s for s in article.children if isinstance(s, Node) and s.attrs.get("class") == "body"]:
            body = json.loads(block.text())
            article.children.extend(parse(body["html"], fragment=True).children)
            article.text_of_page = body["text"]
    return tree.root


def page_of(args, capsys) -> tuple[int, Node, str]:
    code = main(["check", "--format", "html", "--no-cache", *args])
    out = capsys.readouterr().out
    return code, parse(out), out


def pre_text(article: Node) -> str:
    pre = next(article.all("pre"))
    text = pre.text()
    assert text.startswith("\n")  # the newline a parser drops after <pre>
    return text[1:]


def scripts(root: Node) -> list[str]:
    """The page's scripts that run: every other one is a JSON data block (an article's text)."""
    run = [s for s in root.all("script") if s.attrs.get("type") is None]
    assert all(s.attrs.get("type") == "application/json" for s in root.all("script") if s not in run)
    return [s.text() for s in run]


def marks_of(root: Node, ident: str) -> str:
    return "".join(m.text() for m in root.all("mark") if ident in (m.attrs.get("data-f") or "").split())


@pytest.fixture
def run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.txt").write_text(f"{AD}\n\n{STORY}\nThe {SPUN} spoke.\n", encoding="utf-8")
    (tmp_path / "good.txt").write_text(STORY, encoding="utf-8")
    return tmp_path


def test_structure(run, capsys):
    code, root, out = page_of(["bad.txt", "good.txt"], capsys)
    assert code == 1
    files = next(n for n in root.all("nav") if n.attrs.get("id") == "files")
    assert [a.text() for a in files.all("a")] == ["bad.txt"]  # only files with findings have an article
    assert "good.txt" in files.text()
    articles = list(root.all("article"))
    assert [next(a.all("h2")).text() for a in articles] == ["bad.txt"]
    items = list(articles[0].all("li"))
    assert [i.attrs["data-code"] for i in items] == ["NL401", "NL201"]
    assert [i.attrs["data-family"] for i in items] == ["boilerplate", "spin"]
    assert "safe fix" in items[0].text() and "unsafe fix" in items[1].text()
    assert "Chinese President" in next(items[1].all("ins")).text()
    keys = {i.attrs["data-key"] for i in root.all("input")}
    assert keys == {"family:boilerplate", "family:spin", "code:NL401", "code:NL201"}
    assert [m.attrs["value"] for m in root.all("meter")] == ["1", "1"]
    # self-contained: the only script and style are the constant ones, nothing is loaded
    assert scripts(root) == [JS] and [s.text() for s in root.all("style")] == [CSS]
    assert not any(k in ("src", "srcset") for n in root.all() for k in n.attrs) and not list(root.all("link"))
    csp = next(m for m in root.all("meta") if m.attrs.get("http-equiv") == "Content-Security-Policy")
    assert csp.attrs["content"].startswith("default-src 'none';")
    # every list entry links to its first highlight
    for item in items:
        target = next(item.all("a")).attrs["href"]
        assert any("#" + (m.attrs.get("id") or "") == target for m in root.all("mark"))


def test_spans_land_on_the_flagged_words(run, capsys):
    lines = ["Café naïve résumé: the " + SPUN + " spoke.",  # accented letters before it
             "😀🎉 emoji first, then the " + SPUN + ".",  # astral code points count as one column
             "שלום עולם and the " + SPUN + " again.",  # right-to-left text
             "crlf line with the " + SPUN + "\r"]
    text = "\n\n".join(lines) + "\n"
    (run / "u.txt").write_bytes(text.encode("utf-8"))
    _, root, _ = page_of(["u.txt", "--select", "NL201"], capsys)
    article = next(root.all("article"))
    assert pre_text(article) == text
    items = list(article.all("li"))
    assert len(items) == 4
    for item in items:
        assert marks_of(root, item.attrs["id"]) == SPUN


def test_article_content_is_text_never_markup(run, capsys):
    hostile = ("Hello <script>alert(1)</script> and <img src=x onerror=alert(2)> "
               "&amp; \"quotes\" 'single' </pre></article><script>alert(3)</script>\n\n"
               f"The {SPUN} spoke.\n")
    name = "a\"><script>alert(4)<\\script>.txt"
    (run / name).write_text(hostile, encoding="utf-8")
    _, root, out = page_of([name, "--select", "NL201"], capsys)
    assert scripts(root) == [JS]
    assert [json.loads(s.text())["text"] for s in root.all("script") if s.attrs.get("type")] == [hostile]
    assert not list(root.all("img"))
    assert not any(k.startswith("on") for n in root.all() for k in n.attrs)
    article = next(root.all("article"))
    assert pre_text(article) == hostile
    assert next(article.all("h2")).text() == name
    assert "<script>alert" not in out


def test_crafted_rule_message_is_escaped():
    d = Diagnostic("x.txt", 1, 1, 1, 4, "NL999", "r", "weird<b>", Severity.WARNING, "<script>m</script>")
    page = highlight("abc<i>", [(0, 3, d)], ["f1-1"])
    root = parse("<!DOCTYPE html>" + page)
    marks = list(root.all("mark"))
    assert [m.text() for m in marks] == ["abc"] and root.text() == "abc<i>"
    assert marks[0].attrs["title"] == "NL999 <script>m</script>"
    assert "fam-other" in marks[0].attrs["class"]


def _diag(start: int, end: int, code: str) -> tuple[int, int, Diagnostic]:
    return start, end, Diagnostic("x", 1, start + 1, 1, end + 1, code, "r", "spin", Severity.WARNING, code)


def test_overlapping_and_empty_spans():
    text = "one two three four"
    found = [_diag(4, 13, "A"), _diag(8, 18, "B"), _diag(3, 3, "C")]
    root = parse("<!DOCTYPE html>" + highlight(text, found, ["a", "b", "c"]))
    assert root.text() == text
    assert marks_of(root, "a") == "two three" and marks_of(root, "b") == "three four"
    assert marks_of(root, "c") == ""
    point = next(m for m in root.all("mark") if m.attrs["data-f"] == "c")
    assert "point" in point.attrs["class"] and point.attrs["id"] == "m-c"
    shared = next(m for m in root.all("mark") if m.attrs["data-f"] == "a b")
    assert shared.text() == "three" and "multi" in shared.attrs["class"]
    assert [m.attrs.get("id") for m in root.all("mark")].count("m-b") == 1


def test_empty_run(run, capsys):
    code, root, _ = page_of(["good.txt"], capsys)
    assert code == 0
    assert not list(root.all("article")) and not list(root.all("input"))
    summary = next(p for p in root.all("p") if p.attrs.get("id") == "summary")
    assert summary.text().startswith("0 findings in 0 of 1 files")


def test_output_file(run, capsys):
    assert main(["check", "--format", "html", "--no-cache", "-o", "report.html", "bad.txt"]) == 1
    assert capsys.readouterr().out == ""
    assert len(list(parse((run / "report.html").read_text(encoding="utf-8")).all("article"))) == 1


def test_text_that_changed_is_not_shown(run, capsys, monkeypatch):
    """stdin named after a file on disk: the disk's text is not the one linted."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(f"The {SPUN} spoke.\n".encode())))
    _, root, _ = page_of(["-", "--stdin-filename", "good.txt"], capsys)
    article = next(root.all("article"))
    assert not list(article.all("pre")) and "not shown" in article.text()
    assert len(list(article.all("li"))) == 1


def test_fix_edits_and_text_travel_with_the_page(run, capsys):
    """The page carries what it needs to apply a fix: the article's text (a JSON block with no
    ``</`` or ``<!`` in it, so no ``</script>`` or ``<!--`` can close it or change how it is read)
    and each fix's edits in code-point offsets."""
    text = f"{AD}\n\n😀 A </script> tag, <!-- <script> --> then the {SPUN} spoke.\n"
    (run / "e.txt").write_text(text, encoding="utf-8")
    _, root, out = page_of(["e.txt", "--select", "NL201,NL401"], capsys)
    article = next(root.all("article"))
    block = next(s for s in article.all("script") if s.attrs.get("type") == "application/json")
    assert "</" not in block.text() and "<!" not in block.text() and json.loads(block.text())["text"] == text == article.text_of_page
    items = {li.attrs["data-code"]: li for li in article.all("li")}
    [(start, end, replacement)] = json.loads(items["NL201"].attrs["data-edits"])
    assert text[start:end] == SPUN and replacement == "Chinese President"
    assert int(items["NL201"].attrs["data-start"]) == text.index(SPUN)
    assert [b.text() for b in items["NL201"].all("button")] == ["Accept", "Reject"]
    assert "of 2 fixes accepted" in article.text()
    assert article.attrs["data-name"] == "e.txt"


def test_body_block_round_trips_and_cannot_close_its_script():
    from newslint.output.html_spans import body_json

    markup = '<pre class="text">a &lt;/script&gt;</pre><!-- x -->'
    text = "raw </SCRIPT> <!-- <script> \ud800 lone surrogate, \u2028 and é"
    block = body_json(markup, text)
    assert "</" not in block and "<!" not in block and "<script" not in block.lower()
    assert json.loads(block) == {"html": markup, "text": text}
    assert json.loads(body_json("<p></p>", None))["text"] is None


def test_spun_article_shows_its_verdict_above_the_text(run, capsys):
    from tests.test_spin import DATA, unlabel

    spun = " ".join(unlabel(p.read_text(encoding="utf-8"))[0] for p in sorted(DATA.glob("spun-*.txt")))
    (run / "spun.txt").write_text(spun, encoding="utf-8")
    _, root, _ = page_of(["spun.txt", "--select", "NL2"], capsys)
    article = next(root.all("article"))
    verdicts = [p for p in article.all("p") if p.attrs.get("class") == "verdict"]
    nl203 = next(li for li in article.all("li") if li.attrs["data-code"] == "NL203")
    assert len(verdicts) == 1 and verdicts[0].text() in nl203.text()
    assert any(b.attrs.get("class") == "restore" for b in article.all("button"))
