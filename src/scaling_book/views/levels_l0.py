"""The L0 chapter's own sections: the L0 document's tables, its rival profiles, its shares against the ceiling."""

from __future__ import annotations

import pandas as pd

from scaling_book.analysis import classifier
from scaling_book.inputs.load import load_table
from scaling_book.views import levels
from scaling_book.views.charts import framework as charts
from scaling_book.views.charts import method as method_charts
from scaling_book.views.results import ChapterResults
from scaling_book.views.text import bilingual

SEED = "seed 001 (03.1.5 L0: reverse divergence)"
SEED_FILE = "001_d62a9d098073126d.txt"  # the L0 document among the seeds
MAJORITY = 0.5  # a share above half the market is a majority
LIST_NAMES = {"scenario_split": "4.1 Scenario divergence (场景分化)",
              "technical_features": "4.2 Technical features (技术特征)"}
RIVAL_SOURCES = "data/framework/options.csv, option_attributes.csv, products.csv, adoption_shares.csv"


def shared_products(first: list[str], second: list[str]) -> str:
    """The products two options have in common, 'A and B', or 'no product'."""
    shared = sorted(set(first) & set(second))
    return " and ".join(shared) if shared else "no product"


def leaders_against_ceiling(leader_shares: pd.Series, ceiling: float) -> str:
    """Whether every area's leader is above the L0 ceiling, as the clause that follows the count of options above it."""
    if (leader_shares > ceiling).all():
        return "among them the leader of every area"
    return "though not the leader of every area"


def majority_picture(leader_shares: pd.Series) -> str:
    """What the leaders' shares picture: a duopoly with a winner when every example has a majority option."""
    if (leader_shares > MAJORITY).all():
        return ("each of its examples has a clear majority option, which is the picture of a "
                "duopoly with a winner rather than of a field torn apart")
    return "not every example has a majority option"


def state_table() -> pd.DataFrame:
    """The L0 document's table of the state of reverse divergence."""
    profiles = load_table("level_profiles")
    state = profiles[profiles.profile_id.str.startswith("L0.state.")]
    return state.assign(dimension=state.dimension.map(levels.DIMENSION_LABELS))[
        ["dimension", "value_zh", "value_en", "status_2025_zh", "status_2025_en"]].rename(columns={
            "dimension": "Dimension", "value_zh": "Characteristic (特征)", "value_en": "Characteristic",
            "status_2025_zh": "2025 status (2025 状态)", "status_2025_en": "2025 status"})


def _rivals(results: ChapterResults) -> None:
    products = load_table("products")
    results.text("l0.shared_products", shared_products(list(products[products.option_id == "cloud"]["product"]),
                                                       list(products[products.option_id == "general_model"]["product"])))
    results.table("tbl-l0-edge-cloud", levels.rival_profile("edge_vs_cloud"),
                  caption="On-device models (quantised and distilled) against cloud models, as the L0 document compares them.",
                  source=f"{SEED}, section 3.1; {RIVAL_SOURCES}")
    results.table("tbl-l0-code-general", levels.rival_profile("code_vs_general"),
                  caption="Code models (very long context) against general-purpose models, as the L0 document compares them.",
                  source=f"{SEED}, section 3.2; {RIVAL_SOURCES}")


def _shares(results: ChapterResults) -> None:
    shares = levels.adoption_against_ceiling("L0", "L0.max_share")
    ceiling = float(shares.ceiling.iloc[0])
    leaders = shares.sort_values("share").groupby("area_id").tail(1)
    results.number("l0.ceiling", ceiling, "fraction")
    results.number("l0.options_with_shares", len(shares), "count")
    results.number("l0.options_above_ceiling", int(shares.above_ceiling.sum()), "count")
    for row in shares.itertuples():
        results.number(f"l0.share.{row.option_id}", row.share, "fraction")
    results.number("l0.largest_leader_share", leaders.share.max(), "fraction")
    results.number("l0.smallest_leader_share", leaders.share.min(), "fraction")
    l1_ceiling = levels.level_thresholds("L1").set_index("threshold_id").loc["L1.max_share", "value"]
    results.number("l0.l1_ceiling", l1_ceiling, "fraction")
    results.number("l0.leaders_above_l1_ceiling", int((leaders.share >= l1_ceiling).sum()), "count")
    results.text("l0.leaders_above_ceiling", leaders_against_ceiling(leaders.share, ceiling))
    results.text("l0.majority_picture", majority_picture(leaders.share))
    results.chart("fig-l0-shares", charts.adoption_share_bars(shares),
                  source=f"{SEED}, sections 2.1, 3.1 and 3.2; data/framework/adoption_shares.csv, level_thresholds.csv")


def _scenario_analysis(results: ChapterResults) -> None:
    analysis = load_table("scenario_analysis").sort_values("order")
    results.number("l0.analysis_items", len(analysis), "count")
    results.number("l0.analysis_distinct_terms", analysis.term_zh.nunique(), "count")
    table = analysis.assign(list_name=analysis.section.map(LIST_NAMES),
                            term=[bilingual(en, zh) for en, zh in zip(analysis.term_en, analysis.term_zh)])
    results.table("tbl-l0-scenario", table[["list_name", "term", "statement_zh", "statement_en"]].rename(columns={
        "list_name": "List", "term": "Term", "statement_zh": "Statement (中文)", "statement_en": "Statement"}),
        caption="The L0 document's analysis of scenario split (场景撕裂分析), both lists.",
        source=f"{SEED}, sections 4.1 and 4.2; data/framework/scenario_analysis.csv")
    comparison = levels.profile_comparison({"L0": "L0.vsL1.", "L1": "L1.vsL0."})
    results.table("tbl-l0-vs-l1", comparison.rename(columns={"L0": "L0: reverse divergence (反向分化)",
                                                             "L1": "L1: not converged (未收敛)"}),
                  caption="The L0 document's comparison of L0 and L1 (L0 vs L1 对比).",
                  source=f"{SEED}, section 5.1; data/framework/level_profiles.csv")


def _conclusions(results: ChapterResults) -> None:
    conclusions = load_table("document_conclusions")
    conclusions = conclusions[conclusions.doc_id == "03.1.5"].sort_values("order")
    results.number("l0.conclusions", len(conclusions), "count")
    table = conclusions.assign(item=[bilingual(en, zh) for en, zh in zip(conclusions.title_en, conclusions.title_zh)])
    results.table("tbl-l0-conclusions", table[["item", "detail_zh", "detail_en"]].rename(columns={
        "item": "Conclusion", "detail_zh": "Detail (中文)", "detail_en": "Detail"}),
        caption="The core conclusions (核心结论) of the L0 document.",
        source=f"{SEED}, section 七; data/framework/document_conclusions.csv")
    references = load_table("seed_references")
    references = references[references.seed_id == SEED_FILE].sort_values("order")
    results.number("l0.references", len(references), "count")
    results.table("tbl-l0-references", references[["section", "title_zh", "title_en"]].rename(columns={
        "section": "List", "title_zh": "Title (中文)", "title_en": "Title"}),
        caption="Related topics and references the L0 document lists.",
        source=f"{SEED}, sections 八 and 九; data/framework/seed_references.csv")


def l0_sections(results: ChapterResults) -> None:
    """The sections of the L0 chapter that come from the L0 document."""
    results.table("tbl-l0-state", state_table(),
                  caption="The L0 document's table of the state of reverse divergence (收敛状态).",
                  source=f"{SEED}, section 2.1; data/framework/level_profiles.csv")
    _rivals(results)
    _shares(results)
    _scenario_analysis(results)
    _conclusions(results)


def l0_assessment(results: ChapterResults, assessed: pd.DataFrame) -> None:
    """Each L0 area's computed level, degree and level probability, and the chart of its level probabilities."""
    results.chart("fig-l0-level-probabilities",
                  method_charts.level_probability_bars(classifier.level_probabilities(assessed)),
                  source="data/framework/adoption_shares.csv, level_thresholds.csv; book.yml (analysis.uncertainty); "
                         "scaling_book.analysis.classifier")
    for row in assessed.itertuples():
        results.text(f"l0.computed_level.{row.area_id}", str(row.computed_level))
        results.number(f"l0.computed_degree.{row.area_id}", row.computed_degree, "fraction")
        results.number(f"l0.level_probability.{row.area_id}", row.level_probability, "fraction")
