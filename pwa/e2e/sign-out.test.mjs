// Sign-in, review, sign-out: after signing out, nothing of the client can be read in this browser,
// online (the API wants a token) or offline (IndexedDB and the service worker's client cache are gone).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { API, PWA, api } from './api.mjs';
import { launchBrowser } from './harness.mjs';
import { signIn, submitReview, viewport, waitForClientView, waitForLiveRegion } from './helpers.mjs';

let browser;
let context;
let page;
let client;

// The end-session redirect can still be landing when the sign-in button first shows: a read that
// loses its page to that navigation is read again once the page has loaded (never more than 3 times).
async function settledEvaluate(fn, arg) {
  for (let attempt = 1; ; attempt++) {
    try {
      await page.waitForLoadState('load');
      return await page.evaluate(fn, arg);
    } catch (err) {
      if (attempt >= 3 || !/Execution context was destroyed/.test(String(err))) throw err;
      await page.waitForSelector('.sign-in-button');
    }
  }
}

const personalStores = () => settledEvaluate(async () => ({
  caches: (await caches.keys()).filter((n) => n.startsWith('pad-clients')),
  databases: ((await indexedDB.databases()) ?? []).map((d) => d.name).filter((n) => n?.startsWith('pad-advisor')),
  lastSignIn: localStorage.getItem('pad-last-sign-in'),
}));

describe('sign-in, review and sign-out', () => {
  before(async () => {
    browser = await launchBrowser();
    context = await browser.newContext({ viewport, locale: 'fr-FR' });
    page = await context.newPage();
    client = (await api('/v1/clients?limit=1&offset=3&dataset=new')).items[0];
  });
  after(async () => {
    await context?.setOffline(false);
    await browser?.close();
  });

  it('asks a signed-out visitor to sign in and shows no client data', async () => {
    await page.goto(`${PWA}#/clients/${client.id}`);
    await page.waitForSelector('.sign-in-button');
    assert.equal(await page.$('client-page'), null);
    assert.equal(await page.$('clients-page'), null);
  });

  it('signs in through the embedded provider and says who is signed in', async () => {
    await signIn(page, PWA);
    assert.equal(await page.textContent('.user'), 'Connecté en tant que advisor');
    await page.waitForFunction(() => !!navigator.serviceWorker?.controller, null, { timeout: 15000 });
  });

  it('reviews a client: kept in this advisor\'s IndexedDB and client cache', async () => {
    await page.reload(); // every request of the view now goes through the service worker
    await page.waitForSelector('.user');
    await page.evaluate((id) => { location.hash = `#/clients/${id}`; }, client.id);
    await waitForClientView(page, client.id);
    await submitReview(page, 'agree', { note: 'avant déconnexion' });
    // Sent (the outbox is empty), so signing out asks nothing.
    await waitForLiveRegion(page, (t) => t.includes(`Revue du client ${client.id} envoyée`), 15000);
    const stores = await personalStores();
    assert.equal(stores.caches.length, 1);
    assert.match(stores.caches[0], /^pad-clients-[0-9a-f]{24}$/);
    assert.equal(stores.databases.length, 1);
    const cached = await page.evaluate(async (name) => (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname), stores.caches[0]);
    assert.ok(cached.includes(`/v1/clients/${client.id}`), `client file cached: ${cached}`);
  });

  it('records the advisor\'s reads of the client in the audit log', async () => {
    const log = await api(`/v1/audit?client=${client.id}&subject=advisor`);
    const routes = new Set(log.items.map((r) => r.route));
    for (const route of ['/v1/clients/:id', '/v1/clients/:id/score', '/v1/clients/:id/explanation']) assert.ok(routes.has(route), `${route} recorded`);
    assert.ok(log.items.every((r) => r.client_app === 'pad-dashboard'));
  });

  it('signs out: back on the sign-in screen, every cached personal datum deleted', async () => {
    await Promise.all([page.waitForURL((url) => url.href.startsWith(PWA) && !url.href.includes('session/end'), { timeout: 15000 }), page.click('.sign-out')]);
    await page.waitForSelector('.sign-in-button');
    assert.deepEqual(await personalStores(), { caches: [], databases: [], lastSignIn: null });
    assert.equal(await page.$('client-page'), null);
    assert.equal(await settledEvaluate((id) => document.body.innerText.includes(String(id)), client.id), false);
  });

  it('online, the API gives a signed-out browser nothing and the page shows nothing', async () => {
    const status = await settledEvaluate(async (url) => (await fetch(url)).status, `${API}/v1/clients/${client.id}`);
    assert.equal(status, 401);
    await page.evaluate((id) => { location.hash = `#/clients/${id}`; }, client.id);
    await page.waitForSelector('.sign-in-button');
    assert.equal(await page.$('client-page'), null);
  });

  it('offline, nothing is readable either: no cached copy, no reviewed client', async () => {
    await context.setOffline(true);
    await page.reload();
    await page.waitForSelector('.sign-in-button');
    assert.equal(await page.$('client-page'), null);
    const served = await page.evaluate(async (url) => {
      try {
        return (await fetch(url, { headers: { 'x-pad-partition': 'a'.repeat(24) } })).status;
      } catch {
        return 'network error';
      }
    }, `${API}/v1/clients/${client.id}`);
    assert.equal(served, 'network error');
    assert.deepEqual(await personalStores(), { caches: [], databases: [], lastSignIn: null });
  });

  it('ended the provider session too: signing in again asks for the password', async () => {
    await context.setOffline(false);
    await page.goto(PWA);
    await page.click('.sign-in-button');
    await page.waitForSelector('#password', { timeout: 15000 });
  });
});
