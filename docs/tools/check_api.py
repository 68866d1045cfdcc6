"""Checks that api.md matches the API: its OpenAPI snapshot, and each curl example against a live server."""
from __future__ import annotations

import json
import os
import re
import signal
import socket
import shutil
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from tools import paths
from tools.openapi_fetch import dump_openapi, model_version

SERVER = paths.REPO_ROOT / "backend" / "dist" / "src" / "server.js"
IDP_SERVER = paths.REPO_ROOT / "backend" / "dist" / "src" / "demo-idp" / "server.js"
TOKEN_CLI = paths.REPO_ROOT / "backend" / "dist" / "src" / "demo-idp" / "token-cli.js"
defaults = {"start_timeout_seconds": 30.0, "request_timeout_seconds": 10.0}


def snapshot_problems(docs: Path) -> list[str]:
    """docs/api/openapi.json must equal what the backend's own builder produces now."""
    snapshot = docs / paths.OPENAPI_SNAPSHOT
    if not snapshot.is_file():
        return [f"{paths.OPENAPI_SNAPSHOT}: missing (run `make docs`)"]
    if json.loads(snapshot.read_text(encoding="utf-8")) != dump_openapi(model_version()):
        return [f"{paths.OPENAPI_SNAPSHOT}: differs from backend buildOpenApi() (run `make docs`)"]
    return []


def curl_examples(api_md: str) -> list[dict]:
    """[{method, url, body, role}] from the ```bash blocks of api.md (role: the `make token ROLE=`, or None)."""
    out = []
    for block in re.findall(r"```bash\n(.*?)```", api_md, flags=re.S):
        command = block.replace("\\\n", " ")
        url = re.search(r"'(http[^']+)'", command).group(1)
        method = re.search(r"-X (\w+)", command)
        body = re.search(r"-d '(.*)'", command)
        role = re.search(r"make -s token ROLE=(\w+)", command)
        out.append({"method": method.group(1) if method else "GET", "url": url,
                    "body": body.group(1) if body else None, "role": role.group(1) if role else None})
    return out


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _request(example: dict, base: str, token: str | None = None) -> int:
    url = example["url"].replace("http://127.0.0.1:8000", base)
    data = example["body"].encode() if example["body"] is not None else None
    headers = {"Content-Type": "application/json"} if data else {}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    req = urllib.request.Request(url, data=data, method=example["method"], headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=defaults["request_timeout_seconds"]) as resp:
            return resp.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except (urllib.error.URLError, ConnectionError):
        return 0  # not listening yet (start-up) or gone


def _demo_token(issuer: str, role: str) -> str:
    """A demo access token, as `make token ROLE=...` prints it, from the provider at ``issuer``."""
    done = subprocess.run(["node", str(TOKEN_CLI), role], env=os.environ | {"DEMO_IDP_ISSUER": issuer},
                          capture_output=True, text=True, timeout=defaults["start_timeout_seconds"])
    if done.returncode != 0:
        raise RuntimeError(f"make token ROLE={role}: {done.stderr.strip()[-300:]}")
    return done.stdout.strip()


def _start_idp(issuer: str) -> subprocess.Popen:
    idp = subprocess.Popen(["node", str(IDP_SERVER)], env=os.environ | {"DEMO_IDP_ISSUER": issuer, "NODE_ENV": "test"},
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + defaults["start_timeout_seconds"]
    while time.monotonic() < deadline and idp.poll() is None:
        try:
            with urllib.request.urlopen(f"{issuer}/.well-known/openid-configuration", timeout=2):
                return idp
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    return idp


def live_example_problems(docs: Path) -> list[str]:
    """Start the demo provider and the API on 127.0.0.1 (free ports), replay every curl example with the
    token its `make token ROLE=` names, stop the servers we started."""
    if not SERVER.is_file():
        return [f"{SERVER} not found: build the backend first (make backend-build)"]
    port = _free_port()
    issuer = f"http://127.0.0.1:{_free_port()}"
    idp = _start_idp(issuer)
    data_dir = tempfile.mkdtemp(prefix="pad-docs-data-")
    env = os.environ | {"PORT": str(port), "HOST": "127.0.0.1", "ARTIFACTS_DIR": str(paths.ARTIFACTS_DIR),
                        "LOG_LEVEL": "silent", "API_KEY": "", "NODE_ENV": "test", "OIDC_ISSUER": issuer,
                        "DATA_DIR": data_dir}
    server = subprocess.Popen(["node", str(SERVER)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + defaults["start_timeout_seconds"]
        while _request({"method": "GET", "url": "http://127.0.0.1:8000/ready", "body": None}, base) != 200:
            if server.poll() is not None or time.monotonic() > deadline:
                return [f"API did not become ready on {base}: {server.stderr.read().decode()[-300:]}"]
            time.sleep(0.2)
        problems = []
        tokens: dict[str, str] = {}
        for example in curl_examples((docs / paths.API_MD).read_text(encoding="utf-8")):
            role = example["role"]
            if role is not None and role not in tokens:
                tokens[role] = _demo_token(issuer, role)
            status = _request(example, base, tokens.get(role) if role else None)
            if not 200 <= status < 300:
                problems.append(f"api.md: {example['method']} {example['url']} answered {status}")
            if role is not None and _request(example, base) != 401:
                problems.append(f"api.md: {example['method']} {example['url']} answers without a token")
        return problems
    finally:
        for process in (server, idp):
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        shutil.rmtree(data_dir, ignore_errors=True)
