"""The model: what an article is (text, prose mask, paragraphs, tokens, diagnostics), knowing nothing of rules."""
