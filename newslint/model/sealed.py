"""Data-only, authenticated storage for caches that live where a repository can write.

``.newslint_cache/`` sits inside the checked-out repository, so anything in it may have been
planted by whoever wrote the repository (``git add -f``). Its entries therefore never go through
``pickle`` (unpickling runs code) and never through ``marshal`` (not safe against crafted data):
they are JSON of builtin values only (:func:`dumps` / :func:`loads`), sealed with a keyed BLAKE2b
MAC (:func:`seal` / :func:`unseal`) whose key lives in the per-user cache folder, outside the
repository. A planted entry cannot carry a valid MAC, so it can neither run code nor mark a
dirty file clean: it is a miss, like a damaged one.
"""
from __future__ import annotations

import base64
import hashlib
import json
import os
import secrets
import stat
from typing import Any

FORMAT = b"newslint-sealed-1\n"  # version of the envelope and the codec
_MAC_SIZE = 32
_KEY: bytes | None = None


def _key() -> bytes:
    """This user's MAC key: read from (or created in) the per-user cache folder; a fresh random
    key for this process when that folder cannot be used (entries then never match across runs)."""
    global _KEY
    if _KEY is not None:
        return _KEY
    from newslint.model.usercache import user_cache_dir

    folder = user_cache_dir()
    key = None
    if folder is not None:
        path = folder / "project-cache.key"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(secrets.token_bytes(32))
        except FileExistsError:
            pass
        except OSError:
            folder = None
        if folder is not None:
            key = _read_key(path)
    _KEY = key or secrets.token_bytes(32)
    return _KEY


def _read_key(path: os.PathLike[str]) -> bytes | None:
    """The key file's bytes, if it is a regular file of this user that nobody else can read."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        owner_ok = not hasattr(os, "getuid") or info.st_uid == os.getuid()
        if not stat.S_ISREG(info.st_mode) or not owner_ok or info.st_mode & 0o077:
            return None
        data = handle.read(64)
    return data if len(data) == 32 else None


def seal(payload: bytes) -> bytes:
    """``payload`` with the format line and its MAC in front."""
    mac = hashlib.blake2b(payload, key=_key(), digest_size=_MAC_SIZE, person=b"newslint").digest()
    return FORMAT + mac + payload


def unseal(blob: bytes) -> bytes | None:
    """The payload of a sealed blob, or None when the format or the MAC does not match."""
    if not blob.startswith(FORMAT) or len(blob) < len(FORMAT) + _MAC_SIZE:
        return None
    mac, payload = blob[len(FORMAT):len(FORMAT) + _MAC_SIZE], blob[len(FORMAT) + _MAC_SIZE:]
    want = hashlib.blake2b(payload, key=_key(), digest_size=_MAC_SIZE, person=b"newslint").digest()
    return payload if secrets.compare_digest(mac, want) else None


# The codec: JSON scalars stand for themselves; every container is a JSON array whose first
# item says what it was, so tuples, bytes, sets and dicts with non-string keys come back as they went.

def _enc(value: Any) -> Any:
    kind = type(value)
    if value is None or kind in (str, int, float, bool):
        return value
    if kind is list:
        return ["l", *map(_enc, value)]
    if kind is tuple:
        return ["t", *map(_enc, value)]
    if kind is dict:
        out: list[Any] = ["d"]
        for k, v in value.items():
            out.append(_enc(k))
            out.append(_enc(v))
        return out
    if kind in (bytes, bytearray):
        return ["b", base64.b64encode(value).decode("ascii")]
    if kind is set or kind is frozenset:
        return ["s" if kind is set else "f", *map(_enc, value)]
    raise TypeError(f"cannot store a {kind.__name__} in a sealed cache")


def _dec(value: Any) -> Any:
    if not isinstance(value, list):
        if isinstance(value, dict):
            raise ValueError("bare JSON object")
        return value
    tag, items = value[0], value[1:]
    if tag == "l":
        return [_dec(v) for v in items]
    if tag == "t":
        return tuple(_dec(v) for v in items)
    if tag == "d":
        return {_dec(items[i]): _dec(items[i + 1]) for i in range(0, len(items) - 1, 2)}
    if tag == "b":
        return base64.b64decode(items[0], validate=True)
    if tag == "s":
        return {_dec(v) for v in items}
    if tag == "f":
        return frozenset(_dec(v) for v in items)
    raise ValueError(f"unknown tag {tag!r}")


def dumps(value: Any) -> bytes:
    """``value`` (builtin types only) as sealed JSON bytes; TypeError for anything else."""
    return seal(json.dumps(_enc(value), ensure_ascii=True, separators=(",", ":")).encode("ascii"))


def loads(blob: bytes) -> Any:
    """The value :func:`dumps` wrote, or ValueError for anything else (wrong MAC, format, shape)."""
    payload = unseal(blob)
    if payload is None:
        raise ValueError("not a sealed newslint cache entry (or written by another user)")
    try:
        return _dec(json.loads(payload))
    except (TypeError, IndexError, KeyError, RecursionError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"malformed cache entry: {exc}") from None
