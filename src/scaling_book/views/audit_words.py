"""The words a comparison of the claims audit picks, and how its values are shown."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from scaling_book.views.text import count, multiple, percent

Facts = dict[str, Any]
Text = tuple[str, str]  # (test, arithmetic)


def count_interval(low: float, high: float, unit: str = "") -> str:
    """An interval of counts as the seeds state it: '15', '3–5', 'at least 200'."""
    if math.isinf(high):
        return f"at least {low:g}{unit}"
    return f"{low:g}{unit}" if low == high else f"{low:g}–{high:g}{unit}"


def true_false(holds: bool) -> str:
    """'true' when a comparison holds, else 'false'."""
    return "true" if holds else "false"


def inside_outside(inside: bool) -> str:
    """Whether a claimed value lies inside the computed range."""
    return "inside" if inside else "outside"


def all_inside(inside: bool) -> str:
    """Whether every date lies inside a forecast window."""
    return "all inside" if inside else "not all inside"


def falling_words(falling: bool) -> str:
    """Whether a sequence falls strictly."""
    return "strictly falling" if falling else "not strictly falling"


def same_different(same: bool) -> str:
    """Whether two statements of a figure agree."""
    return "the same" if same else "different"


def before_after(earlier: bool) -> str:
    """Whether a date comes before another."""
    return "before" if earlier else "after"


def shown(value: float, unit: str) -> str:
    """A value in the unit's usual form (fractions as percentages)."""
    formats: dict[str, Callable[[float], str]] = {"fraction": percent, "count": count, "multiple": multiple}
    return formats.get(unit, lambda v: f"{v:g}")(value)


MEASURE_WORDS = {"leader_share": "leader share", "option_count": "named options"}
