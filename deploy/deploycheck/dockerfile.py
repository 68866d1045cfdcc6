"""Parse the subset of Dockerfile syntax the project's Dockerfile uses.

No Docker daemon exists here, so the tests read the Dockerfile themselves: stages,
instructions, COPY flags and the JSON ("exec") form of CMD and HEALTHCHECK.
"""
from __future__ import annotations

import json
import re
import shlex
from dataclasses import dataclass, field

__all__ = ["Instruction", "Stage", "DockerfileError", "parse_dockerfile", "split_flags", "parse_env", "healthcheck_command"]

_FROM_RE = re.compile(r"^(?P<image>\S+)(?:\s+AS\s+(?P<name>\S+))?$", re.IGNORECASE)
_VAR_RE = re.compile(r"\$\{(\w+)\}|\$(\w+)")


class DockerfileError(ValueError):
    """A Dockerfile construct the parser does not understand, with its line number."""


@dataclass(frozen=True)
class Instruction:
    """One instruction: upper-case keyword, raw argument text, 1-based line number."""

    keyword: str
    args: str
    line: int

    def exec_form(self) -> list[str]:
        """The JSON array form (`["node", "x.js"]`); raises when the shell form is used."""
        try:
            value = json.loads(self.args)
        except json.JSONDecodeError as exc:
            raise DockerfileError(f"line {self.line}: {self.keyword} must use the JSON exec form, got {self.args!r}") from exc
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise DockerfileError(f"line {self.line}: {self.keyword} must be a JSON array of strings")
        return value


@dataclass
class Stage:
    """A build stage: its base (image or earlier stage), optional name and instructions."""

    base: str
    name: str | None
    index: int
    instructions: list[Instruction] = field(default_factory=list)

    def of(self, keyword: str) -> list[Instruction]:
        """The stage's instructions with this keyword, in order."""
        return [i for i in self.instructions if i.keyword == keyword]


def _logical_lines(text: str) -> list[tuple[int, str]]:
    """Join backslash continuations and drop comments; keep each instruction's first line number."""
    lines: list[tuple[int, str]] = []
    buffer: list[str] = []
    start = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if not buffer and (not stripped or stripped.startswith("#")):
            continue
        if buffer and (not stripped or stripped.startswith("#")):
            continue  # Docker skips blank and comment lines inside a continuation.
        if not buffer:
            start = number
        if stripped.endswith("\\"):
            buffer.append(stripped[:-1].strip())
            continue
        buffer.append(stripped)
        lines.append((start, " ".join(part for part in buffer if part)))
        buffer = []
    if buffer:
        raise DockerfileError(f"line {start}: continuation never ends")
    return lines


def _substitute(value: str, variables: dict[str, str]) -> str:
    return _VAR_RE.sub(lambda m: variables.get(m.group(1) or m.group(2), ""), value)


def parse_dockerfile(text: str) -> tuple[list[Stage], dict[str, str]]:
    """Split a Dockerfile into stages.

    Parameters
    ----------
    text : str
        The Dockerfile's content.

    Returns
    -------
    (stages, global_args)
        Stages in order; ``ARG`` defaults declared before the first ``FROM``.

    Raises
    ------
    DockerfileError
        For an instruction before any FROM (other than ARG) or a malformed FROM.
    """
    stages: list[Stage] = []
    global_args: dict[str, str] = {}
    for line, logical in _logical_lines(text):
        keyword, _, args = logical.partition(" ")
        keyword, args = keyword.upper(), args.strip()
        if keyword == "FROM":
            match = _FROM_RE.match(_substitute(args, global_args))
            if not match:
                raise DockerfileError(f"line {line}: cannot parse FROM {args!r}")
            stages.append(Stage(base=match["image"], name=match["name"], index=len(stages)))
        elif not stages:
            if keyword != "ARG":
                raise DockerfileError(f"line {line}: {keyword} before the first FROM")
            name, _, default = args.partition("=")
            global_args[name.strip()] = default.strip()
        else:
            stages[-1].instructions.append(Instruction(keyword, args, line))
    return stages, global_args


def split_flags(args: str) -> tuple[dict[str, str], list[str]]:
    """Split `--from=build --chown=x a b c` into ({'from': 'build', ...}, ['a', 'b', 'c'])."""
    flags: dict[str, str] = {}
    words = shlex.split(args)
    while words and words[0].startswith("--"):
        name, _, value = words.pop(0)[2:].partition("=")
        flags[name] = value
    return flags, words


def parse_env(instruction: Instruction) -> dict[str, str]:
    """The variables of `ENV A=1 B="two words"` (the legacy `ENV A 1` form too)."""
    words = shlex.split(instruction.args)
    if words and "=" not in words[0]:
        return {words[0]: " ".join(words[1:])}
    env: dict[str, str] = {}
    for word in words:
        name, sep, value = word.partition("=")
        if not sep:
            raise DockerfileError(f"line {instruction.line}: ENV entry {word!r} has no '='")
        env[name] = value
    return env


def healthcheck_command(instruction: Instruction) -> tuple[dict[str, str], list[str]]:
    """Options and exec-form command of `HEALTHCHECK --interval=30s CMD ["node", "-e", "..."]`."""
    options: dict[str, str] = {}
    rest = instruction.args
    while rest.startswith("--"):
        option, _, rest = rest.partition(" ")
        name, _, value = option[2:].partition("=")
        options[name] = value
        rest = rest.lstrip()
    keyword, _, command = rest.partition(" ")
    if keyword.upper() != "CMD":
        raise DockerfileError(f"line {instruction.line}: HEALTHCHECK must be followed by CMD, got {keyword!r}")
    return options, Instruction("HEALTHCHECK CMD", command.strip(), instruction.line).exec_form()
