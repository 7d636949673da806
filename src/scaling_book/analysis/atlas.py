"""The evidence atlas: coding rules, observations, shares and levels by area and year (one import for readers).

Rules: :mod:`atlas_rules`; observations and bootstrap draws: :mod:`atlas_observe`; shares and levels:
:mod:`atlas_levels`; sensitivity of the levels to the open choices: :mod:`atlas_sensitivity`.
"""

from __future__ import annotations

from scaling_book.analysis.atlas_levels import CONFIDENCE, atlas_levels, atlas_shares, placement_rules
from scaling_book.analysis.atlas_observe import EPOCH, SEED, USER, Group, observation_groups, observations
from scaling_book.analysis.atlas_rules import (
    LARGE_COMPUTE_FLOP,
    AtlasArea,
    CodingRuleError,
    OptionRule,
    atlas_areas,
    option_weights,
    population_mask,
)
from scaling_book.analysis.atlas_sensitivity import READINGS, Reading, placement_sensitivity

__all__ = [
    "CONFIDENCE",
    "EPOCH",
    "LARGE_COMPUTE_FLOP",
    "READINGS",
    "SEED",
    "USER",
    "AtlasArea",
    "CodingRuleError",
    "Group",
    "OptionRule",
    "Reading",
    "atlas_areas",
    "atlas_levels",
    "atlas_shares",
    "observation_groups",
    "observations",
    "option_weights",
    "placement_rules",
    "placement_sensitivity",
    "population_mask",
]
