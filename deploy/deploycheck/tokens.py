"""Access tokens for the deployment checks: a test issuer made by deploy/test-tokens.mjs (Node, no network)."""
from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass

from deploycheck import REPO

#: A production-shaped issuer (https, not this machine): the API refuses the demo provider in production.
TEST_ISSUER = "https://login.deploy-test.invalid/pad"
TEST_AUDIENCE = "pad-scoring-api"


@dataclass(frozen=True)
class DeployIssuer:
    jwks: dict
    tokens: dict[str, str]

    def env(self) -> dict[str, str]:
        """The API settings that trust this issuer (OIDC_JWKS: keys inline, nothing fetched)."""
        return {"OIDC_ISSUER": TEST_ISSUER, "OIDC_AUDIENCE": TEST_AUDIENCE, "OIDC_JWKS": json.dumps(self.jwks)}

    def auth(self, role: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[role]}"}


def make_test_issuer() -> DeployIssuer:
    done = subprocess.run(["node", str(REPO / "deploy" / "test-tokens.mjs"), TEST_ISSUER, TEST_AUDIENCE],
                          capture_output=True, text=True, check=True, timeout=60)
    parsed = json.loads(done.stdout)
    return DeployIssuer(jwks=parsed["jwks"], tokens=parsed["tokens"])
