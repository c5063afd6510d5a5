"""argparse's help formatter, with the terminal's width asked once per process.

argparse makes a formatter for every ``add_argument`` (only to check the argument's metavar) and
each one asks ``shutil.get_terminal_size``: for newslint's 50 options that is 50 queries and an
import of shutil (with bz2 and lzma), 2–3 ms of a one-file run that prints no help. The width is
found here the way shutil finds it (``$COLUMNS``, else the terminal of stdout, else 80 columns).
"""
from __future__ import annotations

import argparse
import os
import sys
from functools import lru_cache, partial
from typing import Any


@lru_cache(maxsize=1)
def terminal_width() -> int:
    """Columns of the terminal, as ``shutil.get_terminal_size().columns`` reports them."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class HelpFormatter(argparse.HelpFormatter):
    """argparse's default formatter; only the width is found once (see the module docstring)."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: int | None = None) -> None:
        super().__init__(prog, indent_increment, max_help_position, terminal_width() - 2 if width is None else width)


def parser_class() -> Any:
    """What ``add_subparsers(parser_class=...)`` takes so that subcommands use this formatter too."""
    return partial(argparse.ArgumentParser, formatter_class=HelpFormatter)
