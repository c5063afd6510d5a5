"""The boilerplate family: its rules are in ``rules.py``."""
