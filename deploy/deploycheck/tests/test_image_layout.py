"""The runtime image, replayed in a folder: what it contains and that the API runs from it."""
from __future__ import annotations

import json
import math
import os
import re
import subprocess
import uuid
from pathlib import Path

import pytest

from deploycheck.workload import score_batch_body
from deploycheck import REPO, BuiltImage, RunningServer, free_port, healthcheck_command, http_request, split_flags

MANIFEST = json.loads((REPO / "artifacts" / "manifest.json").read_text())


def _runtime_files(image: BuiltImage) -> list[str]:
    root = image.replay.final.root
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file() or p.is_symlink())


def _app_files(image: BuiltImage) -> list[str]:
    return [f for f in _runtime_files(image) if "/node_modules/" not in f]


# --- the build context (.dockerignore) -------------------------------------------------

def test_context_holds_only_api_sources_and_served_artifacts(image: BuiltImage):
    top = {f.split("/")[0] for f in image.context_files}
    assert top == {"backend", "artifacts"}, top
    assert "backend/src/server.ts" in image.context_files
    assert "backend/package-lock.json" in image.context_files and "backend/.npmrc" in image.context_files
    assert not [f for f in image.context_files if "/fixtures/" in f or "node_modules" in f or "/dist/" in f]


def test_context_leaves_out_env_files_even_inside_backend(image: BuiltImage):
    assert not [f for f in image.context_files if Path(f).name.startswith(".env")]


# --- the Dockerfile's build steps ------------------------------------------------------

def test_npmrc_is_copied_before_every_npm_ci(image: BuiltImage):
    for stage in image.stages:
        copied_npmrc = False
        for instruction in stage.instructions:
            if instruction.keyword == "COPY" and any(w.endswith(".npmrc") for w in split_flags(instruction.args)[1]):
                copied_npmrc = True
            if instruction.keyword == "RUN" and "npm ci" in instruction.args:
                assert copied_npmrc, f"line {instruction.line}: npm ci runs before backend/.npmrc is copied"


def test_toolchain_and_dev_install_stay_out_of_the_runtime_stage(image: BuiltImage):
    runtime = image.stages[-1]
    assert not runtime.of("RUN"), "the runtime stage should only receive files"
    toolchain = [i for s in image.stages[:-1] for i in s.of("RUN") if "g++" in i.args]
    assert toolchain, "better-sqlite3 needs python3/make/g++ in a build stage"
    installs = [i.args for s in image.stages for i in s.of("RUN") if "npm ci" in i.args]
    assert any("--omit=dev" in args for args in installs)


def test_runtime_stage_is_node_22_on_glibc_and_runs_as_non_root(image: BuiltImage):
    final = image.replay.final
    base = final.stage.base
    image_ref = base if ":" in base else f"node:{base}"
    assert "${" not in image_ref
    assert image_ref.startswith("node:22-") and "alpine" not in image_ref, image_ref
    users = final.stage.of("USER")
    assert users and users[-1].args not in ("root", "0"), "the runtime stage must switch to a non-root USER"
    assert final.env.get("NODE_ENV") == "production"


# --- the runtime folder ----------------------------------------------------------------

def test_runtime_has_no_dev_dependencies(image: BuiltImage):
    lock = json.loads((REPO / "backend" / "package-lock.json").read_text())
    dev = {path for path, meta in lock["packages"].items() if path and meta.get("dev")}
    assert dev, "the lock file lists no dev dependency: this test would prove nothing"
    modules = image.replay.final.host_path(image.replay.final.workdir)
    present = sorted(path for path in dev if (modules / path).exists())
    assert not present, f"dev dependencies in the runtime image: {present[:10]}"
    assert (modules / "node_modules" / "koa").is_dir() and (modules / "node_modules" / "onnxruntime-node").is_dir()


def test_runtime_has_only_compiled_code_package_json_and_artifacts(image: BuiltImage):
    files = _app_files(image)
    assert files, "the runtime folder is empty"
    unexpected = [
        f for f in files
        if not (f in ("app/backend/package.json", "app/backend/dist/startup-check.json") or f.startswith("app/artifacts/")
                or (f.startswith("app/backend/dist/src/") and f.endswith(".js"))
                or (f.startswith("app/backend/src/db/migrations/") and f.endswith(".sql")))
    ]
    assert not unexpected, f"not compiled code, package.json, migrations or artifacts: {unexpected[:10]}"
    # The demo OpenID provider (public credentials) never ships.
    assert not [f for f in files if "/demo-idp/" in f]


def test_runtime_has_no_tests_fixtures_or_env_files(image: BuiltImage):
    offenders = [
        f for f in _runtime_files(image)
        if (f.endswith(".test.js") or "/testing/" in f or "/fixtures/" in f) and "/node_modules/" not in f
        or Path(f).name == ".env" or Path(f).name.startswith(".env.")
    ]
    assert not offenders, offenders


def test_runtime_artifacts_are_exactly_the_manifest_files(image: BuiltImage):
    folder = image.replay.final.host_path(image.replay.final.env["ARTIFACTS_DIR"])
    # The feature definitions ship in features-sql/ (listed in the manifest by relative path).
    present = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    assert present == sorted([*MANIFEST["files"], "manifest.json"])


def test_onnxruntime_keeps_only_this_platforms_binaries(image: BuiltImage):
    modules = image.replay.final.host_path(image.replay.final.workdir) / "node_modules" / "onnxruntime-node" / "bin"
    platforms = sorted(p.relative_to(modules).as_posix() for p in modules.glob("napi-v*/*/*"))
    arch = {"x86_64": "x64", "aarch64": "arm64"}.get(os.uname().machine, os.uname().machine)
    assert platforms and all(p.endswith(f"linux/{arch}") for p in platforms), platforms


# --- the API started as CMD starts it -----------------------------------------------------

def test_ready_reports_the_manifest_model_version(server: RunningServer):
    response = server.get("/ready")
    assert response.status == 200
    body = response.json()
    assert {k: body[k] for k in ("status", "model_version")} == {"status": "ready", "model_version": MANIFEST["model_version"]}
    assert 0 <= body["store_verified"] <= 1  # the background check of the client store's chunks


def test_start_skips_the_duckdb_run_on_the_check_stage_stamp(server: RunningServer):
    # The check stage ran the whole start-up check on these artifacts and this build: the image's server
    # serves on its stamp and never maps DuckDB (backend/src/features/startup-stamp.ts).
    listening = [json.loads(line) for line in server.log.read_text().splitlines() if '"msg":"listening"' in line]
    assert listening and listening[0]["startup_check"] == "stamp", server.log.read_text()[-2000:]
    maps = Path(f"/proc/{server.process.pid}/maps").read_text()
    assert "duckdb" not in maps.lower()


def test_health_answers_ok(server: RunningServer):
    response = server.get("/health")
    assert (response.status, response.json()) == (200, {"status": "ok"})


def test_score_of_a_stored_client_matches_the_exported_probability(server: RunningServer, known_client, issuer):
    client_id, exported = known_client
    assert server.get(f"/v1/clients/{client_id}/score").status == 401
    response = server.get(f"/v1/clients/{client_id}/score", issuer.auth("advisor"))
    assert response.status == 200, response.body
    score = response.json()
    assert score["id"] == client_id and score["model_version"] == MANIFEST["model_version"]
    assert math.isclose(score["probability"], exported, abs_tol=1e-5)
    assert score["decision"] == ("refused" if score["probability"] >= score["threshold"] else "granted")


def test_batch_scoring_needs_a_tool_token_and_client_reads_an_advisor_token(server: RunningServer, known_client, issuer):
    url = server.base_url + "/v1/score"
    # A record names the client and carries its model inputs: an id alone is under-specified (400).
    features = [f["name"] for f in server.get("/v1/model", issuer.auth("tool")).json()["features"]]
    body = score_batch_body(1, features)
    headers = {"Content-Type": "application/json"}
    assert http_request(url, "POST", headers, body).status == 401
    assert http_request(url, "POST", headers | issuer.auth("advisor"), body).status == 403
    authorised = http_request(url, "POST", headers | issuer.auth("tool"), body)
    assert authorised.status == 200, authorised.body
    id_only = json.dumps({"records": [{"id": known_client[0]}]}).encode()
    assert http_request(url, "POST", headers | issuer.auth("tool"), id_only).status == 400
    assert server.get(f"/v1/clients/{known_client[0]}", issuer.auth("tool")).status == 403


def test_accesses_are_recorded_on_the_volume_and_read_back_by_a_supervisor(server: RunningServer, known_client, issuer, data_dir):
    assert server.get(f"/v1/clients/{known_client[0]}", issuer.auth("advisor")).status == 200
    assert server.get("/v1/audit", issuer.auth("advisor")).status == 403
    log = server.get(f"/v1/audit?client={known_client[0]}&subject=deploy-advisor", issuer.auth("supervisor")).json()
    assert any(r["route"] == "/v1/clients/:id" for r in log["items"])
    assert (data_dir / "pad.sqlite").is_file()


def test_reviews_are_written_on_the_volume_by_an_advisor_and_read_back_by_a_supervisor(server: RunningServer, known_client, issuer):
    url = f"{server.base_url}/v1/clients/{known_client[0]}/reviews"
    review_id = str(uuid.uuid4())
    body = json.dumps({"id": review_id, "outcome": "override_refuse", "justification": "deploy check", "note": None}).encode()
    headers = {"Content-Type": "application/json"}
    assert http_request(url, "POST", headers | issuer.auth("tool"), body).status == 403
    created = http_request(url, "POST", headers | issuer.auth("advisor"), body)
    assert created.status == 201, created.body
    assert http_request(url, "POST", headers | issuer.auth("advisor"), body).status == 200  # a resend is not a second review
    overrides = server.get("/v1/reviews?overrides=true", issuer.auth("supervisor")).json()["items"]
    assert [(r["id"], r["advisor"]) for r in overrides if r["id"] == review_id] == [(review_id, "deploy-advisor")]


def test_deploy_tokens_carry_the_scopes_of_the_demo_roles():
    """deploy/test-tokens.mjs spells the roles' scopes out; they must stay those of ROLE_SCOPES in the API."""
    source = (REPO / "backend" / "src" / "auth" / "scopes.ts").read_text()
    names = dict(re.findall(r"(\w+): '([a-z]+:[a-z-]+)'", source.split("export type Scope")[0]))
    table = source.split("export const ROLE_SCOPES")[1].split("} as const")[0]
    expected = {role: {names[s] for s in re.findall(r"SCOPES\.(\w+)", scopes)} for role, scopes in re.findall(r"(\w+): \[([^\]]*)\]", table)}
    tokens = (REPO / "deploy" / "test-tokens.mjs").read_text()
    given = {role: set(scopes.split()) for role, scopes in re.findall(r"^  (\w+): '([^']*)',$", tokens, re.MULTILINE)}
    assert set(expected) == {"advisor", "supervisor", "tool"}
    assert given == expected


def test_docs_page_and_openapi_are_served_from_the_compiled_code(server: RunningServer):
    docs = server.get("/docs")
    assert docs.status == 200 and docs.headers["content-type"].startswith("text/html")
    assert server.get("/openapi.json").json()["openapi"].startswith("3.1")


def test_server_runs_without_write_access_as_an_unprivileged_user(server: RunningServer, image: BuiltImage):
    if os.geteuid() != 0:
        pytest.skip("switching to an unprivileged user needs root")
    status = Path(f"/proc/{server.process.pid}/status").read_text()
    uid = int(next(line for line in status.splitlines() if line.startswith("Uid:")).split()[1])
    assert uid != 0
    artifacts = image.replay.final.host_path(image.replay.final.env["ARTIFACTS_DIR"])
    assert artifacts.stat().st_uid == 0 and not artifacts.stat().st_mode & 0o002


def test_healthcheck_command_passes_while_the_server_runs(server: RunningServer, image: BuiltImage):
    options, command = healthcheck_command(image.replay.final.stage.of("HEALTHCHECK")[-1])
    assert command[0] == "node" and "/health" in " ".join(command)
    done = subprocess.run(command, env={"PATH": os.environ["PATH"], "PORT": str(server.port)}, timeout=30)
    assert done.returncode == 0
    assert options.get("timeout") and options.get("interval")


def test_healthcheck_command_fails_when_nothing_listens(image: BuiltImage):
    _, command = healthcheck_command(image.replay.final.stage.of("HEALTHCHECK")[-1])
    done = subprocess.run(command, env={"PATH": os.environ["PATH"], "PORT": str(free_port())}, timeout=30)
    assert done.returncode != 0
