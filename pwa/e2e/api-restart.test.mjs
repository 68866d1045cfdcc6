// "API restarted during a sync", for real: the test starts its own API process, queues several
// reviews in the browser's outbox, kills the API (SIGKILL) while the outbox is sending them, starts
// it again on the same port with the same DATA_DIR, and counts the rows through the API: every
// review arrives exactly once. The dashboard is the run's own, pointed at this API by its config.json.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { IDP, PWA, api as mainApi, tokenFor } from './api.mjs';
import { freePort, launchBrowser, startRestartableApi } from './harness.mjs';
import { signIn, submitReview, viewport, waitForClientView } from './helpers.mjs';

const defaults = { reviews: 6, killAfterStored: 2, sendDelayMs: 400 };

let dataDir;
let server;
let browser;
let page;
let clients;
const errors = [];

/** Every review this API holds (its database is this test's alone), as the supervisor reads them. */
async function storedReviews() {
  const res = await fetch(`${server.url}/v1/reviews?limit=100`, { headers: { Authorization: `Bearer ${await tokenFor('supervisor')}` }, signal: AbortSignal.timeout(2000) });
  if (!res.ok) throw new Error(`GET /v1/reviews: HTTP ${res.status}`);
  return (await res.json()).items;
}

const outboxCount = () => page.evaluate(async () => {
  let n = 0;
  for (const { name } of (await indexedDB.databases()) ?? []) {
    if (!name?.startsWith('pad-outbox-')) continue;
    const db = await new Promise((resolve, reject) => {
      const r = indexedDB.open(name);
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    n += await new Promise((resolve) => { const c = db.transaction('outbox').objectStore('outbox').count(); c.onsuccess = () => resolve(c.result); });
    db.close();
  }
  return n;
});

async function waitFor(predicate, what, timeout = 30000, every = 50) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await predicate().catch(() => null);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, every));
  }
}

describe('API restarted during a sync (real process, killed and started again)', () => {
  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'pad-restart-data-'));
    server = await startRestartableApi({ port: await freePort(), corsOrigins: [new URL(PWA).origin], issuer: IDP, dataDir });
    clients = (await mainApi(`/v1/clients?limit=${defaults.reviews}&offset=40&dataset=new`)).items;
    browser = await launchBrowser();
    // No service worker: its cached config.json would keep the run's API; the outbox does not need it.
    // The page's CSP names the run's API only (serve.mjs writes it from API_URL): bypassed for this one.
    const context = await browser.newContext({ viewport, locale: 'fr-FR', serviceWorkers: 'block', bypassCSP: true });
    await context.route('**/config.json', async (route) => {
      const original = await route.fetch();
      return route.fulfill({ response: original, json: { ...(await original.json()), apiUrl: server.url } });
    });
    page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, PWA);
  });
  after(async () => {
    await browser?.close();
    server?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('kills the API while the outbox sends several reviews; after the restart each arrives exactly once', { timeout: 240_000 }, async () => {
    // Queue the reviews while the API cannot be reached for them.
    await page.route('**/v1/clients/*/reviews', (route) => (route.request().method() === 'POST' ? route.abort('internetdisconnected') : route.fallback()));
    for (const [i, client] of clients.entries()) {
      await page.evaluate((id) => { location.hash = `#/clients/${id}`; }, client.id);
      await waitForClientView(page, client.id);
      await submitReview(page, i % 2 === 0 ? 'agree' : 'override_refuse', { justification: i % 2 === 0 ? '' : 'Charges non déclarées', note: `redémarrage ${i}` });
      await waitFor(async () => (await outboxCount()) === i + 1, `review ${i + 1} in the outbox`);
    }
    assert.equal((await storedReviews()).length, 0, 'nothing reached the API yet');

    // Send them slowly enough (each POST waits before it leaves) for the kill to fall in the middle.
    await page.unroute('**/v1/clients/*/reviews');
    await page.route('**/v1/clients/*/reviews', async (route) => {
      if (route.request().method() !== 'POST') return route.fallback();
      await new Promise((r) => setTimeout(r, defaults.sendDelayMs));
      await route.continue().catch(() => undefined);
    });
    await page.evaluate(() => dispatchEvent(new Event('online')));
    await waitFor(async () => (await storedReviews()).length >= defaults.killAfterStored, `${defaults.killAfterStored} reviews stored`, 60000, 25);
    await server.kill();
    const stoppedAt = Date.now();
    // The sync stops at the first failed send (connection refused); what the API did not acknowledge stays.
    await new Promise((r) => setTimeout(r, defaults.sendDelayMs * 3));
    const leftAfterKill = await outboxCount();
    assert.ok(leftAfterKill > 0, 'the kill fell in the middle of the sync');

    const restartMs = await server.restart();
    const storedBeforeResend = (await storedReviews()).length;
    await page.evaluate(() => dispatchEvent(new Event('online')));
    await waitFor(async () => (await outboxCount()) === 0, 'an empty outbox after the restart', 90000, 200);
    await page.unroute('**/v1/clients/*/reviews');
    const stored = await storedReviews();
    const perClient = clients.map((c) => stored.filter((r) => r.client_id === c.id).length);
    console.log(`# api-restart: ${clients.length} reviews queued, ${storedBeforeResend} stored when the API was killed (SIGKILL), ${leftAfterKill} left in the outbox, `
      + `API back in ${(restartMs / 1000).toFixed(1)} s (${((Date.now() - stoppedAt) / 1000).toFixed(1)} s from kill to an empty outbox), `
      + `${stored.length} rows after the resend, per client ${perClient.join(',')}`);
    assert.deepEqual(perClient, clients.map(() => 1), 'each review exactly once');
    assert.equal(stored.length, clients.length);
    assert.equal(new Set(stored.map((r) => r.id)).size, clients.length);
    assert.deepEqual(stored.map((r) => r.note).sort(), clients.map((_, i) => `redémarrage ${i}`).sort());
    assert.ok(leftAfterKill + storedBeforeResend >= clients.length, 'no review lost at the kill');
    assert.deepEqual(errors, [], 'no uncaught error in the page');
  });
});
