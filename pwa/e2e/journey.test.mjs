// The advisor's journey, keyboard only, against the real API: find, open, understand, compare,
// try a change, review, print; then the model and reviewed pages, and English.
// Screenshots of every view go to docs/screenshots/; axe-core must find nothing on any view.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PWA, api, countPdfPages, percentIn } from './api.mjs';
import { activeElement, openSignedIn, runAxe, screenshot, shadowText, tabTo, waitForClientView, waitForLiveRegion } from './helpers.mjs';

let browser;
let page;
let target;
const errors = [];

async function expectNoAxeViolations(name) {
  const violations = await runAxe(page);
  assert.deepEqual(violations, [], `axe violations on ${name}: ${JSON.stringify(violations, null, 2)}`);
}

const count = () => shadowText(page, 'clients-page', '.count');

describe('advisor journey (keyboard only)', () => {
  before(async () => {
    ({ browser, page } = await openSignedIn(PWA, errors));
    // The riskiest labelled client: a refusal to explain.
    target = (await api('/v1/clients?limit=1&dataset=train&sort=-probability')).items[0];
  });
  after(async () => {
    await browser?.close();
    assert.deepEqual(errors, [], 'no uncaught errors in the page');
  });

  it('opens on the client list, online, with the last sync time and the model version', async () => {
    const model = await api('/v1/model');
    await page.goto(PWA);
    await page.waitForFunction(() => /clients trouvés/.test(document.querySelector('clients-page')?.shadowRoot?.querySelector('.count')?.textContent ?? ''));
    assert.equal(await page.textContent('.pill[data-status="online"]'), '● En ligne');
    assert.match(await page.textContent('.sync'), /^Dernière synchro : \d/);
    await page.waitForFunction((v) => document.querySelector('.version')?.textContent === `Modèle v${v}`, model.model_version);
    const total = (await api('/v1/clients?limit=1')).total;
    assert.match(await count(), new RegExp(`^${new Intl.NumberFormat('fr-FR').format(total).replace(/\s/g, '\\s')} clients trouvés$`));
    await screenshot(page, '01-clients');
    await expectNoAxeViolations('client list');
  });

  it('finds the client with the skip link, the id search and the filters', async () => {
    await page.keyboard.press('Tab');
    assert.equal((await activeElement(page)).text, 'Aller au contenu principal');
    await page.keyboard.press('Enter');
    assert.equal((await activeElement(page)).tag, 'main');
    await tabTo(page, (a) => a.id === 'f-q', { what: 'id search' });
    await page.keyboard.type(String(target.id));
    await page.waitForFunction(() => document.querySelector('clients-page')?.shadowRoot?.querySelector('.count')?.textContent === '1 client trouvé');
    // Dataset filter: "new" excludes this labelled client, "train" brings it back.
    await tabTo(page, (a) => a.id === 'f-dataset', { what: 'dataset filter' });
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction(() => document.querySelector('clients-page')?.shadowRoot?.querySelector('.count')?.textContent === 'Aucun client ne correspond');
    await page.keyboard.press('ArrowUp');
    await page.waitForFunction(() => document.querySelector('clients-page')?.shadowRoot?.querySelector('.count')?.textContent === '1 client trouvé');
    await screenshot(page, '02-clients-search');
    await tabTo(page, (a) => a.part.includes('body-cell'), { what: 'first grid row' });
    await page.keyboard.press('Enter');
    await page.waitForFunction((id) => location.hash === `#/clients/${id}`, target.id);
    await waitForClientView(page, target.id);
    assert.equal((await activeElement(page)).tag, 'h1', 'focus moves to the page heading');
  });

  it('shows the probability on a gauge against the threshold, the decision in words and the distance', async () => {
    const score = await api(`/v1/clients/${target.id}/score`);
    const p = await percentIn(page, score.probability);
    const t = await percentIn(page, score.threshold);
    const caption = await shadowText(page, 'client-page', 'chart-figure[data-kind="gauge"]', 'figcaption');
    assert.ok(caption.includes(p) && caption.includes(t), caption);
    const decision = await shadowText(page, 'client-page', '.decision');
    assert.ok(decision.includes(score.decision === 'refused' ? 'Refusé' : 'Accordé'), decision);
    const side = score.decision === 'refused' ? 'au-dessus du seuil' : 'sous le seuil';
    assert.ok((await shadowText(page, 'client-page', 'chart-figure[data-kind="gauge"]', 'h3')).includes(side));
    const label = await (await page.evaluateHandle(() => document.querySelector('client-page').shadowRoot.querySelector('chart-figure[data-kind="gauge"]').shadowRoot.querySelector('svg'))).evaluate((s) => [s.getAttribute('role'), s.getAttribute('aria-label')]);
    assert.deepEqual(label, ['img', caption]);
    await screenshot(page, '03-client');
  });

  it('explains why: a waterfall of the top contributions, the rest summed, and the API phrases in French', async () => {
    const explanation = await api(`/v1/clients/${target.id}/explanation?top=10`);
    const phrases = await page.evaluate(() => [...document.querySelector('client-page').shadowRoot.querySelectorAll('.phrases li [lang]')].map((li) => [li.textContent, li.lang]));
    assert.deepEqual(phrases, explanation.top.map((t) => [t.phrase_fr, 'fr']));
    const bars = await page.evaluate(() => document.querySelector('client-page').shadowRoot.querySelector('chart-figure[data-kind="waterfall"]').shadowRoot.querySelectorAll('rect.bar').length);
    assert.equal(bars, explanation.top.length + (explanation.rest.count > 0 ? 1 : 0));
    await tabTo(page, (a) => a.tag === 'svg' && a.kind === 'waterfall', { what: 'waterfall chart' });
    await page.keyboard.press('ArrowDown');
    const heard = await waitForLiveRegion(page, (text) => text.includes(explanation.top[0].label_fr));
    assert.match(heard, explanation.top[0].shap >= 0 ? /augmente le risque/ : /réduit le risque/);
    await tabTo(page, (a) => a.tag === 'button' && a.text === 'Afficher le tableau', { what: 'table toggle' });
    await page.keyboard.press('Enter');
    const rows = await page.evaluate(() => document.querySelector('client-page').shadowRoot.querySelector('chart-figure[data-kind="waterfall"]').shadowRoot.querySelectorAll('tbody tr').length);
    assert.equal(rows, explanation.top.length + 2 + (explanation.rest.count > 0 ? 1 : 0));
    const rowLabels = await page.evaluate(() => [...document.querySelector('client-page').shadowRoot.querySelector('chart-figure[data-kind="waterfall"]').shadowRoot.querySelectorAll('tbody th')].map((th) => th.textContent));
    assert.deepEqual(rowLabels.slice(1, 1 + explanation.top.length), explanation.top.map((t) => t.label_fr));
    assert.equal((await activeElement(page)).text, 'Masquer le tableau');
    await page.keyboard.press('Enter');
  });

  it('compares the client with repaid and defaulted clients, and on two features over the sample', async () => {
    const model = await api('/v1/model');
    const labels = new Map(model.features.map((f) => [f.name, f.label_fr]));
    await tabTo(page, (a) => a.id === 'cmp-feature', { what: 'feature to compare' });
    await page.keyboard.press('ArrowDown');
    const chosen = await page.evaluate(() => document.querySelector('client-page').shadowRoot.querySelector('compare-panel').shadowRoot.querySelector('#cmp-feature').value);
    await page.waitForFunction((label) => document.querySelector('client-page').shadowRoot.querySelector('compare-panel').shadowRoot
      .querySelector('chart-figure[data-kind="distribution"]').shadowRoot.querySelector('figcaption')?.textContent.includes(label), labels.get(chosen));
    const population = await api('/v1/population/stats');
    const [x, y] = await page.evaluate(() => ['#cmp-x', '#cmp-y'].map((s) => document.querySelector('client-page').shadowRoot.querySelector('compare-panel').shadowRoot.querySelector(s).value));
    const xi = population.sample.features.indexOf(x);
    const yi = population.sample.features.indexOf(y);
    const placed = population.sample.values.filter((row) => row[xi] !== null && row[yi] !== null).length;
    const drawn = await page.evaluate(() => document.querySelector('client-page').shadowRoot.querySelector('compare-panel').shadowRoot
      .querySelector('chart-figure[data-kind="scatter"]').shadowRoot.querySelectorAll('path.point').length);
    assert.equal(drawn, placed);
    await page.evaluate(() => document.querySelector('client-page').shadowRoot.querySelector('.compare').scrollIntoView());
    await screenshot(page, '04-client-compare');
  });

  it('simulates other loan terms and shows the new score and the dependent values recomputed', async () => {
    const client = await api(`/v1/clients/${target.id}`);
    const credit = Math.round(client.credit_amount / 2);
    const expected = await api(`/v1/clients/${target.id}/what-if`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ changes: { AMT_CREDIT: credit } }),
    });
    assert.ok(expected.moved.length > 0, 'a new amount moves the inputs built from it');
    await tabTo(page, (a) => a.id === 'wi-credit', { what: 'loan amount of the simulation' });
    await page.keyboard.press('Control+A');
    await page.keyboard.type(String(credit));
    await tabTo(page, (a) => a.tag === 'button' && a.text === 'Simuler', { what: 'simulate button' });
    await page.keyboard.press('Enter');
    const after = await percentIn(page, expected.after.probability);
    await page.waitForFunction((text) => document.querySelector('client-page').shadowRoot.querySelector('loan-simulation').shadowRoot.querySelector('.outcome')?.textContent.includes(text), after);
    const lines = await page.locator('client-page loan-simulation ul.moved li').allTextContents();
    assert.equal(lines.length, expected.moved.length);
    expected.moved.forEach((m, i) => assert.ok(lines[i].startsWith(`${m.label_fr}\u00a0: `) && lines[i].includes(' → '), lines[i]));
    await waitForLiveRegion(page, (text) => text.includes(after)); // the result is announced
    await page.evaluate(() => document.querySelector('client-page').shadowRoot.querySelector('.what-if').scrollIntoView());
    await screenshot(page, '05-what-if');
    await expectNoAxeViolations('client view');
  });

  it('reviews the client (kept in IndexedDB) and prints a one-page report', async () => {
    // The review is the only mark of a reviewed client: there is no separate "mark as reviewed" button.
    assert.equal(await page.evaluate(() => [...document.querySelector('client-page').shadowRoot.querySelectorAll('button')].some((b) => /Marquer comme revu/.test(b.textContent))), false);
    await tabTo(page, (a) => a.tag === 'button' && a.text === 'Enregistrer la revue', { max: 200, what: 'save the review' });
    await page.keyboard.press('Enter');
    await waitForLiveRegion(page, (text) => text.includes(`Revue du client ${target.id}`));
    // One database per signed-in advisor (pad-advisor-<partition>), never shared with another user.
    const stored = await page.evaluate(async (id) => {
      const names = (await indexedDB.databases()).map((d) => d.name).filter((n) => /^pad-advisor-[0-9a-f]{24}$/.test(n));
      if (names.length !== 1) throw new Error(`expected one per-user database, found ${names.join(', ') || 'none'}`);
      return new Promise((resolve, reject) => {
      const open = indexedDB.open(names[0]);
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const get = open.result.transaction('reviewed').objectStore('reviewed').get(id);
        get.onsuccess = () => resolve(get.result);
      };
      });
    }, target.id);
    const score = await api(`/v1/clients/${target.id}/score`);
    assert.equal(stored.score.probability, score.probability);
    assert.ok(stored.explanation.top.length > 0);
    assert.ok(!Number.isNaN(Date.parse(stored.fetchedAt)) && !Number.isNaN(Date.parse(stored.reviewedAt)));
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    assert.equal(countPdfPages(pdf), 1, 'the client report fits on one A4 page');
    await page.emulateMedia({ media: 'print' });
    await page.evaluate(() => scrollTo(0, 0));
    await screenshot(page, '06-client-report-print', { fullPage: true });
    await page.emulateMedia({ media: null });
    assert.equal(await page.evaluate(() => matchMedia('print').matches), false);
  });

  it('opens the model page from the navigation and reads every chart from the served numbers', async () => {
    const [metrics, importance, drift, model] = await Promise.all([api('/v1/model/metrics'), api('/v1/population/importance'), api('/v1/model/drift'), api('/v1/model')]);
    const labelFr = (name) => model.features.find((f) => f.name === name).label_fr;
    await tabTo(page, (a) => a.tag === 'a' && a.text === 'Modèle', { reverse: true, max: 250, what: 'Modèle link' });
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('model-page')?.shadowRoot?.querySelectorAll('chart-figure').length === 7);
    await page.waitForFunction(() => [...document.querySelector('model-page').shadowRoot.querySelectorAll('chart-figure')].every((f) => f.shadowRoot.querySelector('svg[aria-label]')));
    const headlines = await page.evaluate(() => [...document.querySelector('model-page').shadowRoot.querySelectorAll('chart-figure')].map((f) => f.shadowRoot.querySelector('h3, h4').textContent));
    const captions = await page.evaluate(() => [...document.querySelector('model-page').shadowRoot.querySelectorAll('chart-figure')].map((f) => f.shadowRoot.querySelector('figcaption').textContent));
    assert.ok(headlines[0].includes(labelFr(importance.features[0].name)), headlines[0]);
    assert.ok(headlines[1].includes(await percentIn(page, metrics.chosen.threshold)), headlines[1]);
    const cm = metrics.confusion_matrix;
    assert.ok(headlines[2].includes(await percentIn(page, cm.tp / (cm.tp + cm.fn), 'fr-FR', 0)), headlines[2]);
    // The reliability figure reads ECE and both Brier scores from the artifact.
    const cal = metrics.calibration;
    assert.ok(headlines[3].includes(await percentIn(page, cal.ece, 'fr-FR', 1)), headlines[3]);
    assert.ok(captions[3].includes(cal.brier.toFixed(3).replace('.', ',')) && captions[3].includes(cal.brier_prior.toFixed(3).replace('.', ',')), captions[3]);
    const reliabilityMarks = await page.evaluate(() => [...document.querySelector('model-page').shadowRoot.querySelectorAll('chart-figure')][3].shadowRoot.querySelectorAll('circle.bin').length);
    assert.equal(reliabilityMarks, cal.bins.filter((b) => b.n > 0).length);
    const flagged = drift.features.filter((f) => f.flagged).length;
    assert.ok(captions[4].startsWith(`${flagged} variables sur ${drift.features.length}`), captions[4]);
    const worst = [...drift.features].sort((a, b) => b.psi - a.psi)[0];
    assert.ok(captions[4].includes(`« ${labelFr(worst.name)} »`), captions[4]);
    for (const caption of captions) assert.equal(caption.split(/[.!?](\s|$)/).filter((s) => s && s.trim()).length, 2, `two sentences: ${caption}`);
    await screenshot(page, '07-model', { fullPage: true });
    await expectNoAxeViolations('model page');
  });

  it('lists the reviewed client on the Revus page', async () => {
    await tabTo(page, (a) => a.tag === 'a' && a.text === 'Revus', { reverse: true, max: 200, what: 'Revus link' });
    await page.keyboard.press('Enter');
    await page.waitForFunction((id) => document.querySelector('reviewed-page')?.shadowRoot?.querySelector('tbody th')?.textContent === String(id), target.id);
    await screenshot(page, '08-reviewed');
    await expectNoAxeViolations('reviewed page');
  });

  it('switches the interface to English and back', async () => {
    await tabTo(page, (a) => a.tag === 'button' && a.text === 'English', { reverse: true, max: 60, what: 'language toggle' });
    await page.keyboard.press('Enter');
    // English is a chunk of its own, fetched on the first switch: the interface changes once it is there.
    await page.waitForFunction(() => document.documentElement.lang === 'en', null, { timeout: 5000 });
    assert.equal(await shadowText(page, 'reviewed-page', 'h1'), 'Reviewed clients');
    assert.equal(await page.textContent('nav a[aria-current="page"]'), 'Reviewed');
    await tabTo(page, (a) => a.tag === 'a' && a.label === `Open client ${target.id}`, { what: 'open reviewed client' });
    await page.keyboard.press('Enter');
    await waitForClientView(page, target.id);
    assert.equal(await shadowText(page, 'client-page', '#h-why'), 'Why this decision?');
    const explanation = await api(`/v1/clients/${target.id}/explanation?top=10`);
    const phrases = await page.evaluate(() => [...document.querySelector('client-page').shadowRoot.querySelectorAll('.phrases li [lang]')].map((li) => [li.textContent, li.lang]));
    assert.deepEqual(phrases, explanation.top.map((t) => [t.phrase, 'en']));
    assert.ok((await shadowText(page, 'client-page', 'chart-figure[data-kind="waterfall"]', 'h3')).includes(explanation.top[0].label));
    await screenshot(page, '09-client-en');
    await expectNoAxeViolations('client view in English');
    await tabTo(page, (a) => a.tag === 'button' && a.text === 'Français', { reverse: true, max: 200, what: 'language toggle' });
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'fr');
  });
});
