"""The mixture-of-experts keyword heuristic checked against hand labels: confusion counts, precision, recall.

The heuristic is Epoch's parameter notes matched against MoE keywords (the column
``MoE (from parameter notes)`` of the project's copies, or ``moe_flag`` of the processed models);
the labels are ``data/editorial/moe_labels.csv``. Only models labelled ``moe`` or ``dense`` count;
``undisclosed`` ones are left out. Labels and flags are matched on model name (white space stripped)
and publication date.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

POSITIVE = "moe"
NEGATIVE = "dense"


@dataclass(frozen=True)
class MoeCheck:
    """Confusion counts of the heuristic against the labels, and the models it gets wrong."""

    true_positives: int
    false_positives: int
    false_negatives: int
    true_negatives: int
    unmatched: tuple[str, ...]  # labelled moe/dense models with no flag to compare
    false_positive_models: tuple[str, ...]
    false_negative_models: tuple[str, ...]

    @property
    def labelled(self) -> int:
        return self.true_positives + self.false_positives + self.false_negatives + self.true_negatives

    @property
    def precision(self) -> float | None:
        flagged = self.true_positives + self.false_positives
        return self.true_positives / flagged if flagged else None

    @property
    def recall(self) -> float | None:
        actual = self.true_positives + self.false_negatives
        return self.true_positives / actual if actual else None

    @property
    def misclassified(self) -> tuple[str, ...]:
        return self.false_positive_models + self.false_negative_models


def _key(frame: pd.DataFrame, model: str, date: str) -> pd.Series:
    days = pd.to_datetime(frame[date]).dt.strftime("%Y-%m-%d")
    return frame[model].astype(str).str.strip() + "|" + days


def moe_check(labels: pd.DataFrame, flags: pd.DataFrame, *, flag: str = "moe_flag", model: str = "model",
              date: str = "publication_date") -> MoeCheck:
    """Compare ``labels`` (model, publication_date, label) with ``flags`` (model, date, boolean ``flag``)."""
    decided = labels[labels["label"].isin((POSITIVE, NEGATIVE))]
    flag_by_key = dict(zip(_key(flags, model, date), flags[flag].astype(bool)))
    if len(flag_by_key) != len(flags):
        raise ValueError("flags hold the same model and date twice")
    tp: list[str] = []
    fp: list[str] = []
    fn: list[str] = []
    tn: list[str] = []
    unmatched: list[str] = []
    for key, name, label in zip(_key(decided, "model", "publication_date"), decided["model"], decided["label"]):
        if key not in flag_by_key:
            unmatched.append(str(name).strip())
            continue
        flagged = flag_by_key[key]
        is_moe = label == POSITIVE
        bucket = (tp if flagged else fn) if is_moe else (fp if flagged else tn)
        bucket.append(str(name).strip())
    return MoeCheck(true_positives=len(tp), false_positives=len(fp), false_negatives=len(fn),
                    true_negatives=len(tn), unmatched=tuple(unmatched), false_positive_models=tuple(fp),
                    false_negative_models=tuple(fn))
