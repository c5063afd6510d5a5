"""The suppressions family: its rules are in ``rules.py``."""
