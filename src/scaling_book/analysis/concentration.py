"""Concentration of Epoch AI's notable models among the organisations that publish them, per year.

Models are counted by their first listed organisation; HHI (:func:`scaling_book.analysis.measures.hhi`)
is the sum of squared shares and top-k share the share of the k organisations with most models, both
over the models whose organisation is known. As a sensitivity check, units of one company are merged
into their parent (the book's table ``data/editorial/parent_companies.csv``).
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from scaling_book.analysis.measures import hhi
from scaling_book.inputs.load import load_table


def top_share(counts: pd.Series, k: int) -> float:
    """Share held by the ``k`` largest counts."""
    return float(counts.sort_values(ascending=False).head(k).sum() / counts.sum())


def parent_companies() -> dict[str, str]:
    """Organisation -> parent company, from the editorial table; names not listed stand for themselves."""
    table = load_table("parent_companies")
    return dict(zip(table["organization"], table["parent"]))


def by_parent(org_year: pd.DataFrame, parent_of: Mapping[str, str]) -> pd.DataFrame:
    """``org_year`` with each organisation replaced by its parent company (``parent_of``), counts summed."""
    rows = org_year.assign(organization=org_year["organization"].map(lambda name: parent_of.get(name, name)))
    return rows.groupby(["dataset", "year", "organization"], as_index=False, sort=True)["models"].sum()


def concentration_by_year(org_year: pd.DataFrame, models_by_year: pd.DataFrame, dataset: str) -> pd.DataFrame:
    """Per year: models, distinct first organisations, HHI, effective number (1/HHI), top-5 and top-6 share."""
    models = models_by_year[models_by_year["dataset"] == dataset].set_index("year")
    rows = []
    for year, group in org_year[org_year["dataset"] == dataset].groupby("year"):
        counts = group["models"].astype(int)
        index = hhi(counts / counts.sum())
        rows.append({"year": int(year), "models": int(models.loc[year, "models"]),
                     "organization_known": int(models.loc[year, "organization_known"]),
                     "organizations": len(counts), "hhi": index, "effective_organizations": 1 / index,
                     "top5_share": top_share(counts, 5), "top6_share": top_share(counts, 6)})
    return pd.DataFrame(rows)
