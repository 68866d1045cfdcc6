# syntax=docker/dockerfile:1
#
# The credit-scoring API image, built by Fly.io's remote builder (docs/deployment.md).
# Build context: the repository root; .dockerignore lets in only the API's sources,
# its lock file and the artifacts it serves.
#
#   build    compiles the TypeScript (dev dependencies, no native builds) and drops tests
#   deps     installs production dependencies only, from the lock file, with a toolchain
#   check    runs the API's whole start-up check once (DuckDB included) and writes its stamp
#   runtime  Node 22 LTS slim + compiled JS + production node_modules + artifacts, non-root
#
# No Docker here: deploy/deploycheck/tests/test_image_layout.py replays these steps in a
# temporary folder and starts the server exactly as CMD does. Keep RUN paths relative to
# WORKDIR so the replay can run them.

# glibc image: onnxruntime-node ships glibc binaries only (no alpine/musl build).
# A floating 22-bookworm-slim tag picks up Node and Debian security fixes at each deploy;
# pin a digest (node:22-bookworm-slim@sha256:...) if you need bit-for-bit rebuilds.
ARG NODE_IMAGE=node:22-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app/backend
# .npmrc travels with the lock file: it carries onnxruntime-node-install=skip (no CUDA download).
COPY backend/package.json backend/package-lock.json backend/.npmrc ./
# tsc needs only JavaScript and type declarations: skipping install scripts avoids
# compiling better-sqlite3 in this stage.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY backend/tsconfig.json ./
COPY backend/src ./src
# tsconfig also compiles the tests, test helpers and the demo OpenID provider of `make start`:
# none of them reaches the runtime image (production never runs the demo provider).
RUN npm run build \
 && find dist \( -name '*.test.js' -o -name '*.test.d.ts' -o -name '*.map' \) -type f -delete \
 && rm -rf dist/src/testing dist/src/demo-idp dist/bench dist/.tsbuildinfo

FROM ${NODE_IMAGE} AS deps
# better-sqlite3 falls back to a source build when no prebuilt binary matches.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app/backend
COPY backend/package.json backend/package-lock.json backend/.npmrc ./
# Same switch as .npmrc, as an environment variable: newer npm versions may stop
# passing unknown .npmrc keys to install scripts.
ENV ONNXRUNTIME_NODE_INSTALL=skip
# onnxruntime-node bundles binaries for every OS and CPU (~290 MB): keep this
# platform's only; better-sqlite3's object files and C sources are build leftovers.
RUN npm ci --omit=dev --no-audit --no-fund \
 && keep="$(node -p 'process.platform + "/" + process.arch')" \
 && for dir in node_modules/onnxruntime-node/bin/napi-v*/*/*; do \
      case "$dir" in */"$keep") ;; *) rm -rf "$dir" ;; esac; \
    done \
 && rm -rf node_modules/better-sqlite3/build/Release/obj node_modules/better-sqlite3/build/Release/obj.target \
           node_modules/better-sqlite3/build/Release/test_extension.node node_modules/better-sqlite3/deps

# The start-up check, once, at build time: DuckDB compares the TypeScript evaluator with the shipped
# SQL on the start-up set and, when they agree, the stamp records it for these exact artifacts and
# compiled code (backend/src/features/startup-stamp.ts). The server then skips the DuckDB run; a
# failing check fails the build, naming the file at fault.
FROM deps AS check
COPY --from=build /app/backend/dist ./dist
COPY artifacts /app/artifacts
RUN node dist/src/features/write-startup-stamp.js ../artifacts

FROM ${NODE_IMAGE} AS runtime
# HOST 0.0.0.0: Fly's proxy reaches the machine on its private address, not loopback.
# PORT must equal fly.toml's internal_port (checked by deploy/deploycheck/tests/test_fly_config.py).
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    ARTIFACTS_DIR=/app/artifacts
WORKDIR /app/backend
# package.json carries "type": "module", which Node needs to load dist/ as ES modules.
COPY backend/package.json ./
COPY --from=deps /app/backend/node_modules ./node_modules
COPY --from=build /app/backend/dist ./dist
COPY --from=check /app/backend/dist/startup-check.json ./dist/startup-check.json
# The record of access's schema migrations (numbered .sql files, read at start-up).
COPY backend/src/db/migrations ./src/db/migrations
# Every file manifest.json lists (the API verifies them at start-up); .dockerignore keeps fixtures out.
COPY artifacts /app/artifacts
# Files stay root-owned and read-only for the app: the API only reads its artifacts and writes
# the record of access to DATA_DIR (the Fly volume, fly.toml [mounts]) or to DATABASE_URL.
USER node
EXPOSE 8080
# Slim images have no curl: probe with Node's own fetch.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The heap cap keeps V8 collecting instead of growing into the 512 MB machine (fly.toml); batches
# pass one at a time (backend/src/http/work-gate.ts), so the heaviest request fits well within it.
CMD ["node", "--max-old-space-size=320", "dist/src/server.js"]
