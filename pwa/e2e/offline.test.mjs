// Offline review: review a client, go offline, reload: the client is still there with its score,
// explanation and charts; the client list shows only what can be opened; a copy made by an older
// model says so and is refreshed at the next sync; network-only actions say so instead of failing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PWA, api, percentIn } from './api.mjs';
import { launchBrowser } from './harness.mjs';
import { activeElement, rewriteKeptCopy, shadowQuery, runAxe, screenshot, shadowText, signIn, tabTo, viewport, waitForClientView, waitForLiveRegion } from './helpers.mjs';

let browser;
let context;
let page;
let reviewed;
let other;

/** The rows of the offline client list: id and the kept mark. */
async function waitForOfflineRows() {
  await page.waitForFunction(() => (document.querySelector('clients-page')?.shadowRoot?.querySelector('offline-client-list')?.shadowRoot?.querySelectorAll('tbody tr').length ?? 0) > 0);
  return page.evaluate(() => [...document.querySelector('clients-page').shadowRoot.querySelector('offline-client-list').shadowRoot.querySelectorAll('tbody tr')]
    .map((tr) => ({ id: tr.dataset.id, kept: tr.querySelector('.kept').textContent.replace(/\s+/g, ' ').trim() })));
}

async function waitForServiceWorkerControl() {
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null && navigator.serviceWorker?.controller !== undefined, null, { timeout: 15000 });
}

describe('offline review', () => {
  before(async () => {
    browser = await launchBrowser();
    context = await browser.newContext({ viewport, locale: 'fr-FR' });
    page = await context.newPage();
    await signIn(page, PWA);
    // A granted client to review, and another one never opened in this browser.
    const items = (await api('/v1/clients?limit=2&dataset=train&sort=probability')).items;
    [reviewed, other] = items;
  });
  after(async () => {
    await context?.setOffline(false);
    await browser?.close();
  });

  it('reviews a client while online, once the service worker controls the page', async () => {
    await page.goto(`${PWA}#/clients/${reviewed.id}`);
    await waitForServiceWorkerControl();
    // Reload so every request of the view goes through the service worker and its caches.
    await page.reload();
    await waitForClientView(page, reviewed.id);
    // The review (default outcome: agree with the proposal) keeps the client on this workstation.
    await tabTo(page, (a) => a.tag === 'button' && a.text === 'Enregistrer la revue', { max: 200, what: 'save the review' });
    await page.keyboard.press('Enter');
    await waitForLiveRegion(page, (t) => t.includes(`Revue du client ${reviewed.id}`));
    // Let the background warm-up finish putting the model and population data in the cache.
    const deadline = Date.now() + 15000;
    let cached = 0;
    while (cached < 6 && Date.now() < deadline) {
      cached = await page.evaluate(async () => (await (await caches.open('pad-reference')).keys()).length);
      if (cached < 6) await page.waitForTimeout(200);
    }
    assert.equal(cached, 6, 'model, metrics, fairness, drift, importance and population cached');
  });

  it('reloads offline and still shows the reviewed client with its score, explanation and charts', async () => {
    await context.setOffline(true);
    await page.reload();
    await waitForClientView(page, reviewed.id);
    const score = await api(`/v1/clients/${reviewed.id}/score`);
    const explanation = await api(`/v1/clients/${reviewed.id}/explanation?top=10`);
    assert.equal(await page.textContent('.pill'), '○ Hors ligne');
    assert.match(await page.textContent('.banner.offline'), /Vous êtes hors ligne/);
    assert.match(await shadowText(page, 'client-page', '.freshness'), /Copie hors ligne du \d/);
    assert.ok((await shadowText(page, 'client-page', '.decision')).includes(await percentIn(page, score.probability)));
    const phrases = await page.evaluate(() => [...document.querySelector('client-page').shadowRoot.querySelectorAll('.phrases li [lang]')].map((li) => li.textContent));
    assert.deepEqual(phrases, explanation.top.map((t) => t.phrase_fr));
    const charts = await page.evaluate(() => {
      const root = document.querySelector('client-page').shadowRoot;
      const compare = root.querySelector('compare-panel')?.shadowRoot;
      return [...root.querySelectorAll('chart-figure'), ...(compare ? compare.querySelectorAll('chart-figure') : [])].map((f) => f.dataset.kind);
    });
    assert.deepEqual(charts.sort(), ['distribution', 'gauge', 'scatter', 'waterfall']);
    await screenshot(page, '10-offline-client');
    assert.deepEqual(await runAxe(page), []);
  });

  it('says that the loan simulation needs the network', async () => {
    const panel = await page.evaluateHandle(() => document.querySelector('client-page').shadowRoot.querySelector('loan-simulation').shadowRoot);
    assert.equal(await panel.evaluate((r) => r.querySelector('button.primary').disabled), true);
    assert.match(await panel.evaluate((r) => r.querySelector('.notice').textContent), /La simulation nécessite le réseau/);
  });

  it('lists the reviewed client and opens the model page offline', async () => {
    await tabTo(page, (a) => a.tag === 'a' && a.text === 'Revus', { reverse: true, max: 200, what: 'Revus link' });
    await page.keyboard.press('Enter');
    await page.waitForFunction((id) => document.querySelector('reviewed-page')?.shadowRoot?.querySelector('tbody th')?.textContent === String(id), reviewed.id);
    await tabTo(page, (a) => a.tag === 'a' && a.text === 'Modèle', { reverse: true, max: 40, what: 'Modèle link' });
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('model-page')?.shadowRoot?.querySelectorAll('chart-figure').length === 7);
  });

  it('lists offline only the clients that can be opened, not the first page of the API\'s list', async () => {
    await tabTo(page, (a) => a.tag === 'a' && a.text === 'Clients', { reverse: true, max: 40, what: 'Clients link' });
    await page.keyboard.press('Enter');
    const rows = await waitForOfflineRows();
    assert.deepEqual(rows.map((r) => r.id), [String(reviewed.id)]);
    assert.match(rows[0].kept, /Revu, disponible hors ligne/);
    const shown = await page.evaluate(() => {
      const root = document.querySelector('clients-page').shadowRoot;
      return { grid: !!root.querySelector('vaadin-grid'), notices: [...root.querySelectorAll('.notice')].map((n) => n.textContent) };
    });
    assert.deepEqual(shown, { grid: false, notices: [] });
    assert.deepEqual(await runAxe(page), []);
    await page.evaluate((id) => { location.hash = `#/clients/${id}`; }, other.id);
    await page.waitForFunction(() => /n’est pas disponible hors ligne/.test(document.querySelector('client-page')?.shadowRoot?.querySelector('.notice')?.textContent ?? ''));
  });

  it('says that a new application needs the network', async () => {
    await page.evaluate(() => { location.hash = '#/applications/new'; });
    await page.waitForFunction(() => document.querySelector('application-page')?.shadowRoot?.querySelector('.offline')?.textContent === 'Le calcul d’une nouvelle demande nécessite le réseau.');
    assert.match(await shadowText(page, 'application-page', '.privacy'), /envoyée uniquement à l’API/);
  });

  it('marks a copy made by an older model as stale, in the list and on the client page', async () => {
    await rewriteKeptCopy(page, reviewed.id, '0.9.0-ancien');
    await page.evaluate(() => { location.hash = '#/clients'; });
    await page.waitForFunction(() => /0\.9\.0-ancien/.test(document.querySelector('clients-page')?.shadowRoot?.querySelector('offline-client-list')?.shadowRoot?.textContent ?? ''));
    const [row] = await waitForOfflineRows();
    assert.match(row.kept, /copie préparée avec le modèle 0\.9\.0-ancien/);
    await screenshot(page, '13-offline-list');
    await page.evaluate((id) => { location.hash = `#/clients/${id}`; }, reviewed.id);
    await waitForClientView(page, reviewed.id);
    const model = await api('/v1/model');
    assert.equal(await shadowText(page, 'client-page', '.stale-copy'),
      `⚠ Copie préparée avec le modèle 0.9.0-ancien ; le modèle actuel est ${model.model_version}. Elle sera mise à jour à la prochaine synchronisation.`);
  });

  it('comes back online: the banner goes, the stale copy is refreshed at the sync and the list marks the kept client', async () => {
    await context.setOffline(false);
    await page.waitForFunction(() => document.querySelector('.pill')?.dataset.status === 'online');
    assert.equal(await page.$('.banner.offline'), null);
    assert.ok(await activeElement(page));
    // Reopened offline, the page has no token: the next sync comes with the next sign-in (silent while
    // the provider's session lasts), and refreshes the copy made by the older model.
    await signIn(page, PWA);
    const model = await api('/v1/model');
    const deadline = Date.now() + 20000;
    let copy = await rewriteKeptCopy(page, reviewed.id);
    while (copy.score.model_version !== model.model_version && Date.now() < deadline) {
      await page.waitForTimeout(250);
      copy = await rewriteKeptCopy(page, reviewed.id);
    }
    assert.equal(copy.score.model_version, model.model_version, 'refreshed with the current model');
    assert.equal(copy.explanation.model_version, model.model_version);
    assert.ok(!Number.isNaN(Date.parse(copy.reviewedAt)), 'still a reviewed client');
    // Online, the grid marks the kept client (and no longer as stale).
    await page.evaluate(() => { location.hash = '#/clients'; });
    await page.waitForFunction(() => !!document.querySelector('clients-page')?.shadowRoot?.querySelector('vaadin-grid'));
    const search = await shadowQuery(page, 'clients-page', '#f-q');
    await search.fill(String(reviewed.id));
    await page.waitForFunction((id) => [...(document.querySelector('clients-page')?.shadowRoot?.querySelectorAll('.kept') ?? [])]
      .some((k) => k.closest('vaadin-grid-cell-content')?.textContent.includes(String(id))), reviewed.id, { timeout: 15000 });
    const mark = await page.evaluate(() => document.querySelector('clients-page').shadowRoot.querySelector('.kept').textContent.trim());
    assert.equal(mark, '⤓ Revu, disponible hors ligne');
  });
});
