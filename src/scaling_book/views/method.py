"""View of the methods chapter (Part VI): the convergence measures, the level classifier and its stability."""

from __future__ import annotations

import pandas as pd

from scaling_book.analysis import classifier
from scaling_book.analysis import measures as metrics
from scaling_book.analysis.placement import declared_degree
from scaling_book.inputs.load import load_table
from scaling_book.inputs.settings import classifier_settings
from scaling_book.views.brief import add_brief
from scaling_book.views.charts import method as charts
from scaling_book.views.classifier_tables import assessed_areas, assessment_table, criteria_table, reading_table
from scaling_book.views.results import ChapterResults
from scaling_book.views.text import bilingual, count, decimal, percent

BOUND_WORDS = {"<": "below", "<=": "at most", ">": "more than", ">=": "at least"}
# The criteria whose bound the prose states in words ("at least 90%"), by the prose's key.
WORDED_BOUNDS = (
    ("l3", "L3.new_product_adoption"),
    ("l1_options", "L1.option_count"),
    ("l1_ceiling", "L1.max_share"),
    ("l0_ceiling", "L0.max_share"),
)
L1_EXAMPLE = {"example split 40/30/30": {"a": 0.4, "b": 0.3, "c": 0.3}}
FULL_COVERAGE_TOLERANCE = 1e-9
ZERO_OPTION_SPLIT = (0.6, 0.4)  # the example: a two-way split, then the same split with a third option at 0


def bound_word(operator: str) -> str:
    """How the prose reads a criterion's operator: '>=' is 'at least', '<' is 'below'."""
    if operator not in BOUND_WORDS:
        raise ValueError(f"no words for the operator {operator!r}")
    return BOUND_WORDS[operator]


def coverage_note(coverage: pd.Series) -> str:
    """Whether the named options of every area with shares cover the whole market, in words."""
    full = coverage.sub(1).abs().le(FULL_COVERAGE_TOLERANCE)
    if full.all():
        return "every share group the seeds give covers the whole market"
    return f"the named options cover less than the whole market in {count(int((~full).sum()))} of the areas with shares"


def fragile_from(sensitivity: pd.DataFrame, stable_probability: float) -> str:
    """Each area whose computed level becomes fragile, with the smallest share error at which it does."""
    fragile_at = sensitivity[sensitivity.probability < stable_probability].groupby("area")["share_sd"].min()
    if fragile_at.empty:
        return "no area at any of the errors tried"
    return "; ".join(f"{area} from σ = {percent(sd)}" for area, sd in fragile_at.items())


def shares_table() -> pd.DataFrame:
    """Every adoption share the seeds give, with its area and option named in both languages."""
    areas = load_table("areas")
    options = load_table("options").set_index("option_id")
    rows = load_table("adoption_shares").merge(areas[["area_id", "name_en", "name_zh", "order"]], on="area_id")
    rows = rows.sort_values(["order", "option_id"])
    return rows.assign(
        area=[bilingual(en, zh) for en, zh in zip(rows.name_en, rows.name_zh)],
        option=[bilingual(options.loc[o, "name_en"], options.loc[o, "name_zh"]) for o in rows.option_id],
        share=[percent(value) for value in rows.share],
    )[["area", "option", "scenario", "share", "source"]].rename(
        columns={"area": "Area", "option": "Option", "scenario": "Scenario", "share": "Share", "source": "Seed"}
    )


def measures_table(computable: pd.DataFrame) -> pd.DataFrame:
    """The five measures of the areas with shares, formatted, beside the degree the seeds assert."""
    return computable.assign(
        coverage=[percent(v) for v in computable.coverage],
        leader_share=[percent(v) for v in computable.leader_share],
        hhi=[decimal(v, 3) for v in computable.hhi],
        effective_options=[decimal(v, 2) for v in computable.effective_options],
        normalised_entropy=[decimal(v, 3) for v in computable.normalised_entropy],
        computed_degree=[decimal(v, 3) for v in computable.computed_degree],
        claimed_degree=[percent(v) for v in computable.claimed_degree],
    )[
        [
            "area",
            "coverage",
            "leader_share",
            "hhi",
            "effective_options",
            "normalised_entropy",
            "computed_degree",
            "claimed_degree",
        ]
    ].rename(
        columns={
            "area": "Area",
            "coverage": "Coverage C",
            "leader_share": "Leader share L",
            "hhi": "HHI H",
            "effective_options": "Effective options N",
            "normalised_entropy": "Entropy J",
            "computed_degree": "Degree D",
            "claimed_degree": "Seed's degree",
        }
    )


def curves_with_areas(computable: pd.DataFrame) -> pd.DataFrame:
    """The two-option curves of the measures, with the areas that have shares as points."""
    curves = metrics.two_option_curves().assign(area="")
    points = [
        {"leader_share": row.leader_share, "measure": name, "value": getattr(row, column), "area": row.area}
        for row in computable.itertuples()
        for name, column in [
            ("convergence_degree", "computed_degree"),
            ("hhi", "hhi"),
            ("normalised_entropy", "normalised_entropy"),
            ("leader_share", "leader_share"),
        ]
    ]
    return pd.concat([curves, pd.DataFrame(points)], ignore_index=True)


def _worked_example(results: ChapterResults, computable: pd.DataFrame) -> None:
    """The measures of the first area with shares, written out term by term."""
    example = computable.iloc[0]
    shares = load_table("adoption_shares")
    example_shares = shares[shares.area_id == example.area_id].sort_values("share", ascending=False)
    squares = " + ".join(f"{decimal(value, 1)}²" for value in example_shares.share)
    n = len(example_shares)
    results.text("method.example.area", example["area"])
    results.text("method.example.hhi", f"{squares} = {decimal(example.hhi, 2)}")
    results.text(
        "method.example.degree",
        f"({n} × {decimal(example.hhi, 2)} − 1) / ({n} − 1) = {decimal(example.computed_degree, 2)}",
    )
    results.number(
        "method.example.effective", example.effective_options, "options", text=decimal(example.effective_options, 2)
    )
    results.number(
        "method.example.entropy", example.normalised_entropy, "index", text=decimal(example.normalised_entropy, 2)
    )
    split = metrics.normalised(example_shares.share)
    terms = " + ".join(f"{decimal(value, 1)} ln {decimal(value, 1)}" for value in split)
    results.text("method.example.entropy_sum", f"−({terms}) / ln {n} = {decimal(example.normalised_entropy, 2)}")


def declared_same(two: float, three: float) -> str:
    """Whether the declared degree of a split moves when an option with zero share is named, as a clause."""
    if abs(two - three) < FULL_COVERAGE_TOLERANCE:
        return "whether the third option is named or not"
    return f"but {decimal(three, 2)} once the third option is named"


def _zero_option(results: ChapterResults) -> None:
    """The old degree of a split over the named options against the degree on a declared option set."""
    two, three = list(ZERO_OPTION_SPLIT), [*ZERO_OPTION_SPLIT, 0.0]
    declared = [declared_degree(shares, len(three)) for shares in (two, three)]
    results.text("method.zero_option.split", "/".join(f"{share * 100:g}" for share in ZERO_OPTION_SPLIT))
    for key, value in (("two", metrics.convergence_degree(two)), ("three", metrics.convergence_degree(three))):
        results.number(f"method.zero_option.{key}", value, "index", text=decimal(value, 2))
    results.number("method.zero_option.declared", declared[0], "index", text=decimal(declared[0], 2))
    results.number("method.zero_option.declared_options", len(three), "count")
    results.text("method.zero_option.declared_same", declared_same(*declared))


def _criteria(results: ChapterResults, computable: pd.DataFrame) -> dict[str, classifier.Criterion]:
    """The criteria, the book's choices for applying them, and the table of both; returns the criteria by id."""
    rules = classifier.load_rules()
    criteria = criteria_table(rules)
    results.number("method.criteria", len(criteria), "count")
    results.number("method.criteria_from_seeds", int((criteria.criterion != "L2.no_winner").sum()), "count")
    results.number("method.real_option_min_share", rules.real_option_min_share, "fraction")
    results.text("method.test_order", ", ".join(rules.test_order))
    results.text("method.winner_threshold", classifier_settings().winner_threshold)
    by_id = {c.criterion_id: c for level in rules.criteria.values() for c in level}
    results.number("method.winner_share", by_id["L2.no_winner"].value, "fraction")
    results.number("method.l3_share", by_id["L3.new_product_adoption"].value, "fraction")
    results.number("method.l1_options", by_id["L1.option_count"].value, "count")
    results.number("method.l1_ceiling", by_id["L1.max_share"].value, "fraction")
    results.number("method.l0_ceiling", by_id["L0.max_share"].value, "fraction")
    results.text("method.coverage_note", coverage_note(computable["coverage"]))
    for key, criterion_id in WORDED_BOUNDS:
        results.text(f"method.{key}.word", bound_word(by_id[criterion_id].operator))
    results.table(
        "tbl-method-criteria",
        criteria.rename(
            columns={
                "order": "Tested",
                "level": "Level",
                "criterion": "Criterion",
                "seed_wording": "Seed's wording",
                "test": "Test",
                "source": "Source",
            }
        ),
        caption="The criteria of each level, in the order the classifier tests the levels. A level holds when all its criteria hold.",
        source="data/framework/level_thresholds.csv (seeds 002 and 001) and book.yml analysis.classifier",
    )
    reading = reading_table("L1.option_count", ">=", L1_EXAMPLE)
    results.number("method.l1_reading.changed", len(reading), "count")
    results.table(
        "tbl-method-l1-reading",
        reading.rename(
            columns={
                "case": "Area or example",
                "seeds_reading": "Result (>3)",
                "seeds_possible": "Levels still possible (>3)",
                "other_reading": "Result (≥3)",
                "other_possible": "Levels still possible (≥3)",
            }
        ),
        caption="Cases whose classification changes when L1's option count is read as three or more instead of more than three.",
        source="computed by scaling_book.analysis.classifier.reading_sensitivity from level_thresholds.csv and book.yml",
    )
    return by_id


def _named_only(results: ChapterResults, assessed: pd.DataFrame, by_id: dict[str, classifier.Criterion]) -> None:
    """What the count of named rivals alone says about the areas without shares."""
    named_only = assessed[assessed["basis"] == "named options only"]
    listed = named_only[named_only["named_options"] >= 2]
    results.number("method.named_only", len(named_only), "count")
    results.number("method.named_only.listed", len(listed), "count")
    results.number("method.named_only.single", len(named_only) - len(listed), "count")
    l0_max = by_id["L0.max_share"]
    results.number("method.l0_floor_rivals", classifier.options_needed(l0_max.value, l0_max.operator) - 1, "count")
    results.text(
        "method.named_only.possible",
        "; ".join(
            f"{row.area}, {count(row.named_options)} named: {row.possible_levels}" for row in listed.itertuples()
        ),
    )


def _stability(results: ChapterResults, assessed: pd.DataFrame, computable: pd.DataFrame) -> None:
    """The resampling settings, the assessment of every area, and how stable the computed levels are."""
    uncertainty = classifier.uncertainty_settings()
    share_sd = float(uncertainty.share_sd)
    kappa = classifier.dirichlet_concentration(share_sd)
    results.number("method.share_sd", share_sd, "fraction")
    results.number("method.kappa", kappa, "concentration", text=decimal(kappa, 0))
    results.number("method.resamples", uncertainty.resamples, "count")
    results.text("method.seed", str(uncertainty.seed))
    stable = float(uncertainty.stable_probability)
    results.number("method.stable_probability", stable, "fraction")
    results.table(
        "tbl-method-levels",
        assessment_table(assessed),
        caption="Every area of the matrix: the seeds' level and degree beside the computed ones, with the probability of the computed level under resampling.",
        source="computed by scaling_book.analysis.classifier from data/framework/adoption_shares.csv, options.csv, level_thresholds.csv and book.yml",
    )
    results.chart(
        "fig-method-probabilities",
        charts.level_probability_bars(classifier.level_probabilities(assessed)),
        source="computed by scaling_book.analysis.classifier; shares from data/framework/adoption_shares.csv",
    )
    for row in computable.itertuples():
        results.text(f"method.level.{row.area_id}", row.computed_level)
        results.number(
            f"method.level_probability.{row.area_id}",
            row.level_probability,
            "fraction",
            text=percent(row.level_probability, 1),
        )
        results.number(f"method.leader.{row.area_id}", row.leader_share, "fraction")
    results.number("method.fragile", int(assessed["fragile"].fillna(False).sum()), "count")
    results.number("method.scenario_areas", len(classifier.areas_with_scenario_shares()), "count")
    p_l0_max = float(computable["p_L0"].max())
    results.number("method.p_l0_max", p_l0_max, "fraction", text=percent(p_l0_max, 1))
    sensitivity = classifier.sensitivity(assessed)
    results.chart(
        "fig-method-sensitivity",
        charts.sensitivity_lines(sensitivity),
        source="computed by scaling_book.analysis.classifier; share errors from book.yml analysis.uncertainty.sensitivity_sds",
    )
    results.text("method.fragile_at", fragile_from(sensitivity, stable))
    results.number("method.sensitivity_max_sd", float(sensitivity.share_sd.max()), "fraction")


def methods_chapter() -> ChapterResults:
    """Everything the methods chapter glues and shows, in the chapter's order."""
    results = ChapterResults()
    areas = load_table("areas")
    assessed = assessed_areas()
    computable = assessed[assessed["basis"] == "adoption shares"]
    results.number("method.areas", len(areas), "count")
    results.number("method.areas_with_shares", len(computable), "count")
    results.number("method.areas_without_shares", len(assessed) - len(computable), "count")
    results.table(
        "tbl-method-shares",
        shares_table(),
        caption="Every adoption share the seeds give. Scenario 'all' means the seed does not split the share by scenario.",
        source="seed 001, sections 3.1 and 3.2; data/framework/adoption_shares.csv",
    )
    _worked_example(results, computable)
    _zero_option(results)
    results.table(
        "tbl-method-measures",
        measures_table(computable),
        caption="The five measures for every area whose shares the seeds give, beside the degree the seeds assert.",
        source="computed from data/framework/adoption_shares.csv by scaling_book.analysis.measures; seed degree from levels.csv",
    )
    results.chart(
        "fig-method-curves",
        charts.measure_curves(curves_with_areas(computable)),
        source="computed by scaling_book.analysis.measures; points from data/framework/adoption_shares.csv",
    )
    by_id = _criteria(results, computable)
    _named_only(results, assessed, by_id)
    _stability(results, assessed, computable)
    shown = results.shown
    add_brief(
        results,
        [
            f"Of the seeds' {shown('method.areas')} areas, {shown('method.areas_with_shares')} come with the adoption "
            f"shares the measures and a level need; {shown('method.areas_without_shares')} do not.",
            f"The classifier tests the levels in the order {shown('method.test_order')}; an option below "
            f"{shown('method.real_option_min_share')} is not counted as a real alternative.",
            f"With the shares redrawn ({shown('method.share_sd')} error, {shown('method.resamples')} resamples), "
            f"{shown('method.fragile')} classifications come out at their level in less than "
            f"{shown('method.stable_probability')} of the resamples.",
            f"Under larger errors: {shown('method.fragile_at')}.",
        ],
    )
    return results
