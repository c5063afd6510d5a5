"""Where newslint's own data is: the shipped rule packs and their ``data/`` folder.

A leaf module (standard library only) so that the pattern compiler, the pack loader and the
built-in plugin can all find the data without importing one another (docs/architecture.md).
"""
from __future__ import annotations

from pathlib import Path


def builtin_pack_dir() -> Path:
    """The folder of the packs shipped with newslint (inside the wheel, or the source checkout)."""
    here = Path(__file__).resolve().parent.parent  # newslint/
    installed = here / "rules"
    return installed if installed.is_dir() else here.parent / "rules"


def builtin_packs() -> list[Path]:
    """The TOML packs shipped with newslint."""
    return sorted(builtin_pack_dir().glob("*.toml"))
