"""Display tables and chart frames of the evidence chapters: the evidence measures of :mod:`scaling_book.analysis`, formatted.

Numbers become text here (percentages, multiples, intervals) so that the tables read the
same in HTML and PDF; the measures themselves stay numeric in ``evidence``.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from scaling_book.analysis.benchmarks import SPREAD_RANK, ranked_scores
from scaling_book.analysis.compute_growth import Growth
from scaling_book.analysis.evidence_common import FEW_ROWS, wilson_interval
from scaling_book.views.text import count, multiple, percent


def dataset_labels(manifest: pd.DataFrame) -> dict[str, str]:
    """Dataset id -> the title the reader sees (Epoch's, as the manifest records it)."""
    return dict(zip(manifest["dataset"], manifest["title"]))


def interval(low: float, high: float, fmt: Callable[[float], str]) -> str:
    """'low–high' with the given formatter."""
    return f"{fmt(low)}–{fmt(high)}"


def year_label(year: int, partial: int | None) -> str:
    """'2025 (partial)' for the incomplete last year of a snapshot, else the year."""
    return f"{year} (partial)" if year == partial else str(year)


def share_cell(successes: int, total: int, share: float, low: float, high: float) -> str:
    """'45% (27/60; 33–58%)': share, the count behind it and its 95% interval; 'few rows' when total is small."""
    few = "; few rows" if total < FEW_ROWS else ""
    return f"{percent(share)} ({successes}/{total}; {low * 100:.0f}–{percent(high)}{few})"


def manifest_table(manifest: pd.DataFrame) -> pd.DataFrame:
    """Provenance of each raw file, for reading."""

    def snapshot(row: pd.Series) -> str:
        if row["status"] != "read":
            return "file not supplied"
        return row["snapshot_date"].date().isoformat() if pd.notna(row["snapshot_date"]) else "no dates in file"

    def rows(row: pd.Series) -> str:
        if row["status"] != "read":
            return "–"
        return " / ".join(count(row[name]) for name in ("rows_raw", "rows_kept", "rows_dropped"))

    return pd.DataFrame(
        {
            "Dataset (file)": [f"{row['title']} ({row['file']})" for _, row in manifest.iterrows()],
            "URL": manifest["url"],
            "Snapshot (newest date)": [snapshot(row) for _, row in manifest.iterrows()],
            "Rows in file / kept / dropped": [rows(row) for _, row in manifest.iterrows()],
            "SHA-256 (first 12 digits)": [str(value)[:12] if pd.notna(value) else "–" for value in manifest["sha256"]],
        }
    )


def exclusions_table(exclusions: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    """Rows and values left out, by dataset (``labels``: id -> title), column and reason."""
    return pd.DataFrame(
        {
            "Dataset": exclusions["dataset"].map(labels),
            "Column": exclusions["column"],
            "Reason": exclusions["reason"],
            "Action": exclusions["action"],
            "Rows": exclusions["rows"].astype(int),
            "First line": exclusions["first_line"].astype(int),
            "First value": exclusions["example"].fillna(""),
        }
    )


def growth_table(fits: dict[str, Growth]) -> pd.DataFrame:
    """One row per fitted group: models, period, growth per year and doubling time with 95% intervals."""
    rows = []
    for group, growth in fits.items():
        rows.append(
            {
                "Models": group,
                "Models fitted": growth.models,
                "Published": f"{growth.first_date.isoformat()} to {growth.last_date.isoformat()}",
                "Growth per year (95% interval)": f"{multiple(growth.growth)} ({interval(*growth.growth_interval, multiple)})",
                "Doubling time in months (95% interval)": f"{growth.doubling:.1f} ({interval(*growth.doubling_interval, lambda value: f'{value:.1f}')})",
            }
        )
    return pd.DataFrame(rows)


def concentration_table(
    notable: pd.DataFrame, everything: pd.DataFrame | None, years: list[int], partial: int | None, parents: pd.DataFrame
) -> pd.DataFrame:
    """Per year: models (all, with organisation known), organisations, HHI, effective number, top-5 and top-6
    share, HHI and top-5 share by parent company, and, when given, the wider count."""
    rows = notable.set_index("year").loc[years]
    table = pd.DataFrame(
        {
            "Year": [year_label(year, partial) for year in years],
            "Models": rows["models"].astype(int).to_numpy(),
            "Org. known": rows["organization_known"].astype(int).to_numpy(),
            "Orgs": rows["organizations"].astype(int).to_numpy(),
            "HHI": [f"{value:.3f}" for value in rows["hhi"]],
            "1/HHI": [f"{value:.1f}" for value in rows["effective_organizations"]],
            "Top 5": [percent(value) for value in rows["top5_share"]],
            "Top 6": [percent(value) for value in rows["top6_share"]],
        }
    )
    merged = parents.set_index("year").loc[years]
    table["HHI, parents"] = [f"{value:.3f}" for value in merged["hhi"]]
    table["Top 5, parents"] = [percent(value) for value in merged["top5_share"]]
    if everything is not None:
        wide = everything.set_index("year").reindex(years)
        table["Orgs, all models"] = [count(value) if pd.notna(value) else "–" for value in wide["organizations"]]
    return table


def share_table(
    frame: pd.DataFrame, *, series: str, count_column: str, total: str, years: list[int], partial: int | None
) -> pd.DataFrame:
    """Years as rows, one column per series: 'share (count/total; interval)', '–' when nothing is known."""
    cells = {
        (row.year, getattr(row, series)): share_cell(
            int(getattr(row, count_column)), int(getattr(row, total)), row.share, row.share_low, row.share_high
        )
        for row in frame.itertuples()
    }
    table = pd.DataFrame({"Year": [year_label(year, partial) for year in years]})
    for name in dict.fromkeys(frame[series]):
        table[name] = [cells.get((year, name), "–") for year in years]
    return table


def organizations_frame(concentration: dict[str, pd.DataFrame], start: int) -> pd.DataFrame:
    """Tidy chart data: per dataset and year from ``start``, the count of models and of organisations."""
    parts = []
    for label, frame in concentration.items():
        rows = frame[frame["year"] >= start]
        for measure, column in (("Models", "models"), ("Organisations (first listed)", "organizations")):
            parts.append(
                pd.DataFrame(
                    {"dataset": label, "year": rows["year"], "measure": measure, "value": rows[column].astype(int)}
                )
            )
    return pd.concat(parts, ignore_index=True)


def indices_frame(concentration: pd.DataFrame, start: int) -> pd.DataFrame:
    """Tidy chart data: per year from ``start``, HHI and top-5 share with the models they rest on."""
    rows = concentration[concentration["year"] >= start]
    return pd.concat(
        [
            pd.DataFrame(
                {"year": rows["year"], "index": name, "value": rows[column], "models": rows["organization_known"]}
            )
            for name, column in (("Top-5 share", "top5_share"), ("HHI", "hhi"))
        ],
        ignore_index=True,
    )


def top_organizations(org_year: pd.DataFrame, dataset: str, year: int, k: int) -> pd.DataFrame:
    """The ``k`` organisations with most models in ``year`` (ties broken by name), with their share."""
    rows = org_year[(org_year["dataset"] == dataset) & (org_year["year"] == year)]
    total = int(rows["models"].sum())
    top = rows.sort_values(["models", "organization"], ascending=[False, True]).head(k)
    return pd.DataFrame(
        {
            "Rank": range(1, len(top) + 1),
            "Organisation (first listed)": top["organization"],
            "Models": top["models"].astype(int),
            "Share of models": [percent(value / total) for value in top["models"]],
        }
    )


def country_hardware_table(
    hardware_by_year: pd.DataFrame, dataset: str, years: list[int], partial: int | None, families: dict[str, str]
) -> pd.DataFrame:
    """Per year and country group with hardware known: models counted and, per family (``families``: column ->
    name), share (count; interval)."""
    rows = hardware_by_year[
        (hardware_by_year["dataset"] == dataset)
        & hardware_by_year["year"].isin(years)
        & (hardware_by_year["country"] != "all")
    ]
    rows = rows.sort_values(["year", "country"], ascending=[True, False])
    return pd.DataFrame(
        {
            "Year": [year_label(year, partial) for year in rows["year"]],
            "Country": rows["country"],
            "Hardware known": rows["hardware_known"].astype(int),
            **{
                label: [family_cell(int(k), int(n)) for k, n in zip(rows[column], rows["hardware_known"])]
                for column, label in families.items()
            },
        }
    )


def family_cell(successes: int, total: int) -> str:
    """``share_cell`` of ``successes`` out of ``total`` with its Wilson interval ('–' when total is 0)."""
    if total == 0:
        return "–"
    return share_cell(successes, total, successes / total, *wilson_interval(successes, total))


def leading_frame(
    scores: pd.DataFrame, tasks: tuple[str, ...], shown: int, claimed_spread: float, k: int = SPREAD_RANK
) -> pd.DataFrame:
    """Tidy chart data: the ``shown`` best entries of each task, the top ``k`` set apart, and the claimed band."""
    parts = []
    for task in tasks:
        ranked = ranked_scores(scores, task).head(shown)
        top = float(ranked["best_score"].iloc[0])
        parts.append(
            ranked.assign(
                task=task,
                label=[f"{rank}. {model}" for rank, model in zip(ranked["rank"], ranked["model"])],
                group=[f"Ranks 1–{k}" if rank <= k else f"Ranks {k + 1}–{shown}" for rank in ranked["rank"]],
                top_score=top,
                claim_floor=top - claimed_spread,
            )
        )
    return pd.concat(parts, ignore_index=True)[
        ["task", "rank", "model", "label", "best_score", "runs", "group", "top_score", "claim_floor"]
    ]
