"""Replay a Dockerfile without Docker: each stage's filesystem is a folder.

COPY instructions copy from the build context (already filtered by .dockerignore)
or from an earlier stage's folder; RUN instructions run with /bin/sh in the mapped
WORKDIR with the stage's ENV. Only system-package installs (apt-get) are skipped:
the base image's own files are not simulated, the host's Node stands in for the
image's. Anything else the replay cannot reproduce is an error, so the Dockerfile
stays within what the tests can check.
"""
from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .dockerfile import DockerfileError, Instruction, Stage, parse_env, split_flags

__all__ = ["StageResult", "Replay", "replay_dockerfile", "SKIPPED_RUN"]

#: RUN commands that install system packages into the base image: not replayed.
SKIPPED_RUN = re.compile(r"\bapt-get\b")
_METADATA_ONLY = {"USER", "EXPOSE", "HEALTHCHECK", "CMD", "ENTRYPOINT", "LABEL", "ARG", "STOPSIGNAL"}
_HOST_ENV = ("PATH", "HOME", "LANG", "TMPDIR", "npm_config_cache")


@dataclass
class StageResult:
    """A replayed stage: its folder, final WORKDIR and ENV, and what was run or skipped."""

    stage: Stage
    root: Path
    workdir: str = "/"
    env: dict[str, str] = field(default_factory=dict)
    ran: list[tuple[str, float]] = field(default_factory=list)
    skipped: list[Instruction] = field(default_factory=list)

    def host_path(self, image_path: str) -> Path:
        """Where an absolute image path lives in this stage's folder."""
        return self.root / image_path.lstrip("/")


@dataclass
class Replay:
    """All replayed stages; the last one is the runtime image."""

    stages: list[StageResult]

    @property
    def final(self) -> StageResult:
        return self.stages[-1]


def _resolve(workdir: str, path: str) -> str:
    return os.path.normpath(path if path.startswith("/") else os.path.join(workdir, path))


def _copy_one(source: Path, target: Path, into_dir: bool) -> None:
    if source.is_dir():
        shutil.copytree(source, target, symlinks=True, dirs_exist_ok=True)
        return
    if into_dir:
        target = target / source.name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, target, follow_symlinks=False)


def _copy(instruction: Instruction, result: StageResult, context: Path, by_name: dict[str, StageResult]) -> None:
    flags, words = split_flags(instruction.args)
    if len(words) < 2:
        raise DockerfileError(f"line {instruction.line}: COPY needs a source and a destination")
    *sources, dest = words
    if "from" in flags:
        if flags["from"] not in by_name:
            raise DockerfileError(f"line {instruction.line}: COPY --from={flags['from']} names no earlier stage")
        origin = by_name[flags["from"]]
        base, source_paths = origin.root, [_resolve(origin.workdir, s).lstrip("/") for s in sources]
    else:
        base, source_paths = context, [os.path.normpath(s).lstrip("/") for s in sources]
    target = result.host_path(_resolve(result.workdir, dest))
    into_dir = dest.endswith("/") or len(sources) > 1 or target.is_dir()
    for pattern in source_paths:
        matches = sorted(glob.glob(str(base / pattern)))
        if not matches:
            raise DockerfileError(f"line {instruction.line}: COPY source {pattern!r} is not in the build context (check .dockerignore)")
        for match in matches:
            _copy_one(Path(match), target, into_dir)


def _run(instruction: Instruction, result: StageResult) -> None:
    command = instruction.args
    top = "/" + result.workdir.strip("/").split("/")[0]
    if top != "/" and re.search(rf"(?<![\w.]){re.escape(top)}\b", command):
        raise DockerfileError(f"line {instruction.line}: RUN uses the absolute path {top}; keep RUN paths relative to WORKDIR")
    env = {k: os.environ[k] for k in _HOST_ENV if k in os.environ} | result.env
    cwd = result.host_path(result.workdir)
    started = time.perf_counter()
    done = subprocess.run(["/bin/sh", "-c", command], cwd=cwd, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(
            f"Dockerfile line {instruction.line}: RUN failed ({done.returncode}): {command}\n"
            f"--- stdout ---\n{done.stdout[-3000:]}\n--- stderr ---\n{done.stderr[-3000:]}"
        )
    result.ran.append((command, time.perf_counter() - started))


def _replay_stage(stage: Stage, root: Path, context: Path, parent: StageResult | None, by_name: dict[str, StageResult]) -> StageResult:
    if parent is not None:
        shutil.copytree(parent.root, root, symlinks=True)
        result = StageResult(stage, root, parent.workdir, dict(parent.env))
    else:
        root.mkdir(parents=True)
        result = StageResult(stage, root)
    for instruction in stage.instructions:
        keyword = instruction.keyword
        if keyword == "WORKDIR":
            result.workdir = _resolve(result.workdir, instruction.args)
            result.host_path(result.workdir).mkdir(parents=True, exist_ok=True)
        elif keyword == "ENV":
            result.env.update(parse_env(instruction))
        elif keyword == "COPY":
            _copy(instruction, result, context, by_name)
        elif keyword == "RUN":
            if SKIPPED_RUN.search(instruction.args):
                result.skipped.append(instruction)
            else:
                _run(instruction, result)
        elif keyword not in _METADATA_ONLY:
            raise DockerfileError(f"line {instruction.line}: the replay does not support {keyword}")
    return result


def _dependencies(stage: Stage, names: dict[str, int]) -> set[int]:
    deps = {names[stage.base]} if stage.base in names else set()
    for instruction in stage.of("COPY"):
        source = split_flags(instruction.args)[0].get("from")
        if source is not None:
            deps.add(names[source] if source in names else -1)
    if -1 in deps:
        raise DockerfileError(f"stage {stage.name or stage.index}: COPY --from must name an earlier stage")
    return deps


def replay_dockerfile(stages: list[Stage], context: Path, scratch: Path) -> Replay:
    """Replay every stage into `scratch/<index>-<name>`; independent stages run in parallel.

    Raises DockerfileError for unsupported instructions, RuntimeError when a RUN fails.
    """
    names = {s.name: s.index for s in stages if s.name}
    futures: dict[int, Future[StageResult]] = {}

    def task(stage: Stage) -> StageResult:
        deps = _dependencies(stage, names)
        done = {i: futures[i].result() for i in sorted(deps)}
        by_name = {r.stage.name: r for r in done.values() if r.stage.name}
        parent = done.get(names[stage.base]) if stage.base in names else None
        return _replay_stage(stage, scratch / f"{stage.index}-{stage.name or 'stage'}", context, parent, by_name)

    with ThreadPoolExecutor(max_workers=len(stages)) as pool:
        for stage in stages:
            futures[stage.index] = pool.submit(task, stage)
        return Replay([futures[s.index].result() for s in stages])
