"""Two Epoch releases of Notable AI Models combined by period, and the revisions between them.

Rows published before the seam come from the older release, rows from the seam on from the
newer one; a model both releases hold is kept once (the newer release's row when its date is
on or after the seam). Models are matched on name, organisation and date, then name and
organisation (a revised date), then a normalised name and organisation (a rename).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from scaling_book.pipelines.epoch_files import (
    SOURCES,
    EpochInputError,
    Exclusions,
    HardwareFamily,
    RawFile,
    Source,
    read_epoch_file,
)
from scaling_book.pipelines.epoch_models import ModelRecord, model_records, whitespace_note
from scaling_book.pipelines.epoch_tables import LICENCE
from scaling_book.schemas.processed import RELEASE_DATASETS

DEFAULT_SEAM = date(2025, 1, 1)
# Fields compared between releases: every value of epoch_models the raw row gives except the name.
COMPARED = (
    "organization",
    "publication_date",
    "countries",
    "domain",
    "hardware_families",
    "accessibility",
    "base_model",
    "parameters",
    "training_compute_flop",
    "confidence",
    "organization_category",
    "frontier",
    "moe_flag",
)
# Numbers written with different digits for one value (3.3499999999999998e+25 vs 3.35e+25) are not revisions.
RELATIVE_TOLERANCE = 1e-9


class ReleaseError(EpochInputError):
    """Releases that cannot be combined as asked (e.g. a seam outside what both files cover)."""


@dataclass(frozen=True)
class Release:
    """A release the per-model table can draw on: its file, the first date it covers, and where the copy is from."""

    source: Source
    covers_from: date | None  # None: the whole release; a date: an extract of the rows from that date on
    copy_of: str


OLDER = Release(SOURCES[0], None, "Epoch AI's download (free-text columns removed; see its README)")
NEWER = Release(
    Source(
        RELEASE_DATASETS[1],
        "notable_ai_models_2025-01-01_on.csv",
        "Notable AI Models",
        "https://epoch.ai/data/notable-ai-models",
        True,
        SOURCES[0].columns,
    ),
    date(2025, 1, 1),
    "Extract (rows from 2025-01-01) of Epoch AI's file as published in "
    "https://github.com/Jav97970/ai-frontier-concentration (notable_ai_models.csv, commit "
    "562717b7562697dd3efadd4ccba2a48cfe56e33c)",
)
RELEASES = (OLDER, NEWER)
assert tuple(release.source.dataset for release in RELEASES) == RELEASE_DATASETS


def release_label(records: list[ModelRecord]) -> str:
    """A release named by the month of its newest publication date, e.g. '2026-04'."""
    return max(record.published for record in records).strftime("%Y-%m") if records else ""


def normalised(name: str) -> str:
    """A model name with case and runs of spaces, hyphens and underscores ignored ('Grok-3' ~ 'Grok 3')."""
    return re.sub(r"[\s_-]+", " ", name.lower()).strip()


def match_releases(older: list[ModelRecord], newer: list[ModelRecord]) -> list[tuple[ModelRecord, ModelRecord, str]]:
    """Pairs (older, newer, 'same' or 'renamed'), each record in at most one pair; exact matches first."""
    keys = (
        lambda r: (r.model, r.organization, r.published),
        lambda r: (r.model, r.organization),
        lambda r: (normalised(r.model), r.organization),
    )
    pairs: list[tuple[ModelRecord, ModelRecord, str]] = []
    left_old, left_new = list(older), list(newer)
    for tier, key in enumerate(keys):
        by_key: dict[object, list[ModelRecord]] = {}
        for record in left_old:
            by_key.setdefault(key(record), []).append(record)
        unmatched_new = []
        for record in left_new:
            candidates = by_key.get(key(record), [])
            if len(candidates) == 1:  # an ambiguous key (two older rows) matches neither
                pairs.append((candidates.pop(), record, "renamed" if tier == 2 else "same"))
            else:
                unmatched_new.append(record)
        paired = {id(old) for old, _, _ in pairs}
        left_old = [record for record in left_old if id(record) not in paired]
        left_new = unmatched_new
    return pairs


def combine(
    older: list[ModelRecord], newer: list[ModelRecord] | None, seam: date, older_snapshot: date | None
) -> list[ModelRecord]:
    """The per-model rows: the older release before ``seam``, the newer from it; each model once."""
    if newer is None:
        return list(older)
    if NEWER.covers_from and seam < NEWER.covers_from:
        raise ReleaseError(f"seam {seam} is before {NEWER.covers_from}, where {NEWER.source.file} starts")
    if older_snapshot and seam > older_snapshot + timedelta(days=1):
        raise ReleaseError(
            f"seam {seam} is after the day following the older release's newest date "
            f"{older_snapshot}: models between them would be in neither release"
        )
    pairs = match_releases(older, newer)
    paired_old = {id(old): new for old, new, _ in pairs}
    paired_new = {id(new): old for old, new, _ in pairs}
    kept = [record for record in older if record.published < seam and id(record) not in paired_old]
    kept += [record for record in newer if record.published >= seam and id(record) not in paired_new]
    # A model in both releases: the newer release's date decides which release's row counts.
    kept += [new if new.published >= seam else old for old, new, _ in pairs]
    return kept


def differs(old: object, new: object) -> bool:
    """Whether two values of a compared field differ (numbers within a relative 1e-9 are equal)."""
    if isinstance(old, float) and isinstance(new, float):
        return not math.isclose(old, new, rel_tol=RELATIVE_TOLERANCE)
    return old != new


def revision_rows(
    older: list[ModelRecord], newer: list[ModelRecord], window: tuple[date, date]
) -> list[dict[str, object]]:
    """Every model of either release dated in ``window``: its match kind and each field whose value differs."""
    start, end = window

    def inside(record: ModelRecord) -> bool:
        return start <= record.published <= end

    rows: list[dict[str, object]] = []

    def add(old: ModelRecord | None, new: ModelRecord | None, match: str) -> None:
        shown = new or old
        assert shown is not None
        base = {
            "model": shown.model,
            "model_older": old.model if old else None,
            "model_newer": new.model if new else None,
            "organization": shown.values["organization"],
            "publication_date": shown.published,
            "match": match,
        }
        fields = [name for name in COMPARED if old and new and differs(old.values[name], new.values[name])]
        if not fields:
            rows.append({**base, "differing": 0, "field": "", "value_older": None, "value_newer": None})
        for name in fields:
            assert old is not None and new is not None
            rows.append(
                {
                    **base,
                    "differing": len(fields),
                    "field": name,
                    "value_older": old.values[name],
                    "value_newer": new.values[name],
                }
            )

    pairs = match_releases(older, newer)
    for old, new, match in pairs:
        if inside(old) or inside(new):
            add(old, new, match)
    paired = {id(record) for pair in pairs for record in pair[:2]}
    for old in older:
        if inside(old) and id(old) not in paired:
            add(old, None, "only older")
    for new in newer:
        if inside(new) and id(new) not in paired:
            add(None, new, "only newer")
    return rows


def release_row(
    release: Release,
    raw: RawFile | None,
    label: str,
    dropped: int,
    dates: list[date],
    period: tuple[date | None, date | None],
    models: int,
    notes: list[str],
) -> dict[str, object]:
    """Provenance of one release of the per-model table (or the record that it was not supplied)."""
    source = release.source
    base = {
        "dataset": source.dataset,
        "file": source.file,
        "title": source.title,
        "url": source.url,
        "licence": LICENCE,
        "copy_of": release.copy_of,
        "covers_from": release.covers_from,
    }
    if raw is None:
        return {
            **base,
            "release": None,
            "status": "absent",
            "snapshot_date": None,
            "sha256": None,
            "rows_raw": None,
            "rows_kept": None,
            "rows_dropped": None,
            "period_from": None,
            "period_to": None,
            "models": 0,
            "columns_note": "file not supplied; epoch_models holds the older release alone",
        }
    return {
        **base,
        "release": label,
        "status": "read",
        "snapshot_date": max(dates) if dates else None,
        "sha256": raw.sha256,
        "rows_raw": len(raw.rows),
        "rows_kept": len(raw.rows) - dropped,
        "rows_dropped": dropped,
        "period_from": period[0],
        "period_to": period[1],
        "models": models,
        "columns_note": "; ".join(raw.notes + notes) or None,
    }


def model_tables(
    older_raw: RawFile, newer_folder: Path | None, seam: date, families: tuple[HardwareFamily, ...]
) -> dict[str, list[dict[str, object]]]:
    """Rows of epoch_models, epoch_releases, epoch_model_exclusions and epoch_release_revisions."""
    newer_raw = None
    if newer_folder is not None:
        path = newer_folder / NEWER.source.file
        if not path.is_file():
            raise EpochInputError(f"{NEWER.source.file}: missing from {newer_folder} (the --newer folder)")
        newer_raw = read_epoch_file(path, NEWER.source)
    exclusions = {release.source.dataset: Exclusions(release.source.dataset) for release in RELEASES}
    older = model_records(older_raw, exclusions[OLDER.source.dataset], families)
    newer = None if newer_raw is None else model_records(newer_raw, exclusions[NEWER.source.dataset], families)
    labels = {OLDER.source.dataset: release_label(older), NEWER.source.dataset: release_label(newer or [])}
    older_snapshot = max((record.published for record in older), default=None)
    kept = combine(older, newer, seam, older_snapshot)
    models = [{**record.values, "release": labels[str(record.values["dataset"])]} for record in kept]
    taken = Counter(str(record.values["dataset"]) for record in kept)
    releases = [
        release_row(
            OLDER,
            older_raw,
            labels[OLDER.source.dataset],
            exclusions[OLDER.source.dataset].dropped(),
            [record.published for record in older],
            (None, None if newer is None else seam - timedelta(days=1)),
            taken[OLDER.source.dataset],
            [note for note in [whitespace_note(older_raw)] if note],
        )
    ]
    revisions: list[dict[str, object]] = []
    if newer_raw is None or newer is None:
        releases.append(release_row(NEWER, None, "", 0, [], (None, None), 0, []))
    else:
        releases.append(
            release_row(
                NEWER,
                newer_raw,
                labels[NEWER.source.dataset],
                exclusions[NEWER.source.dataset].dropped(),
                [record.published for record in newer],
                (seam, None),
                taken[NEWER.source.dataset],
                [note for note in [whitespace_note(newer_raw)] if note],
            )
        )
        if older_snapshot is not None:
            revisions = revision_rows(older, newer, (NEWER.covers_from or seam, older_snapshot))
    return {
        "epoch_models": models,
        "epoch_releases": releases,
        "epoch_model_exclusions": [row for release in RELEASES for row in exclusions[release.source.dataset].rows()],
        "epoch_release_revisions": revisions,
    }
