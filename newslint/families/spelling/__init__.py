"""The spelling family: its rules are in ``rules.py``."""
