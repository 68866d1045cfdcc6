// First-load JavaScript budget, computed from the built files (dist/.vite/manifest.json, the chunk
// graph Vite writes): for each first route, the entry chunk, the route's page chunk and every chunk
// they import statically (what the browser must fetch before the page can show), gzipped.
// Dynamic imports (other pages, English, the client list's explorer and its D3 charts) are not
// counted: they load later or never. Exits 1 when a route is over budget, naming its largest files.
//   node scripts/bundle-budget.mjs [distDir]     (default dist/)
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const defaults = {
  /** KiB (1024 bytes), gzipped at zlib's default level, as `make bench-pwa` reports them. */
  budgetKb: 100,
  /** The pages an advisor lands on: the client list (the default route) and a client. */
  routes: ['clients-page', 'client-page'],
};

/** The manifest entry of a page module, found by its source path or, when it is also a shared chunk, by its name. */
export function pageKey(manifest, page) {
  const bySrc = Object.keys(manifest).find((k) => manifest[k].src === `src/pages/${page}.ts`);
  const byName = Object.keys(manifest).find((k) => manifest[k].name === page && manifest[k].isDynamicEntry);
  const key = bySrc ?? byName;
  if (!key) throw new Error(`bundle budget: no chunk for src/pages/${page}.ts in the Vite manifest`);
  return key;
}

export function entryKey(manifest) {
  const keys = Object.keys(manifest).filter((k) => manifest[k].isEntry);
  if (keys.length !== 1) throw new Error(`bundle budget: expected one entry in the Vite manifest, found ${keys.length}`);
  return keys[0];
}

/** Files of the given chunks and of everything they import statically (not their dynamic imports). */
export function staticClosure(manifest, keys) {
  const seen = new Set();
  const visit = (key) => {
    if (seen.has(key)) return;
    if (!manifest[key]) throw new Error(`bundle budget: the manifest names "${key}" but has no entry for it`);
    seen.add(key);
    for (const dep of manifest[key].imports ?? []) visit(dep);
  };
  keys.forEach(visit);
  return [...seen].map((k) => manifest[k].file);
}

/** Gzipped size of each file (bytes), read by `read(file)`. */
export function gzipSizes(files, read) {
  return files.map((file) => ({ file, gz: gzipSync(read(file)).length })).sort((a, b) => b.gz - a.gz);
}

/** One line per route: its first-load files and total, and whether it is within budget. */
export function checkBudget(manifest, read, { budgetKb, routes } = defaults) {
  const entry = entryKey(manifest);
  return [
    ['entry', [entry]],
    ...routes.map((page) => [page, [entry, pageKey(manifest, page)]]),
  ].map(([name, keys]) => {
    const sizes = gzipSizes(staticClosure(manifest, keys), read);
    const kb = sizes.reduce((s, f) => s + f.gz, 0) / 1024;
    return { name, kb, sizes, ok: kb < budgetKb };
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dist = path.resolve(process.argv[2] ?? 'dist');
  const manifestPath = path.join(dist, '.vite/manifest.json');
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch (error) {
    console.error(`bundle budget: cannot read ${manifestPath} (build first: make pwa-build): ${error.message}`);
    process.exit(1);
  }
  const results = checkBudget(manifest, (file) => readFileSync(path.join(dist, file)));
  for (const r of results) {
    const top = r.sizes.slice(0, 4).map((f) => `${path.basename(f.file)} ${(f.gz / 1024).toFixed(1)}`).join(', ');
    console.log(`first-load JS, ${r.name.padEnd(12)} ${r.kb.toFixed(1).padStart(6)} KB gzipped in ${r.sizes.length} files (budget < ${defaults.budgetKb} KB): ${r.ok ? 'ok' : 'OVER'}; largest: ${top}`);
  }
  process.exit(results.every((r) => r.ok) ? 0 : 1);
}
