"""The spin family: its rules are in ``rules.py``."""
