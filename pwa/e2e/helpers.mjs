// Page helpers for the browser tests: keyboard navigation through shadow DOM, waiting for
// views, axe-core, screenshots.
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { launchBrowser, repoRoot } from './harness.mjs';

export const screenshotDir = process.env.SCREENSHOT_DIR ?? path.join(repoRoot, 'docs/screenshots');
export const viewport = { width: 1280, height: 800 };

/** A description of the focused element, looking through open shadow roots. */
export function activeElement(page) {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el) return null;
    return {
      tag: el.tagName.toLowerCase(),
      id: el.id,
      text: (el.textContent ?? '').trim().slice(0, 120),
      label: el.getAttribute('aria-label') ?? '',
      href: el.getAttribute('href') ?? '',
      kind: el.closest?.('[data-kind]')?.getAttribute('data-kind') ?? el.getRootNode()?.host?.getAttribute?.('data-kind') ?? '',
      role: el.getAttribute('role') ?? '',
      part: el.getAttribute('part') ?? '',
      type: el.getAttribute('type') ?? '',
      classes: typeof el.className === 'string' ? el.className : (el.getAttribute('class') ?? ''),
    };
  });
}

/** Press Tab (or Shift+Tab) until the focused element matches, like a keyboard user would. */
export async function tabTo(page, predicate, { max = 80, reverse = false, what = 'target' } = {}) {
  const trail = [];
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press(reverse ? 'Shift+Tab' : 'Tab');
    const active = await activeElement(page);
    if (active && predicate(active)) return active;
    trail.push(active ? `${active.tag}#${active.id}.${active.part || active.classes}:${active.text.slice(0, 30)}` : 'null');
  }
  throw new Error(`Keyboard: ${what} not reached after ${max} presses of ${reverse ? 'Shift+Tab' : 'Tab'}; last stops: ${trail.slice(-8).join(' | ')}`);
}

/** Text of the single polite live region. */
export function liveRegion(page) {
  return page.evaluate(() => document.getElementById('live-region')?.textContent ?? '');
}

export async function waitForLiveRegion(page, predicate, timeout = 5000) {
  const deadline = Date.now() + timeout;
  let text = '';
  while (Date.now() < deadline) {
    text = await liveRegion(page);
    if (predicate(text)) return text;
    await page.waitForTimeout(50);
  }
  throw new Error(`Live region never matched; last text: "${text}"`);
}

/** Wait until the client view has drawn its gauge, waterfall and comparison charts. */
export async function waitForClientView(page, id, timeout = 15000) {
  await page.waitForFunction(
    (clientId) => document.querySelector('client-page')?.getAttribute('view-complete') === String(clientId),
    id,
    { timeout },
  );
}

/**
 * Scroll the client list's bivariate chart into view (it is fetched and drawn only near the screen,
 * as for an advisor scrolling down), wait until its points are drawn, then scroll back to the top.
 */
export async function showBookScatter(page, timeout = 30000) {
  await page.waitForFunction(() => document.querySelector('clients-page')?.shadowRoot?.querySelector('book-explorer')?.shadowRoot?.querySelector('section.points'), null, { timeout });
  await page.evaluate(() => document.querySelector('clients-page').shadowRoot.querySelector('book-explorer').shadowRoot.querySelector('section.points').scrollIntoView());
  await page.waitForFunction(() => document.querySelector('clients-page').shadowRoot.querySelector('book-explorer')
    ?.shadowRoot?.querySelector('chart-figure[data-kind="book-scatter"]')?.shadowRoot?.querySelector('path.point'), null, { timeout });
  await page.evaluate(() => scrollTo(0, 0));
}

/** Run axe-core (injected from the npm package) on the page; returns the violations. */
export async function runAxe(page) {
  const require = createRequire(import.meta.url);
  const source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  // Evaluated over the DevTools protocol, so the page's CSP (script-src 'self') does not block it.
  await page.evaluate(source);
  return page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ') + ' :: ' + n.failureSummary) }));
  });
}

export async function screenshot(page, name, options = {}) {
  await mkdir(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), ...options });
}

/** Query down a chain of shadow roots: shadowQuery(page, 'client-page', 'what-if-panel', 'button.primary'). */
export function shadowQuery(page, ...selectors) {
  return page.evaluateHandle((sels) => {
    let root = document;
    let el = null;
    for (const sel of sels) {
      el = root?.querySelector(sel) ?? null;
      root = el?.shadowRoot ?? root;
    }
    return el;
  }, selectors);
}

export async function shadowText(page, ...selectors) {
  const handle = await shadowQuery(page, ...selectors);
  // Collapse ASCII whitespace only: the French number format uses (narrow) no-break spaces.
  return handle.evaluate((el) => (el ? el.textContent.replace(/[ \t\n\r]+/g, ' ').trim() : null));
}

/** The demo advisor of the embedded provider (README: demo-only credentials). */
export const demoAdvisor = { login: 'advisor', password: 'advisor-demo' };

/**
 * Sign in through the embedded provider's form, as an advisor would: open the dashboard, press
 * "Se connecter", fill in the form, and wait until the dashboard says who is signed in.
 */
export async function signIn(page, base, account = demoAdvisor) {
  await page.goto(base);
  await page.waitForSelector('.sign-in-button, .user', { timeout: 15000 });
  if (await page.$('.user')) return;
  await page.click('.sign-in-button');
  await page.waitForSelector('#login', { timeout: 15000 });
  await page.fill('#login', account.login);
  await page.fill('#password', account.password);
  await Promise.all([page.waitForURL((url) => url.href.startsWith(base), { timeout: 15000 }), page.click('button[type="submit"]')]);
  await page.waitForSelector('.user', { timeout: 15000 });
}

/**
 * A fresh browser with one signed-in page (French, the default viewport unless told), whose uncaught
 * errors are pushed to `errors` so the suite can assert there were none.
 */
export async function openSignedIn(base, errors, contextOptions = { viewport, locale: 'fr-FR' }) {
  const browser = await launchBrowser();
  const page = await (await browser.newContext(contextOptions)).newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  await signIn(page, base);
  return { browser, page };
}

/** Fill and submit the review form of the client page shown (outcome value, justification, note). */
export async function submitReview(page, outcome, { justification = '', note = '' } = {}) {
  const form = await shadowQuery(page, 'client-page', 'review-form');
  await form.evaluate((el, [o, j, n]) => {
    const root = el.shadowRoot;
    root.querySelector(`input[value="${o}"]`).click();
    root.querySelector('#justification').value = j;
    root.querySelector('#note').value = n;
  }, [outcome, justification, note]);
  await form.evaluate((el) => el.shadowRoot.querySelector('button[type="submit"]').click());
}

/** Rewrite, in this advisor's IndexedDB, the kept copy of a client (e.g. as an older model made it). */
export function rewriteKeptCopy(page, id, modelVersion) {
  return page.evaluate(async ([clientId, version]) => {
    const names = (await indexedDB.databases()).map((d) => d.name).filter((n) => /^pad-advisor-/.test(n));
    if (names.length !== 1) throw new Error(`expected one per-user database, found ${names.join(', ') || 'none'}`);
    const db = await new Promise((resolve, reject) => {
      const r = indexedDB.open(names[0]);
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const store = () => db.transaction('reviewed', 'readwrite').objectStore('reviewed');
    const record = await new Promise((resolve) => { const g = store().get(clientId); g.onsuccess = () => resolve(g.result); });
    if (!record) throw new Error(`client ${clientId} is not kept`);
    if (version !== undefined) {
      record.score.model_version = version;
      record.explanation.model_version = version;
      await new Promise((resolve, reject) => { const p = store().put(record); p.onsuccess = resolve; p.onerror = () => reject(p.error); });
    }
    db.close();
    return record;
  }, [id, modelVersion]);
}
