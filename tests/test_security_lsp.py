"""The language server survives a bad Content-Length and answers requests with bad params (issue 22)."""
from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

pytest.importorskip("pygls")

from newslint.lsp.framing import FramedStdin  # noqa: E402


def frame(message: dict, length_delta: int = 0) -> bytes:
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % (len(body) + length_delta) + body


def frames_of(stream: FramedStdin) -> list[dict]:
    out = []
    while True:
        header = stream.readline()
        if not header:
            return out
        assert header.startswith(b"Content-Length: ")
        assert stream.readline() == b"\r\n"
        body = stream.read(int(header.split(b":")[1]))
        try:
            out.append(json.loads(body))
        except ValueError:
            out.append({"broken": body})


@pytest.mark.parametrize("delta", [-5, +7, +10_000])
def test_a_bad_length_loses_one_message_at_most(delta):
    first, second, third = ({"jsonrpc": "2.0", "method": f"m{i}", "params": {}} for i in range(3))
    data = frame(first) + frame(second, delta) + frame(third)
    got = [m.get("method") for m in frames_of(FramedStdin(io.BufferedReader(io.BytesIO(data))))]
    assert got[0] == "m0" and got[-1] == "m2"


def test_the_server_answers_after_a_desync_and_on_invalid_params():
    init = {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}
    bad_params = {"jsonrpc": "2.0", "id": 2, "method": "textDocument/codeAction", "params": {"nonsense": 1}}
    shutdown = {"jsonrpc": "2.0", "id": 3, "method": "shutdown"}
    bad_length = {"jsonrpc": "2.0", "method": "initialized", "params": {}}
    data = (frame(init) + frame(bad_length, -4) + frame(bad_params) + frame(shutdown)
            + frame({"jsonrpc": "2.0", "method": "exit"}))
    done = subprocess.run([sys.executable, "-m", "newslint", "lsp"], input=data, capture_output=True, timeout=120)
    replies = {}
    rest = done.stdout
    while rest:
        header, _, rest = rest.partition(b"\r\n\r\n")
        length = int(header.split(b"\r\n")[0].split(b":")[1])
        message, rest = json.loads(rest[:length]), rest[length:]
        if "id" in message:
            replies[message["id"]] = message
    assert "result" in replies[1]
    assert replies[2]["error"]["code"] == -32602
    assert "result" in replies[3]
