"""The index of key terms: each term indexed at its first mention in a page's running text, from data."""

from __future__ import annotations

from scaling_book.render.index_terms import index_patterns

from .conftest import sphinx_html


def test_every_index_term_matches_whole_words_in_any_case():
    patterns = dict(index_patterns())
    assert patterns["Leader share"].search("the Leader shares rise")
    assert patterns["HHI (Herfindahl–Hirschman index)"].search("its HHI is 0.4")
    assert not patterns["HHI (Herfindahl–Hirschman index)"].search("CHHIP")  # not inside a word
    assert patterns["Mixture-of-experts (MoE)"].search("MoE models")
    assert not patterns["Mixture-of-experts (MoE)"].search("moe_flag_column")


def test_the_first_mention_in_running_text_is_indexed_once_per_page(tmp_path):
    source = tmp_path / "src"
    source.mkdir()
    (source / "index.rst").write_text("Book\n====\n\n.. toctree::\n\n   one\n   two\n", encoding="utf-8")
    (source / "one.rst").write_text(
        "One\n===\n\n"
        "``leader share`` in code is no mention.\n\n"
        "The leader share rises; HHI falls.\n\n"
        "Again the leader share.\n",
        encoding="utf-8",
    )
    (source / "two.rst").write_text("Two\n===\n\nNothing here but a Transformer.\n", encoding="utf-8")
    html = sphinx_html(source, {"extensions": ["scaling_book.render.index_terms"]})
    index = (html / "genindex.html").read_text(encoding="utf-8")
    assert index.count("Leader share") == 1 and "HHI" in index and "Transformer" in index
    assert 'href="one.html#index-term-' in index and 'href="two.html#index-term-' in index
    one = (html / "one.html").read_text(encoding="utf-8")
    assert one.count('id="index-term-') == 1  # one target, before the paragraph that mentions both terms
