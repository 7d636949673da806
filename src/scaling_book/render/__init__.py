"""Render: glue, tables, figures, citation, bibliography and the Sphinx extension, the HTML/PDF side."""
