"""Output formats. Each module has ``write(result, stream, *, color, registry)``."""
from __future__ import annotations
