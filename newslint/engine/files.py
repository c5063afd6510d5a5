"""Find the files of a run and read them into Documents, with clear errors for bad input."""
from __future__ import annotations

import codecs
import fnmatch
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from newslint.model.document import Document
from newslint.model.formats import TEXT_SUFFIXES

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence
    from typing import BinaryIO

SKIP_DIRS = {".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".newslint_cache",
             ".tox", ".nox", ".mypy_cache", ".pytest_cache", "site-packages"}
# Not articles, skipped by a folder walk (and by --force-exclude) unless the config says
# ``default-exclude = false``: site generators' templates and build output (Hugo, Jekyll,
# Eleventy), and a repository's legal and machine-read files. See docs/configuration.md.
SITE_DIRS = frozenset({"layouts", "_layouts", "_includes", "themes", "archetypes", "_sass", "_data", "_site",
                       "public", "static", "assets", "resources"})
# Upper-case names only for words that can also title an article ("notice.md", "history.md").
_NOT_ARTICLE = re.compile(
    r"(?i:licen[cs]e|copying|changelog|code_of_conduct|contributing|codeowners)(?:[-_.][\w.-]*)?"
    r"|(?:NOTICE|AUTHORS|CHANGES|HISTORY|SECURITY|README)(?:[-_.][\w.-]*)?"
    r"|(?i:robots|humans|ads|app-ads|llms|requirements[\w.-]*)\.txt")
_BINARY_SNIFF = 8192
# The article size cap, the error type and the bounded read live in reading.py (the user cache
# and the pack loader need them without importing the Document this module builds); re-exported.
from newslint.model.reading import _OPEN_FLAGS, MAX_FILE_BYTES, InputError, read_limited  # noqa: E402, F401


@dataclass(frozen=True)
class Decoded:
    """A decoded file and what is needed to write it back byte for byte."""

    text: str
    encoding: str  # "utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"
    bom: bool
    bad_byte: int | None = None  # offset in ``text`` of the first undecodable byte


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def decode(data: bytes, path: str) -> Decoded:
    """Decode UTF-8 (with or without BOM) or BOM-marked UTF-16 or UTF-32.

    Invalid UTF-8 is decoded with replacement characters and ``bad_byte`` set, so the file is
    still linted, an encoding diagnostic points at the spot, and no fix rewrites it.
    """
    # UTF-32 first: its little-endian mark begins with UTF-16's (FF FE), then two NUL bytes.
    for bom, encoding in _BOMS:
        if data.startswith(bom) and not data.startswith(codecs.BOM_UTF8):
            try:
                return Decoded(data[len(bom):].decode(encoding), encoding, True)
            except UnicodeDecodeError:
                raise InputError(f"{path}: not valid {encoding.upper()} despite its byte-order mark") from None
    if b"\x00" in data[:_BINARY_SNIFF]:
        raise InputError(f"{path}: binary file (contains NUL bytes); not an article")
    bom = data.startswith(codecs.BOM_UTF8)
    body = data[3:] if bom else data
    try:
        return Decoded(body.decode("utf-8"), "utf-8", bom)
    except UnicodeDecodeError as exc:
        prefix = body[: exc.start].decode("utf-8", errors="replace")
        return Decoded(body.decode("utf-8", errors="replace"), "utf-8", bom, bad_byte=len(prefix))


def encode(text: str, decoded: Decoded) -> bytes:
    """The bytes of ``text`` in the file's original encoding and BOM."""
    for bom, encoding in _BOMS:
        if decoded.encoding == encoding:
            return bom + text.encode(encoding)
    return (codecs.BOM_UTF8 if decoded.bom else b"") + text.encode("utf-8")


def read_bytes(path: Path) -> bytes:
    """The bytes of an article file, or an InputError saying why they cannot be read."""
    return read_limited(path, MAX_FILE_BYTES, what="file")


def read_stream(stream: BinaryIO, name: str = "stdin") -> bytes:
    """At most :data:`MAX_FILE_BYTES` of a stream (stdin), or an InputError."""
    data = stream.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise InputError(f"{name}: input is over the limit of {MAX_FILE_BYTES:,} bytes; not read")
    return data


def read_document(path: Path, display: str | None = None) -> tuple[Document, Decoded]:
    """Read and decode a file into a Document."""
    return document_from_bytes(read_bytes(path), display or str(path))


def document_from_bytes(data: bytes, display: str) -> tuple[Document, Decoded]:
    """Decode bytes into a Document named ``display``."""
    decoded = decode(data, display)
    doc = Document.from_text(display, decoded.text)
    if decoded.bad_byte is not None:
        doc.fixable = False
        doc.decode_error = decoded.bad_byte
    return doc, decoded


def _matches(rel: str, patterns: Sequence[str]) -> bool:
    name = rel.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(name, p) or fnmatch.fnmatch(rel, p.rstrip("/") + "/*")
               for p in patterns)


def default_excluded(name: str, is_dir: bool) -> bool:
    """Whether a file or folder name is one of the default excludes (not an article)."""
    return name in SITE_DIRS if is_dir else _NOT_ARTICLE.fullmatch(name) is not None


def discover(paths: Sequence[str], exclude: Sequence[str] = (), *, respect_gitignore: bool = True,
             root: Path | None = None, force_exclude: bool = False,
             default_exclude: bool = True) -> Iterator[Path]:
    """Yield the article files under ``paths``.

    Folders are walked (skipping VCS, virtualenv and cache folders, excluded globs and, by
    default, what ``.gitignore`` files ignore); only known article suffixes are taken from folders.
    A file named explicitly is always linted unless ``force_exclude`` is set (pre-commit passes
    files by name; ``force_exclude`` makes it honour ``exclude`` and the default excludes too).
    """
    root = root or Path.cwd()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path, exclude, respect_gitignore, root, default_exclude)
        elif not (force_exclude and (_matches(_rel(path, root), exclude)
                                     or (default_exclude and _in_default_exclude(path, root)))):
            yield path


def _in_default_exclude(path: Path, root: Path) -> bool:
    """A file named explicitly: excluded by name, or inside a template/build folder below ``root``."""
    if default_excluded(path.name, False):
        return True
    folders = _rel(path, root).split("/")[:-1]
    return any(default_excluded(d, True) for d in folders)


def _rel(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _walk(top: Path, exclude: Sequence[str], respect_gitignore: bool, root: Path,
          default_exclude: bool = True) -> Iterator[Path]:
    from newslint.config.gitignore import GitIgnore

    ignore = GitIgnore(top, warn) if respect_gitignore else None
    real_root = root.resolve()
    real_top = Path(os.path.realpath(top))

    def unlistable(exc: OSError) -> None:
        if os.path.abspath(exc.filename or "") == os.path.abspath(top):
            raise InputError(f"{top}: cannot list folder: {exc.strerror}")
        warn(f"{exc.filename}: cannot list folder: {exc.strerror}; its files are not checked")

    for dirpath, dirnames, filenames in os.walk(top, onerror=unlistable):
        here = Path(dirpath)
        # Resolved once per folder: resolving every file cost more than reading it.
        real = Path(os.path.realpath(dirpath))
        rel_here = _rel_real(real, real_root) if exclude else ""
        if ignore is not None:
            ignore.enter(real)
        keep = []
        for d in sorted(dirnames):
            if d in SKIP_DIRS or (default_exclude and d in SITE_DIRS) or (exclude and _matches(_join(rel_here, d), exclude)) or (
                    ignore and ignore.ignored(real / d, True, resolved=True)):
                continue
            keep.append(d)
        dirnames[:] = keep
        for f in sorted(filenames):
            if os.path.splitext(f)[1].lower() not in TEXT_SUFFIXES or (exclude and _matches(_join(rel_here, f), exclude)):
                continue
            if default_exclude and _NOT_ARTICLE.fullmatch(f):
                continue
            if ignore is not None and ignore.ignored(real / f, False, resolved=True):
                continue
            if os.path.islink(here / f) and not _link_inside(here / f, real_root, real_top):
                continue
            yield here / f


def warn(message: str) -> None:
    """A warning that does not change the exit code, on stderr (names in it made harmless)."""
    from newslint.model.escape import printable

    print(f"newslint: warning: {printable(message)}", file=sys.stderr)


def _link_inside(link: Path, *roots: Path) -> bool:
    """Whether a symbolic link met in a folder leads to a file inside the project (else it is
    skipped with a warning: ``leak.md -> /etc/passwd`` must not reach the output of a CI run)."""
    target = Path(os.path.realpath(link))
    if any(target == r or r in target.parents for r in roots) and target.is_file():
        return True
    warn(f"{link}: symbolic link to a file outside the project (or to no file); not checked"
         " (name the target itself to check it)")
    return False


def _rel_real(real: Path, real_root: Path) -> str:
    try:
        return real.relative_to(real_root).as_posix()
    except ValueError:
        return real.as_posix()


def _join(folder: str, name: str) -> str:
    return f"{folder}/{name}" if folder and folder != "." else name
