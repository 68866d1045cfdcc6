// Benchmark of the dashboard in Chromium against the real API (both on 127.0.0.1):
//  - JavaScript shipped on first load, gzipped (target < 200 KB);
//  - time to a complete client view (gauge, waterfall and both comparison charts drawn):
//    cold (empty cache, from the network), warm (service worker caches), and in-app navigation.
// Target: complete client view < 1 s. Prints figures; exits non-zero only if it cannot measure.
import { gzipSync } from 'node:zlib';
import { freePort, launchBrowser, startApi, startPwa } from '../e2e/harness.mjs';

const defaults = { runs: 5, jsBudgetKb: 200, viewBudgetMs: 1000, viewport: { width: 1280, height: 800 } };

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms) => `${ms.toFixed(0)} ms`;

const pwaPort = await freePort();
const apiPort = await freePort();
const api = await startApi({ port: apiPort, corsOrigins: [`http://127.0.0.1:${pwaPort}`] });
const pwa = await startPwa({ port: pwaPort, apiUrl: api.url });
const browser = await launchBrowser();

async function viewCompleteAt(page, id) {
  await page.waitForFunction((cid) => document.querySelector('client-page')?.getAttribute('view-complete') === String(cid), id, { timeout: 20000 });
  // The mark is set by the page when the last chart of the view has drawn (ms since navigation start).
  return page.evaluate(() => performance.getEntriesByName('client-view-complete').at(-1).startTime);
}

try {
  const ids = (await (await fetch(`${api.url}/v1/clients?limit=${defaults.runs * 2}&dataset=train`)).json()).items.map((c) => c.id);

  // 1. JavaScript on first load of the app (the client list, the default view).
  const context = await browser.newContext({ viewport: defaults.viewport });
  const page = await context.newPage();
  const scripts = [];
  page.on('response', async (res) => {
    if (res.request().resourceType() === 'script' && res.url().startsWith(pwa.url)) scripts.push(res.body().then((b) => ({ url: res.url(), raw: b.length, gz: gzipSync(b).length })));
  });
  await page.goto(pwa.url);
  await page.waitForFunction(() => /\d/.test(document.querySelector('clients-page')?.shadowRoot?.querySelector('.count')?.textContent ?? ''));
  await page.waitForLoadState('networkidle');
  const files = await Promise.all(scripts);
  const gz = files.reduce((s, f) => s + f.gz, 0);
  const raw = files.reduce((s, f) => s + f.raw, 0);
  const sw = await (await fetch(`${pwa.url}sw.js`)).arrayBuffer();
  console.log(`first-load JavaScript: ${files.length} files, ${(gz / 1024).toFixed(1)} KB gzipped (${(raw / 1024).toFixed(1)} KB raw); target < ${defaults.jsBudgetKb} KB: ${gz / 1024 < defaults.jsBudgetKb ? 'met' : 'MISSED'}`);
  for (const f of files.sort((a, b) => b.gz - a.gz)) console.log(`  ${(f.gz / 1024).toFixed(1).padStart(6)} KB  ${f.url.replace(pwa.url, '')}`);
  console.log(`  (service worker, not on the page's thread: ${(gzipSync(Buffer.from(sw)).length / 1024).toFixed(1)} KB gzipped)`);
  await context.close();

  // 2. Cold: a fresh profile each run, nothing cached, the client opened by URL.
  const cold = [];
  for (const id of ids.slice(0, defaults.runs)) {
    const ctx = await browser.newContext({ viewport: defaults.viewport });
    const p = await ctx.newPage();
    await p.goto(`${pwa.url}#/clients/${id}`);
    cold.push(await viewCompleteAt(p, id));
    await ctx.close();
  }

  // 3. Warm: service worker in control, app shell and data cached; reload the client view.
  const warmCtx = await browser.newContext({ viewport: defaults.viewport });
  const wp = await warmCtx.newPage();
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
}
