"""The newslint language server (pygls): diagnostics as you type, and code actions for fixes.

- ``didOpen`` and ``didSave`` lint at once; ``didChange`` lints after a pause in typing (the
  debounce, 300 ms by default) so a burst of keystrokes costs one lint, not one per key.
- Linting runs in one worker thread: the editor's requests are answered while an article is
  linted, and rules (which memoise per document) never run concurrently.
- A result is published only if the document has not changed since it was read; otherwise a
  newer lint is already on its way. A lint still queued when its document changes is skipped
  (the worker checks the version before it starts), and one under way stops before its next
  rule (the engine asks), so a burst of edits never keeps the worker on stale text.
- A code action is answered within ``ACTION_BUDGET``: from the current lint when there is one,
  waiting that long at most for the lint under way; otherwise with the "disable" actions for
  the diagnostics the client sent (the client asks again once the new diagnostics arrive).
- Positions go through :mod:`newslint.lsp.positions` in the encoding negotiated with the client
  (UTF-16 unless the client offers UTF-8 or UTF-32).

This module imports pygls at the top; :mod:`newslint.lsp` checks that it is installed first.
"""
from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from newslint import __version__
from newslint.config.settings import CONFIG_FILES
from newslint.engine.lint import LintCancelled
from newslint.model.formats import TEXT_SUFFIXES
from newslint.lsp.actions import Linted, code_actions, disable_actions, to_lsp
from newslint.lsp.positions import UTF16, LineIndex
from newslint.lsp.workspace import SETTINGS_ERRORS, Workspace

DEFAULT_DEBOUNCE = 0.3
ACTION_BUDGET = 0.15  # seconds a code action may wait for a lint under way
WARM_UP = "The minister said on Monday that the talks had resumed, and that a deal was close.\n"
# Editors tag buffers with a language id; these are the ones newslint reads as articles.
ARTICLE_LANGUAGES = {"markdown", "plaintext", "text", "html"}
log = logging.getLogger("newslint.lsp")


class NewslintServer(LanguageServer):
    """A pygls server that remembers the last lint of every open document."""

    def __init__(self, debounce: float = DEFAULT_DEBOUNCE) -> None:
        from newslint.lsp.framing import Protocol  # answers requests with unusable params

        super().__init__("newslint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
                         protocol_cls=Protocol)
        self.debounce = debounce
        self.lint_workspace = Workspace()
        self.results: dict[str, Linted] = {}
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.reported: set[str] = set()
        self.open: set[str] = set()  # URIs as the client spells them (pygls keys them unquoted)
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newslint-lint")

    @property
    def encoding(self) -> str:
        """The position encoding agreed with the client."""
        value = self.workspace.position_encoding or UTF16
        return str(getattr(value, "value", value))

    def document(self, uri: str) -> Any:
        """The open document at ``uri``, or None."""
        return self.workspace.text_documents.get(unquote(uri))

    def wants(self, uri: str) -> bool:
        """Whether the open document at ``uri`` is an article newslint should lint."""
        doc = self.document(uri)
        if doc is None:
            return False
        suffix = Path(doc.filename or "").suffix.lower()
        return suffix in TEXT_SUFFIXES or (doc.language_id or "").lower() in ARTICLE_LANGUAGES

    def schedule(self, uri: str, delay: float) -> None:
        """Lint ``uri`` after ``delay`` seconds, replacing a lint already waiting for it."""
        previous = self.pending.pop(uri, None)
        if previous is not None:
            previous.cancel()
        self.pending[uri] = asyncio.get_running_loop().create_task(self._lint_later(uri, delay))

    async def _lint_later(self, uri: str, delay: float) -> None:
        if delay > 0:
            await asyncio.sleep(delay)
        await self.lint(uri)

    async def lint(self, uri: str) -> Linted | None:
        """Lint the current text of ``uri`` and publish the diagnostics (if still current)."""
        if not self.wants(uri):
            return None
        doc = self.document(uri)
        text, version = doc.source, doc.version
        path = Path(to_fs_path(uri)) if uri.startswith("file:") else None
        loop = asyncio.get_running_loop()
        try:
            found = await loop.run_in_executor(self.pool, self._lint_if_current, loop, uri, version, text, path,
                                               doc.filename or uri)
            if found is None:
                return None  # the document changed while this lint waited: a newer one is scheduled
        except SETTINGS_ERRORS as exc:
            self._report(f"newslint: {exc}")
            found = []
        except Exception as exc:  # a crashing rule must not take the editor's server down
            log.exception("lint failed")
            self._report(f"newslint: {type(exc).__name__}: {exc}")
            return None
        current = self.document(uri)
        if current is None or current.version != version:
            return None  # changed or closed meanwhile: a newer lint is scheduled
        linted = Linted(version, LineIndex(text, self.encoding), found)
        self.results[uri] = linted
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=uri, version=version, diagnostics=[to_lsp(d, linted.index) for d in found]))
        return linted

    def _lint_if_current(self, loop: asyncio.AbstractEventLoop, uri: str, version: int | None, text: str,
                         path: Path | None, name: str) -> list[Any] | None:
        """Runs in the lint thread: lint unless the document changed while this waited, and stop
        before the next rule if it changes meanwhile (None: stale, a newer lint is scheduled).

        The edit that made it stale has usually cancelled the task awaiting this lint already, so
        without the check the thread would finish stale work while the newer lint queued behind it."""
        def stale() -> bool:
            current = self.document(uri)
            return current is None or current.version != version

        if stale():
            return None
        try:
            return self.lint_workspace.lint(text, path, name, stale)
        except LintCancelled:
            message = f"newslint: stopped a stale lint of {uri} (version {version})"
            # pygls writes to the client from the event loop only
            loop.call_soon_threadsafe(self.window_log_message,
                                      types.LogMessageParams(type=types.MessageType.Log, message=message))
            return None

    async def current(self, uri: str) -> Linted | None:
        """The lint of the document's current version: the last one if current, else the one
        under way (or scheduled) for it, else a new one."""
        doc = self.document(uri)
        linted = self.results.get(uri)
        if doc is None or (linted is not None and linted.version == doc.version):
            return linted
        pending = self.pending.get(uri)
        if pending is not None and not pending.done():
            try:
                await asyncio.shield(pending)
            except asyncio.CancelledError:
                if not pending.cancelled():
                    raise  # this request itself was cancelled
                return await self.current(uri)  # replaced by a newer lint: wait for that one
            linted = self.results.get(uri)
            doc = self.document(uri)
            if doc is not None and linted is not None and linted.version == doc.version:
                return linted
        return await self.lint(uri)

    def _report(self, message: str) -> None:
        """Show an error once (not at every keystroke) and log it every time."""
        self.window_log_message(types.LogMessageParams(type=types.MessageType.Error, message=message))
        if message not in self.reported:
            self.reported.add(message)
            self.window_show_message(types.ShowMessageParams(type=types.MessageType.Error, message=message))

    def forget(self, uri: str) -> None:
        """Drop what is known about a closed document and clear its diagnostics."""
        task = self.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        self.open.discard(uri)
        self.results.pop(uri, None)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


def build_server(debounce: float = DEFAULT_DEBOUNCE) -> NewslintServer:
    """A server with every newslint feature registered."""
    server = NewslintServer(debounce)

    @server.feature(types.INITIALIZE)
    def initialize(ls: NewslintServer, params: types.InitializeParams) -> None:
        options: Any = params.initialization_options
        if isinstance(options, dict) and isinstance(options.get("debounce"), (int, float)):
            ls.debounce = max(0.0, options["debounce"] / 1000)
        root = ls.workspace.root_path
        ls.lint_workspace = Workspace(Path(root) if root else None)

    @server.feature(types.INITIALIZED)
    def initialized(ls: NewslintServer, params: types.InitializedParams) -> None:
        # Compiling every rule's patterns takes about a second; do it while the editor is still
        # starting up rather than when the first article opens. Errors surface at that lint.
        ls.pool.submit(ls.lint_workspace.lint, WARM_UP, None, "warm-up.md")

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(ls: NewslintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.open.add(params.text_document.uri)
        ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(ls: NewslintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, ls.debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    async def did_save(ls: NewslintServer, params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        if Path(to_fs_path(uri) or "").name in CONFIG_FILES:
            # The project's settings changed: re-lint every open article with them.
            ls.lint_workspace.forget()
            ls.reported.clear()
            for other in sorted(ls.open):
                ls.schedule(other, 0)
        else:
            ls.schedule(uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: NewslintServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.forget(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll]))
    async def code_action(ls: NewslintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        versioned = bool(getattr(getattr(getattr(ls.client_capabilities, "workspace", None),
                                         "workspace_edit", None), "document_changes", False))
        try:
            linted = await asyncio.wait_for(asyncio.shield(ls.current(uri)), ACTION_BUDGET)
        except asyncio.TimeoutError:
            # The lint goes on (and publishes); answer now with what needs no lint.
            doc = ls.document(uri)
            if doc is None:
                return []
            index = LineIndex(doc.source, ls.encoding)
            return disable_actions(uri, index, doc.version, params, versioned=versioned)
        if linted is None:
            return []
        return code_actions(uri, linted, params, versioned=versioned)

    return server


def serve(debounce: float = DEFAULT_DEBOUNCE) -> None:
    """Run the server over stdin/stdout until the client disconnects."""
    import sys

    from newslint.lsp.framing import FramedStdin  # survives a bad Content-Length

    build_server(debounce).start_io(stdin=FramedStdin(sys.stdin.buffer))  # type: ignore[arg-type]
