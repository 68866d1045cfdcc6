// Exploring the book through the UI, as an advisor would, counting the clicks: who has the most
// previous applications, the most credits at other lenders, the highest income among refused
// clients. Each answer read on screen must equal the API's answer. Then the charts' marks open
// the client by mouse and by keyboard.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PWA, api } from './api.mjs';
import { openSignedIn, showBookScatter } from './helpers.mjs';

let browser;
let page;
const errors = [];
/** Clicks (and choices in a select) each question took, printed at the end for the closing note. */
const clicks = {};

/** The client id in the topmost visible row of the grid (vaadin-grid reuses rows out of order). */
function firstRowId() {
  return page.evaluate(() => {
    const grid = document.querySelector('clients-page').shadowRoot.querySelector('vaadin-grid');
    const top = grid.getBoundingClientRect().top;
    const links = [...grid.querySelectorAll('a[href^="#/clients/"]')]
      .map((a) => ({ id: Number(a.getAttribute('href').split('/').pop()), y: a.getBoundingClientRect().top }))
      .filter((l) => l.y > top);
    links.sort((a, b) => a.y - b.y);
    return links[0]?.id ?? null;
  });
}

async function waitForGridFirst(expected) {
  // A plain (not async) predicate: a returned promise would be truthy at once and wait for nothing.
  await page.waitForFunction((id) => {
    const grid = document.querySelector('clients-page')?.shadowRoot?.querySelector('vaadin-grid');
    if (!grid || grid.loading) return false;
    const top = grid.getBoundingClientRect().top;
    const links = [...grid.querySelectorAll('a[href^="#/clients/"]')].filter((a) => a.getBoundingClientRect().top > top)
      .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
    return links[0]?.getAttribute('href') === `#/clients/${id}`;
  }, expected, { timeout: 45000 }).catch(() => undefined);
  return firstRowId();
}

async function sortBy(path, label) {
  // The advisor clicks the header by its text; the sorter's path says which column that is.
  const sorter = await page.evaluateHandle((text) => [...document.querySelector('clients-page').shadowRoot.querySelectorAll('vaadin-grid-sorter')]
    .find((s) => s.textContent.trim() === text) ?? null, label);
  assert.ok(await sorter.evaluate((el) => el !== null), `a column headed "${label}"`);
  assert.equal(await sorter.evaluate((el) => el.path), path, `the column headed "${label}" sorts by ${path}`);
  await sorter.click();
  await sorter.click();
  assert.equal(await sorter.evaluate((el) => el.direction), 'desc');
  return 2;
}

const rankingFirst = () => page.evaluate(() => {
  const figure = document.querySelector('clients-page').shadowRoot.querySelector('book-explorer').shadowRoot
    .querySelector('chart-figure[data-kind="ranking"]');
  return figure?.shadowRoot?.querySelector('svg text.row-label')?.textContent ?? null;
});

describe('exploring the book in a few clicks', () => {
  before(async () => {
    ({ browser, page } = await openSignedIn(PWA, errors));
    await page.waitForFunction(() => /clients trouvés/.test(document.querySelector('clients-page')?.shadowRoot?.querySelector('.count')?.textContent ?? ''));
  });
  after(async () => {
    console.log(`# clicks per question: ${JSON.stringify(clicks)}`);
    await browser?.close();
    assert.deepEqual(errors, [], 'no uncaught errors in the page');
  });

  it('who has the most previous applications: the ranking shows it on arrival (0 clicks), the grid in 2', async () => {
    const expected = (await api('/v1/clients?sort=-previous_applications&limit=1')).items[0];
    await page.waitForFunction(() => document.querySelector('clients-page').shadowRoot.querySelector('book-explorer')?.shadowRoot
      ?.querySelector('chart-figure[data-kind="ranking"]')?.shadowRoot?.querySelector('svg text.row-label') !== null, null, { timeout: 15000 });
    assert.equal(await rankingFirst(), `Client ${expected.id}`);
    clicks.mostPreviousApplicationsRanking = 0;
    clicks.mostPreviousApplicationsGrid = await sortBy('previous_applications', 'Demandes précédentes');
    assert.equal(await waitForGridFirst(expected.id), expected.id);
  });

  it('who has the most credits at other lenders: 1 choice in the ranking, or 2 clicks in the grid', async () => {
    const expected = (await api('/v1/clients?sort=-bureau_credits&limit=1')).items[0];
    await page.locator('clients-page book-explorer #rank-measure').selectOption('bureau_credits');
    await page.waitForFunction((id) => document.querySelector('clients-page').shadowRoot.querySelector('book-explorer').shadowRoot
      .querySelector('chart-figure[data-kind="ranking"]')?.shadowRoot?.querySelector('svg text.row-label')?.textContent === `Client ${id}`, expected.id, { timeout: 15000 });
    clicks.mostBureauCreditsRanking = 1;
    clicks.mostBureauCreditsGrid = await sortBy('bureau_credits', 'Crédits ailleurs');
    assert.equal(await waitForGridFirst(expected.id), expected.id);
  });

  it('the highest income among refused clients: 1 choice (decision) and 2 clicks (income header)', async () => {
    const expected = (await api('/v1/clients?decision=refused&sort=-income&limit=1')).items[0];
    await page.locator('clients-page #f-decision').selectOption('refused');
    const refused = (await api('/v1/clients?decision=refused&limit=1')).total;
    await page.waitForFunction((n) => document.querySelector('clients-page').shadowRoot.querySelector('.count').textContent
      === `${new Intl.NumberFormat('fr-FR').format(n)} clients trouvés`, refused);
    clicks.highestIncomeRefused = 1 + (await sortBy('income', 'Revenu annuel (€)'));
    assert.equal(await waitForGridFirst(expected.id), expected.id);
    // The ranking follows the list's filters: the same answer by income there.
    await page.locator('clients-page book-explorer #rank-measure').selectOption('income');
    await page.waitForFunction((id) => document.querySelector('clients-page').shadowRoot.querySelector('book-explorer').shadowRoot
      .querySelector('chart-figure[data-kind="ranking"]')?.shadowRoot?.querySelector('svg text.row-label')?.textContent === `Client ${id}`, expected.id, { timeout: 15000 });
  });

  it('the bivariate chart plots every filtered client and a click on a point opens that client', async () => {
    const refused = (await api('/v1/clients?decision=refused&limit=1')).total;
    const scatter = page.locator('clients-page book-explorer chart-figure[data-kind="book-scatter"]');
    await showBookScatter(page);
    await page.waitForFunction((n) => {
      const svg = document.querySelector('clients-page').shadowRoot.querySelector('book-explorer').shadowRoot
        .querySelector('chart-figure[data-kind="book-scatter"]')?.shadowRoot?.querySelector('svg');
      const placed = svg?.querySelectorAll('path.point').length ?? 0;
      return placed > 0 && placed <= n;
    }, refused, { timeout: 20000 });
    const point = scatter.locator('svg path.point.refused').last();
    const id = Number(await point.getAttribute('data-id'));
    await point.hover({ force: true });
    const tip = await scatter.locator('svg g.tooltip').textContent();
    assert.match(tip, new RegExp(`Client ${id} `));
    await point.click({ force: true });
    await page.waitForFunction((want) => location.hash === `#/clients/${want}`, id);
    await page.goBack();
  });

  it('Enter on the focused ranking bar opens that client', async () => {
    const expected = (await api('/v1/clients?decision=refused&sort=-income&limit=1')).items[0];
    const svg = page.locator('clients-page book-explorer chart-figure[data-kind="ranking"] svg');
    await svg.waitFor({ timeout: 15000 });
    await page.waitForFunction((id) => document.querySelector('clients-page').shadowRoot.querySelector('book-explorer')?.shadowRoot
      ?.querySelector('chart-figure[data-kind="ranking"]')?.shadowRoot?.querySelector('svg text.row-label')?.textContent === `Client ${id}`, expected.id, { timeout: 15000 });
    await svg.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction((want) => location.hash === `#/clients/${want}`, expected.id);
  });
});
