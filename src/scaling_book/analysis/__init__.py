"""Analysis: measures, classifier, audit, evidence and timeline, as numbers and frames (no formatting)."""
