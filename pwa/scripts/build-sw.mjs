// Bundle src/sw.ts (with its workbox modules) and inject the precache manifest of dist/.
// Run after `vite build`; writes $OUT_DIR/sw.js (default dist/).
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { injectManifest } from 'workbox-build';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tmp = path.join(root, '.sw-build');
const outDir = path.resolve(root, process.env.OUT_DIR ?? 'dist');

await build({
  configFile: false,
  root,
  logLevel: 'warn',
  // Workbox logs verbosely unless it is built for production.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: tmp,
    emptyOutDir: true,
    target: 'es2022',
    minify: true,
    lib: { entry: path.join(root, 'src/sw.ts'), formats: ['iife'], name: 'padServiceWorker', fileName: () => 'sw.js' },
  },
});

const { count, size, warnings } = await injectManifest({
  swSrc: path.join(tmp, 'sw.js'),
  swDest: path.join(outDir, 'sw.js'),
  globDirectory: outDir,
  globPatterns: ['**/*.{html,js,css,webmanifest,png,svg,ico}'],
  // config.json is written at serve time and cached network-first instead.
  globIgnores: ['sw.js', 'config.json'],
  // Vite's hashed file names already change with their content.
  dontCacheBustURLsMatching: /assets\/.+-[\w-]{8}\.(js|css)$/,
});
await rm(tmp, { recursive: true, force: true });
for (const warning of warnings) console.warn(`workbox: ${warning}`);
console.log(`sw.js: ${count} files precached (${(size / 1024).toFixed(1)} KiB)`);
