"""The book's build pipeline (run it with ``python -m scaling_book.bookbuild`` or ``make book``)."""
