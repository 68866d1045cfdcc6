"""deploy/smoke.mjs (run after each API deployment) and deploy/pwa-config.mjs (Pages build)."""
from __future__ import annotations

import json
import os
import subprocess
import tomllib
from pathlib import Path

from deploycheck import REPO, RunningServer, free_port

SMOKE = REPO / "deploy" / "smoke.mjs"
PWA_CONFIG = REPO / "deploy" / "pwa-config.mjs"


def _node(script: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["node", str(script), *args], capture_output=True, text=True, timeout=120,
                          env=os.environ | (env or {}))


def _fly_origin() -> str:
    return tomllib.loads((REPO / "fly.toml").read_text())["env"]["CORS_ORIGINS"].split(",")[0]


def test_smoke_passes_against_the_api_started_from_the_image(server: RunningServer, issuer):
    done = _node(SMOKE, server.base_url, "--origin", _fly_origin(), "--timeout", "10", env={"SMOKE_TOKEN": issuer.tokens["advisor"]})
    assert done.returncode == 0, done.stdout + done.stderr
    assert "smoke test passed" in done.stdout and "CORS allows" in done.stdout
    assert "without a token: 401" in done.stdout and "/score (" in done.stdout


def test_smoke_without_a_token_checks_that_client_data_is_refused(server: RunningServer):
    done = _node(SMOKE, server.base_url, "--timeout", "10", env={"SMOKE_TOKEN": ""})
    assert done.returncode == 0, done.stdout + done.stderr
    assert "skip GET /v1/clients/{id}/score (no SMOKE_TOKEN)" in done.stdout


def test_smoke_fails_on_another_model_version(server: RunningServer):
    done = _node(SMOKE, server.base_url, "--expect-version", "0.0.0-not-deployed", "--timeout", "10")
    assert done.returncode == 1
    assert "expected 0.0.0-not-deployed" in done.stderr


def test_smoke_fails_on_an_origin_the_api_does_not_allow(server: RunningServer):
    done = _node(SMOKE, server.base_url, "--origin", "https://someone-else.github.io", "--timeout", "10")
    assert done.returncode == 1 and "check CORS_ORIGINS" in done.stderr


def test_smoke_gives_up_after_its_timeout_when_nothing_answers():
    done = _node(SMOKE, f"http://127.0.0.1:{free_port()}", "--timeout", "1")
    assert done.returncode == 1 and "GET /health did not answer" in done.stderr


def _dist(tmp_path: Path) -> Path:
    (tmp_path / "index.html").write_text("<!doctype html>")
    return tmp_path


def test_pwa_config_writes_the_api_url_without_trailing_slash(tmp_path: Path):
    done = _node(PWA_CONFIG, str(_dist(tmp_path)), "https://api.example.fly.dev/")
    assert done.returncode == 0, done.stderr
    assert json.loads((tmp_path / "config.json").read_text()) == {"apiUrl": "https://api.example.fly.dev"}


def test_pwa_config_defaults_to_the_fly_app_url(tmp_path: Path):
    app = tomllib.loads((REPO / "fly.toml").read_text())["app"]
    done = _node(PWA_CONFIG, str(_dist(tmp_path)), "")
    assert done.returncode == 0, done.stderr
    assert json.loads((tmp_path / "config.json").read_text()) == {"apiUrl": f"https://{app}.fly.dev"}


def test_pwa_config_refuses_plain_http_and_non_urls(tmp_path: Path):
    dist = _dist(tmp_path)
    for bad, message in (("http://api.example.com", "must use https"), ("not a url", "is not a URL"),
                         ("https://api.example.com/?debug=1", "no query")):
        done = _node(PWA_CONFIG, str(dist), bad)
        assert done.returncode == 1 and message in done.stderr, (bad, done.stderr)
    assert not (dist / "config.json").exists()


def test_pwa_config_refuses_a_folder_that_is_not_a_build(tmp_path: Path):
    done = _node(PWA_CONFIG, str(tmp_path), "https://api.example.fly.dev")
    assert done.returncode == 1 and "no index.html" in done.stderr


def test_pwa_config_writes_the_openid_provider_from_the_environment(tmp_path: Path):
    done = _node(PWA_CONFIG, str(_dist(tmp_path)), "https://api.example.fly.dev",
                 env={"OIDC_ISSUER": "https://id.example.com/realms/pad/", "OIDC_CLIENT_ID": "pad-dashboard", "OIDC_SCOPE": ""})
    assert done.returncode == 0, done.stderr
    assert json.loads((tmp_path / "config.json").read_text()) == {
        "apiUrl": "https://api.example.fly.dev", "issuer": "https://id.example.com/realms/pad", "clientId": "pad-dashboard"}
    refused = _node(PWA_CONFIG, str(_dist(tmp_path)), "https://api.example.fly.dev", env={"OIDC_ISSUER": "http://id.example.com"})
    assert refused.returncode == 1 and "must use https" in refused.stderr
