"""Allow ``python -m newslint``."""
from __future__ import annotations

import sys

from newslint.cli import main

if __name__ == "__main__":
    sys.exit(main())
