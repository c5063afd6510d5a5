"""``newslint lsp``: start the language server over stdin/stdout.

The server needs the optional ``lsp`` extra (pygls, lsprotocol). This module imports nothing
heavy, so ``newslint check`` never pays for the LSP stack; without the extra installed the
command says what to install, in one line, and exits 2.
"""
from __future__ import annotations

import importlib.util
import sys

INSTALL_HINT = "newslint: error: the language server needs the 'lsp' extra: pip install 'newslint[lsp]'"


def available() -> bool:
    """Whether pygls and lsprotocol can be imported."""
    try:
        return all(importlib.util.find_spec(name) is not None for name in ("pygls", "lsprotocol"))
    except (ImportError, ValueError):
        return False


def main(debounce_ms: float | None = None) -> int:
    """Run the server until the client disconnects; 2 when the extra is missing."""
    if not available():
        print(INSTALL_HINT, file=sys.stderr)
        return 2
    try:
        from newslint.lsp.server import DEFAULT_DEBOUNCE, serve
    except ImportError as exc:  # e.g. an incompatible pygls 1.x
        print(f"{INSTALL_HINT} ({exc})", file=sys.stderr)
        return 2
    serve(DEFAULT_DEBOUNCE if debounce_ms is None else max(0.0, debounce_ms) / 1000)
    return 0
