"""Allow ``python -m newslint`` (the same process handling as the console script)."""
from __future__ import annotations

from newslint.cli.console import run

if __name__ == "__main__":
    run()
