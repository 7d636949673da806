"""Schemas: what every table of data/ must hold (the registry); the first layer, importing nothing of the book."""
