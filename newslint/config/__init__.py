"""Configuration: the settings files, per-folder nested configs, .gitignore."""
