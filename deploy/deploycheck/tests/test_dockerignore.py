"""`.dockerignore` matching (BuildKit rules) and the context the real file produces."""
from __future__ import annotations

from pathlib import Path

from deploycheck import REPO, build_context, is_excluded, parse_dockerignore


def _excluded(patterns: str, path: str) -> bool:
    return is_excluded(path, parse_dockerignore(patterns))


def test_deny_all_then_reinclude_a_folder_and_everything_below_it():
    rules = "*\n!backend/src\n"
    assert _excluded(rules, "data/sample/x.csv")
    assert not _excluded(rules, "backend/src/routes/health.ts")
    assert _excluded(rules, "backend/package.json")


def test_last_matching_line_wins():
    rules = "*\n!artifacts\nartifacts/fixtures\n"
    assert not _excluded(rules, "artifacts/model.onnx")
    assert _excluded(rules, "artifacts/fixtures/predictions.json.gz")
    assert not _excluded(rules + "!artifacts/fixtures/keep.txt\n", "artifacts/fixtures/keep.txt")


def test_single_star_stays_in_one_folder_double_star_spans_folders():
    assert _excluded("*.log", "a.log") and not _excluded("*.log", "sub/a.log")
    assert _excluded("**/*.log", "sub/deep/a.log") and _excluded("**/*.log", "a.log")
    assert _excluded("**/node_modules", "backend/node_modules/koa/index.js")


def test_comments_blank_lines_and_leading_slash_are_ignored():
    assert parse_dockerignore("# c\n\n/dist/\n")[0].text == "dist"


def test_build_context_copies_only_what_passes(tmp_path: Path):
    root = tmp_path / "repo"
    for rel in ("keep/a.txt", "keep/.env", "drop/b.txt", "keep/node_modules/m.js"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(rel)
    copied = build_context(root, tmp_path / "ctx", parse_dockerignore("*\n!keep\n**/.env\n**/node_modules\n"))
    assert copied == ["keep/a.txt"]
    assert (tmp_path / "ctx" / "keep" / "a.txt").read_text() == "keep/a.txt"


def test_real_dockerignore_keeps_out_data_model_pwa_git_and_fixtures():
    patterns = parse_dockerignore((REPO / ".dockerignore").read_text())
    for path in ("data/sample/application_train.csv", "model/cli.py", "pwa/src/router.ts", ".git/HEAD",
                 "artifacts/fixtures/predictions.json.gz", "backend/node_modules/koa/package.json",
                 "backend/dist/src/server.js", "backend/.env", "Makefile", "Dockerfile", "fly.toml"):
        assert is_excluded(path, patterns), path
    for path in ("backend/src/server.ts", "backend/package-lock.json", "backend/.npmrc", "artifacts/model.onnx"):
        assert not is_excluded(path, patterns), path
