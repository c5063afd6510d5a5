"""The encoding family: its rules are in ``rules.py``."""
