"""Views of the level chapters (Part II, L4–L0): one function, :func:`level_chapter`, with each level's extras.

Every level chapter shows the level's card, its areas and their named options, where else the
seeds mention them, and the classifier's assessment of them; L0 has its own sections
(:mod:`scaling_book.views.levels_l0`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from scaling_book.analysis import framework as fw
from scaling_book.analysis import timeline
from scaling_book.analysis.classifier import holds
from scaling_book.inputs.settings import as_of
from scaling_book.schemas.registry import LEVEL_IDS
from scaling_book.views import levels, levels_l0, measured
from scaling_book.views.brief import add_brief
from scaling_book.views.charts import framework as charts
from scaling_book.views.classifier_tables import assessed_areas, assessment_table
from scaling_book.views.framework_tables import mentions_table
from scaling_book.views.names import table_names
from scaling_book.views.results import ChapterResults
from scaling_book.views.scorecard import prediction_states

MATRIX_SOURCE = "seed 002 (section overview), section 四 (classification matrix)"
EXCLUDED_FROM_MENTIONS = ("levels", "areas", "options")  # the matrix itself is not "elsewhere"


@dataclass(frozen=True)
class MentionSearch:
    """Where else the seeds mention a level's areas: the terms searched for and the table's caption."""

    terms: tuple[str, ...]
    caption: str


MENTIONS = {
    "L4": MentionSearch(
        ("注意力", "预训练", "微调", "AdamW", "优化器"),
        "Other places in the seed data that mention an L4 area (attention, pre-training, "
        "fine-tuning, AdamW, optimisers).",
    ),
    "L3": MentionSearch(
        ("Decoder-only", "RLHF", "SFT", "Tokenization", "二次方"),
        "Other places in the seed data that mention an L3 area.",
    ),
    "L2": MentionSearch(
        ("MoE", "Dense", "长上下文", "RAG", "动态路由"), "Other places in the seed data that mention an L2 area."
    ),
    "L1": MentionSearch(
        ("推理", "CoT", "Test-time", "多模态", "Diffusion", "AR"),
        "Other places in the seed data that mention an L1 area or its controversy.",
    ),
}
OPTION_WORDS = {"L4": "options", "L3": "options", "L2": "rival options", "L1": "rival options"}


def single_option_levels(options: pd.DataFrame) -> str:
    """The levels (highest first) whose areas include one with a single named option: 'L4 and L3'."""
    return " and ".join(sorted(set(options[options.options == 1].level_id), reverse=True))


def areas_meeting_count(option_counts: pd.Series, operator: str, value: float) -> int:
    """How many areas name a number of options that meets 'count operator value'."""
    return sum(holds(count, operator, value) for count in option_counts)


def fit_word(meeting: int, areas: int) -> str:
    """Whether the level's areas fit its option count: 'fit' or 'do not all fit'."""
    return "fit" if meeting == areas else "do not all fit"


def definition_verdict(meeting: int, areas: int) -> str:
    """Whether the level's areas meet the level's own definition: 'meet …' or 'fail their own definition'."""
    return "meet their own definition" if meeting == areas else "fail their own definition"


def quarter_text(quarter: str) -> str:
    """'2025Q4' (or '2025-Q4') as '2025 Q4'."""
    return f"{quarter[:4]} Q{quarter[-1]}"


def thousands_text(tokens: float) -> str:
    """128000 -> '128K'."""
    return f"{tokens / 1000:.0f}K"


def _level_numbers(results: ChapterResults, level_id: str) -> None:
    key = level_id.lower()
    level = levels.level_row(level_id)
    results.number(f"{key}.claimed_degree", level.claimed_degree, "fraction")
    results.number(f"{key}.certainty", level.certainty_stars, "stars")
    results.number(f"{key}.areas", level.area_count, "count")


def _options(results: ChapterResults, level_id: str) -> pd.DataFrame:
    """The level's areas and named options (table); returns every area's counts and its level's criterion."""
    key = level_id.lower()
    results.table(
        f"tbl-{key}-areas",
        levels.option_table(level_id),
        caption=f"The {level_id} technology areas and the {OPTION_WORDS[level_id]} the seeds name for them.",
        source=f"{MATRIX_SOURCE}; data/framework/areas.csv, options.csv",
    )
    return levels.options_by_level()


def _options_chart(results: ChapterResults, options: pd.DataFrame) -> None:
    """Every level's areas and their named options in one chart of small multiples (drawn once, in the L4 chapter)."""
    results.chart(
        "fig-level-options",
        charts.named_options_panels(options),
        source=f"{MATRIX_SOURCE}; data/framework/areas.csv, options.csv, level_thresholds.csv",
    )


def _mentions(results: ChapterResults, level_id: str) -> pd.DataFrame:
    """Where else the seed data mention the level's areas (table); returns the mentions."""
    key = level_id.lower()
    search = MENTIONS[level_id]
    mentions = fw.find_mentions(list(search.terms), exclude_tables=EXCLUDED_FROM_MENTIONS)
    results.number(f"{key}.mentions", len(mentions), "count")
    results.table(
        f"tbl-{key}-mentions",
        mentions_table(mentions),
        caption=search.caption,
        source="data/framework/*.csv, searched by scaling_book.analysis.framework.find_mentions",
    )
    return mentions


def assessment(results: ChapterResults, level_id: str) -> pd.DataFrame:
    """The classifier's assessment of the level's areas (summary and table); returns the assessed areas."""
    key = level_id.lower()
    assessed = assessed_areas(level_id)
    results.text(f"{key}.assessment", levels.assessment_summary(assessed))
    results.table(
        f"tbl-{key}-assessment",
        assessment_table(assessed),
        caption=f"The {level_id} areas measured with the book's convergence degree and level classifier.",
        source="data/framework/adoption_shares.csv, options.csv, level_thresholds.csv; book.yml (analysis); "
        "scaling_book.analysis.classifier",
    )
    return assessed


def _mine(options: pd.DataFrame, level_id: str) -> pd.DataFrame:
    return options[options.level_id == level_id]


def _l4(results: ChapterResults) -> None:
    options = _options(results, "L4")
    _options_chart(results, options)
    mine = _mine(options, "L4")
    results.number("l4.named_options", int(mine.options.sum()), "count")
    results.count("l4.single_option_areas", int((mine.options == 1).sum()), "area has", "areas have")
    results.text("l4.single_option_levels", single_option_levels(options))
    _mentions(results, "L4")


def _l3(results: ChapterResults) -> None:
    threshold = levels.level_thresholds("L3").set_index("threshold_id").loc["L3.new_product_adoption"]
    results.number("l3.adoption_threshold", threshold.value, "fraction")
    mine = _mine(_options(results, "L3"), "L3")
    results.number("l3.named_options", int(mine.options.sum()), "count")
    mentions = _mentions(results, "L3")
    results.text("l3.mention_tables", table_names(sorted(set(mentions.table))))


def _l2(results: ChapterResults) -> None:
    day = as_of()
    long_context = fw.claim("levels.long_context_threshold")["value"]
    results.number("l2.long_context_tokens", long_context, "tokens", text=thousands_text(long_context))
    results.text("l2.as_of", day.isoformat())
    mine = _mine(_options(results, "L2"), "L2")
    results.number("l2.option_criterion", float(mine.criterion.iloc[0]), "count")
    meeting = areas_meeting_count(mine.options, "==", float(mine.criterion.iloc[0]))
    results.number("l2.areas_meeting_count", meeting, "count")
    results.text("l2.count_verdict", fit_word(meeting, len(mine)))
    moe = timeline.timeline_with_status(day).set_index("task_id").loc["moe_standard"]
    results.text("l2.moe_start", moe.start.date().isoformat())
    results.text("l2.moe_end", moe.end.date().isoformat())
    results.text("l2.moe_status", moe.status_on_as_of)
    _mentions(results, "L2")


def _l1(results: ChapterResults) -> None:
    day = as_of()
    thresholds = levels.level_thresholds("L1").set_index("threshold_id")
    results.number("l1.max_share", thresholds.loc["L1.max_share", "value"], "fraction")
    results.text("l1.max_share_quote", thresholds.loc["L1.max_share", "quote_zh"])
    mine = _mine(_options(results, "L1"), "L1")
    count_rule = thresholds.loc["L1.option_count"]
    results.number("l1.option_threshold", count_rule.value, "count")
    results.number("l1.max_named", int(mine.options.max()), "count")
    meeting = areas_meeting_count(mine.options, count_rule.operator, count_rule.value)
    results.number("l1.areas_meeting_count", meeting, "count")
    results.text("l1.count_verdict", definition_verdict(meeting, len(mine)))
    _mentions(results, "L1")
    tts = prediction_states(day).loc["test_time_scaling"]
    results.text("l1.tts_due", quarter_text(tts.due_quarter))
    results.text("l1.tts_state", tts.state)


LEVEL_EXTRAS: dict[str, Callable[[ChapterResults], None]] = {
    "L4": _l4,
    "L3": _l3,
    "L2": _l2,
    "L1": _l1,
    "L0": levels_l0.l0_sections,
}
# What a level's chapter shows from its assessment beyond the table (L0: each area's level and probabilities).
ASSESSMENT_EXTRAS: dict[str, Callable[[ChapterResults, pd.DataFrame], None]] = {"L0": levels_l0.l0_assessment}
CARD_CAPTIONS = {"L0": "Level L0 as the classification matrix of the overview describes it."}
CARD_SOURCES = {"L0": "seed 002, section 四 (classification matrix)"}


def level_chapter(level_id: str) -> ChapterResults:
    """Everything the chapter of ``level_id`` glues and shows."""
    if level_id not in LEVEL_IDS:
        raise ValueError(f"unknown level {level_id!r}; expected one of {LEVEL_IDS}")
    results = ChapterResults()
    _level_numbers(results, level_id)
    results.table(
        f"tbl-{level_id.lower()}-card",
        levels.level_card(level_id),
        caption=CARD_CAPTIONS.get(level_id, f"Level {level_id} as the classification matrix describes it."),
        source=f"{CARD_SOURCES.get(level_id, MATRIX_SOURCE)}; data/framework/levels.csv, areas.csv",
    )
    LEVEL_EXTRAS[level_id](results)
    assessed = assessment(results, level_id)
    if level_id in ASSESSMENT_EXTRAS:
        ASSESSMENT_EXTRAS[level_id](results, assessed)
    measured.level_evidence(results, level_id)
    key, shown = level_id.lower(), results.shown
    add_brief(
        results,
        [
            f"The seeds give {level_id} a convergence degree of {shown(f'{key}.claimed_degree')} and a certainty of "
            f"{shown(f'{key}.certainty')}.",
            f"Areas the seeds place at {level_id}: {shown(f'{key}.areas')}; {shown(f'{key}.assessment')}.",
            shown(f"{key}.evidence"),
        ],
    )
    return results
