"""Display frames of the framework tables that many chapters show: selected claims, quotes and mentions."""

from __future__ import annotations

import pandas as pd

from scaling_book.inputs.load import load_table

# Who a quote is attributed to when the seed names no speaker.
DEFAULT_SPEAKER = "the overview"


def claims_view(claim_ids: list[str]) -> pd.DataFrame:
    """Selected claims for display: the seed's wording, a paraphrase, and the claimed value as stated."""
    claims = load_table("claims").set_index("claim_id")
    missing = [claim_id for claim_id in claim_ids if claim_id not in claims.index]
    if missing:
        raise KeyError(f"claims not in data/framework/claims.csv: {missing}")
    rows = claims.loc[claim_ids]
    return pd.DataFrame({"Claim": claim_ids, "Seed wording (中文)": rows.quote_zh.to_list(),
                         "What it says": rows.statement_en.to_list()})


def mentions_table(mentions: pd.DataFrame) -> pd.DataFrame:
    """Mentions found by :func:`scaling_book.analysis.framework.find_mentions`, for display."""
    return mentions[["table", "row", "text_zh", "terms"]].rename(columns={
        "table": "Table", "row": "Row", "text_zh": "Seed wording (中文)", "terms": "Terms found"})


def quotes_view(quote_ids: list[str] | None = None) -> pd.DataFrame:
    """Quotes for display (all, in order, unless ids are given): who said it, the wording, a paraphrase."""
    quotes = load_table("quotes").sort_values("order").set_index("quote_id")
    missing = [quote_id for quote_id in quote_ids or [] if quote_id not in quotes.index]
    if missing:
        raise KeyError(f"quotes not in data/framework/quotes.csv: {missing}")
    rows = quotes.loc[quote_ids] if quote_ids else quotes
    return pd.DataFrame({"Attributed to": rows.speaker.fillna(DEFAULT_SPEAKER).to_list(),
                         "Seed wording (中文)": rows.quote_zh.to_list(), "What it says": rows.statement_en.to_list()})
