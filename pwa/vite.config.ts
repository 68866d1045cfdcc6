/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';

/** Base path for hosting under a sub-path (e.g. GitHub Pages): BASE_PATH=/repo/ */
const base = normaliseBase(process.env['BASE_PATH']);

function normaliseBase(raw: string | undefined): string {
  if (!raw || raw.trim() === '') return '/';
  const trimmed = raw.trim();
  return `/${trimmed.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
}

/** In `vite dev`, serve config.json the way scripts/serve.mjs does in production. */
function devRuntimeConfig(): Plugin {
  return {
    name: 'pad-dev-runtime-config',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (!req.url || !req.url.split('?')[0]!.endsWith('/config.json')) return next();
        res.setHeader('Content-Type', 'application/json; charset=utf-8');
        res.setHeader('Cache-Control', 'no-cache');
        res.end(JSON.stringify({ apiUrl: process.env['API_URL'] ?? 'http://127.0.0.1:8000' }));
      });
    },
  };
}

export default defineConfig({
  base,
  plugins: [devRuntimeConfig()],
  resolve: {
    alias: [
      // Vaadin's development-time usage statistics (and the dev-mode detector they pull in): the package's
      // own documented opt-out. The dashboard sends nothing to third parties, and it saves ~6 KB gzipped.
      { find: /^@vaadin\/vaadin-usage-statistics\/vaadin-usage-statistics\.js$/, replacement: '@vaadin/vaadin-usage-statistics/vaadin-usage-statistics-optout.js' },
    ],
  },
  build: {
    // dist/.vite/manifest.json: the chunk graph the first-load budget check reads (scripts/bundle-budget.mjs).
    manifest: true,
    target: 'es2022',
    outDir: process.env['OUT_DIR'] ?? 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // The grid and the charts are loaded with the pages that need them.
    chunkSizeWarningLimit: 400,
  },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    setupFiles: ['src/i18n/test-setup.ts'],
    restoreMocks: true,
  },
});
