"""The framework tables as the chapters ask for them: claims, quotes, levels with their areas, mentions.

Numbers and frames only; the display frames (claims_view, quotes_view, mentions_table) live in
:mod:`scaling_book.views.framework_tables`.
"""

from __future__ import annotations

import re

import pandas as pd

from scaling_book.inputs.load import load_table
from scaling_book.schemas.registry import FRAMEWORK_TABLES


def claim(claim_id: str) -> pd.Series:
    """One row of the claims table."""
    claims = load_table("claims").set_index("claim_id")
    if claim_id not in claims.index:
        raise KeyError(f"no claim {claim_id!r} in data/framework/claims.csv")
    return claims.loc[claim_id]


def levels_with_areas() -> pd.DataFrame:
    """Levels L4–L0 (highest first) with the technology areas the matrix assigns to each."""
    levels = load_table("levels")
    areas = load_table("areas").sort_values("order")
    names = areas.groupby("level_id")["name_en"].agg("; ".join).rename("areas_en")
    names_zh = areas.groupby("level_id")["name_zh"].agg("；".join).rename("areas_zh")
    counts = areas.groupby("level_id").size().rename("area_count")
    merged = levels.join(names, on="level_id").join(names_zh, on="level_id").join(counts, on="level_id")
    return merged.sort_values("rank", ascending=False).reset_index(drop=True)


def player_reduction() -> dict[str, float]:
    """Market players claimed for 2023 and 2025, the fold reduction they imply, and the one claimed."""
    before = float(claim("market.players_2023")["value"])
    after = float(claim("market.players_2025")["value"])
    return {"players_2023": before, "players_2025": after, "implied_multiple": before / after,
            "claimed_multiple": float(claim("market.players_fold_reduction")["value"])}


def _term_pattern(term: str) -> re.Pattern[str]:
    """Latin terms match whole words only (so 'AR' does not match inside 'MARKET'); Chinese terms anywhere."""
    if re.fullmatch(r"[A-Za-z0-9 ./+-]+", term):
        return re.compile(rf"(?<![A-Za-z]){re.escape(term)}(?![A-Za-z])")
    return re.compile(re.escape(term))


def find_mentions(terms: list[str], exclude_tables: tuple[str, ...] = ()) -> pd.DataFrame:
    """Every Chinese text cell of the framework tables that mentions one of ``terms`` (seed wording only)."""
    patterns = {term: _term_pattern(term) for term in terms}
    found = []
    for table in FRAMEWORK_TABLES:
        if table.name in exclude_tables or table.name in ("claims", "glossary_terms", "seeds"):
            continue
        frame = load_table(table.name)
        columns = [column for column in table.column_names if column.endswith("_zh")]
        for row in frame.itertuples(index=False):
            values = row._asdict()
            key = "/".join(str(values[name]) for name in table.key)
            for column in columns:
                text = values[column]
                hits = [term for term, pattern in patterns.items() if text and pattern.search(str(text))]
                if hits:
                    found.append({"table": table.name, "row": key, "column": column, "text_zh": text,
                                  "terms": ", ".join(hits), "source": values["source"]})
    return pd.DataFrame(found, columns=["table", "row", "column", "text_zh", "terms", "source"])


def quote(quote_id: str) -> str:
    """The verbatim seed wording of one row of the quotes table."""
    quotes = load_table("quotes").set_index("quote_id")
    if quote_id not in quotes.index:
        raise KeyError(f"no quote {quote_id!r} in data/framework/quotes.csv")
    return str(quotes.loc[quote_id, "quote_zh"])

