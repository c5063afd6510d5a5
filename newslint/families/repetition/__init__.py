"""The repetition family: its rules are in ``rules.py``."""
