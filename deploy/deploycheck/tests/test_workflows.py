"""Lint-level checks of .github/workflows: YAML, pinned actions, triggers, secrets, commands."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml

from deploycheck import REPO

WORKFLOWS = REPO / ".github" / "workflows"
SHA_PIN = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")
VERSION_COMMENT = re.compile(r"uses:[ \t]*\S+@[0-9a-f]{40}[ \t]+#[ \t]*v?\d+\.\d+(?:\.\d+)?[ \t]*$", re.MULTILINE)


def _load(name: str) -> dict:
    # PyYAML reads the key `on` as True (YAML 1.1); map it back.
    document = yaml.safe_load((WORKFLOWS / name).read_text())
    if True in document:
        document["on"] = document.pop(True)
    return document


def _steps(document: dict) -> list[dict]:
    return [step for job in document["jobs"].values() for step in job.get("steps", [])]


def _runs(document: dict) -> str:
    return "\n".join(step.get("run", "") for step in _steps(document))


@pytest.mark.parametrize("name", ["ci.yml", "deploy-api.yml", "deploy-pwa.yml"])
def test_workflow_parses_and_pins_every_action_to_a_commit_with_its_version(name: str):
    document = _load(name)
    assert document["jobs"], name
    uses = [step["uses"] for step in _steps(document) if "uses" in step]
    assert uses, name
    for action in uses:
        assert SHA_PIN.match(action), f"{name}: {action} is not pinned to a 40-hex commit"
    commented = VERSION_COMMENT.findall((WORKFLOWS / name).read_text())
    assert len(commented) == len(uses), f"{name}: every pinned action needs a '# vX.Y.Z' comment"


def test_same_action_is_pinned_to_the_same_commit_everywhere():
    pins: dict[str, set[str]] = {}
    for path in WORKFLOWS.glob("*.yml"):
        for step in _steps(_load(path.name)):
            if "uses" in step:
                action, sha = step["uses"].split("@")
                pins.setdefault(action, set()).add(sha)
    assert all(len(shas) == 1 for shas in pins.values()), pins


def test_ci_runs_make_test_on_push_and_pull_request_with_apt_chromium():
    document = _load("ci.yml")
    assert {"push", "pull_request"} <= set(document["on"])
    runs = _runs(document)
    assert re.search(r"^\s*make test\s*$", runs, re.MULTILINE)
    assert re.search(r"apt-get install\b.*\bchromium\b", runs)
    assert document["permissions"] == {"contents": "read"}


def test_deploy_api_runs_on_version_tags_and_by_hand_with_the_fly_token():
    document = _load("deploy-api.yml")
    assert document["on"]["push"]["tags"] == ["v*.*.*"]
    assert "workflow_dispatch" in document["on"]
    deploy_steps = [s for s in _steps(document) if "flyctl deploy" in s.get("run", "")]
    assert len(deploy_steps) == 1
    assert "--remote-only" in deploy_steps[0]["run"]
    assert deploy_steps[0]["env"]["FLY_API_TOKEN"] == "${{ secrets.FLY_API_TOKEN }}"
    assert any(s.get("uses", "").startswith("superfly/flyctl-actions/setup-flyctl@") for s in _steps(document))
    assert "deploy/smoke.mjs" in _runs(document)


def test_deploy_pwa_builds_under_the_pages_base_path_and_deploys_with_pages_actions():
    document = _load("deploy-pwa.yml")
    assert document["on"]["push"]["tags"] == ["v*.*.*"] and "workflow_dispatch" in document["on"]
    uses = [s["uses"].split("@")[0] for s in _steps(document) if "uses" in s]
    assert {"actions/upload-pages-artifact", "actions/deploy-pages", "actions/configure-pages"} <= set(uses)
    build = next(s for s in _steps(document) if s.get("run") == "make pwa-build")
    assert "steps.pages.outputs.base_path" in build["env"]["BASE_PATH"]
    assert "deploy/pwa-config.mjs pwa/dist" in _runs(document)
    deploy_job = document["jobs"]["deploy"]
    assert deploy_job["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy_job["environment"]["name"] == "github-pages"


def test_secrets_are_only_read_from_secrets_never_written_inline():
    for path in WORKFLOWS.glob("*.yml"):
        text = path.read_text()
        assert not re.search(r"(API_KEY|FLY_API_TOKEN)[ \t]*[:=][ \t]*[\"']?[A-Za-z0-9_-]{12,}", text.replace("${{ secrets.FLY_API_TOKEN }}", "")), path.name


def test_make_targets_called_by_workflows_exist():
    targets = set()
    for path in WORKFLOWS.glob("*.yml"):
        for line in _runs(_load(path.name)).splitlines():
            match = re.match(r"^\s*make\s+([\w\s-]+)$", line)
            if match:
                targets.update(match[1].split())
    assert "test" in targets
    for target in sorted(targets):
        done = subprocess.run(["make", "-C", str(REPO), "-n", target], capture_output=True, text=True)
        assert done.returncode == 0, f"make {target}: {done.stderr.strip()}"


def test_node_scripts_called_by_workflows_exist():
    for path in WORKFLOWS.glob("*.yml"):
        for script in re.findall(r"node\s+(deploy/[\w.-]+\.mjs)", _runs(_load(path.name))):
            assert (REPO / script).is_file(), f"{path.name}: {script} is missing"
