"""Development tools: the build benchmark and its synthetic data (not used by the book)."""
