// @vitest-environment node
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without type declarations
import { checkBudget, pageKey, staticClosure } from './bundle-budget.mjs';

/** A tiny chunk graph shaped like Vite's: entry -> shared lit chunk; pages import a D3 chunk or not. */
const manifest = {
  'index.html': { file: 'assets/index.js', src: 'index.html', isEntry: true, imports: ['_lit.js'], dynamicImports: ['_clients-page.js', 'src/pages/client-page.ts', 'src/i18n/en.ts'] },
  '_lit.js': { file: 'assets/lit.js' },
  '_d3.js': { file: 'assets/d3.js', imports: ['_lit.js'] },
  // Also imported by another chunk, so Vite keys it by chunk name, without `src`.
  '_clients-page.js': { file: 'assets/clients-page.js', name: 'clients-page', isDynamicEntry: true, imports: ['_lit.js'], dynamicImports: ['src/components/book-explorer.ts'] },
  'src/components/book-explorer.ts': { file: 'assets/book-explorer.js', src: 'src/components/book-explorer.ts', isDynamicEntry: true, imports: ['_d3.js', '_clients-page.js'] },
  'src/pages/client-page.ts': { file: 'assets/client-page.js', src: 'src/pages/client-page.ts', isDynamicEntry: true, imports: ['_d3.js'] },
  'src/i18n/en.ts': { file: 'assets/en.js', src: 'src/i18n/en.ts', isDynamicEntry: true },
};

/** Incompressible bytes (a seeded sequence), so gzipped sizes are close to the given sizes. */
function noise(bytes: number, seed: number): Buffer {
  const out = Buffer.alloc(bytes);
  let x = seed;
  for (let i = 0; i < bytes; i += 1) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

const sizes: Record<string, number> = {
  'assets/index.js': 20_000, 'assets/lit.js': 10_000, 'assets/d3.js': 40_000, 'assets/clients-page.js': 30_000,
  'assets/book-explorer.js': 5_000, 'assets/client-page.js': 10_000, 'assets/en.js': 7_000,
};
const read = (file: string) => noise(sizes[file]!, file.length);

describe('first-load JavaScript budget', () => {
  it('follows static imports only: a page loaded on demand and its D3 stay out of the entry', () => {
    expect(staticClosure(manifest, ['index.html']).sort()).toEqual(['assets/index.js', 'assets/lit.js']);
    expect(staticClosure(manifest, ['index.html', pageKey(manifest, 'clients-page')]).sort()).toEqual(['assets/clients-page.js', 'assets/index.js', 'assets/lit.js']);
    expect(staticClosure(manifest, ['index.html', pageKey(manifest, 'client-page')]).sort()).toEqual(['assets/client-page.js', 'assets/d3.js', 'assets/index.js', 'assets/lit.js']);
  });

  it('finds a page chunk by its source, or by its name when Vite keyed it as a shared chunk', () => {
    expect(pageKey(manifest, 'client-page')).toBe('src/pages/client-page.ts');
    expect(pageKey(manifest, 'clients-page')).toBe('_clients-page.js');
    expect(() => pageKey(manifest, 'model-page')).toThrow(/src\/pages\/model-page\.ts/);
  });

  it('passes the routes under the budget and fails the one whose static imports bring D3 over it', () => {
    const results = checkBudget(manifest, read, { budgetKb: 70, routes: ['clients-page', 'client-page'] });
    const byName = Object.fromEntries(results.map((r: { name: string }) => [r.name, r]));
    // entry: index + lit, ~29 KiB; client list: + its page, ~59 KiB; a client: + its page + D3, ~78 KiB.
    expect(byName.entry.ok).toBe(true);
    expect(byName['clients-page'].ok).toBe(true);
    expect(byName['clients-page'].kb).toBeGreaterThan(55);
    expect(byName['client-page'].ok).toBe(false);
    expect(byName['client-page'].sizes[0].file).toBe('assets/d3.js');
  });

  it('names a chunk the manifest refers to but does not describe', () => {
    expect(() => staticClosure({ 'index.html': { file: 'a.js', isEntry: true, imports: ['_gone.js'] } }, ['index.html'])).toThrow(/_gone\.js/);
  });
});
