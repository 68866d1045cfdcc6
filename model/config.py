"""Project-wide defaults: paths, seeds and the business cost, in one place."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DIR = REPO_ROOT / "data" / "sample"
ARTIFACTS_DIR = REPO_ROOT / "artifacts"

MODEL_VERSION = "1.1.0"
ARTIFACT_FORMAT = 1
SEED = 42

# Attributes that may not be a ground of a credit decision (EU Consumer Credit Directive 2023/2225 art. 6,
# Directive 2004/113/EC, French anti-discrimination law): never model inputs. The feature builder still
# computes them and the raw application keeps them, so fairness is monitored on them (model/report/fairness.py).
EXCLUDED_ATTRIBUTES: tuple[str, ...] = ("CODE_GENDER", "NAME_FAMILY_STATUS")
# Inputs derived from the birth date. Age is kept as an input (decision and figures: the model card); the
# pipeline measures the model without them on every run so the decision can be revisited on new data.
AGE_DERIVED_INPUTS: tuple[str, ...] = ("AGE_YEARS", "EMPLOYED_AGE_RATIO")


@dataclass(frozen=True)
class CostModel:
    """Business cost of errors: a missed defaulter (FN) costs ``fn_cost``, a refused good client (FP) ``fp_cost``."""

    fn_cost: float = 10.0
    fp_cost: float = 1.0

    def __post_init__(self) -> None:
        if self.fn_cost <= 0 or self.fp_cost <= 0:
            raise ValueError(f"costs must be > 0, got fn_cost={self.fn_cost}, fp_cost={self.fp_cost}")


@dataclass(frozen=True)
class TrainConfig:
    """Budget of the training run. ``fast`` shrinks everything for tests and smoke runs.

    ``n_trials`` is the search budget of every model family (the same for all, inside the same nested CV);
    ``excluded`` the attributes kept out of the model's inputs; ``bootstrap`` the resamples of the intervals.
    """

    n_folds: int = 5
    inner_folds: int = 3
    n_trials: int = 15
    seed: int = SEED
    fast: bool = False
    excluded: tuple[str, ...] = EXCLUDED_ATTRIBUTES
    bootstrap: int = 1000

    @classmethod
    def for_mode(cls, fast: bool, seed: int = SEED) -> "TrainConfig":
        if fast:
            return cls(n_folds=3, inner_folds=2, n_trials=2, seed=seed, fast=True, bootstrap=100)
        return cls(seed=seed)
