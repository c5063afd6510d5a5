"""Keep the suite hermetic: no third-party plugins from the environment."""
from __future__ import annotations

import os

os.environ["NEWSLINT_NO_PLUGINS"] = "1"
os.environ["NEWSLINT_NO_CACHE"] = "1"  # tests that exercise the cache turn it back on
os.environ.pop("FORCE_COLOR", None)
