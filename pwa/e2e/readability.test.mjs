// Readability at the four screens of the issue (1366×768, 1920×1080, 390×844 and 200 % zoom,
// i.e. 1366×768 at device scale 2 with half the CSS pixels): on the client list, a client, the
// model page, the reviewed page and a scored new application, no text overflows its box (HTML: scrollWidth vs clientWidth
// of clipping boxes and the page itself; SVG: each text's extent inside its svg), no chart label
// is cut with "…", and no category value is left in English in the French interface; the new
// application (form and result, the form's controls being the densest of the dashboard) is also axe-clean.
// Screenshots of each view at each screen go to SCREENSHOT_DIR (docs/screenshots by `make screenshots`).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PWA, api } from './api.mjs';
import { launchBrowser } from './harness.mjs';
import { fillApplicant, fieldSelector } from './application-form.mjs';
import { runAxe, screenshot, showBookScatter, signIn, waitForClientView } from './helpers.mjs';

export const screens = [
  { name: '1366x768', viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1 },
  { name: '1920x1080', viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1 },
  { name: '390x844', viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
  { name: 'zoom200', viewport: { width: 683, height: 384 }, deviceScaleFactor: 2 },
];

/** Runs in the page: every overflowing text box, clipped or cut SVG label, through shadow roots. */
function findOverflows() {
  const problems = [];
  const describeEl = (el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.getAttribute('class') ? `.${String(el.getAttribute('class')).split(' ')[0]}` : ''} "${(el.textContent ?? '').trim().slice(0, 60)}"`;
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
  };
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot) walk(el.shadowRoot);
      if (el instanceof SVGTextElement) {
        const svg = el.ownerSVGElement;
        if (!svg || !visible(svg) || el.closest('[visibility="hidden"]')) continue;
        const text = el.textContent ?? '';
        if (text.trim().endsWith('…')) problems.push(`cut SVG label ${describeEl(el)}`);
        // Screen boxes: group transforms included; the svg's own box is the chart's room.
        const box = el.getBoundingClientRect();
        const room = svg.getBoundingClientRect();
        if (box.width === 0) continue;
        if (box.left < room.left - 1 || box.right > room.right + 1 || box.top < room.top - 1 || box.bottom > room.bottom + 1) {
          problems.push(`SVG text outside its chart ${describeEl(el)} (${Math.round(box.left - room.left)}..${Math.round(box.right - room.left)} of ${Math.round(room.width)} wide)`);
        }
        continue;
      }
      // Screen-reader-only text is clipped to 1px on purpose.
      if (!(el instanceof HTMLElement) || !visible(el) || el.classList.contains('sr-only')) continue;
      const hasText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim() !== '');
      if (!hasText) continue;
      const style = getComputedStyle(el);
      const clips = style.textOverflow === 'ellipsis' || ['hidden', 'clip'].includes(style.overflowX);
      if (clips && el.scrollWidth > el.clientWidth + 1) problems.push(`clipped text ${describeEl(el)} (${el.scrollWidth} > ${el.clientWidth})`);
    }
  };
  walk(document);
  const page = document.documentElement;
  if (page.scrollWidth > page.clientWidth + 1) problems.push(`the page scrolls sideways (${page.scrollWidth} > ${page.clientWidth})`);
  return problems;
}

/** Runs in the page: every visible text and accessible name, through shadow roots. */
function allTexts() {
  const texts = [];
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot) walk(el.shadowRoot);
      if (el.tagName === 'STYLE' || el.tagName === 'SCRIPT') continue;
      for (const attr of ['aria-label', 'title', 'alt']) if (el.getAttribute(attr)) texts.push(el.getAttribute(attr));
      for (const n of el.childNodes) if (n.nodeType === Node.TEXT_NODE && n.textContent.trim()) texts.push(n.textContent.trim());
    }
  };
  walk(document);
  return texts;
}

let browser;
let target;
let english;
let schema;
const errors = [];
/** A real applicant of the sample, typed into "Nouvelle demande". */
const applicantId = 100002;

describe('readable at 1366×768, 1920×1080, 390×844 and 200 % zoom, in French', () => {
  before(async () => {
    browser = await launchBrowser();
    target = (await api('/v1/clients?limit=1&dataset=train&decision=refused&sort=-previous_applications')).items[0];
    const model = await api('/v1/model');
    // English category texts the French interface must translate (those the catalogue changes).
    english = model.features.flatMap((f) => {
      const en = Array.isArray(f.categories) ? f.categories : Object.values(f.categories ?? {});
      const fr = Array.isArray(f.categories_fr) ? f.categories_fr : Object.values(f.categories_fr ?? {});
      // One-letter codes (CODE_GENDER's F / M) are not words a reader would see as English.
      return en.filter((text, i) => fr[i] !== text && text.length > 1);
    });
    assert.ok(english.includes('Cash loans') && english.includes('Laborers'));
    schema = await api('/v1/applications/schema');
  });
  after(async () => {
    await browser?.close();
    assert.deepEqual(errors, [], 'no uncaught errors in the page');
  });

  for (const screen of screens) {
    it(`fits every label at ${screen.name} on the list, a client, the model, the reviewed and the new-application pages`, async () => {
      const context = await browser.newContext({ ...screen, locale: 'fr-FR' });
      const page = await context.newPage();
      page.on('pageerror', (e) => errors.push(e.message));
      await signIn(page, PWA);
      const views = [
        ['clients', '#/clients', () => showBookScatter(page)],
        ['client', `#/clients/${target.id}`, () => waitForClientView(page, target.id, 30000)],
        ['model', '#/model', () => page.waitForFunction(() => (document.querySelector('model-page')?.shadowRoot?.querySelectorAll('chart-figure').length ?? 0) >= 4, null, { timeout: 30000 })],
        ['reviewed', '#/reviewed', () => page.waitForFunction(() => document.querySelector('reviewed-page')?.shadowRoot?.querySelector('h1'), null, { timeout: 30000 })],
        ['new-application', '#/applications/new', async () => {
          await page.locator(fieldSelector('application.AMT_CREDIT')).waitFor({ timeout: 30000 });
          await fillApplicant(page, schema, applicantId);
          await page.locator('application-page form button.primary').click();
          await page.locator('application-result chart-figure[data-kind="gauge"]').waitFor({ timeout: 30000 });
        }],
      ];
      const problems = [];
      const untranslated = [];
      const axe = [];
      for (const [name, hash, ready] of views) {
        await page.goto(`${PWA}${hash}`);
        await ready();
        // Charts redraw after their ResizeObserver settles.
        await page.waitForTimeout(400);
        for (const p of await page.evaluate(findOverflows)) problems.push(`${name}: ${p}`);
        const texts = await page.evaluate(allTexts);
        for (const text of texts) {
          const hit = english.find((e) => new RegExp(`(^|[^\\p{L}])${e.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}($|[^\\p{L}])`, 'u').test(text));
          if (hit) untranslated.push(`${name}: "${hit}" in "${text.slice(0, 80)}"`);
        }
        if (name === 'new-application') for (const v of await runAxe(page)) axe.push(`${v.id}: ${v.help} (${v.nodes.join('; ')})`);
        await screenshot(page, `screen-${screen.name}-${name}`);
      }
      await context.close();
      assert.deepEqual(axe, [], `axe violations on the new application at ${screen.name}`);
      assert.deepEqual(problems, [], `overflowing or cut text at ${screen.name}`);
      assert.deepEqual(untranslated, [], `English category values in the French interface at ${screen.name}`);
    });
  }
});
