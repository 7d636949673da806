"""Inputs: where files are, the book's settings, provenance, validation and loading of the data tables."""
