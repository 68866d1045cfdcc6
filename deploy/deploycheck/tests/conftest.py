"""Session fixtures: the image folder is built once, the API started once from it."""
from __future__ import annotations

import shutil
import sqlite3
import tempfile
import tomllib
from contextlib import closing
from pathlib import Path

import pytest

from deploycheck import REPO, BuiltImage, RunningServer, build_image_folder, free_port, start_server
from deploycheck.tokens import DeployIssuer, make_test_issuer



@pytest.fixture(scope="session")
def fly() -> dict:
    return tomllib.loads((REPO / "fly.toml").read_text())


@pytest.fixture(scope="session")
def scratch():
    folder = Path(tempfile.mkdtemp(prefix="pad-image-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def image(scratch: Path) -> BuiltImage:
    return build_image_folder(scratch)


@pytest.fixture(scope="session")
def issuer() -> DeployIssuer:
    return make_test_issuer()


@pytest.fixture(scope="session")
def data_dir():
    """Stands in for the Fly volume (fly.toml [mounts]); writable by the unprivileged user the server runs as."""
    folder = Path(tempfile.mkdtemp(prefix="pad-volume-"))
    folder.chmod(0o777)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def server(image: BuiltImage, fly: dict, scratch: Path, issuer: DeployIssuer, data_dir: Path):
    """The runtime folder started by the image's CMD, with fly.toml's [env] as Fly sets it and a test issuer
    standing in for the lender's OpenID provider (the Fly secrets OIDC_ISSUER etc.)."""
    runtime = image.replay.final
    command = runtime.stage.of("CMD")[-1].exec_form()
    env = dict(fly.get("env", {})) | {"PORT": str(free_port()), "HOST": "127.0.0.1", "DATA_DIR": str(data_dir)} | issuer.env()
    running: RunningServer = start_server(runtime, command, env, scratch / "server.log")
    yield running
    running.stop()


@pytest.fixture(scope="session")
def known_client() -> tuple[int, float]:
    """A client of the committed store and the probability LightGBM gave it at export."""
    uri = f"file:{REPO / 'artifacts' / 'clients.sqlite'}?mode=ro"
    with closing(sqlite3.connect(uri, uri=True)) as db:
        row = db.execute("SELECT id, probability FROM clients ORDER BY id LIMIT 1").fetchone()
    assert row is not None, "artifacts/clients.sqlite holds no client"
    return int(row[0]), float(row[1])
