"""Robust framing for the language server's input, and an answer to every malformed request.

pygls reads ``Content-Length: N`` headers by exact whole lines and then exactly N bytes. One bad
length from a client (or a proxy) desynchronised the stream for good: with N too small, the rest
of the body is glued to the next header line, which then never matches, and so on for every later
message; with N too large, the read waits for bytes that never come. :class:`FramedStdin` sits
between stdin and pygls, finds each header wherever it starts, and gives pygls only well-formed
frames:

- a body that is not JSON but holds the start of the next frame is cut there (N too large);
- a body that stops arriving while already complete JSON is taken as it is (N too large, nothing
  follows: the client waits for our answer);
- a header glued to the end of a previous body is still found (N too small).

:class:`Protocol` answers a request whose params do not fit its method with a JSON-RPC error
(pygls only logged it, and the client waited forever).
"""
from __future__ import annotations

import json
import logging
import re
from typing import Any, BinaryIO

from pygls.exceptions import JsonRpcException
from pygls.protocol import LanguageServerProtocol

log = logging.getLogger("newslint.lsp")
MAX_BODY = 64 * 1024 * 1024  # bytes: a larger Content-Length is a broken header, not a document
_LENGTH = re.compile(rb"Content-Length:[ \t]*(\d+)", re.I)


class FramedStdin:
    """A file-like stdin for pygls (``readline`` and ``read``) that always frames correctly."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw
        self.pending = b""  # bytes read from raw but not yet parsed
        self.out = b""  # well-formed frames for pygls

    # -- what pygls calls
    def readline(self) -> bytes:
        if not self.out:
            self._next_frame()
        cut = self.out.find(b"\n") + 1 or len(self.out)
        line, self.out = self.out[:cut], self.out[cut:]
        return line

    def read(self, n: int) -> bytes:
        while len(self.out) < n:
            before = len(self.out)
            self._next_frame()
            if len(self.out) == before:
                break
        data, self.out = self.out[:n], self.out[n:]
        return data

    # -- framing
    def _chunk(self) -> bytes:
        read1 = getattr(self.raw, "read1", None)
        return read1(65536) if read1 else self.raw.read(1)

    def _fill(self) -> bool:
        chunk = self._chunk()
        self.pending += chunk
        return bool(chunk)

    def _next_frame(self) -> None:
        """Parse one frame from the input into ``out`` (nothing at end of input)."""
        while True:
            match = _LENGTH.search(self.pending)
            end = self.pending.find(b"\r\n\r\n", match.end()) if match else -1
            if match and end >= 0:
                break
            if not self._fill():
                return
        length = int(match.group(1))
        start = end + 4
        self.pending = self.pending[start:]
        if length > MAX_BODY:
            log.error("Content-Length %d is over the limit; skipped to the next header", length)
            return
        body = self._body(length)
        self.out += b"Content-Length: %d\r\n\r\n" % len(body) + body

    def _body(self, length: int) -> bytes:
        while len(self.pending) < length:
            glued = _LENGTH.search(self.pending)
            if glued and _is_json(self.pending[:glued.start()]):  # the length ran into the next frame
                body, self.pending = self.pending[:glued.start()], self.pending[glued.start():]
                return body
            before = len(self.pending)
            if not self._fill():
                break
            # The client stopped sending with a complete message: it waits for our answer.
            if len(self.pending) - before < 65536 and self.pending.rstrip().endswith(b"}") and _is_json(self.pending):
                body, self.pending = self.pending, b""
                return body
        body = self.pending[:length]
        if not _is_json(body):  # did the length run into the next frame?
            for glued in _LENGTH.finditer(self.pending):
                if glued.start() >= length:
                    break
                if _is_json(self.pending[:glued.start()]):
                    body, self.pending = self.pending[:glued.start()], self.pending[glued.start():]
                    return body
        self.pending = self.pending[length:]
        return body


def _is_json(data: bytes) -> bool:
    try:
        json.loads(data)
    except ValueError:
        return False
    return True


class Protocol(LanguageServerProtocol):
    """pygls' protocol, answering a request with unusable params instead of dropping it."""

    def structure_message(self, data: dict[str, Any]) -> Any:
        try:
            return super().structure_message(data)
        except JsonRpcException as exc:
            if isinstance(data, dict) and "id" in data and "method" in data and "jsonrpc" in data:
                from lsprotocol.types import ResponseError

                message = exc.message or "Invalid params"
                self._send_response(data["id"], error=ResponseError(code=exc.code, message=message))
            raise


