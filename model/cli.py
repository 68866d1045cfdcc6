"""Command line: `python -m model train|score`. Thin: parse arguments, call the pipeline, print errors in one line."""
from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

from model.config import ARTIFACTS_DIR, SAMPLE_DIR, CostModel, TrainConfig
from model.data import DataError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m model", description="Prêt à dépenser credit-scoring pipeline")
    sub = parser.add_subparsers(dest="command", required=True)
    train = sub.add_parser("train", help="compare models, pick the threshold, export the artifacts")
    train.add_argument("--data-dir", type=Path, default=SAMPLE_DIR, help="Kaggle-format folder (default: the sample)")
    train.add_argument("--out", type=Path, default=ARTIFACTS_DIR,
                       help="artifact folder: new, empty, or holding a previous artifact set (replaced when complete)")
    train.add_argument("--fast", action="store_true", help="tiny search budget, for tests and smoke runs")
    train.add_argument("--seed", type=int, default=42)
    train.add_argument("--fn-cost", type=float, default=10.0, help="cost of a missed defaulter")
    train.add_argument("--fp-cost", type=float, default=1.0, help="cost of a refused good client")
    score = sub.add_parser("score", help="score every client of a Kaggle-format folder")
    score.add_argument("--data-dir", type=Path, required=True)
    score.add_argument("--out", type=Path, required=True, help="CSV file to write")
    score.add_argument("--artifacts", type=Path, default=ARTIFACTS_DIR)
    score.add_argument("--unknown-as-missing", action="store_true",
                       help="score a category the model never saw as a missing value (flagged per client) "
                            "instead of refusing the file")
    score.add_argument("--chunk-clients", type=_positive, default=50_000,
                       help="applications scored at a time: memory grows with it (default 50000)")
    return parser


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be >= 1, got {value}")
    return value


def _train(args: argparse.Namespace) -> int:
    from model.pipeline import train_model  # heavy imports only when training
    from model.progress import Progress
    from model.publish import publish
    from model.publish import check_out_dir
    from model.report.model_card import comparison_table

    check_out_dir(args.out.resolve())  # before hours of training, not after
    log = Progress()
    trained = train_model(args.data_dir, TrainConfig.for_mode(args.fast, args.seed),
                          CostModel(args.fn_cost, args.fp_cost), log)
    with log.step(f"writing artifacts to {args.out}"):
        publish(trained, args.data_dir, args.out, log)
    print(comparison_table(trained.metrics))
    nested = trained.metrics["chosen"]["nested_cv"]
    m = trained.metrics
    print(f"\nChosen: {m['chosen']['variant']}, nested-CV ROC AUC {nested['auc_mean']:.3f} (std over folds "
          f"{nested['auc_std']:.3f}; pooled 95 % interval {m['uncertainty']['auc_interval']}), "
          f"cost {nested['cost_per_1000']:.0f} per 1,000 clients (95 % interval {m['uncertainty']['cost_interval']}), "
          f"ECE {m['calibration']['ece']:.3f}, threshold {trained.threshold:.4f}; "
          f"training took {m['timings_seconds']['total']:.0f} s")
    return 0


def _score(args: argparse.Namespace) -> int:
    from model.scoring import write_scores

    if args.out.is_dir():
        raise DataError(f"--out {args.out}: is a folder; give the path of the CSV file to write")
    if not args.out.parent.exists():
        raise DataError(f"output folder not found: {args.out.parent}")
    # A stop (SIGTERM) unwinds like an error: the partial file and the scratch folder are removed.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    summary = write_scores(args.data_dir, args.artifacts, args.out, args.unknown_as_missing,
                           warn=lambda message: print(f"warning: {message}", file=sys.stderr),
                           chunk_clients=args.chunk_clients)
    print(f"scored {summary.clients:,} clients ({summary.refused:,} refused) in {summary.chunks} slice(s) "
          f"-> {args.out}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _train(args) if args.command == "train" else _score(args)
    except (DataError, FileNotFoundError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
