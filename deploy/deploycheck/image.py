"""Everything the Dockerfile produces, without Docker: context, stages, runtime folder."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .dockerfile import Stage, parse_dockerfile
from .dockerignore import build_context, parse_dockerignore
from .replay import Replay, replay_dockerfile

__all__ = ["REPO", "BuiltImage", "build_image_folder"]

#: The repository root (deploy/deploycheck/image.py -> ../..).
REPO = Path(__file__).resolve().parents[2]


@dataclass
class BuiltImage:
    """The filtered build context, the parsed stages and their replay."""

    context: Path
    context_files: list[str]
    stages: list[Stage]
    replay: Replay


def build_image_folder(scratch: Path, repo: Path = REPO) -> BuiltImage:
    """Filter `repo` through .dockerignore into `scratch/context`, then replay the Dockerfile.

    `scratch` is made world-readable so the server can run as an unprivileged user.
    """
    scratch.mkdir(parents=True, exist_ok=True)
    os.chmod(scratch, 0o755)
    context = scratch / "context"
    context.mkdir()
    files = build_context(repo, context, parse_dockerignore((repo / ".dockerignore").read_text()))
    stages, _ = parse_dockerfile((repo / "Dockerfile").read_text())
    replay = replay_dockerfile(stages, context, scratch / "stages")
    return BuiltImage(context, files, stages, replay)
