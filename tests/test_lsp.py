"""The language server, end to end: pytest-lsp starts ``python -m newslint lsp`` as a real process
and talks LSP to it over stdin/stdout with VS Code's client capabilities.

Expected positions are computed here from the text with Python's own UTF-16/UTF-8 encoders, not
with newslint's converter, so a wrong conversion cannot agree with itself.
"""
from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest

pytest.importorskip("pygls")
pytest_lsp = pytest.importorskip("pytest_lsp")

from lsprotocol import types  # noqa: E402
from pygls.protocol import default_converter  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities  # noqa: E402
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features  # noqa: E402

# One server for the module (starting one costs about a second); every test works in its own
# folder of the workspace, so no test sees another's files, config or documents.
pytestmark = [pytest.mark.slow, pytest.mark.asyncio(loop_scope="module")]
PUBLISH = types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS
# Long enough that three notifications sent back to back always land inside one window.
DEBOUNCE_MS = 400
WAIT = 30.0  # a guard against a hung server, not a speed requirement

ARTICLE = (
    "Zoë Ñúñez 😀😀 said the State Division would reply on Monday.\n"
    "\n"
    "-------- Advertisement---------\n"
    "\n"
    "The talks in Brasília 🇧🇷 resumed after a short break, officials said.\n"
)


def _recording_client() -> LanguageClient:
    """A test client that keeps every publishDiagnostics (with its version), not just the last."""
    client = LanguageClient(converter_factory=default_converter)

    def publish(ls: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
        ls.diagnostics[params.uri] = params.diagnostics
        ls.published.append(params)  # type: ignore[attr-defined]

    client.published = []  # type: ignore[attr-defined]
    register_lsp_features(client, {**DEFAULT_CLIENT_FEATURES, PUBLISH: publish})
    return client


@pytest_lsp.fixture(scope="module", config=ClientServerConfig(
    server_command=[sys.executable, "-m", "newslint", "lsp"], client_factory=_recording_client))
async def client(lsp_client: LanguageClient, workspace: Path):
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"),
        root_uri=workspace.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=workspace.as_uri(), name="articles")],
        initialization_options={"debounce": DEBOUNCE_MS},
    ))
    yield
    await lsp_client.shutdown_session()


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("workspace")
    (root / "newslint.toml").write_text('ignore = ["NL203"]\n', encoding="utf-8")
    return root


@pytest.fixture
def tmp_path(workspace: Path, request: pytest.FixtureRequest) -> Path:
    """This test's own folder inside the shared workspace."""
    folder = workspace / request.node.name
    folder.mkdir()
    return folder


async def published(client: LanguageClient, uri: str, version: int | None = None, *,
                    after: int = 0) -> types.PublishDiagnosticsParams:
    """Wait for diagnostics of ``uri`` (of ``version`` when given; among the notifications
    received after the first ``after``) and return the latest such."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + WAIT
    while True:
        for params in reversed(client.published[after:]):  # type: ignore[attr-defined]
            if params.uri == uri and (version is None or params.version == version):
                return params
        if loop.time() > deadline:
            pytest.fail(f"no diagnostics for {uri} version {version}; got {client.published}")  # type: ignore[attr-defined]
        await asyncio.sleep(0.02)


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def apply(text: str, edits: list[types.TextEdit]) -> str:
    """Apply LSP text edits (UTF-16 positions), independently of newslint's converter."""
    lines = text.split("\n")

    def offset(pos: types.Position) -> int:
        before = sum(len(line) + 1 for line in lines[: pos.line])
        line = lines[pos.line] if pos.line < len(lines) else ""
        return before + len(line.encode("utf-16-le")[: 2 * pos.character].decode("utf-16-le"))

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end):]
    return text


def open_doc(client: LanguageClient, path: Path, text: str, language: str = "markdown") -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)))
    return uri


def by_code(params: types.PublishDiagnosticsParams) -> dict[str, types.Diagnostic]:
    return {str(d.code): d for d in params.diagnostics}


async def test_open_reports_diagnostics_at_utf16_positions(client: LanguageClient, tmp_path: Path):
    uri = open_doc(client, tmp_path / "Zoë Ñúñez.md", ARTICLE)
    found = by_code(await published(client, uri, 1))
    assert set(found) >= {"NL201", "NL401"}
    spun = found["NL201"]
    line0 = ARTICLE.split("\n")[0]
    col = line0.index("State Division")
    assert spun.range.start == types.Position(0, utf16(line0[:col]))
    assert spun.range.end == types.Position(0, utf16(line0[:col + len("State Division")]))
    assert utf16(line0[:col]) == col + 2  # the two emoji before it are surrogate pairs
    assert spun.source == "newslint" and spun.severity == types.DiagnosticSeverity.Warning
    ad = found["NL401"]
    assert (ad.range.start.line, ad.range.start.character) == (2, 0)


async def test_incremental_change_is_relinted(client: LanguageClient, tmp_path: Path):
    uri = open_doc(client, tmp_path / "story.md", ARTICLE)
    await published(client, uri, 1)
    line0 = ARTICLE.split("\n")[0]
    col = utf16(line0[: line0.index("State Division")])
    change = types.TextDocumentContentChangePartial(
        range=types.Range(start=types.Position(0, col), end=types.Position(0, col + len("State Division"))),
        text="State Department")
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2), content_changes=[change]))
    after = by_code(await published(client, uri, 2))
    assert "NL201" not in after and "NL401" in after


async def test_changes_are_debounced(client: LanguageClient, tmp_path: Path):
    uri = open_doc(client, tmp_path / "story.md", "The talks ended on Monday.\n")
    first = await published(client, uri, 1)
    assert list(first.diagnostics) == []
    text = "The talks ended on Monday.\n"
    for version, extra in enumerate(["[ad_2]\n", "\nAdvertisement\n", "\nThe State Division said nothing.\n"], 2):
        text += extra
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))
    final = await published(client, uri, 4)
    assert set(by_code(final)) == {"NL201", "NL401", "NL402"}
    versions = [p.version for p in client.published if p.uri == uri]  # type: ignore[attr-defined]
    assert versions == [1, 4], "each keystroke in a burst was linted"


async def test_code_actions_offer_labelled_fixes(client: LanguageClient, tmp_path: Path):
    uri = open_doc(client, tmp_path / "story.md", ARTICLE)
    found = by_code(await published(client, uri, 1))
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=found["NL401"].range,
        context=types.CodeActionContext(diagnostics=[found["NL401"]])))
    titles = [a.title for a in actions]
    safe = next(a for a in actions if "NL401" in a.title and a.is_preferred)
    assert "unsafe" not in safe.title
    assert "Disable NL401 for this line" in titles
    (change,) = safe.edit.document_changes
    assert change.text_document.version == 1
    assert "Advertisement" not in apply(ARTICLE, change.edits)
    assert "Zoë Ñúñez 😀😀" in apply(ARTICLE, change.edits)

    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=found["NL201"].range,
        context=types.CodeActionContext(diagnostics=[found["NL201"]])))
    unsafe = next(a for a in actions if "NL201" in a.title and "Disable" not in a.title)
    assert "unsafe" in unsafe.title and not unsafe.is_preferred
    fixed = apply(ARTICLE, unsafe.edit.document_changes[0].edits)
    assert fixed.split("\n")[0] == "Zoë Ñúñez 😀😀 said the State Department would reply on Monday."


async def test_fix_all_applies_only_safe_fixes(client: LanguageClient, tmp_path: Path):
    uri = open_doc(client, tmp_path / "story.md", ARTICLE)
    await published(client, uri, 1)
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        range=types.Range(start=types.Position(0, 0), end=types.Position(0, 0)),
        context=types.CodeActionContext(diagnostics=[], only=[types.CodeActionKind.SourceFixAll])))
    (fix_all,) = actions
    assert fix_all.kind == "source.fixAll.newslint"
    fixed = apply(ARTICLE, fix_all.edit.document_changes[0].edits)
    assert "Advertisement" not in fixed and "State Division" in fixed  # the spun phrase fix is unsafe


async def test_project_config_is_honoured_per_folder(client: LanguageClient, tmp_path: Path):
    (tmp_path / "wire" / "newslint.toml").parent.mkdir()
    (tmp_path / "wire" / "newslint.toml").write_text('ignore = ["boilerplate"]\n', encoding="utf-8")
    wire = open_doc(client, tmp_path / "wire" / "story.md", ARTICLE)
    home = open_doc(client, tmp_path / "home" / "story.md", ARTICLE)
    assert "NL401" not in by_code(await published(client, wire, 1))
    assert "NL401" in by_code(await published(client, home, 1))


async def test_saving_the_config_relints_open_documents(client: LanguageClient, tmp_path: Path):
    uri = open_doc(client, tmp_path / "story.md", ARTICLE)
    assert "NL201" in by_code(await published(client, uri, 1))
    count = len(client.published)  # type: ignore[attr-defined]
    config = tmp_path / "newslint.toml"  # nearer to the story than the workspace's config
    config.write_text('ignore = ["NL203", "spin"]\n', encoding="utf-8")
    client.text_document_did_save(types.DidSaveTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=config.as_uri())))
    latest = await published(client, uri, 1, after=count)
    assert "NL201" not in by_code(latest) and "NL401" in by_code(latest)


async def test_broken_config_is_shown_once_not_crashed(client: LanguageClient, tmp_path: Path):
    (tmp_path / "bad" / "newslint.toml").parent.mkdir()
    (tmp_path / "bad" / "newslint.toml").write_text('colour = "red"\n', encoding="utf-8")
    uri = open_doc(client, tmp_path / "bad" / "story.md", ARTICLE)
    assert list((await published(client, uri, 1)).diagnostics) == []
    errors = [m for m in client.messages if m.type == types.MessageType.Error and str(tmp_path) in m.message]
    assert len(errors) == 1 and "unknown key 'colour'" in errors[0].message
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=ARTICLE + "More.\n")]))
    await published(client, uri, 2)
    assert len([m for m in client.messages if str(tmp_path) in m.message]) == 1, "the error is shown at every keystroke"
    # The server still serves other documents.
    good = open_doc(client, tmp_path / "story.md", ARTICLE)
    assert "NL401" in by_code(await published(client, good, 1))


async def test_close_clears_diagnostics(client: LanguageClient, tmp_path: Path):
    uri = open_doc(client, tmp_path / "story.md", ARTICLE)
    assert (await published(client, uri, 1)).diagnostics
    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    loop = asyncio.get_running_loop()
    deadline = loop.time() + WAIT
    while client.diagnostics.get(uri) and loop.time() < deadline:
        await asyncio.sleep(0.02)
    assert list(client.diagnostics[uri]) == []


async def test_non_article_files_are_left_alone(client: LanguageClient, tmp_path: Path):
    code = open_doc(client, tmp_path / "script.py", "# Advertisement\nprint('State Division')\n", "python")
    article = open_doc(client, tmp_path / "story.md", ARTICLE)
    await published(client, article, 1)
    assert all(p.uri != code for p in client.published)  # type: ignore[attr-defined]
