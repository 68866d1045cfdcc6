"""`make bench-deploy`: figures that size the Fly machine and describe the image.

Builds the runtime folder as the Dockerfile does, then prints its size, the API's
start-up time to /ready, and its resident memory idle, after reads and at peak
(a 1,000-record batch with explanations), to compare with fly.toml's [[vm]] memory.
"""
from __future__ import annotations

import json
import shutil
import statistics
import tempfile
import time
import tomllib
from pathlib import Path

from .image import REPO, build_image_folder
from .server import free_port, http_request, start_server
from .tokens import make_test_issuer
from .workload import score_batch_body

defaults = {"starts": 3, "reads": 300, "batch_records": 1000}


def _size_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def run() -> None:
    fly = tomllib.loads((REPO / "fly.toml").read_text())
    scratch = Path(tempfile.mkdtemp(prefix="pad-bench-"))
    volume: Path | None = None
    try:
        started = time.perf_counter()
        image = build_image_folder(scratch)
        print(f"replayed Dockerfile in {time.perf_counter() - started:.1f} s")
        for stage in image.replay.stages:
            for command, seconds in stage.ran:
                print(f"  {stage.stage.name:8s} {seconds:6.1f} s  {command[:70]}")
        final = image.replay.final
        app = final.host_path(final.workdir)
        print(f"runtime payload {_size_mb(final.root):.1f} MB: node_modules {_size_mb(app / 'node_modules'):.1f} MB, "
              f"dist {_size_mb(app / 'dist'):.2f} MB, artifacts {_size_mb(final.host_path(final.env['ARTIFACTS_DIR'])):.1f} MB "
              "(plus the node:22-bookworm-slim base)")
        command = final.stage.of("CMD")[-1].exec_form()
        issuer = make_test_issuer()
        volume = Path(tempfile.mkdtemp(prefix="pad-volume-"))  # stands in for the Fly volume
        volume.chmod(0o777)
        env = dict(fly["env"]) | {"HOST": "127.0.0.1", "LOG_LEVEL": "silent", "DATA_DIR": str(volume)} | issuer.env()
        starts = []
        for n in range(defaults["starts"]):
            t0 = time.perf_counter()
            server = start_server(final, command, env | {"PORT": str(free_port())}, scratch / f"start-{n}.log")
            starts.append(time.perf_counter() - t0)
            if n < defaults["starts"] - 1:
                server.stop()
        print(f"start to /ready: median {statistics.median(starts) * 1000:.0f} ms over {len(starts)} starts")
        print(f"resident memory idle: {server.rss_mb():.0f} MiB")
        ids = json.loads(server.get("/v1/clients?limit=100", issuer.auth("advisor")).body)["items"]
        for i in range(defaults["reads"]):
            client = ids[i % len(ids)]["id"]
            server.get(f"/v1/clients/{client}/explanation", issuer.auth("advisor"))
        print(f"resident memory after {defaults['reads']} explanations: {server.rss_mb():.0f} MiB")
        features = [f["name"] for f in json.loads(server.get("/v1/model", issuer.auth("tool")).body)["features"]]
        body = score_batch_body(defaults["batch_records"], features)
        response = http_request(server.base_url + "/v1/score", "POST",
                                {"Content-Type": "application/json", **issuer.auth("tool")}, body)
        print(f"POST /v1/score with {defaults['batch_records']} records + explanations: HTTP {response.status}")
        vm = fly["vm"][0]["memory"]
        print(f"resident memory now {server.rss_mb():.0f} MiB, peak {server.peak_rss_mb():.0f} MiB; fly.toml [[vm]] memory = {vm}")
        server.stop()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        if volume is not None:
            shutil.rmtree(volume, ignore_errors=True)


if __name__ == "__main__":
    run()
