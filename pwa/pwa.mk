# Advisor dashboard (pwa/): `make pwa` builds and serves it, `make test-pwa` tests it,
# `make bench-pwa` measures it. Included by the top-level Makefile; variables are prefixed PWA_.
PWA_DIR := pwa
PWA_INSTALLED := $(PWA_DIR)/node_modules/.package-lock.json
# Lighthouse and its driver live in pwa/bench/ with their own lock file: only `make bench-pwa` installs them.
PWA_BENCH_INSTALLED := $(PWA_DIR)/bench/node_modules/.package-lock.json
# Port of the dashboard, and the API it talks to (written into config.json at serve time).
PWA_PORT ?= 5173
API_URL ?= http://127.0.0.1:8000
# The browser tests save a screenshot of every view here; `make screenshots` refreshes docs/screenshots/.
PWA_SCREENSHOT_DIR ?= $(CURDIR)/out/screenshots

TEST_TARGETS += test-pwa
BENCH_TARGETS += bench-pwa

.PHONY: pwa pwa-install pwa-build pwa-chromium test-pwa bench-pwa screenshots

# npm ci when node_modules is missing or package-lock.json is newer than the installed tree.
$(PWA_INSTALLED): $(PWA_DIR)/package-lock.json $(PWA_DIR)/package.json
	cd $(PWA_DIR) && npm ci --no-audit --no-fund
	touch $@

$(PWA_BENCH_INSTALLED): $(PWA_DIR)/bench/package-lock.json $(PWA_DIR)/bench/package.json
	cd $(PWA_DIR)/bench && npm ci --no-audit --no-fund
	touch $@

pwa-install: $(PWA_INSTALLED)

# Typecheck, then build the app (Vite) and its service worker (workbox-build, injectManifest).
# BASE_PATH (default /) builds for hosting under a sub-path, e.g. BASE_PATH=/pad/.
pwa-build: pwa-install
	cd $(PWA_DIR) && npm run --silent typecheck && npm run --silent build:app

# Build and serve the dashboard alone on 127.0.0.1:$(PWA_PORT) (HOST=0.0.0.0 to expose it).
pwa: pwa-build
	cd $(PWA_DIR) && PWA_PORT=$(PWA_PORT) API_URL=$(API_URL) node scripts/serve.mjs

# Debian's Chromium drives the browser tests (playwright-core never downloads a browser).
pwa-chromium:
	@command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium)

# Unit tests (vitest), the first-load JavaScript budget of the build (< 100 KB gzipped per first route),
# then browser tests (node:test + playwright-core) against the real API, started by the runner with
# `make api` on a free port; the app is also built under /pad/.
test-pwa: pwa-build pwa-chromium
	cd $(PWA_DIR) && npx --no-install vitest run
	cd $(PWA_DIR) && node scripts/bundle-budget.mjs
	cd $(PWA_DIR) && BASE_PATH=/pad/ OUT_DIR=dist-subpath npm run --silent build:app
	cd $(PWA_DIR) && SCREENSHOT_DIR=$(PWA_SCREENSHOT_DIR) node e2e/run.mjs

# The documentation's screenshots (docs/user-journey.md, README) come from the same browser tests.
screenshots:
	$(MAKE) --no-print-directory test-pwa PWA_SCREENSHOT_DIR=$(CURDIR)/docs/screenshots

# First-load JavaScript (gzipped) and time to a complete client view, cold and warm.
bench-pwa: pwa-build pwa-chromium
	cd $(PWA_DIR) && node bench/bench-pwa.mjs
