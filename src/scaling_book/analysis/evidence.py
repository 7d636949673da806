"""The evidence measures: pure functions on the processed Epoch AI tables (see ``scaling_book.pipelines.epoch``).

Definitions (stated so that others can reproduce them):

- compute growth: models with a compute estimate published on or after 2010-01-01; OLS of
  log10(FLOP) on decimal year (year + (day of year - 1)/365.25); growth per year 10**slope,
  doubling time 12*log10(2)/slope months; 95% percentile bootstrap over models
  (``BOOTSTRAP_RESAMPLES`` resamples, seed ``BOOTSTRAP_SEED``); frontier models are a subset of
  notable models, so their difference in slope is bootstrapped jointly (both slopes refitted on
  the same resample of notable models);
- concentration per year: models counted by their first listed organisation; HHI is the
  sum of squared shares, top-k share the share of the k organisations with most models, both over
  the models whose organisation is known; as a sensitivity check, units of one company are merged
  into their parent (``PARENT_COMPANY``);
- yearly shares (hardware, open weights, MoE) come with the count behind them and a 95%
  Wilson score interval; a share resting on fewer than ``FEW_ROWS`` rows is flagged;
- benchmark spread: best score minus the k-th best score among models (k = 5), each model counted
  once at its best setting. The Hub's file has only a model id per run; a "model" is the id without
  a setting suffix (``SETTING_SUFFIX``: reasoning effort low/medium/high or a thinking budget such as
  64K, written after the last '_'), so o3-mini at high and medium effort is one model. The verdict
  rests on the spread's range over the full ranking and every ranking with one of the k leaders left out;
- Wilson intervals are clamped to [0, 1] exactly (0 successes give a lower bound of exactly 0).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

COMPUTE_START = date(2010, 1, 1)
BOOTSTRAP_RESAMPLES = 2000
BOOTSTRAP_SEED = 20100101
BOOTSTRAP_BLOCK = 1 << 20  # values drawn at once
INTERVAL_LEVEL = 0.95  # of every interval in the evidence chapters
Z95 = 1.959963984540054  # standard normal quantile for a two-sided 95% interval
FEW_ROWS = 10
EVIDENCE_YEARS = tuple(range(2015, 2025))  # the years whose measures are glued one by one
HARDWARE_FAMILIES = {"nvidia": "NVIDIA", "google_tpu": "Google TPU", "huawei_ascend": "Huawei Ascend",
                     "other": "Other"}
SPREAD_RANK = 5
SETTING_SUFFIX = re.compile(r"_(?:low|medium|high|\d+K)$")


def decimal_year(dates: pd.Series) -> np.ndarray:
    """year + (day of year - 1) / 365.25 for each date."""
    stamps = pd.to_datetime(dates)
    return (stamps.dt.year + (stamps.dt.day_of_year - 1) / 365.25).to_numpy(dtype=float)


def ols_line(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """(slope, intercept) of the least-squares line of y on x."""
    x_centred = x - x.mean()
    slope = float((x_centred * (y - y.mean())).sum() / (x_centred ** 2).sum())
    return slope, float(y.mean() - slope * x.mean())


def resampled_rows(count: int, resamples: int, seed: int) -> Iterator[np.ndarray]:
    """Row indices of ``resamples`` resamples of ``count`` rows drawn with replacement, in blocks of about
    ``BOOTSTRAP_BLOCK`` values: memory stays flat for many rows, and the draws are those of one block."""
    rng = np.random.default_rng(seed)
    per_block = max(1, BOOTSTRAP_BLOCK // count)
    for start in range(0, resamples, per_block):
        yield rng.integers(0, count, size=(min(per_block, resamples - start), count))


def bootstrap_slopes(x: np.ndarray, y: np.ndarray, resamples: int, seed: int) -> np.ndarray:
    """OLS slopes of ``resamples`` resamples of the (x, y) pairs drawn with replacement.

    A resample whose dates are all equal has no slope and is dropped (it can only happen with few models).
    """
    slopes = []
    for picks in resampled_rows(len(x), resamples, seed):
        xs, ys = x[picks], y[picks]
        xs_centred = xs - xs.mean(axis=1, keepdims=True)
        spread = (xs_centred ** 2).sum(axis=1)
        defined = spread > 0
        slopes.append((xs_centred[defined] * (ys[defined] - ys[defined].mean(axis=1, keepdims=True))).sum(axis=1)
                      / spread[defined])
    return np.concatenate(slopes)


def growth_per_year(slope: float) -> float:
    """Factor by which compute grows in a year, for a slope of log10(FLOP) per year."""
    return 10 ** slope


def doubling_months(slope: float) -> float:
    """Months for compute to double, for a slope of log10(FLOP) per year (inf if it does not grow)."""
    return 12 * math.log10(2) / slope if slope > 0 else math.inf


@dataclass(frozen=True)
class Growth:
    """A fitted compute trend with its bootstrap interval."""

    models: int
    first_date: date
    last_date: date
    slope: float
    intercept: float
    slope_low: float
    slope_high: float

    @property
    def growth(self) -> float:
        return growth_per_year(self.slope)

    @property
    def growth_interval(self) -> tuple[float, float]:
        return growth_per_year(self.slope_low), growth_per_year(self.slope_high)

    @property
    def doubling(self) -> float:
        return doubling_months(self.slope)

    @property
    def doubling_interval(self) -> tuple[float, float]:
        return doubling_months(self.slope_high), doubling_months(self.slope_low)

    def trend(self, when: float) -> float:
        """FLOP on the fitted line at decimal year ``when``."""
        return 10 ** (self.intercept + self.slope * when)


def compute_sample(compute: pd.DataFrame, frontier_only: bool = False) -> pd.DataFrame:
    """Models entering the growth fit: published on or after ``COMPUTE_START`` (frontier models only if asked)."""
    rows = compute[compute["publication_date"] >= pd.Timestamp(COMPUTE_START)]
    return rows[frontier_mask(rows)] if frontier_only else rows


def frontier_mask(rows: pd.DataFrame) -> np.ndarray:
    """Which rows Epoch marks as frontier models (unknown counts as no)."""
    return rows["frontier"].fillna(False).astype(bool).to_numpy()


def fit_arrays(rows: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """The growth fit's x (decimal year of publication) and y (log10 of training FLOP)."""
    return decimal_year(rows["publication_date"]), np.log10(rows["training_compute_flop"].to_numpy(dtype=float))


def percentile_interval(draws: np.ndarray) -> tuple[float, float]:
    """The central ``INTERVAL_LEVEL`` percentile interval of bootstrap draws."""
    tail = round(50 * (1 - INTERVAL_LEVEL), 6)  # percent in each tail (2.5), free of float noise
    low, high = np.percentile(draws, [tail, 100 - tail])
    return float(low), float(high)


def compute_growth(compute: pd.DataFrame, frontier_only: bool = False, resamples: int = BOOTSTRAP_RESAMPLES,
                   seed: int = BOOTSTRAP_SEED) -> Growth:
    """Growth of training compute since 2010 with a 95% percentile bootstrap interval."""
    rows = compute_sample(compute, frontier_only)
    if len(rows) < 3:
        raise ValueError(f"a compute trend needs at least 3 models, got {len(rows)}")
    x, y = fit_arrays(rows)
    slope, intercept = ols_line(x, y)
    low, high = percentile_interval(bootstrap_slopes(x, y, resamples, seed))
    dates = rows["publication_date"]
    return Growth(len(rows), dates.min().date(), dates.max().date(), slope, intercept, low, high)


def masked_slopes(xs: np.ndarray, ys: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """OLS slope of each row of (xs, ys) over the entries where ``mask`` is true (NaN when undefined)."""
    weight = mask.astype(float)
    size = weight.sum(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        x_centred = xs - (weight * xs).sum(axis=1, keepdims=True) / size
        y_centred = ys - (weight * ys).sum(axis=1, keepdims=True) / size
        spread = (weight * x_centred ** 2).sum(axis=1)
        slopes = (weight * x_centred * y_centred).sum(axis=1) / spread
    return np.where(spread > 0, slopes, np.nan)


@dataclass(frozen=True)
class SlopeDifference:
    """Frontier slope minus the slope of all notable models, with its joint bootstrap interval."""

    difference: float
    low: float
    high: float
    resamples: int  # resamples in which both slopes are defined

    @property
    def excludes_zero(self) -> bool:
        return self.low > 0 or self.high < 0


def slope_difference(compute: pd.DataFrame, resamples: int = BOOTSTRAP_RESAMPLES,
                     seed: int = BOOTSTRAP_SEED) -> SlopeDifference:
    """Frontier minus notable slope; each resample draws notable models and refits both slopes on the same draw."""
    rows = compute_sample(compute)
    x, y = fit_arrays(rows)
    frontier = frontier_mask(rows)
    if frontier.sum() < 3:
        raise ValueError(f"a compute trend needs at least 3 frontier models, got {int(frontier.sum())}")
    everyone = np.ones_like(frontier)
    point = float(masked_slopes(x[None], y[None], frontier[None])[0] - masked_slopes(x[None], y[None], everyone[None])[0])
    differences = []
    for picks in resampled_rows(len(x), resamples, seed):
        xs, ys = x[picks], y[picks]
        differences.append(masked_slopes(xs, ys, frontier[picks]) - masked_slopes(xs, ys, everyone[picks]))
    drawn = np.concatenate(differences)
    drawn = drawn[~np.isnan(drawn)]
    return SlopeDifference(point, *percentile_interval(drawn), len(drawn))


def compute_by_year(compute: pd.DataFrame, growth: Growth, frontier_only: bool, group: str) -> pd.DataFrame:
    """Per year since 2010: models, smallest, median and largest compute, and the fitted trend at mid-year."""
    rows = compute_sample(compute, frontier_only)
    years = rows.assign(year=rows["publication_date"].dt.year).groupby("year")["training_compute_flop"]
    frame = years.agg(models="size", min_flop="min", median_flop="median", max_flop="max").reset_index()
    frame["trend_flop"] = [growth.trend(year + 0.5) for year in frame["year"]]
    frame.insert(0, "group", group)
    return frame


def hhi(counts: pd.Series) -> float:
    """Herfindahl–Hirschman index: the sum of squared shares (1 for a monopoly)."""
    shares = counts / counts.sum()
    return float((shares ** 2).sum())


def top_share(counts: pd.Series, k: int) -> float:
    """Share held by the ``k`` largest counts."""
    return float(counts.sort_values(ascending=False).head(k).sum() / counts.sum())


# The book's own mapping of Epoch organisation names to the company that owns them, used only as a
# sensitivity check of concentration. It records well-known ownership (DeepMind is Alphabet's since
# 2014; Facebook renamed itself Meta in 2021; the research labs are units of their companies) and
# ignores acquisition dates; names not listed stand for themselves.
PARENT_COMPANY = {
    **dict.fromkeys(("Google", "DeepMind", "Google DeepMind", "Google Brain", "Google Research", "Google Cloud"),
                    "Alphabet (Google)"),
    **dict.fromkeys(("Meta AI", "Facebook", "Facebook AI", "Facebook AI Research"), "Meta (Facebook)"),
    **dict.fromkeys(("Microsoft", "Microsoft Research", "Microsoft Research Asia"), "Microsoft"),
    **dict.fromkeys(("Huawei", "Huawei Noah's Ark Lab"), "Huawei"),
    **dict.fromkeys(("Baidu", "Baidu Research - Silicon Valley AI Lab"), "Baidu"),
    **dict.fromkeys(("Salesforce", "Salesforce Research"), "Salesforce"),
    **dict.fromkeys(("Samsung", "Samsung R&D Institute Russia"), "Samsung"),
}


def by_parent(org_year: pd.DataFrame) -> pd.DataFrame:
    """``org_year`` with each organisation replaced by its parent company (``PARENT_COMPANY``), counts summed."""
    rows = org_year.assign(organization=org_year["organization"].map(lambda name: PARENT_COMPANY.get(name, name)))
    return rows.groupby(["dataset", "year", "organization"], as_index=False, sort=True)["models"].sum()


def concentration_by_year(org_year: pd.DataFrame, models_by_year: pd.DataFrame, dataset: str) -> pd.DataFrame:
    """Per year: models, distinct first organisations, HHI, effective number (1/HHI), top-5 and top-6 share."""
    models = models_by_year[models_by_year["dataset"] == dataset].set_index("year")
    rows = []
    for year, group in org_year[org_year["dataset"] == dataset].groupby("year"):
        counts = group["models"].astype(int)
        index = hhi(counts)
        rows.append({"year": int(year), "models": int(models.loc[year, "models"]),
                     "organization_known": int(models.loc[year, "organization_known"]),
                     "organizations": len(counts), "hhi": index, "effective_organizations": 1 / index,
                     "top5_share": top_share(counts, 5), "top6_share": top_share(counts, 6)})
    return pd.DataFrame(rows)


def wilson_interval(successes: int, n: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval of a binomial proportion (NaNs when n is 0)."""
    if n == 0:
        return math.nan, math.nan
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == n else min(1.0, centre + half)
    return low, high


def with_shares(frame: pd.DataFrame, successes: str, total: str) -> pd.DataFrame:
    """``frame`` plus share = successes/total, its Wilson interval and a few-rows flag (rows with total 0 left out)."""
    rows = frame[frame[total] > 0].copy()
    rows["share"] = rows[successes] / rows[total]
    intervals = [wilson_interval(int(s), int(n)) for s, n in zip(rows[successes], rows[total])]
    rows["share_low"] = [low for low, _ in intervals]
    rows["share_high"] = [high for _, high in intervals]
    rows["few_rows"] = rows[total] < FEW_ROWS
    return rows.reset_index(drop=True)


def hardware_shares(hardware_by_year: pd.DataFrame, dataset: str, country: str = "all") -> pd.DataFrame:
    """Tidy per (year, family): models mentioning the family among those with hardware known, share, interval."""
    rows = hardware_by_year[(hardware_by_year["dataset"] == dataset) & (hardware_by_year["country"] == country)]
    long = rows.melt(id_vars=["year", "hardware_known"], value_vars=list(HARDWARE_FAMILIES),
                     var_name="family", value_name="models")
    long["family"] = long["family"].map(HARDWARE_FAMILIES)
    long = with_shares(long, "models", "hardware_known")
    order = {name: index for index, name in enumerate(HARDWARE_FAMILIES.values())}
    return long.sort_values(["year", "family"], key=lambda column: column.map(order) if column.name == "family"
                            else column).reset_index(drop=True)


def majority_years(shares: pd.DataFrame) -> tuple[int, int]:
    """(years with a share above one half, years whose whole interval lies above one half)."""
    return int((shares["share"] > 0.5).sum()), int((shares["share_low"] > 0.5).sum())


def moat_reading(share: float, share_low: float) -> str:
    """How a year's NVIDIA share bears on the CUDA moat: its interval above one half, only its estimate, or neither."""
    return "support" if share_low > 0.5 else "are consistent with, without establishing," if share > 0.5 \
        else "do not support"


def breakthrough_reading(nvidia: int, ascend: int) -> str:
    """How a year's Chinese models with known hardware bear on a domestic breakthrough (Ascend against NVIDIA)."""
    return "support" if ascend >= nvidia and ascend > 0 else "give only weak support to" if ascend > 0 \
        else "give no support yet to"


FRINGE_SHARE = 0.2  # below this median share, open-weight releases are called a small minority


def openness_reading(median_share: float) -> str:
    """How open-weight releases stand by their median yearly share: majority, no fringe, or small minority."""
    return "the majority" if median_share > 0.5 else "no fringe" if median_share >= FRINGE_SHARE \
        else "a small minority"


def open_weights_by_year(models_by_year: pd.DataFrame, dataset: str) -> pd.DataFrame:
    """Per year: models with accessibility known, those with open weights, share and interval."""
    rows = models_by_year[models_by_year["dataset"] == dataset]
    return with_shares(rows[["year", "accessibility_known", "open_weights"]], "open_weights", "accessibility_known")


def moe_by_year(models_by_year: pd.DataFrame, dataset: str) -> pd.DataFrame:
    """Per year: language models with a readable MoE flag, those flagged, share and interval."""
    rows = models_by_year[models_by_year["dataset"] == dataset]
    return with_shares(rows[["year", "language_models", "moe_known", "moe_flagged"]], "moe_flagged", "moe_known")


@dataclass(frozen=True)
class Spread:
    """Best score on a benchmark, the k-th best, and the range of their gap when one leader is left out."""

    task: str
    models: int
    best: float
    best_model: str
    kth: float
    kth_model: str
    spread_low: float  # smallest gap over the full ranking and each leave-one-leader-out ranking
    spread_high: float  # largest gap over the same rankings
    relative_low: float  # smallest gap over the same rankings, relative to each ranking's best score
    relative_high: float  # largest such relative gap

    @property
    def spread(self) -> float:
        return self.best - self.kth


def ranked_scores(scores: pd.DataFrame, task: str) -> pd.DataFrame:
    """Models' best scores on ``task``, highest first (ties by model id), with their rank."""
    rows = scores[scores["task"] == task].sort_values(["best_score", "model"], ascending=[False, True])
    rows = rows[["model", "best_score", "runs"]].reset_index(drop=True)
    rows.insert(0, "rank", range(1, len(rows) + 1))
    return rows


def base_model(model_id: str) -> str:
    """A Hub model id without its setting suffix (``SETTING_SUFFIX``), which identifies the model."""
    return SETTING_SUFFIX.sub("", model_id)


def one_entry_per_model(scores: pd.DataFrame) -> pd.DataFrame:
    """Per task, only the best-scoring entry of each base model."""
    rows = scores.assign(base=scores["model"].map(base_model))
    rows = rows.sort_values(["task", "best_score", "model"], ascending=[True, False, True])
    return rows.drop_duplicates(["task", "base"]).drop(columns="base").reset_index(drop=True)


def repeated_entries(ranked: pd.DataFrame, shown: int) -> int:
    """Entries among the ``shown`` best whose base model already appears at a better rank."""
    bases = [base_model(model) for model in ranked["model"].head(shown)]
    return len(bases) - len(set(bases))


def benchmark_spread(scores: pd.DataFrame, task: str, k: int = SPREAD_RANK) -> Spread:
    """Gap between the best and the k-th best model, with its range when any one of the top k is left out."""
    ranked = ranked_scores(scores, task)
    if len(ranked) <= k:
        raise ValueError(f"{task}: the spread to rank {k} needs more than {k} models, got {len(ranked)}")
    values = ranked["best_score"].to_numpy(dtype=float)
    rankings = [values] + [np.delete(values, index) for index in range(k)]
    spreads = [ranking[0] - ranking[k - 1] for ranking in rankings]
    relative = [(ranking[0] - ranking[k - 1]) / ranking[0] for ranking in rankings]
    return Spread(task, len(ranked), float(values[0]), str(ranked["model"][0]), float(values[k - 1]),
                  str(ranked["model"][k - 1]), float(min(spreads)), float(max(spreads)), float(min(relative)),
                  float(max(relative)))


def range_verdict(low: float, high: float, claimed: float) -> str:
    """Where the range low..high lies relative to the claimed bound."""
    if high < claimed:
        return "below the claimed bound throughout"
    if low >= claimed:
        return "above the claimed bound throughout"
    return "on both sides of the claimed bound"


def spread_verdict(spread: Spread, claimed: float) -> str:
    """Where the spread's leave-one-out range (percentage points) lies relative to the claimed bound."""
    return range_verdict(spread.spread_low, spread.spread_high, claimed)


def spread_summary(verdicts: dict[str, str]) -> tuple[str, str]:
    """(what the claim does per benchmark, overall verdict) from each benchmark's verdict."""
    groups: dict[str, list[str]] = {"holds on": [], "fails on": [], "is undecided on": []}
    for task, verdict in verdicts.items():
        key = "holds on" if verdict.startswith("below") else "fails on" if verdict.startswith("above") else \
            "is undecided on"
        groups[key].append(task)
    summary = "; ".join(f"{key} {' and '.join(tasks)}" for key, tasks in groups.items() if tasks)
    holds, fails = groups["holds on"], groups["fails on"]
    overall = ("supported" if len(holds) == len(verdicts) else "partly supported" if holds
               else "not supported" if fails else "not established")
    return summary, overall


def other_readings(spreads: list[Spread], entries: list[Spread], claimed: float) -> str:
    """Whether reading the spread relative to the best score, or over entries, changes a benchmark's verdict."""
    primary = [spread_verdict(spread, claimed) for spread in spreads]
    changed = [name for name, verdicts in (
        ("relative to the best score", [range_verdict(s.relative_low, s.relative_high, claimed) for s in spreads]),
        ("with every setting counted as an entry", [spread_verdict(entry, claimed) for entry in entries]))
        if verdicts != primary]
    return "give the same verdicts" if not changed else f"change a verdict ({' and '.join(changed)})"


def snapshot_year(manifest: pd.DataFrame, dataset: str) -> int:
    """Year of the dataset's snapshot date (the newest publication date in its file)."""
    snapshot = manifest.set_index("dataset").loc[dataset, "snapshot_date"]
    if pd.isna(snapshot):
        raise ValueError(f"dataset {dataset!r} has no snapshot date")
    return int(snapshot.year)


def partial_year(manifest: pd.DataFrame, dataset: str) -> int | None:
    """The snapshot's year if the snapshot ends before 31 December (that year is incomplete), else None."""
    snapshot = manifest.set_index("dataset").loc[dataset, "snapshot_date"]
    return None if (snapshot.month, snapshot.day) == (12, 31) else int(snapshot.year)


def latest_full_year(manifest: pd.DataFrame, dataset: str) -> int:
    """The last calendar year the snapshot covers completely."""
    year = snapshot_year(manifest, dataset)
    return year - 1 if partial_year(manifest, dataset) == year else year


def table_years(manifest: pd.DataFrame, dataset: str) -> list[int]:
    """Years shown in the yearly tables: from the first glued year to the snapshot's year."""
    return list(range(EVIDENCE_YEARS[0], snapshot_year(manifest, dataset) + 1))


def dataset_available(manifest: pd.DataFrame, dataset: str) -> bool:
    """Whether the pipeline was given the dataset's file."""
    return bool(manifest.set_index("dataset").loc[dataset, "status"] == "read")


def source_line(manifest: pd.DataFrame, dataset: str, tables: str) -> str:
    """Credit line: Epoch AI, dataset title and URL, snapshot date (or file digest), licence, processed tables."""
    row = manifest.set_index("dataset").loc[dataset]
    if row["status"] != "read":
        return f"Epoch AI, {row['title']}, {row['url']} ({row['file']} not supplied to this edition; {row['licence']})"
    if pd.isna(row["snapshot_date"]):
        snapshot = f"the file has no publication dates; SHA-256 beginning {str(row['sha256'])[:12]}"
    else:
        snapshot = f"snapshot {row['snapshot_date'].date().isoformat()}"
    return f"Epoch AI, {row['title']}, {row['url']} ({snapshot}; {row['licence']}); processed in {tables}"



def source_lines(manifest: pd.DataFrame, tables: str) -> str:
    """Credit lines of every dataset the pipeline read, joined."""
    read = [dataset for dataset in manifest["dataset"] if dataset_available(manifest, dataset)]
    return "; ".join(source_line(manifest, dataset, tables) for dataset in read)


def absent_note(manifest: pd.DataFrame, dataset: str) -> str:
    """What a chapter's measures rest on, or, when the pipeline was not given the file, that they are skipped."""
    file = manifest.set_index("dataset").loc[dataset, "file"]
    if dataset_available(manifest, dataset):
        return f"The measures below rest on {file} as the pipeline read it."
    return f"{file} was absent from the snapshot; this chapter's measures are skipped."


BENCHMARK_TASK_KEYS = ("gpqa", "math")  # glue key of each task of ``registry_processed.BENCHMARK_TASKS``
BENCHMARK_TASK_MEASURES = ("models", "entries", "best", "fifth", "spread", "spread_low", "spread_high",
                           "spread_entries", "spread_entries_low", "spread_entries_high", "relative", "verdict",
                           "repeats")
BENCHMARK_MEASURES = ("summary", "other_readings", "overall")


def benchmark_keys() -> list[str]:
    """Every data-dependent glue key of the benchmark chapter."""
    return [f"evidence.benchmarks.{task}.{name}" for task in BENCHMARK_TASK_KEYS for name in BENCHMARK_TASK_MEASURES] \
        + [f"evidence.benchmarks.{name}" for name in BENCHMARK_MEASURES]


def benchmark_spreads(scores: pd.DataFrame, tasks: tuple[str, ...]) -> tuple[list[Spread], list[Spread]]:
    """Spreads of each task with each model once (at its best setting), and with every setting as an entry."""
    per_model = one_entry_per_model(scores)
    return ([benchmark_spread(per_model, task) for task in tasks], [benchmark_spread(scores, task) for task in tasks])


def benchmark_glues(scores: pd.DataFrame, spreads: list[Spread], entries: list[Spread], claimed: float,
                    shown: int) -> dict[str, tuple[object, str | None, str | None]]:
    """Key -> (value, unit, text) of every benchmark measure (unit None: a phrase; text None: the unit's format),
    from the spreads of :func:`benchmark_spreads`."""
    glues: dict[str, tuple[object, str | None, str | None]] = {}
    for key, spread, entry in zip(BENCHMARK_TASK_KEYS, spreads, entries, strict=True):
        prefix = f"evidence.benchmarks.{key}"
        glues[f"{prefix}.models"] = (spread.models, "count", None)
        glues[f"{prefix}.entries"] = (entry.models, "count", None)
        glues[f"{prefix}.best"] = (spread.best, "fraction", f"{spread.best:.1%}")
        glues[f"{prefix}.fifth"] = (spread.kth, "fraction", f"{spread.kth:.1%}")
        for name, value in (("spread", spread.spread), ("spread_low", spread.spread_low),
                            ("spread_high", spread.spread_high), ("spread_entries", entry.spread),
                            ("spread_entries_low", entry.spread_low), ("spread_entries_high", entry.spread_high)):
            glues[f"{prefix}.{name}"] = (value, "fraction", f"{value * 100:.1f} points")
        glues[f"{prefix}.relative"] = (spread.spread / spread.best, "fraction", f"{spread.spread / spread.best:.1%}")
        glues[f"{prefix}.verdict"] = (None, None, spread_verdict(spread, claimed))
        repeats = repeated_entries(ranked_scores(scores, spread.task), shown)
        glues[f"{prefix}.repeats"] = (repeats, "count", None)
    summary, overall = spread_summary({spread.task: spread_verdict(spread, claimed) for spread in spreads})
    glues["evidence.benchmarks.summary"] = (None, None, summary)
    glues["evidence.benchmarks.other_readings"] = (None, None, other_readings(spreads, entries, claimed))
    glues["evidence.benchmarks.overall"] = (None, None, overall)
    if sorted(glues) != sorted(benchmark_keys()):
        raise ValueError("benchmark_glues and benchmark_keys disagree; update BENCHMARK_*_MEASURES")
    return glues
