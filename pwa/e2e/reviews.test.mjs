// Reviews that lose nothing, in Chromium against the real API: written offline, kept across a
// closed browser, sent exactly once when the network returns, even when the answer is lost or the
// API refuses to answer for a while; a refused review is shown, corrected and sent again; sign-out
// with unsent reviews warns. The real restart of the API is api-restart.test.mjs.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { API, PWA, api, tokenFor } from './api.mjs';
import { launchPersistent } from './harness.mjs';
import { screenshot, signIn, submitReview, viewport, waitForClientView } from './helpers.mjs';

let profile;
let context;
let page;
let clients;

const reviewsOf = async (id) => (await api(`/v1/clients/${id}/reviews`)).items;
const outboxItems = () => page.evaluate(async () => {
  const names = ((await indexedDB.databases()) ?? []).map((d) => d.name).filter((n) => n?.startsWith('pad-outbox-'));
  const all = [];
  for (const name of names) {
    const db = await new Promise((resolve, reject) => {
      const r = indexedDB.open(name);
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    if (db.objectStoreNames.contains('outbox')) {
      all.push(...await new Promise((resolve) => {
        const req = db.transaction('outbox').objectStore('outbox').getAll();
        req.onsuccess = () => resolve(req.result);
      }));
    }
    db.close();
  }
  return all;
});

async function open(userDataDir, { offline = false } = {}) {
  context = await launchPersistent(userDataDir, viewport);
  if (offline) await context.setOffline(true);
  page = context.pages()[0] ?? (await context.newPage());
}

const review = (outcome, options) => submitReview(page, outcome, options);

const statusText = () => page.evaluate(() => document.querySelector('outbox-status')?.shadowRoot?.textContent.replace(/\s+/g, ' ').trim() ?? '');

async function openClient(id) {
  await page.evaluate((i) => { location.hash = `#/clients/${i}`; }, id);
  await waitForClientView(page, id);
}

async function waitFor(predicate, what, timeout = 20000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await predicate();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('reviews that lose nothing', () => {
  before(async () => {
    profile = await mkdtemp(path.join(tmpdir(), 'pad-reviews-'));
    clients = (await api('/v1/clients?limit=8&offset=20&dataset=new')).items;
    await open(profile);
    await signIn(page, PWA);
    await page.waitForFunction(() => !!navigator.serviceWorker?.controller, null, { timeout: 15000 });
    await page.reload();
    await page.waitForSelector('.user');
  });
  after(async () => {
    await context?.close();
    await rm(profile, { recursive: true, force: true });
  });

  it('reviews offline, survives a closed browser reopened offline, and arrives exactly once online', async () => {
    const client = clients[0];
    const note = `offline-${Date.now()}`;
    await openClient(client.id);
    await context.setOffline(true);
    await review('override_refuse', { justification: 'Revenus non justifiés', note });
    await waitFor(async () => (await statusText()).includes('1 revue en attente d’envoi'), 'pending count');
    assert.equal((await reviewsOf(client.id)).length, 0, 'nothing reached the API while offline');
    await context.close();

    await open(profile, { offline: true });
    await page.goto(`${PWA}#/reviewed`);
    await waitFor(async () => (await statusText()).includes('1 revue en attente d’envoi'), 'pending count after reopening offline');
    await context.setOffline(false);
    // Back online: the app gets a token again (silent sign-in) and sends the outbox.
    const stored = await waitFor(async () => {
      const items = await reviewsOf(client.id);
      return items.length > 0 ? items : null;
    }, 'the review at the API');
    await waitFor(async () => (await outboxItems()).length === 0, 'an empty outbox');
    await page.waitForTimeout(1000);
    const final = await reviewsOf(client.id);
    assert.equal(final.length, 1, 'exactly once');
    assert.equal(stored[0].note, note);
    assert.equal(final[0].outcome, 'override_refuse');
    assert.equal(final[0].justification, 'Revenus non justifiés');
    assert.equal(final[0].advisor, 'advisor');
    assert.ok(final[0].seen.reasons.length > 0, 'the reasons shown are recorded');
    assert.equal(await statusText(), '');
  });

  it('loses the answer in the middle of a sync (network cut after the API stored it): resent, stored once', async () => {
    await page.waitForSelector('.user', { timeout: 15000 });
    const client = clients[1];
    await openClient(client.id);
    let posts = 0;
    await page.route('**/v1/clients/*/reviews', async (route) => {
      if (route.request().method() !== 'POST') return route.fallback();
      posts += 1;
      if (posts > 1) return route.fallback();
      await route.fetch(); // the API receives and stores it...
      await route.abort('connectionreset'); // ...and the answer never comes back
    });
    await review('agree', { note: 'coupure' });
    await waitFor(async () => (await reviewsOf(client.id)).length === 1, 'the review stored by the API');
    // The sync stopped with the review left. The resend comes from the browser's background sync
    // (Chromium fires the registered tag at once when online) or from the next `online`.
    await page.evaluate(() => dispatchEvent(new Event('online')));
    await waitFor(async () => (await outboxItems()).length === 0, 'the outbox emptied by the resend');
    await page.unroute('**/v1/clients/*/reviews');
    assert.ok(posts >= 2, `sent again after the lost answer (${posts} POSTs)`);
    assert.equal((await reviewsOf(client.id)).length, 1, 'the resend was recognised, not stored twice');
  });

  it('keeps reviews while the API is restarting (503, then refused connections) and sends them after', async () => {
    const client = clients[2];
    await openClient(client.id);
    let down = true;
    let attempts = 0;
    await page.route('**/v1/clients/*/reviews', (route) => {
      if (route.request().method() !== 'POST' || !down) return route.fallback();
      attempts += 1;
      return attempts === 1
        ? route.fulfill({ status: 503, contentType: 'application/problem+json', body: JSON.stringify({ title: 'Service Unavailable', status: 503, detail: 'shutting down' }) })
        : route.abort('connectionrefused');
    });
    await review('documents_requested', { note: 'redémarrage' });
    await waitFor(() => attempts >= 1, 'a first attempt');
    await page.evaluate(() => dispatchEvent(new Event('online')));
    await waitFor(() => attempts >= 2, 'a second attempt');
    assert.equal((await outboxItems()).length, 1);
    assert.equal((await reviewsOf(client.id)).length, 0);
    down = false;
    await page.evaluate(() => dispatchEvent(new Event('online')));
    await waitFor(async () => (await outboxItems()).length === 0, 'the outbox emptied after the restart');
    assert.equal((await reviewsOf(client.id)).length, 1);
    await page.unroute('**/v1/clients/*/reviews');
  });

  it('sends the same review twice (two tabs): the API keeps one and answers 200 to the second', async () => {
    const client = clients[3];
    const token = await tokenFor('advisor');
    const body = { id: crypto.randomUUID(), outcome: 'agree', note: 'deux onglets', reviewed_at: new Date().toISOString() };
    const send = () => fetch(`${API}/v1/clients/${client.id}/reviews`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const statuses = (await Promise.all([send(), send()])).map((r) => r.status).sort();
    assert.deepEqual(statuses, [200, 201]);
    assert.equal((await reviewsOf(client.id)).length, 1);
  });

  it('background sync: the browser wakes the service worker, which asks the page to send the outbox', async () => {
    const client = clients[6];
    await openClient(client.id);
    await page.evaluate(() => {
      window.outboxWakes = 0;
      navigator.serviceWorker.addEventListener('message', (e) => { if (e.data?.type === 'pad-outbox-sync') window.outboxWakes += 1; });
    });
    const blocked = (route) => (route.request().method() === 'POST' ? route.abort('internetdisconnected') : route.fallback());
    await page.route('**/v1/clients/*/reviews', blocked);
    await review('documents_requested', { note: 'réveil' });
    await waitFor(async () => (await outboxItems()).some((i) => i.clientId === client.id && i.attempts >= 1), 'a failed send');
    await page.unroute('**/v1/clients/*/reviews', blocked);
    const wakesBefore = await page.evaluate(() => window.outboxWakes);
    // The browser decides when to fire a sync; DevTools fires it now, as the network's return would.
    const cdp = await context.newCDPSession(page);
    const registration = new Promise((resolve) => cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      const found = registrations.find((r) => !r.isDeleted && r.scopeURL.startsWith(PWA));
      if (found) resolve(found);
    }));
    await cdp.send('ServiceWorker.enable');
    const { registrationId } = await registration;
    await cdp.send('ServiceWorker.dispatchSyncEvent', { origin: new URL(PWA).origin, registrationId, tag: 'pad-outbox', lastChance: false });
    await waitFor(async () => (await outboxItems()).length === 0, 'the outbox sent on the background sync', 10000);
    assert.ok((await page.evaluate(() => window.outboxWakes)) > wakesBefore, 'the service worker woke the page');
    assert.equal((await reviewsOf(client.id)).length, 1);
    await cdp.detach();
  });

  it('shows a review the server refused instead of dropping it, and lets the advisor correct and resend it', async () => {
    const client = clients[4];
    await openClient(client.id);
    // A review the API refuses (its check of the note length is stricter than nothing: 4,000 characters).
    await page.route('**/v1/clients/*/reviews', async (route) => {
      if (route.request().method() !== 'POST') return route.fallback();
      const body = JSON.parse(route.request().postData());
      return route.continue({ postData: JSON.stringify({ ...body, note: 'x'.repeat(4001) }) });
    });
    await review('agree', { note: 'trop long côté serveur' });
    await waitFor(async () => (await statusText()).includes('1 revue refusée par le serveur'), 'the refusal shown');
    const [item] = await outboxItems();
    assert.equal(item.state, 'rejected');
    assert.match(item.problem, /note/);
    await page.unroute('**/v1/clients/*/reviews');
    await page.evaluate(() => { location.hash = '#/reviewed'; });
    await page.waitForFunction(() => /note/.test(document.querySelector('reviewed-page')?.shadowRoot?.querySelector('.rejected')?.textContent ?? ''));
    const queue = () => page.evaluateHandle(() => document.querySelector('reviewed-page').shadowRoot);
    await (await queue()).evaluate((root) => root.querySelector('.rejected button.edit').click());
    await page.waitForFunction(() => !!document.querySelector('reviewed-page')?.shadowRoot?.querySelector('review-edit')?.shadowRoot?.querySelector('form'));
    await screenshot(page, '12-review-queue');
    const edit = await page.evaluateHandle(() => document.querySelector('reviewed-page').shadowRoot.querySelector('review-edit').shadowRoot);
    assert.equal(await edit.evaluate((r) => r.querySelector('#edit-note').value), 'trop long côté serveur', 'prefilled with what was refused');
    assert.equal(await edit.evaluate((r) => r.querySelector('input[value="agree"]').checked), true);
    // An override needs a justification, as in the review form.
    await edit.evaluate((r) => r.querySelector('input[value="override_grant"]').click());
    await edit.evaluate((r) => r.querySelector('button[type="submit"]').click());
    await page.waitForFunction(() => /justification est obligatoire/.test(document.querySelector('reviewed-page').shadowRoot.querySelector('review-edit').shadowRoot.querySelector('.error').textContent));
    await edit.evaluate((r) => {
      r.querySelector('#edit-justification').value = 'Garant solvable';
      r.querySelector('#edit-note').value = 'corrigée';
      r.querySelector('button[type="submit"]').click();
    });
    await waitFor(async () => (await outboxItems()).length === 0, 'the corrected review sent');
    const stored = await reviewsOf(client.id);
    assert.equal(stored.length, 1, 'stored once, the corrected version');
    assert.deepEqual([stored[0].outcome, stored[0].justification, stored[0].note], ['override_grant', 'Garant solvable', 'corrigée']);
    assert.notEqual(stored[0].id, item.id, 'a new id: the refused one may be held by the API with other content');
    await waitFor(async () => (await statusText()) === '', 'no refused review left');
  });

  it('warns at sign-out with unsent reviews, and keeps them when the advisor signs out anyway', async () => {
    const client = clients[5];
    await openClient(client.id);
    await context.setOffline(true);
    await review('agree', { note: 'avant déconnexion' });
    await waitFor(async () => (await statusText()).includes('en attente d’envoi'), 'pending');
    // Stop the automatic resend while the dialog is tested, then come back online.
    await page.route('**/v1/clients/*/reviews', (route) => (route.request().method() === 'POST' ? route.abort('internetdisconnected') : route.fallback()));
    await context.setOffline(false);
    const messages = [];
    page.once('dialog', (d) => {
      messages.push(d.message());
      void d.dismiss();
    });
    await page.click('.sign-out');
    await waitFor(() => messages.length === 1, 'the warning');
    assert.match(messages[0], /ne sont pas encore envoyées/);
    assert.ok(await page.$('.user'), 'dismissed: still signed in');
    page.once('dialog', (d) => void d.accept());
    await page.click('.sign-out');
    await page.waitForSelector('.sign-in-button', { timeout: 15000 });
    // Signing out passes through the provider's end-session page and back: read once the page has settled.
    const kept = await waitFor(() => outboxItems().catch(() => null), 'the outbox readable after sign-out');
    assert.equal(kept.filter((i) => i.clientId === client.id && i.state === 'pending').length, 1, 'kept after sign-out');
    await page.unroute('**/v1/clients/*/reviews');
    await signIn(page, PWA);
    await waitFor(async () => (await reviewsOf(client.id)).length === 1, 'sent at the next sign-in');
  });
});
