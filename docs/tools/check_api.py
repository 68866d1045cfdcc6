"""Checks that api.md matches the API: its OpenAPI snapshot, and each curl example against a live server."""
from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from tools import paths
from tools.openapi_fetch import dump_openapi, model_version

SERVER = paths.REPO_ROOT / "backend" / "dist" / "src" / "server.js"
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
    """[{method, url, body}] from the ```bash blocks of api.md."""
    out = []
    for block in re.findall(r"```bash\n(.*?)```", api_md, flags=re.S):
        command = block.replace("\\\n", " ")
        url = re.search(r"'(http[^']+)'", command).group(1)
        method = re.search(r"-X (\w+)", command)
        body = re.search(r"-d '(.*)'", command)
        out.append({"method": method.group(1) if method else "GET", "url": url,
                    "body": body.group(1) if body else None})
    return out


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _request(example: dict, base: str) -> int:
    url = example["url"].replace("http://127.0.0.1:8000", base)
    data = example["body"].encode() if example["body"] is not None else None
    req = urllib.request.Request(url, data=data, method=example["method"],
                                 headers={"Content-Type": "application/json"} if data else {})
    try:
        with urllib.request.urlopen(req, timeout=defaults["request_timeout_seconds"]) as resp:
            return resp.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except (urllib.error.URLError, ConnectionError):
        return 0  # not listening yet (start-up) or gone


def live_example_problems(docs: Path) -> list[str]:
    """Start the API on 127.0.0.1 (a free port), replay every curl example, stop the server we started."""
    if not SERVER.is_file():
        return [f"{SERVER} not found: build the backend first (make backend-build)"]
    port = _free_port()
    env = os.environ | {"PORT": str(port), "HOST": "127.0.0.1", "ARTIFACTS_DIR": str(paths.ARTIFACTS_DIR),
                        "LOG_LEVEL": "silent", "API_KEY": "", "NODE_ENV": "test"}
    server = subprocess.Popen(["node", str(SERVER)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + defaults["start_timeout_seconds"]
        while _request({"method": "GET", "url": "http://127.0.0.1:8000/ready", "body": None}, base) != 200:
            if server.poll() is not None or time.monotonic() > deadline:
                return [f"API did not become ready on {base}: {server.stderr.read().decode()[-300:]}"]
            time.sleep(0.2)
        problems = []
        for example in curl_examples((docs / paths.API_MD).read_text(encoding="utf-8")):
            status = _request(example, base)
            if not 200 <= status < 300:
                problems.append(f"api.md: {example['method']} {example['url']} answered {status}")
        return problems
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
