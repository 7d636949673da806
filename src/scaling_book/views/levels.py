"""Views for the level chapters (Part II): a level's card, its areas and their named rival options."""

from __future__ import annotations

import pandas as pd

from scaling_book.analysis.framework import levels_with_areas
from scaling_book.inputs.load import load_table
from scaling_book.views.text import bilingual, counted, percent, star_bar


def level_row(level_id: str) -> pd.Series:
    """The level's row of ``levels.csv`` (with its areas joined)."""
    levels = levels_with_areas().set_index("level_id")
    if level_id not in levels.index:
        raise KeyError(f"no level {level_id!r} in data/framework/levels.csv")
    return levels.loc[level_id]


def level_card(level_id: str) -> pd.DataFrame:
    """What the classification matrix says about one level, field by field, in both languages."""
    level = level_row(level_id)
    stars = int(level.certainty_stars)
    return pd.DataFrame(
        [
            ("Name", level.name_en, level.name_zh),
            ("Nickname", level.nickname_en, level.nickname_zh),
            ("Classification criterion (分类标准)", level.criterion_en, level.criterion_zh),
            ("Claimed convergence degree (收敛度)", percent(level.claimed_degree), percent(level.claimed_degree)),
            ("Certainty (确定性)", f"{stars} of 5 stars", star_bar(stars)),
            ("Controversy focus (争议焦点)", level.controversy_en, level.controversy_zh),
            ("Technology areas", level.areas_en, level.areas_zh),
        ],
        columns=["Field", "English", "中文"],
    )


def named_options() -> pd.DataFrame:
    """Every technology area with its level and the rival options the seeds name for it."""
    areas = load_table("areas")
    options = load_table("options")
    grouped = options.groupby("area_id").agg(
        options=("option_id", "size"), options_en=("name_en", " / ".join), options_zh=("name_zh", " / ".join)
    )
    merged = areas.join(grouped, on="area_id").sort_values("order").reset_index(drop=True)
    merged["area"] = [bilingual(en, zh) for en, zh in zip(merged.name_en, merged.name_zh)]
    return merged


def level_thresholds(level_id: str) -> pd.DataFrame:
    """The seeds' quantitative criteria for one level, with their wording."""
    thresholds = load_table("level_thresholds")
    return thresholds[thresholds.level_id == level_id].reset_index(drop=True)


def option_table(level_id: str) -> pd.DataFrame:
    """The level's areas and their named options, for display."""
    frame = named_options()
    frame = frame[frame.level_id == level_id]
    return frame[["area", "matrix_text_zh", "options", "options_en"]].rename(
        columns={
            "area": "Technology area",
            "matrix_text_zh": "Wording in the matrix (中文)",
            "options": "Options named",
            "options_en": "Named options",
        }
    )


COUNT_MEASURES = ("option_count", "effective_alternatives")


def count_criterion(level_id: str) -> tuple[float | None, str | None]:
    """The level's criterion as a number of named options, and its wording (``None, None`` when it has none)."""
    thresholds = level_thresholds(level_id)
    counts = thresholds[thresholds.measure.isin(COUNT_MEASURES)]
    if counts.empty:
        return None, None
    rule = counts.iloc[0]
    # "no effective alternative" means one option in all; the other measures count options directly
    value = rule.value + 1 if rule.measure == "effective_alternatives" else rule.value
    return float(value), f"{rule.quote_zh} ({rule.measure} {rule.operator} {rule.value:g})"


def options_by_level() -> pd.DataFrame:
    """Every area with its named-option count, its level's panel label and that level's count criterion (if any)."""
    frame = named_options()
    levels = levels_with_areas().set_index("level_id")
    criteria = {level_id: count_criterion(level_id) for level_id in levels.index}
    frame["panel"] = [
        f"{level_id} {bilingual(levels.name_en[level_id], levels.name_zh[level_id])}" for level_id in frame.level_id
    ]
    frame["criterion"] = [criteria[level_id][0] for level_id in frame.level_id]
    frame["criterion_label"] = [criteria[level_id][1] for level_id in frame.level_id]
    return frame


ATTRIBUTE_LABELS = {
    "strengths": "Strengths (优势)",
    "weaknesses": "Weaknesses (劣势)",
    "research_investment": "Research investment (研究投入)",
    "technical_features": "Technical features (技术特征)",
}


def rival_profile(area_id: str) -> pd.DataFrame:
    """The seed's side-by-side comparison of an area's rival options: products, strengths, share, ..."""
    options = load_table("options")
    options = options[options.area_id == area_id]
    if options.empty:
        raise KeyError(f"no options for area {area_id!r} in data/framework/options.csv")
    attributes = load_table("option_attributes").set_index(["option_id", "attribute"])
    products = load_table("products").groupby("option_id")["product"].agg(", ".join)
    shares = load_table("adoption_shares").set_index(["option_id", "scenario"])["share"]
    rows: list[list[str]] = [
        ["Representative products (代表产品)", *[products.get(option, "–") for option in options.option_id]]
    ]
    for attribute, label in ATTRIBUTE_LABELS.items():
        rows.append(
            [
                label,
                *[
                    bilingual(
                        attributes.loc[(option, attribute), "value_en"], attributes.loc[(option, attribute), "value_zh"]
                    )
                    if (option, attribute) in attributes.index
                    else "–"
                    for option in options.option_id
                ],
            ]
        )
    rows.append(
        [
            "Adoption share (采用率)",
            *[
                percent(shares[(option, "all")]) if (option, "all") in shares.index else "–"
                for option in options.option_id
            ],
        ]
    )
    header = ["Dimension", *[bilingual(en, zh) for en, zh in zip(options.name_en, options.name_zh)]]
    return pd.DataFrame(rows, columns=header)


def adoption_against_ceiling(level_id: str, threshold_id: str) -> pd.DataFrame:
    """Adoption shares of the level's options with the leader-share ceiling the seeds set for the level."""
    ceiling = level_thresholds(level_id).set_index("threshold_id").loc[threshold_id]
    shares = load_table("adoption_shares")
    areas = load_table("areas").set_index("area_id")
    options = load_table("options").set_index("option_id")
    shares = shares[shares.area_id.isin(areas.index[areas.level_id == level_id])].copy()
    shares["area"] = [bilingual(areas.loc[area, "name_en"], areas.loc[area, "name_zh"]) for area in shares.area_id]
    shares["option"] = [
        bilingual(options.loc[option, "name_en"], options.loc[option, "name_zh"]) for option in shares.option_id
    ]
    shares["ceiling"] = ceiling.value
    shares["ceiling_label"] = f"{ceiling.quote_zh} (leader share {ceiling.operator} {percent(ceiling.value)})"
    shares["above_ceiling"] = shares.share > ceiling.value
    return shares.reset_index(drop=True)


DIMENSION_LABELS = {
    "adoption": "Adoption rate (采用率)",
    "research_investment": "Research investment (研究投入)",
    "controversy": "Degree of controversy (争议度)",
    "certainty": "Certainty (确定性)",
    "convergence_degree": "Convergence degree (收敛度)",
}


def profile_comparison(profile_prefix: dict[str, str]) -> pd.DataFrame:
    """Level profiles side by side: one column per level, one row per dimension (e.g. L0 vs L1)."""
    profiles = load_table("level_profiles")
    columns = {}
    for level_id, prefix in profile_prefix.items():
        rows = profiles[(profiles.level_id == level_id) & profiles.profile_id.str.startswith(prefix)]
        columns[level_id] = rows.set_index("dimension")["value_zh"]
    frame = pd.DataFrame(columns)
    frame.index = [DIMENSION_LABELS[dimension] for dimension in frame.index]
    frame.index.name = "Dimension"
    return frame.reset_index()


def assessment_summary(assessed: pd.DataFrame) -> str:
    """What the per-area assessment finds, in words that agree with the counts (no '0 of them')."""
    areas = len(assessed)
    computable = int((assessed.basis == "adoption shares").sum())
    inconsistent = int((assessed.claimed_level_verdict == "inconsistent").sum())
    if areas == 0:
        raise ValueError("no areas to summarise")
    if computable == 0:
        first = "none of its areas has the adoption shares the degree needs"
    elif computable == areas:
        first = "every one of its areas has the adoption shares the degree needs"
    else:
        first = f"{counted(computable, 'of its areas has', 'of its areas have')} the adoption shares the degree needs"
    if inconsistent == 0:
        second = "for none do the seed's own criteria contradict the level it assigns"
    else:
        second = f"for {counted(inconsistent, 'area', 'areas')} the seed's own criteria contradict the level it assigns"
    return f"{first}, and {second}"
