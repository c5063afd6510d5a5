"""The review page (``--format html``) in a real browser: headless Chromium driven by Playwright.

Needs the ``browser`` extra (``pip install -e '.[test,browser]'``) and a Chromium (Debian's
``chromium`` package, or ``NEWSLINT_CHROMIUM=/path``). Without them these tests are skipped, unless
``NEWSLINT_BROWSER_TESTS=require`` (set by ``.ci/run``), which makes a missing browser a failure.
Screenshots go to the test's temporary folder, or to ``NEWSLINT_SCREENSHOTS`` when set.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from newslint.cli import main

REQUIRED = os.environ.get("NEWSLINT_BROWSER_TESTS") == "require"
CHROMIUM = os.environ.get("NEWSLINT_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")

SPUN = "Chinese language President"
AD = "-------- Advertisement---------"
# One spun phrase after each kind of text whose columns are easy to get wrong.
LINES = ["Café naïve résumé: the " + SPUN + " spoke.",
         "😀🎉 emoji first, then the " + SPUN + ".",
         "שלום עולם and the " + SPUN + " again.",
         "Plain ASCII: the " + SPUN + " left."]
HOSTILE = ("Hello <script>window.__pwned = 1</script> <img src=x onerror=\"window.__pwned = 2\"> "
           "</pre></template></article><script>window.__pwned = 3</script>\n\nThe " + SPUN + " spoke.\n")


def _playwright():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    if sync_playwright is None or CHROMIUM is None:
        why = "playwright is not installed" if sync_playwright is None else "no chromium on PATH"
        if REQUIRED:
            pytest.fail(f"browser tests required (NEWSLINT_BROWSER_TESTS=require) but {why}")
        pytest.skip(why)
    return sync_playwright


@pytest.fixture(scope="module")
def browser():
    sync_playwright = _playwright()
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture
def page(browser, tmp_path):
    context = browser.new_context(accept_downloads=True, viewport={"width": 1200, "height": 900})
    pg = context.new_page()
    pg.requests = []
    pg.dialogs = []
    pg.on("request", lambda r: pg.requests.append(r.url))
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    yield pg
    context.close()


def _report(folder: Path, *names: str, select: str = "NL201,NL401,NL507") -> Path:
    out = folder / "report.html"
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        assert main(["check", "--format", "html", "--no-cache", "-o", str(out), "--select", select, *names]) == 1
    finally:
        os.chdir(cwd)
    return out


def _open(page, report: Path, *, rendered: bool = True) -> None:
    page.goto(report.as_uri())
    page.wait_for_selector("li.finding" if rendered else "article.file", state="attached")


def _shot(page, tmp_path: Path, name: str) -> None:
    folder = Path(os.environ.get("NEWSLINT_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / name), full_page=False)
    assert (folder / name).stat().st_size > 1000


def test_highlights_land_on_the_flagged_words_and_keys_step_through(page, tmp_path):
    (tmp_path / "u.txt").write_text("\n\n".join(LINES) + "\n", encoding="utf-8")
    _open(page, _report(tmp_path, "u.txt"))
    ids = page.eval_on_selector_all("li.finding", "els => els.map(e => e.id)")
    assert len(ids) == 4
    for number, ident in enumerate(ids):
        page.keyboard.press("j")
        assert page.evaluate("document.activeElement.id") == ident
        marked = page.eval_on_selector_all("mark.now", "ms => ms.map(m => m.textContent).join('')")
        assert marked == SPUN, (number, marked)
    page.keyboard.press("k")
    assert page.evaluate("document.activeElement.id") == ids[2]
    page.keyboard.press("j")
    page.keyboard.press("j")  # wraps round to the first
    assert page.evaluate("document.activeElement.id") == ids[0]
    _shot(page, tmp_path, "review-keys.png")


def _fixed_by_cli(folder: Path, name: str, select: str) -> str:
    copy = folder / "cli"
    copy.mkdir()
    shutil.copy(folder / name, copy / name)
    cwd = os.getcwd()
    os.chdir(copy)
    try:
        main(["check", "--no-cache", "--fix", "--unsafe-fixes", "--select", select, name])
    finally:
        os.chdir(cwd)
    return (copy / name).read_text(encoding="utf-8")


def test_accept_two_fixes_reject_one_and_download(page, tmp_path):
    # the ad marker ends the file: its deletion leaves the file ending as it did (fixer._end_as_before)
    text = (f"The caf&#233; in שלום Street 😀 was full.\n\n"
            f"The {SPUN} spoke to the café owner.\n\nA second caf&#233; opened.\n\n{AD}\n")
    (tmp_path / "story.txt").write_text(text, encoding="utf-8")
    _open(page, _report(tmp_path, "story.txt"))
    codes = page.eval_on_selector_all("li.finding", "els => els.map(e => e.dataset.code)")
    assert sorted(codes) == ["NL201", "NL401", "NL507", "NL507"]
    page.click("li.finding[data-code=NL401] button.accept")
    page.focus("li.finding[data-code=NL201]")
    page.keyboard.press("a")  # the key accepts the current finding's fix
    for li in page.query_selector_all("li.finding[data-code=NL507]"):
        li.query_selector("button.reject").click()
    assert page.text_content(".tally") == "2 of 4 fixes accepted"
    assert page.eval_on_selector_all("li.rejected", "els => els.length") == 2
    with page.expect_download() as info:
        page.click("button.download")
    download = info.value
    assert download.suggested_filename == "story.txt"
    got = Path(download.path()).read_text(encoding="utf-8")
    assert got == _fixed_by_cli(tmp_path, "story.txt", "NL401,NL201")
    assert got != text and "caf&#233;" in got and SPUN not in got and got.endswith("opened.\n")
    _shot(page, tmp_path, "review-fixes.png")


def test_restored_text_side_by_side(page, tmp_path):
    (tmp_path / "u.txt").write_text("\n\n".join(LINES) + "\n", encoding="utf-8")
    _open(page, _report(tmp_path, "u.txt"))
    assert not page.is_visible("pre.restored")
    page.click("button.restore")
    assert page.is_visible("pre.restored")
    restored = page.text_content("pre.restored")
    assert restored == _fixed_by_cli(tmp_path, "u.txt", "NL201")
    assert page.eval_on_selector_all("pre.restored ins", "els => els.map(e => e.textContent)") == \
        ["Chinese President"] * 4
    _shot(page, tmp_path, "review-restored.png")


def test_hostile_article_and_file_name_run_no_script(page, tmp_path):
    name = "a\"><img src=x onerror=\"window.__pwned=4\">.txt"
    (tmp_path / name).write_text(HOSTILE, encoding="utf-8")
    _open(page, _report(tmp_path, name, select="NL201"))
    page.keyboard.press("j")  # renders the article
    page.click("button.restore")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.dialogs == []
    assert page.eval_on_selector_all("article img, article script:not([type])", "els => els.length") == 0
    assert page.text_content("article h2") == name
    assert page.text_content("pre.text").lstrip("\n") == HOSTILE
    assert [u for u in page.requests if not u.startswith("file:")] == []


def test_many_articles_render_on_demand(page, tmp_path):
    for i in range(300):
        (tmp_path / f"s{i:03}.txt").write_text(f"Story {i}: the {SPUN} spoke.\n", encoding="utf-8")
    _open(page, _report(tmp_path, ".", select="NL201"), rendered=False)
    assert page.eval_on_selector_all("article.file", "els => els.length") == 300
    links = page.eval_on_selector_all("#files a", "els => els.map(e => e.getAttribute('href'))")
    assert len(links) == 300
    page.click(f"#files a[href='{links[0]}']")
    page.wait_for_selector(f"{links[0]} pre.text")
    rendered = page.eval_on_selector_all("article.file pre.text", "els => els.length")
    assert 0 < rendered < 300  # only the articles near the screen
    last = links[-1]
    page.click(f"#files a[href='{last}']")
    page.keyboard.press("k")  # from no current finding, k goes to the last one
    assert page.evaluate("document.activeElement.closest('article').id") == last[1:]
    assert page.text_content(f"{last} mark.now") == SPUN
