// Every chart's data table open at once must keep axe at zero violations (a long scrolling table
// is a focusable region), and the printed client report is one A4 page whose size and margins
// come from the page's own @page rule, in French, with the advisor, the date, the decision, the
// reasons grouped in plain words and the next steps; no data-set name, no log-odds, no cut label.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PWA, api, countPdfPages } from './api.mjs';
import { openSignedIn, runAxe, showBookScatter, waitForClientView } from './helpers.mjs';

let browser;
let page;
let target;
const errors = [];

/** Clicks every "show as table" toggle, through shadow roots; returns how many it opened. */
function openAllTables() {
  const buttons = [];
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot) walk(el.shadowRoot);
      const controls = el.getAttribute?.('aria-controls') ?? '';
      if (el.tagName === 'BUTTON' && el.getAttribute('aria-expanded') === 'false' && (controls.endsWith('-table') || controls.startsWith('glossary-'))) buttons.push(el);
    }
  };
  walk(document);
  buttons.forEach((b) => b.click());
  return buttons.length;
}

/** Media boxes of the PDF's pages, in points. */
function mediaBoxes(pdf) {
  return [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/g)]
    .map((m) => [Number(m[3]) - Number(m[1]), Number(m[4]) - Number(m[2])]);
}

describe('data tables and the printed report', () => {
  before(async () => {
    ({ browser, page } = await openSignedIn(PWA, errors));
    target = (await api('/v1/clients?limit=1&dataset=train&decision=refused&sort=-probability')).items[0];
  });
  after(async () => {
    await browser?.close();
    assert.deepEqual(errors, [], 'no uncaught errors in the page');
  });

  for (const [name, hash, ready, least] of [
    ['the client list and its explorer', '#/clients', () => showBookScatter(page), 2],
    ['a client', () => `#/clients/${target.id}`, () => waitForClientView(page, target.id, 30000), 3],
    ['the model page', '#/model', () => page.waitForFunction(() => (document.querySelector('model-page')?.shadowRoot?.querySelectorAll('chart-figure').length ?? 0) >= 4, null, { timeout: 30000 }), 4],
  ]) {
    it(`has no axe violation on ${name} with every data table open`, async () => {
      await page.goto(`${PWA}${typeof hash === 'function' ? hash() : hash}`);
      await ready();
      const opened = await page.evaluate(openAllTables);
      assert.ok(opened >= least, `opened ${opened} tables`);
      await page.waitForTimeout(300);
      const violations = await runAxe(page);
      assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
      if (name !== 'the client list and its explorer') {
        const glossary = await page.evaluate(() => {
          const host = document.querySelector('model-page, client-page');
          const find = (root) => root.querySelector('glossary-panel') ?? [...root.querySelectorAll('*')].map((e) => e.shadowRoot && find(e.shadowRoot)).find(Boolean);
          return find(host.shadowRoot)?.shadowRoot?.querySelector('dl')?.textContent ?? '';
        });
        for (const term of ['PSI', 'KS', 'FNR', 'FPR', 'Log-odds', '|SHAP|', 'Points de probabilité']) assert.ok(glossary.includes(term), `glossary explains ${term}`);
      }
    });
  }

  it('prints the client report on one A4 page from the page\'s @page rule, in plain French', async () => {
    await page.goto(`${PWA}#/clients/${target.id}`);
    await waitForClientView(page, target.id, 30000);
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    assert.equal(countPdfPages(pdf), 1, 'one page');
    const [w, h] = mediaBoxes(pdf)[0];
    assert.ok(Math.abs(w - 595.28) < 1 && Math.abs(h - 841.89) < 1, `A4 from @page, got ${w} x ${h} pt`);
    await page.emulateMedia({ media: 'print' });
    const text = await page.evaluate(() => {
      const parts = [];
      const walk = (root) => {
        for (const el of root.querySelectorAll('*')) {
          if (el.shadowRoot) walk(el.shadowRoot);
          if (el.tagName === 'STYLE' || el.tagName === 'SCRIPT') continue;
          const r = el.getBoundingClientRect();
          const visible = r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
          if (!visible) continue;
          for (const n of el.childNodes) if (n.nodeType === Node.TEXT_NODE && n.textContent.trim()) parts.push(n.textContent.trim());
        }
      };
      walk(document);
      return parts.join('\n');
    });
    await page.emulateMedia({ media: null });
    assert.match(text, new RegExp(`Rapport client — ${target.id}`));
    assert.match(text, /Conseiller : /);
    assert.match(text, /Édité le \d/);
    assert.match(text, /Refusé/);
    // The applicant reads the reasons grouped by theme, the largest first, in points (not the per-input lists).
    const explanation = await api(`/v1/clients/${target.id}/explanation?top=10`);
    const largest = [...explanation.groups].sort((a, b) => Math.abs(b.points) - Math.abs(a.points))[0];
    assert.ok(text.includes(largest.phrase_fr), `the printed report gives the largest reason: ${largest.phrase_fr}`);
    assert.doesNotMatch(text, /Ce qui augmente le risque/);
    assert.match(text, /Prochaines étapes/);
    assert.doesNotMatch(text, /log-odds|SHAP|Jeu de données|Historique|Nouveaux clients/i);
    assert.doesNotMatch(text, /…/, 'no cut label on paper');
  });
});
