// A new applicant typed into the dashboard, against the real API: the form sends the Kaggle
// values (ages converted to DAYS_*), the score and the grouped reasons shown are the API's, a
// loan simulation recomputes the dependent inputs, and the API's 400 reasons appear beside the
// field they name. Also: import of a Kaggle CSV row, and axe on every state.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PWA, api, percentIn, tokenFor } from './api.mjs';
import { activeElement, openSignedIn, runAxe, screenshot, screenshotDir, tabTo } from './helpers.mjs';
import { fillApplicant, fieldSelector } from './application-form.mjs';
import { applicationRow } from './sample.mjs';

const applicantId = 100002;
let browser;
let page;
let schema;
let expected;
const errors = [];

const post = (path, body) => api(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
async function postProblem(path, body) {
  // As the advisor the page signs in as (scope applications:score).
  const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${await tokenFor('advisor')}` };
  const res = await fetch(`${process.env.E2E_API_URL}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  assert.equal(res.status, 400, `${path} should refuse ${JSON.stringify(body).slice(0, 200)}`);
  return res.json();
}
const id = fieldSelector;
const text = (selector) => page.locator(selector).first().evaluate((el) => el.textContent.replace(/[ \t\n\r]+/g, ' ').trim());

async function expectNoAxeViolations(name) {
  const violations = await runAxe(page);
  assert.deepEqual(violations, [], `axe violations on ${name}: ${JSON.stringify(violations, null, 2)}`);
}

describe('new application (typed, scored, simulated, refused)', () => {
  before(async () => {
    ({ browser, page } = await openSignedIn(PWA, errors));
    schema = await api('/v1/applications/schema');
  });
  after(async () => {
    await browser?.close();
    assert.deepEqual(errors, [], 'no uncaught errors in the page');
  });

  it('opens "Nouvelle demande" from the navigation once signed in, says the application is not stored', async () => {
    await tabTo(page, (a) => a.tag === 'a' && a.text === 'Nouvelle demande', { what: 'Nouvelle demande link' });
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => location.hash === '#/applications/new');
    await page.locator(id('application.AMT_CREDIT')).waitFor();
    assert.equal((await activeElement(page)).tag, 'h1', 'focus moves to the page heading');
    assert.match(await text('application-page .privacy'), /envoyée uniquement à l’API .* oubliée quand vous quittez la page/);
    await expectNoAxeViolations('empty new-application form');
  });

  it('sends what the advisor typed as Kaggle values and shows the API score and grouped reasons', async () => {
    expected = await fillApplicant(page, schema, applicantId);
    const sent = page.waitForRequest((r) => r.method() === 'POST' && /\/v1\/applications\?/.test(r.url()));
    await page.locator(id('application.AMT_CREDIT')).press('Enter');
    assert.deepEqual(JSON.parse((await sent).postData()), expected, 'the body is the Kaggle application');
    const score = await post('/v1/applications?explain=true&top=10', expected);
    await page.locator('application-result .decision').waitFor();
    assert.ok((await text('application-result .decision')).includes(await percentIn(page, score.probability)));
    const groups = await page.locator('application-result ul.groups li').count();
    assert.equal(groups, score.explanation.groups.length);
    const biggest = [...score.explanation.groups].sort((a, b) => Math.abs(b.points) - Math.abs(a.points))[0];
    assert.ok((await text('application-result ul.groups li')).includes(biggest.phrase_fr), 'largest reason first, in French');
    const sum = score.explanation.groups.reduce((s, g) => s + g.points, 0);
    assert.ok(Math.abs(sum - (score.probability - score.explanation.base_probability)) < 1e-6, 'points add up to the probability');
    await page.locator('application-result chart-figure[data-kind="gauge"]').waitFor();
    await screenshot(page, '11-new-application', { fullPage: true });
    await expectNoAxeViolations('scored new application');
  });

  it('simulates other loan terms and shows the dependent values recomputed', async () => {
    const credit = Math.round(expected.application.AMT_CREDIT / 2);
    const result = await post('/v1/applications/what-if', { ...expected, changes: { AMT_CREDIT: credit } });
    assert.ok(result.moved.length > 0, 'a new amount moves the inputs built from it');
    await page.locator('#na-credit').fill(String(credit));
    await page.locator('#na-credit').press('Enter');
    const afterText = await percentIn(page, result.after.probability);
    // Locators pierce the shadow roots (page → result → simulation).
    await page.locator('application-result loan-simulation .outcome', { hasText: afterText }).waitFor();
    const lines = await page.locator('application-result loan-simulation ul.moved li').allTextContents();
    assert.equal(lines.length, result.moved.length);
    result.moved.forEach((m, i) => assert.ok(lines[i].startsWith(`${m.label_fr}\u00a0: `) && lines[i].includes(' → '), lines[i]));
    // The whole simulation card: the terms typed, the new score and the values recomputed.
    await page.locator('application-result section.simulation').screenshot({ path: path.join(screenshotDir, '12-new-application-simulation.png') });
    await expectNoAxeViolations('simulation result');
  });

  it('refuses an out-of-range simulated amount with the API reason beside the field', async () => {
    const problem = await postProblem('/v1/applications/what-if', { ...expected, changes: { AMT_CREDIT: -1000 } });
    await page.locator('#na-credit').fill('-1000');
    await page.locator('#na-credit').press('Enter');
    await page.locator('#na-credit-error').waitFor();
    const reason = problem.errors.find((e) => e.field.endsWith('AMT_CREDIT'));
    assert.ok(reason, JSON.stringify(problem));
    // The API's reason, read in French with the range in euros (a new API wording must be taught to api-reasons.ts).
    assert.match(reason.message, /^implausible value: must be /);
    assert.match(await text('#na-credit-error'), /Valeur refusée par l’API, attendu : de 0 à \d/);
    assert.equal(await page.locator('#na-credit').getAttribute('aria-invalid'), 'true');
  });

  it('shows the API reasons of a refused application next to each field, listed at the top', async () => {
    const bad = { application: { ...expected.application, AMT_INCOME_TOTAL: -5 } };
    const problem = await postProblem('/v1/applications?explain=true&top=10', bad);
    const reason = problem.errors.find((e) => e.field === 'application.AMT_INCOME_TOTAL');
    assert.ok(reason, JSON.stringify(problem));
    await page.locator(id('application.AMT_INCOME_TOTAL')).fill('-5');
    await page.locator(id('application.AMT_INCOME_TOTAL')).press('Enter');
    await page.locator(`${id('application.AMT_INCOME_TOTAL')}-error`).waitFor();
    assert.match(reason.message, /^implausible value: must be /);
    const range = (await text(`${id('application.AMT_INCOME_TOTAL')}-hint`)).replace(/^De/, 'de');
    assert.ok((await text(`${id('application.AMT_INCOME_TOTAL')}-error`)).includes(`Valeur refusée par l’API, attendu : ${range}.`));
    assert.equal(await page.locator('application-result').count(), 0, 'no score for a refused application');
    assert.equal((await activeElement(page)).id, 'refused-heading', 'focus goes to the list of reasons');
    assert.equal(await page.locator('application-page .summary li').count(), problem.errors.length);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    assert.equal((await activeElement(page)).id, id(problem.errors[0].field).slice(1), 'a listed reason leads to its field');
    await screenshot(page, '13-new-application-error');
    await expectNoAxeViolations('refused application');
  });

  it('imports a Kaggle CSV row exported by another tool and scores it', async () => {
    const { headerLine, line } = applicationRow(applicantId);
    await page.locator('#import-file').setInputFiles({ name: 'demande.csv', mimeType: 'text/csv', buffer: Buffer.from(`${headerLine}\n${line}\n`) });
    await page.waitForFunction(() => /importé/.test(document.querySelector('application-page')?.shadowRoot?.querySelector('.import .notice')?.textContent ?? ''));
    assert.equal(await page.locator(id('application.AMT_CREDIT')).inputValue(), '406597,5');
    const sent = page.waitForRequest((r) => r.method() === 'POST' && /\/v1\/applications\?/.test(r.url()));
    await page.locator('application-page form button.primary').click();
    const body = JSON.parse((await sent).postData());
    assert.equal(body.id, applicantId);
    assert.equal(body.application.DAYS_BIRTH, -9461);
    const score = await post('/v1/applications?explain=true&top=10', body);
    await page.locator('application-result .decision').waitFor();
    assert.ok((await text('application-result .decision')).includes(await percentIn(page, score.probability)));
  });

  it('keeps nothing of the application when the advisor leaves the page', async () => {
    await page.goto(`${PWA}#/clients`);
    await page.goto(`${PWA}#/applications/new`);
    await page.locator(id('application.AMT_CREDIT')).waitFor();
    assert.equal(await page.locator(id('application.AMT_CREDIT')).inputValue(), '');
    const cached = await page.evaluate(async () => {
      const hits = [];
      for (const name of await caches.keys()) for (const req of await (await caches.open(name)).keys()) if (/\/v1\/applications(\?|\/what-if|$)/.test(req.url)) hits.push(req.url);
      return hits;
    });
    assert.deepEqual(cached, [], 'no application answer in the service worker cache');
  });
});
