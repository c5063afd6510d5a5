"""Honour ``.gitignore`` files while walking a folder (pathspec does the matching)."""
from __future__ import annotations

from pathlib import Path


class GitIgnore:
    """The ``.gitignore`` rules that apply below a walked folder, gathered as the walk goes down."""

    def __init__(self, top: Path) -> None:
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
        if file.is_file():
            import pathspec

            try:
                lines = file.read_text(encoding="utf-8", errors="replace").splitlines()
            except OSError:
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
