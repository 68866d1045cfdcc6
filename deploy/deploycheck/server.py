"""Start the API from a replayed image folder, as the image's CMD would, on 127.0.0.1."""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from .replay import StageResult

__all__ = ["HttpResult", "RunningServer", "free_port", "http_request", "image_env", "start_server", "defaults"]

defaults = {"ready_timeout_s": 60.0, "request_timeout_s": 10.0, "poll_interval_s": 0.1, "stop_timeout_s": 15.0}


@dataclass
class HttpResult:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> object:
        return json.loads(self.body)


def http_request(url: str, method: str = "GET", headers: dict[str, str] | None = None, body: bytes | None = None) -> HttpResult:
    """One request; HTTP errors are returned as results, connection errors raise."""
    request = urllib.request.Request(url, method=method, headers=headers or {}, data=body)
    try:
        with urllib.request.urlopen(request, timeout=defaults["request_timeout_s"]) as response:
            return HttpResult(response.status, {k.lower(): v for k, v in response.headers.items()}, response.read())
    except urllib.error.HTTPError as error:
        return HttpResult(error.code, {k.lower(): v for k, v in error.headers.items()}, error.read())


def free_port() -> int:
    """A port nobody listens on right now (the server binds it a moment later)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def image_env(stage: StageResult) -> dict[str, str]:
    """The image's ENV with absolute paths that exist in the image mapped into its folder."""
    env = {}
    for name, value in stage.env.items():
        mapped = stage.host_path(value) if value.startswith("/") else None
        env[name] = str(mapped) if mapped is not None and mapped.exists() else value
    return env


@dataclass
class RunningServer:
    process: subprocess.Popen[bytes]
    port: int
    env: dict[str, str]
    log: Path

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def get(self, path: str, headers: dict[str, str] | None = None) -> HttpResult:
        return http_request(self.base_url + path, headers=headers)

    def _status_mb(self, field: str) -> float:
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
        raise RuntimeError(f"{field} not found in /proc/{self.process.pid}/status")

    def rss_mb(self) -> float:
        """Resident memory of the server process now (Linux /proc), in MiB."""
        return self._status_mb("VmRSS")

    def peak_rss_mb(self) -> float:
        """Highest resident memory of the server process so far, in MiB."""
        return self._status_mb("VmHWM")

    def stop(self) -> int:
        """SIGTERM (what Fly sends, see fly.toml kill_signal) and wait for the exit code."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=defaults["stop_timeout_s"])
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode


def _demote() -> dict[str, object]:
    """Run as nobody when we are root, like the image's non-root USER."""
    if os.geteuid() != 0:
        return {}
    return {"user": 65534, "group": 65534, "extra_groups": []}


def start_server(stage: StageResult, command: list[str], extra_env: dict[str, str], log: Path) -> RunningServer:
    """Start `command` (the image's CMD) in the stage's WORKDIR and wait until /ready answers 200.

    `extra_env` is applied over the image's ENV (e.g. fly.toml's [env], then the test's PORT/HOST).
    Raises RuntimeError with the server's output when it exits or never becomes ready.
    """
    env = {"PATH": os.environ["PATH"]} | image_env(stage) | extra_env
    port = int(env["PORT"])
    executable = shutil.which(command[0], path=env["PATH"])
    if executable is None:
        raise RuntimeError(f"{command[0]} is not on PATH")
    log_file = log.open("wb")
    process = subprocess.Popen(
        [executable, *command[1:]], cwd=stage.host_path(stage.workdir), env=env,
        stdout=log_file, stderr=subprocess.STDOUT, **_demote(),
    )
    server = RunningServer(process, port, env, log)
    deadline = time.monotonic() + defaults["ready_timeout_s"]
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            if server.get("/ready").status == 200:
                return server
        except OSError:
            pass
        time.sleep(defaults["poll_interval_s"])
    server.stop()
    raise RuntimeError(f"server not ready after {defaults['ready_timeout_s']} s:\n{log.read_text()[-3000:]}")
