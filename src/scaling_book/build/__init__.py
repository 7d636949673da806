"""The book's build pipeline (run it with ``python -m scaling_book.build`` or ``make book``)."""
