"""Running rules: over one document, over many files (``-j``, corpus rules), fixes, caches, baselines."""
