"""An example newslint plugin (see docs/plugins.md in the newslint repository)."""
