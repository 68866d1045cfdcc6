"""`.dockerignore` matching with BuildKit's rules, and the build context it yields.

Rules (moby/patternmatcher): patterns are cleaned paths relative to the context root;
`*` and `?` never cross `/`, `**` spans any number of directories; a pattern also
matches everything below a directory it matches; `!` re-includes; the last matching
line wins.
"""
from __future__ import annotations

import os
import posixpath
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Pattern", "parse_dockerignore", "is_excluded", "build_context"]

_WILDCARDS = set("*?[\\")


@dataclass(frozen=True)
class Pattern:
    """One cleaned pattern; `negated` for `!` lines."""

    text: str
    negated: bool
    regex: re.Pattern[str]


def _compile(pattern: str) -> re.Pattern[str]:
    out, i = "^", 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "*":
            if pattern[i + 1 : i + 2] == "*":
                i += 1
                if pattern[i + 1 : i + 2] == "/":
                    i += 1
                out += ".*" if i + 1 >= len(pattern) else "(.*/)?"
            else:
                out += "[^/]*"
        elif ch == "?":
            out += "[^/]"
        elif ch == "\\" and i + 1 < len(pattern):
            i += 1
            out += re.escape(pattern[i])
        elif ch == "[":
            end = pattern.find("]", i + 1)
            if end < 0:
                raise ValueError(f".dockerignore: unterminated '[' in pattern {pattern!r}")
            out += pattern[i : end + 1]
            i = end
        else:
            out += re.escape(ch)
        i += 1
    return re.compile(out + "$")


def parse_dockerignore(text: str) -> list[Pattern]:
    """Patterns in file order (comments and blank lines dropped)."""
    patterns = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        negated = line.startswith("!")
        if negated:
            line = line[1:].strip()
        cleaned = posixpath.normpath(line).lstrip("/")
        if cleaned in ("", "."):
            continue
        patterns.append(Pattern(cleaned, negated, _compile(cleaned)))
    return patterns


def _matches(pattern: Pattern, path: str) -> bool:
    parts = path.split("/")
    return any(pattern.regex.match("/".join(parts[: n + 1])) for n in range(len(parts)))


def is_excluded(path: str, patterns: list[Pattern]) -> bool:
    """Whether `path` (relative, `/`-separated) stays out of the build context."""
    excluded = False
    for pattern in patterns:
        if pattern.negated == excluded and _matches(pattern, path):
            excluded = not pattern.negated
    return excluded


def _static_prefix(pattern: Pattern) -> list[str]:
    prefix = []
    for part in pattern.text.split("/"):
        if _WILDCARDS & set(part):
            break
        prefix.append(part)
    return prefix


def _may_reinclude_below(directory: str, patterns: list[Pattern]) -> bool:
    """Could a `!` pattern re-include something under this excluded directory?"""
    parts = directory.split("/")
    for pattern in patterns:
        if not pattern.negated:
            continue
        prefix = _static_prefix(pattern)
        shortest = min(len(prefix), len(parts))
        if prefix[:shortest] == parts[:shortest]:
            return True
    return False


def build_context(root: Path, dest: Path, patterns: list[Pattern]) -> list[str]:
    """Copy the files of `root` that `patterns` let through into `dest`.

    Returns the sorted relative paths copied. Symbolic links are not followed.
    """
    copied: list[str] = []
    for current, dirs, files in os.walk(root):
        rel_dir = Path(current).relative_to(root).as_posix()
        rel_dir = "" if rel_dir == "." else rel_dir + "/"
        dirs[:] = [
            d for d in dirs
            if not (is_excluded(rel_dir + d, patterns) and not _may_reinclude_below(rel_dir + d, patterns))
        ]
        for name in files:
            rel = rel_dir + name
            source = Path(current) / name
            if source.is_symlink() or is_excluded(rel, patterns):
                continue
            target = dest / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
            copied.append(rel)
    return sorted(copied)
