"""Response times of the language server with a real client (pytest-lsp over stdin/stdout).

Targets (issue 17): a code action is answered within 200 ms on a typical (11 KB) article and
within 1 s on a 50 KB one, also while the document is being re-linted after an edit. Times are
medians of several requests; the measured values are printed (``pytest -s``) for the docs.
"""
from __future__ import annotations

import asyncio
import gzip
import statistics
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("pygls")
pytest_lsp = pytest.importorskip("pytest_lsp")

from lsprotocol import types  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities  # noqa: E402

from tests.test_lsp import _recording_client, published  # noqa: E402

pytestmark = [pytest.mark.slow, pytest.mark.asyncio(loop_scope="module")]

# Written for this test: sentences varied by number, so paragraphs do not repeat.
SENTENCES = [
    "The council met on Tuesday evening to discuss the budget for district {n}, officials said.",
    "Residents of the {n} streets near the harbour asked for more buses and safer crossings.",
    "A spokeswoman for the mayor said the plan would be published before the end of the month.",
    "Opposition members argued that the figures for item {n} had arrived too late to be studied.",
    "The vote was postponed twice, and a final decision is now expected after the summer break.",
    "Local businesses said the roadworks had cut the number of customers by a third since spring.",
]


def _vocabulary() -> list[str]:
    """Words of middling frequency from the spelling data: a real 10 KB post has ~650 distinct
    words, 50 KB ~1,600, and the spelling family's cost grows with them, not with the length."""
    data = Path(__file__).resolve().parent.parent / "rules" / "data" / "spelling-frequencies.txt.gz"
    with gzip.open(data, "rt", encoding="utf-8") as handle:
        rows = [line.split("\t") for line in handle]
    words = [r[0] for r in rows if r[0].isalpha() and r[0].islower() and len(r[0]) >= 5 and 38 <= int(r[1]) <= 44]
    return words[::3]


def article(size: int) -> str:
    words = _vocabulary()
    paragraphs, n = [], 0
    while sum(len(p) + 2 for p in paragraphs) < size:
        listed = ", ".join(words[(len(paragraphs) * 30 + k) % len(words)] for k in range(30))
        sentences = [s.format(n=n + i) for i, s in enumerate(SENTENCES)]
        sentences.insert(3, f"The report listed {listed} and more.")
        paragraphs.append(" ".join(sentences))
        n += 7
    return "# Council budget\n\n" + "\n\n".join(paragraphs) + "\n\n-------- Advertisement---------\n"


@pytest_lsp.fixture(scope="module", config=ClientServerConfig(
    server_command=[sys.executable, "-m", "newslint", "lsp"], client_factory=_recording_client))
async def client(lsp_client: LanguageClient, tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("speed")
    lsp_client.root = root  # type: ignore[attr-defined]
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"), root_uri=root.as_uri(),
        initialization_options={"debounce": 50}))
    yield
    await lsp_client.shutdown_session()


async def _action_times(client: LanguageClient, uri: str, diag: types.Diagnostic, count: int = 5) -> list[float]:
    times = []
    for _ in range(count):
        start = time.perf_counter()
        actions = await client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), range=diag.range,
            context=types.CodeActionContext(diagnostics=[diag])))
        times.append(time.perf_counter() - start)
        assert any("Disable NL401" in a.title for a in actions)
    return times


@pytest.mark.parametrize(("size", "budget"), [(11_000, 0.2), (50_000, 1.0)])
async def test_code_action_response_time(client: LanguageClient, size: int, budget: float):
    text = article(size)
    path = client.root / f"story-{size}.md"  # type: ignore[attr-defined]
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    start = time.perf_counter()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)))
    found = await published(client, uri, 1)
    first_lint = time.perf_counter() - start
    ad = next(d for d in found.diagnostics if d.code == "NL401")
    settled = statistics.median(await _action_times(client, uri, ad))

    # An edit: the document is stale until the re-lint finishes; actions must not wait for it.
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text.replace("Tuesday", "Wednesday", 1))]))
    editing = statistics.median(await _action_times(client, uri, ad))
    await published(client, uri, 2)
    print(f"\n{size} bytes: first lint {first_lint:.2f} s; code action {settled * 1000:.0f} ms settled, "
          f"{editing * 1000:.0f} ms during a re-lint")
    assert settled < budget
    assert editing < budget


async def test_stale_lints_are_skipped(client: LanguageClient):
    """Ten edits in a row cost far fewer than ten lints: queued lints of old versions are dropped.
    Only edits that arrive while a lint runs can go stale, so the article is one whose lint takes
    several times the edits' spacing (~0.3 s for 300 KB here; an 11 KB article lints in ~15 ms
    since the engine got faster, and every edit was then linted before the next one came)."""
    text = article(300_000)
    path = client.root / "burst.md"  # type: ignore[attr-defined]
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)))
    await published(client, uri, 1)
    mark = len(client.published)  # type: ignore[attr-defined]
    for version in range(2, 12):
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text + "x" * version)]))
        await asyncio.sleep(0.08)  # longer than the debounce: each edit schedules a lint
    await published(client, uri, 11, after=mark)
    versions = [p.version for p in client.published[mark:] if p.uri == uri]  # type: ignore[attr-defined]
    assert versions[-1] == 11
    assert len(versions) < 10


async def test_a_lint_under_way_is_stopped_by_an_edit(client: LanguageClient):
    """Edits that arrive while an article is being linted stop that lint before its next rule:
    the last edit's diagnostics come one lint after it, not after a stale lint's end. The article
    is 150 KB, three times the 50 KB the latency target names: a 50 KB article now lints in
    ~50 ms, too short for the edits to land inside its lint reliably."""
    text = article(150_000)
    path = client.root / "typing.md"  # type: ignore[attr-defined]
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)))
    await published(client, uri, 1)

    def edit(version: int) -> None:
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=f"{text}\nEdit {version}.\n")]))

    mark, logs = len(client.published), len(client.log_messages)  # type: ignore[attr-defined]
    for version in (2, 3):  # the second edit's lint is the warm one, as when typing
        start = time.perf_counter()
        edit(version)
        await published(client, uri, version, after=mark)
        one = time.perf_counter() - start  # the debounce (50 ms) and one lint
    # Each next edit lands a quarter, a half or three quarters into this one's lint (after the
    # 50 ms debounce): one fixed point missed every lint on a fresh CI machine whose lints ran
    # shorter than the warm one measured above.
    for version in range(4, 13):
        edit(version)
        await asyncio.sleep(0.05 + one * (0.25, 0.5, 0.75)[version % 3])
    last = time.perf_counter()
    edit(13)
    await published(client, uri, 13, after=mark)
    latency = time.perf_counter() - last
    stopped = [m.message for m in client.log_messages[logs:] if "stopped a stale lint" in m.message]
    versions = [p.version for p in client.published[mark:] if p.uri == uri]  # type: ignore[attr-defined]
    print(f"\n150 KB while typing: one lint {one:.2f} s; {len(stopped)} of 9 stale lints stopped under way; "
          f"last edit to its diagnostics {latency:.2f} s; versions published {versions}")
    assert stopped, "no lint under way was stopped"
    assert versions[-1] == 13 and len(versions) < 2 + 10
    # The target for a 50 KB article, unless the machine is so loaded that one lint alone nears it.
    assert latency < max(1.0, 1.5 * one)
