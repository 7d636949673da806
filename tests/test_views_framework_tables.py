"""Display frames shared by the framework chapters: claims, quotes and mentions."""

from __future__ import annotations

import pytest

from scaling_book.analysis.framework import find_mentions
from scaling_book.views.framework_tables import DEFAULT_SPEAKER, claims_view, mentions_table, quotes_view


def test_quotes_view_names_the_overview_when_no_speaker_is_given():
    view = quotes_view(["grok", "math_incomplete"])
    assert view["Attributed to"].to_list() == ["Grok", DEFAULT_SPEAKER] == ["Grok", "the overview"]
    with pytest.raises(KeyError):
        quotes_view(["no_such_quote"])


def test_claims_view_keeps_the_order_asked_for():
    ids = ["market.head_firms_share", "capability.benchmark_spread"]
    assert claims_view(ids)["Claim"].to_list() == ids
    with pytest.raises(KeyError):
        claims_view(["no.such_claim"])


def test_mentions_table_columns():
    table = mentions_table(find_mentions(["CUDA"]))
    assert list(table.columns) == ["Table", "Row", "Seed wording (中文)", "Terms found"] and len(table) > 0
