"""Showing results: the formatters, line formats streamed file by file, progress."""
