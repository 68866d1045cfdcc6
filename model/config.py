"""Project-wide defaults: paths, seeds and the business cost, in one place."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DIR = REPO_ROOT / "data" / "sample"
ARTIFACTS_DIR = REPO_ROOT / "artifacts"

MODEL_VERSION = "1.0.0"
ARTIFACT_FORMAT = 1
SEED = 42


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
    """Budget of the training run. ``fast`` shrinks everything for tests and smoke runs."""

    n_folds: int = 5
    inner_folds: int = 3
    n_trials: int = 25
    seed: int = SEED
    fast: bool = False

    @classmethod
    def for_mode(cls, fast: bool, seed: int = SEED) -> "TrainConfig":
        if fast:
            return cls(n_folds=3, inner_folds=2, n_trials=3, seed=seed, fast=True)
        return cls(seed=seed)
