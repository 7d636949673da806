"""Views: what each part of the book shows, as frames, phrases and charts computed from the analysis."""
