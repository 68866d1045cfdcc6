"""fly.toml agrees with the Dockerfile and with what the server actually answers."""
from __future__ import annotations

import re
import urllib.parse

from deploycheck import BuiltImage, RunningServer, http_request
from deploycheck.workload import applications_batch_body, score_batch_body

#: Memory the VM needs beyond the API's peak: the guest kernel and Fly's init.
MIN_HEADROOM_MB = 48


def _memory_mb(value: str | int) -> int:
    if isinstance(value, int):
        return value
    match = re.fullmatch(r"(\d+)\s*(mb|gb)", value.strip().lower())
    assert match, f"[[vm]] memory {value!r} is not like '256mb' or '1gb'"
    return int(match[1]) * (1024 if match[2] == "gb" else 1)


def test_internal_port_equals_port_in_env_dockerfile_and_expose(fly: dict, image: BuiltImage):
    internal = fly["http_service"]["internal_port"]
    final = image.replay.final
    assert int(fly["env"]["PORT"]) == internal
    assert int(final.env["PORT"]) == internal
    exposed = [int(p.split("/")[0]) for i in final.stage.of("EXPOSE") for p in i.args.split()]
    assert exposed == [internal]


def test_check_path_is_a_route_the_server_answers_200(fly: dict, server: RunningServer):
    checks = fly["http_service"]["checks"]
    assert checks, "[[http_service.checks]] is missing"
    for check in checks:
        assert check["path"] == "/health"
        assert check.get("method", "GET").upper() == "GET"
        assert server.get(check["path"]).status == 200


def test_machines_stop_when_idle_and_start_on_demand(fly: dict):
    service = fly["http_service"]
    assert service["force_https"] is True
    assert service["auto_stop_machines"] == "stop"
    assert service["auto_start_machines"] is True
    assert service["min_machines_running"] == 0
    assert fly["primary_region"] == "cdg"


def test_env_is_production_and_holds_no_secret(fly: dict):
    env = fly["env"]
    assert env["NODE_ENV"] == "production"
    assert not [k for k in env if re.search(r"KEY|SECRET|TOKEN|PASSWORD", k, re.IGNORECASE)]


def test_cors_origin_is_an_https_origin_the_server_accepts(fly: dict, server: RunningServer):
    origins = [o.strip() for o in fly["env"]["CORS_ORIGINS"].split(",")]
    for origin in origins:
        parsed = urllib.parse.urlsplit(origin)
        assert parsed.scheme == "https" and parsed.netloc and parsed.path == "", origin
        preflight = http_request(server.base_url + "/v1/clients", "OPTIONS", {
            "Origin": origin, "Access-Control-Request-Method": "GET",
        })
        assert preflight.status == 204 and preflight.headers.get("access-control-allow-origin") == origin


def test_other_origins_are_refused(server: RunningServer):
    preflight = http_request(server.base_url + "/v1/clients", "OPTIONS", {
        "Origin": "https://attacker.example", "Access-Control-Request-Method": "GET",
    })
    assert preflight.status == 403
    assert "access-control-allow-origin" not in preflight.headers


def test_vm_memory_leaves_headroom_over_the_peak_resident_memory(fly: dict, server: RunningServer, issuer):
    # The heaviest request the API accepts: 1,000 records scored and explained at once.
    features = [f["name"] for f in server.get("/v1/model", issuer.auth("tool")).json()["features"]]
    response = http_request(server.base_url + "/v1/score", "POST", {
        "Content-Type": "application/json", **issuer.auth("tool"),
    }, score_batch_body(1000, features))
    assert response.status == 200, response.body[:300]
    # And the heaviest application batch: 1,000 raw applications with their whole history, explained.
    batch = http_request(server.base_url + "/v1/applications/batch?explain=true&top=10", "POST", {
        "Content-Type": "application/json", **issuer.auth("tool"),
    }, applications_batch_body(1000, 10))
    assert batch.status == 200, batch.body[:300]
    vm_mb = _memory_mb(fly["vm"][0]["memory"])
    peak = server.peak_rss_mb()
    print(f"API peak resident memory {peak:.0f} MiB on a {vm_mb} MiB VM")
    assert peak + MIN_HEADROOM_MB <= vm_mb, f"peak {peak:.0f} MiB leaves under {MIN_HEADROOM_MB} MiB on a {vm_mb} MiB VM"
