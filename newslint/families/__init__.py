"""The built-in rule families, one subpackage each: its rules (``rules.py``) and its data."""
