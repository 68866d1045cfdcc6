// "Préparer pour hors ligne" on 500 clients of a filtered list, in Chromium against the real API:
// every one then opens offline. Prints the time and the storage taken (a figure, not a timed check).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PWA, api } from './api.mjs';
import { launchBrowser } from './harness.mjs';
import { signIn, viewport, waitForClientView } from './helpers.mjs';

let browser;
let context;
let page;

const usage = () => page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);

describe('prepare 500 clients for offline', () => {
  before(async () => {
    browser = await launchBrowser();
    context = await browser.newContext({ viewport, locale: 'fr-FR' });
    page = await context.newPage();
    await signIn(page, PWA);
  });
  after(async () => browser?.close());

  it('downloads 500 clients with progress and storage figures; a prepared client opens offline', { timeout: 300_000 }, async () => {
    await page.evaluate(() => { location.hash = '#/clients'; });
    await page.waitForFunction(() => !!document.querySelector('clients-page')?.shadowRoot?.querySelector('prepare-offline'));
    const before = await usage();
    const report = await page.evaluate(() => document.querySelector('clients-page').shadowRoot.querySelector('prepare-offline').prepare());
    const after = await usage();
    const summary = await page.evaluate(() => document.querySelector('clients-page').shadowRoot.querySelector('prepare-offline').shadowRoot.querySelector('.summary')?.textContent);
    console.log(`# prepare-offline: ${report.prepared} clients in ${(report.ms / 1000).toFixed(1)} s (${(report.ms / report.prepared).toFixed(1)} ms per client), `
      + `IndexedDB+caches grew by ${((after - before) / 1_048_576).toFixed(2)} MiB (${((after - before) / report.prepared / 1024).toFixed(1)} KiB per client), `
      + `usage ${(after / 1_048_576).toFixed(1)} MiB of a ${(report.quota / 1_048_576).toFixed(0)} MiB quota, persisted=${report.persisted}`);
    assert.equal(report.prepared, 500);
    assert.deepEqual(report.failed, []);
    assert.match(summary, /500 clients prêts hors ligne/);
    const first = (await api('/v1/clients?limit=1&offset=499')).items[0];
    await context.setOffline(true);
    await page.evaluate((id) => { location.hash = `#/clients/${id}`; }, first.id);
    await waitForClientView(page, first.id);
    await context.setOffline(false);
  });
});
