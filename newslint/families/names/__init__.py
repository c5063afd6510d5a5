"""The names family: its rules are in ``rules.py``."""
