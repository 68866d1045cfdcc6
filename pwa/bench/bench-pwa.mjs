// Benchmark of the dashboard in Chromium against the real API and the demo provider (all on 127.0.0.1),
// signed in as the demo advisor (each browser context signs in once through the provider's form; a
// reload then signs in again silently, and times are taken from the document the app lands on):
//  - JavaScript fetched by the client list until the network is idle, gzipped (the first-load budget
//    proper, < 100 KB per route, is scripts/bundle-budget.mjs);
//  - time to a complete client view (gauge, waterfall and both comparison charts drawn):
//    cold (empty cache, from the network), warm (service worker caches), and in-app navigation.
// Target: complete client view < 1 s. Prints figures; exits non-zero only if it cannot measure.
import { gzipSync } from 'node:zlib';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, launchBrowser, startApi, startIdp, startPwa } from '../e2e/harness.mjs';
import { signIn } from '../e2e/helpers.mjs';

const defaults = { runs: 5, viewBudgetMs: 1000, viewport: { width: 1280, height: 800 } };

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms) => `${ms.toFixed(0)} ms`;

const pwaPort = await freePort();
const apiPort = await freePort();
const idpPort = await freePort();
const issuer = `http://127.0.0.1:${idpPort}`;
const dataDir = mkdtempSync(path.join(tmpdir(), 'pad-bench-pwa-data-'));
const api = await startApi({ port: apiPort, corsOrigins: [`http://127.0.0.1:${pwaPort}`], issuer, dataDir });
const idp = await startIdp({ port: idpPort, redirects: [`http://127.0.0.1:${pwaPort}/`] });
const pwa = await startPwa({ port: pwaPort, apiUrl: api.url, issuer });
const browser = await launchBrowser();

async function viewCompleteAt(page, id) {
  await page.waitForFunction((cid) => document.querySelector('client-page')?.getAttribute('view-complete') === String(cid), id, { timeout: 20000 });
  // The mark is set by the page when the last chart of the view has drawn (ms since navigation start).
  return page.evaluate(() => performance.getEntriesByName('client-view-complete').at(-1).startTime);
}

try {
  // 1. JavaScript on first load of the app (the client list, the default view), service worker blocked.
  const context = await browser.newContext({ viewport: defaults.viewport, serviceWorkers: 'block' });
  const page = await context.newPage();
  await signIn(page, pwa.url);
  const ids = await clientIds(page, defaults.runs * 2);
  const scripts = [];
  page.on('response', async (res) => {
    if (res.request().resourceType() === 'script' && res.url().startsWith(pwa.url)) scripts.push(res.body().then((b) => ({ url: res.url(), raw: b.length, gz: gzipSync(b).length })));
  });
  await page.reload();
  await page.waitForFunction(() => /\d/.test(document.querySelector('clients-page')?.shadowRoot?.querySelector('.count')?.textContent ?? ''));
  await page.waitForLoadState('networkidle');
  // The reload loads the app twice (before and after the provider's silent redirect): count each file once.
  const files = [...new Map((await Promise.all(scripts)).map((f) => [f.url, f])).values()];
  const gz = files.reduce((s, f) => s + f.gz, 0);
  const raw = files.reduce((s, f) => s + f.raw, 0);
  const sw = await (await fetch(`${pwa.url}sw.js`)).arrayBuffer();
  console.log(`JavaScript fetched by the client list until the network is idle: ${files.length} files, ${(gz / 1024).toFixed(1)} KB gzipped (${(raw / 1024).toFixed(1)} KB raw), including what loads after the first paint (budget of the first load: scripts/bundle-budget.mjs)`);
  for (const f of files.sort((a, b) => b.gz - a.gz)) console.log(`  ${(f.gz / 1024).toFixed(1).padStart(6)} KB  ${f.url.replace(pwa.url, '')}`);
  console.log(`  (service worker, not on the page's thread: ${(gzipSync(Buffer.from(sw)).length / 1024).toFixed(1)} KB gzipped)`);
  await context.close();

  // 2. Cold: a fresh profile each run, nothing cached, the client opened by URL.
  const cold = [];
  for (const id of ids.slice(0, defaults.runs)) {
    const ctx = await browser.newContext({ viewport: defaults.viewport, serviceWorkers: 'block' });
    const p = await ctx.newPage();
    await signIn(p, pwa.url);
    await p.goto(`${pwa.url}#/clients/${id}`);
    await p.reload();
    cold.push(await viewCompleteAt(p, id));
    await ctx.close();
  }

  // 3. Warm: service worker in control, app shell and data cached; reload the client view.
  const warmCtx = await browser.newContext({ viewport: defaults.viewport });
  const wp = await warmCtx.newPage();
  await signIn(wp, pwa.url);
  await wp.goto(`${pwa.url}#/clients/${ids[0]}`);
  await wp.waitForFunction(() => !!navigator.serviceWorker?.controller, null, { timeout: 20000 });
  await viewCompleteAt(wp, ids[0]);
  const warm = [];
  for (let i = 0; i < defaults.runs; i += 1) {
    await wp.reload();
    warm.push(await viewCompleteAt(wp, ids[0]));
  }

  // 4. In-app: from the running app to another client (its data from the network).
  const nav = [];
  for (const id of ids.slice(defaults.runs, defaults.runs * 2)) {
    const start = await wp.evaluate((cid) => {
      const t = performance.now();
      location.hash = `#/clients/${cid}`;
      return t;
    }, id);
    nav.push((await viewCompleteAt(wp, id)) - start);
  }
  await warmCtx.close();

  const verdict = (xs) => (median(xs) < defaults.viewBudgetMs ? 'met' : 'MISSED');
  console.log(`client full view, cold (network, empty cache), median of ${cold.length}: ${fmt(median(cold))} [${cold.map(fmt).join(', ')}]; target < 1 s: ${verdict(cold)}`);
  console.log(`client full view, warm cache (reload, service worker), median of ${warm.length}: ${fmt(median(warm))} [${warm.map(fmt).join(', ')}]; target < 1 s: ${verdict(warm)}`);
  console.log(`client full view, in-app navigation (new client from the network), median of ${nav.length}: ${fmt(median(nav))} [${nav.map(fmt).join(', ')}]; target < 1 s: ${verdict(nav)}`);
} finally {
  await browser.close();
  await pwa.stop();
  api.stop();
  idp.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

/** Ids of the first clients the signed-in list shows (the grid's rows are in its light DOM). */
async function clientIds(page, n) {
  await page.waitForFunction((k) => (document.querySelector('clients-page')?.shadowRoot?.querySelectorAll('vaadin-grid a[href^="#/clients/"]').length ?? 0) >= k, n, { timeout: 20000 });
  return page.evaluate((k) => [...document.querySelector('clients-page').shadowRoot.querySelectorAll('vaadin-grid a[href^="#/clients/"]')]
    .map((a) => Number(a.getAttribute('href').split('/').pop())).slice(0, k), n);
}
