"""View of the chapter on market concentration (chapters/evidence/concentration.md): the seeds' market claims
beside the organisations that publish notable models and how concentrated those models are."""

from __future__ import annotations

import pandas as pd

from scaling_book.analysis.compute_growth import COMPUTE_START
from scaling_book.analysis.concentration import by_parent, concentration_by_year, parent_companies
from scaling_book.analysis.evidence_common import (
    EVIDENCE_YEARS,
    dataset_available,
    latest_full_year,
    partial_year,
    snapshot_date,
    table_years,
)
from scaling_book.inputs.load import load_table
from scaling_book.views.brief import add_brief
from scaling_book.views.charts import evidence as charts
from scaling_book.views.evidence_frontier import frontier_developers
from scaling_book.views.evidence_phrases import (
    change_phrase,
    compared,
    parent_verdicts,
    position,
    source_line,
    versus_claimed_players,
    wider_count,
)
from scaling_book.views.evidence_tables import (
    concentration_table,
    dataset_labels,
    indices_frame,
    organizations_frame,
    top_organizations,
)
from scaling_book.views.results import ChapterResults
from scaling_book.views.text import percent

MARKET_CLAIMS = (
    ("market.players_2023", "players_2023"),
    ("market.players_2025", "players_2025"),
    ("market.head_firms_share", "head_firms"),
    ("market.providers_2027", "providers"),
)
CONCENTRATION_CAPTION = (
    "Notable models and the organisations that publish them, per year: counts of models (all, and those with a "
    "known organisation, on which the indices rest) and of organisations (Orgs), Herfindahl–Hirschman index (HHI), "
    "effective number of organisations (1/HHI), the share of the five (Top 5) and six (Top 6) organisations with "
    "most models, and HHI and top-5 share with organisations merged into their parent companies (parents)."
)


def three(value: float) -> str:
    """An index to three decimals: 0.0551 -> '0.055'."""
    return f"{value:.3f}"


def market_claims(results: ChapterResults, claims: pd.DataFrame) -> pd.DataFrame:
    """Glue the seeds' market claims (quotes, values, years) and table them; returns their rows."""
    market = claims.loc[[claim_id for claim_id, _ in MARKET_CLAIMS]]
    for claim_id, name in MARKET_CLAIMS:
        results.text(f"evidence.concentration.quote.{name}", claims.loc[claim_id, "quote_zh"])
    results.number("evidence.concentration.claim.players_2023", market.loc["market.players_2023", "value"], "count")
    results.number("evidence.concentration.claim.year_2023", market.loc["market.players_2023", "year"], "year")
    results.number("evidence.concentration.claim.year_2025", market.loc["market.players_2025", "year"], "year")
    results.number("evidence.concentration.claim.year_providers", market.loc["market.providers_2027", "year"], "year")
    results.number("evidence.concentration.claim.players_2025", market.loc["market.players_2025", "value"], "count")
    results.number("evidence.concentration.claim.head_firms", claims.loc["market.head_firms", "value"], "count")
    results.number(
        "evidence.concentration.claim.head_share", market.loc["market.head_firms_share", "value"], "fraction"
    )
    results.number("evidence.concentration.claim.providers_low", market.loc["market.providers_2027", "value"], "count")
    results.number(
        "evidence.concentration.claim.providers_high", market.loc["market.providers_2027", "value_high"], "count"
    )
    prediction = load_table("predictions").set_index("prediction_id").loc["market_three_to_five"]
    results.text("evidence.concentration.prediction_due", prediction["due_quarter"])
    results.table(
        "tbl-evidence-market-claims",
        market.reset_index()[["claim_id", "quote_zh", "statement_en", "value", "value_high", "year"]].rename(
            columns={
                "claim_id": "Claim",
                "quote_zh": "Seed wording",
                "statement_en": "Statement",
                "value": "Value",
                "value_high": "Up to",
                "year": "Year",
            }
        ),
        caption="The seeds' quantitative claims about the market.",
        source="seed 002 (section overview), sections 三, 五 and 七; data/framework/claims.csv",
    )
    return market


def concentration_chapter() -> ChapterResults:
    """The seeds' claims on players, head firms and few providers against Epoch's counts and indices."""
    results = ChapterResults()
    manifest = load_table("epoch_manifest")
    org_year = load_table("epoch_org_year")
    models_by_year = load_table("epoch_models_by_year")
    has_all = dataset_available(manifest, "all")
    source = source_line(manifest, "notable", "data/processed/epoch_org_year.csv, epoch_models_by_year.csv")
    if has_all:
        source += "; " + source_line(manifest, "all", "the same tables")
    notable = concentration_by_year(org_year, models_by_year, "notable")
    everything = concentration_by_year(org_year, models_by_year, "all") if has_all else None
    years, partial = table_years(manifest, "notable"), partial_year(manifest, "notable")
    last = latest_full_year(manifest, "notable")
    results.number("evidence.concentration.last_full_year", last, "year")
    results.text("evidence.concentration.snapshot", snapshot_date(manifest, "notable").date().isoformat())
    results.text("evidence.concentration.source", source)
    by_year = notable.set_index("year")
    for year in EVIDENCE_YEARS:
        if year in by_year.index:
            results.number(f"evidence.models.count.{year}", int(by_year.loc[year, "models"]), "count")
            results.number(f"evidence.orgs.distinct.{year}", int(by_year.loc[year, "organizations"]), "count")

    claims = load_table("claims").set_index("claim_id")
    market = market_claims(results, claims)
    claim_year = int(market.loc["market.players_2023", "year"])

    parents = concentration_by_year(by_parent(org_year, parent_companies()), models_by_year, "notable")
    labels = dataset_labels(manifest)
    results.table(
        "tbl-evidence-concentration",
        concentration_table(notable, everything, years, partial, parents),
        caption=CONCENTRATION_CAPTION
        + (" The last column counts the organisations of Epoch's All AI Models dataset." if has_all else ""),
        widths=(6, 6, 6, 6, 6, 6, 5, 5, 6, 6, 7)[: 10 + has_all],
        source=source,
    )
    start = COMPUTE_START.year
    results.chart(
        "fig-evidence-organizations",
        charts.organizations_by_year(
            organizations_frame(
                {labels["notable"]: notable} | ({labels["all"]: everything} if everything is not None else {}), start
            )
        ),
        source=source,
    )
    results.chart(
        "fig-evidence-concentration",
        charts.concentration_indices(indices_frame(notable, start)),
        source=source_line(manifest, "notable", "data/processed/epoch_org_year.csv"),
    )

    first, last_row = by_year.loc[claim_year], by_year.loc[last]
    results.number("evidence.concentration.orgs_2023", int(first["organizations"]), "count")
    results.number("evidence.concentration.orgs_last", int(last_row["organizations"]), "count")
    results.number("evidence.concentration.models_last", int(last_row["models"]), "count")
    results.number("evidence.concentration.top5_last", last_row["top5_share"], "fraction")
    results.number("evidence.concentration.top6_last", last_row["top6_share"], "fraction")
    results.number("evidence.concentration.hhi_last", last_row["hhi"], "index", text=three(last_row["hhi"]))
    results.number(
        "evidence.concentration.effective_last",
        last_row["effective_organizations"],
        "organisations",
        text=f"{last_row['effective_organizations']:.1f}",
    )
    results.text("evidence.concentration.orgs_change", compared(first["organizations"], last_row["organizations"]))
    head_share = float(market.loc["market.head_firms_share", "value"])
    results.text("evidence.concentration.head_verdict", position(last_row["top6_share"], head_share))
    low = float(market.loc["market.providers_2027", "value"])
    high = float(market.loc["market.providers_2027", "value_high"])
    results.text("evidence.concentration.effective_verdict", position(last_row["effective_organizations"], low, high))
    counts_last = [int(last_row["organizations"])]
    before = after = None
    if everything is not None:
        wide = everything.set_index("year")
        before, after = int(wide.loc[claim_year, "organizations"]), int(wide.loc[last, "organizations"])
        results.number("evidence.concentration.all_orgs_2023", before, "count")
        results.number("evidence.concentration.all_orgs_last", after, "count")
        counts_last.append(after)
    results.text("evidence.concentration.wider", wider_count(before, after, claim_year, last))
    results.text(
        "evidence.concentration.vs_mainstream",
        versus_claimed_players(counts_last, float(market.loc["market.players_2025", "value"]), last),
    )
    top = top_organizations(org_year, "notable", last, int(claims.loc["market.head_firms", "value"]))

    merged_last = parents.set_index("year").loc[last]
    results.number(
        "evidence.concentration.parent_hhi_last", merged_last["hhi"], "index", text=three(merged_last["hhi"])
    )
    results.number("evidence.concentration.parent_top5_last", merged_last["top5_share"], "fraction")
    results.number("evidence.concentration.parent_orgs_last", int(merged_last["organizations"]), "count")
    shown = by_year.loc[years]
    results.number(
        "evidence.concentration.known_short_years", int((shown["organization_known"] < shown["models"]).sum()), "count"
    )
    results.number(
        "evidence.concentration.unknown_total", int((shown["models"] - shown["organization_known"]).sum()), "count"
    )
    results.number("evidence.concentration.models_total", int(shown["models"].sum()), "count")
    results.text(
        "evidence.concentration.parent_last",
        change_phrase(
            [
                ("HHI", last_row["hhi"], merged_last["hhi"], three),
                ("top-five share", last_row["top5_share"], merged_last["top5_share"], percent),
            ]
        ),
    )
    top5_rise = float((parents.set_index("year").loc[years, "top5_share"] - shown["top5_share"]).max())
    results.number(
        "evidence.concentration.top5_rise_max", top5_rise, "fraction", text=f"{top5_rise * 100:.0f} percentage points"
    )
    results.text(
        "evidence.concentration.parent_verdicts", parent_verdicts(last_row, merged_last, head_share, low, high)
    )
    rise = float((parents.set_index("year").loc[years, "hhi"] - shown["hhi"]).max())
    results.number("evidence.concentration.hhi_rise_max", rise, "index", text=f"{rise:.3f}")
    results.table(
        "tbl-evidence-top-organizations",
        top,
        caption="The organisations with most notable models in the last full year of the snapshot, as "
        "many as the seeds' head firms.",
        source=source_line(manifest, "notable", "data/processed/epoch_org_year.csv"),
    )
    frontier_developers(results, claim_year, low, high)
    shown, frontier = results.shown, "evidence.concentration.frontier"
    add_brief(
        results,
        [
            f"In {shown('evidence.concentration.last_full_year')}, {shown('evidence.concentration.orgs_last')} "
            f"organisations published the {shown('evidence.concentration.models_last')} notable models, against "
            f"{shown('evidence.concentration.orgs_2023')} in {shown('evidence.concentration.claim.year_2023')}.",
            f"The five most prolific published {shown('evidence.concentration.top5_last')} of them (HHI "
            f"{shown('evidence.concentration.hhi_last')}, {shown('evidence.concentration.effective_last')} "
            "effective organisations).",
            f"The six most prolific published {shown('evidence.concentration.top6_last')}, "
            f"{shown('evidence.concentration.head_verdict')} the {shown('evidence.concentration.claim.head_share')} "
            "the seeds claim for the head firms (a share of models, not of the market).",
            f"In {shown(f'{frontier}.year')}, the five developers with most compute trained "
            f"{shown(f'{frontier}.top5_compute_last')} of it: notable models are {shown(f'{frontier}.weighting')}.",
        ],
    )
    return results
