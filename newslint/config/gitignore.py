"""Honour ``.gitignore`` files while walking a folder (pathspec does the matching)."""
from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

# The largest .gitignore read; git's own are a few kilobytes.
MAX_BYTES = 1024 * 1024


class GitIgnore:
    """The ``.gitignore`` rules that apply below a walked folder, gathered as the walk goes down."""

    def __init__(self, top: Path, warn: Callable[[str], None]) -> None:
        self._warn = warn
        self._specs: list[tuple[Path, object]] = []
        self._seen: set[Path] = set()
        # Rules from the repository's folders above ``top`` apply too.
        chain = [top.resolve(), *top.resolve().parents]
        repo = next((i for i, p in enumerate(chain) if (p / ".git").exists()), 0)
        for folder in reversed(chain[: repo + 1]):
            self.enter(folder)

    def enter(self, folder: Path) -> None:
        """Load ``folder/.gitignore`` if there is one."""
        folder = folder.resolve()
        if folder in self._seen:
            return
        self._seen.add(folder)
        file = folder / ".gitignore"
        if os.path.lexists(file):
            import pathspec

            from newslint.model.reading import InputError, read_limited

            try:  # the repository's file: bounded, regular files only (a FIFO would block the walk)
                lines = read_limited(file, MAX_BYTES, ".gitignore").decode("utf-8", "replace").splitlines()
            except InputError as exc:  # a broken .gitignore lints more files, never fewer
                self._warn(f"{exc}; its rules are not applied")
                return
            self._specs.append((folder, pathspec.GitIgnoreSpec.from_lines(lines)))

    def ignored(self, path: Path, is_dir: bool, *, resolved: bool = False) -> bool:
        """True when a ``.gitignore`` rule above ``path`` ignores it (``resolved``: the caller has
        resolved the folder already)."""
        if not resolved:
            path = path.resolve()
        for base, spec in self._specs:
            if base == path or base in path.parents:
                rel = path.relative_to(base).as_posix() + ("/" if is_dir else "")
                if spec.match_file(rel):  # type: ignore[attr-defined]
                    return True
        return False
