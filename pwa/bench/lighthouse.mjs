// Lighthouse performance of the dashboard, signed in, on the client list and on a client page, with
// the real API on the bundled sample, the demo OpenID provider and the built app, all on 127.0.0.1.
//
// How the session is signed in, honestly: Chromium (Debian's) is started by chrome-launcher with a
// profile of its own; puppeteer-core signs in once through the provider's form, as an advisor would.
// Lighthouse then navigates that same tab. Its storage reset (the default) clears the HTTP cache, the
// service worker and Cache Storage before every run, but not cookies or localStorage: so each run is a
// cold load of the app by an advisor whose provider session is still open, i.e. the app's own silent
// sign-in (prompt=none round trip to the provider, then the code exchange) is inside the measurement.
//
// Prints, per page and preset (mobile = Lighthouse's default with simulated throttling, desktop =
// its desktop preset), the median of `runs` runs: performance score, LCP, TBT, CLS, and the
// JavaScript the page loaded (gzipped, computed from the built files).
// Usage: node bench/lighthouse.mjs [--runs N] [--preset mobile|desktop|both] [--dist DIR (default dist/)]
//        [--save DIR: write each run's Lighthouse report, JSON, there]
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { desktopConfig } from 'lighthouse';
import puppeteer from 'puppeteer-core';
import { chromiumPath, freePort, pwaDir, startApi, startIdp, startPwa } from '../e2e/harness.mjs';

export const defaults = {
  runs: 3,
  target: 0.95,
  jsBudgetKb: 100,
  account: { login: 'advisor', password: 'advisor-demo' },
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};

function parseArgs(argv) {
  const args = { runs: defaults.runs, presets: ['mobile', 'desktop'], dist: path.join(pwaDir, 'dist') };
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--runs') args.runs = Number(argv[++i]);
    else if (argv[i] === '--save') args.save = path.resolve(argv[++i]);
    else if (argv[i] === '--dist') args.dist = path.resolve(argv[++i]);
    else if (argv[i] === '--preset') args.presets = argv[++i] === 'both' ? ['mobile', 'desktop'] : [argv[i]];
  }
  if (!Number.isInteger(args.runs) || args.runs < 1) throw new Error(`--runs must be a positive integer, got ${args.runs}`);
  for (const p of args.presets) if (p !== 'mobile' && p !== 'desktop') throw new Error(`--preset must be mobile, desktop or both, got ${p}`);
  return args;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Sign in through the demo provider's form; the app then shows who is signed in. */
async function signIn(page, base, account) {
  await page.goto(base);
  await page.waitForSelector('.sign-in-button, .user', { timeout: 20000 });
  if (await page.$('.user')) return;
  await Promise.all([page.waitForNavigation(), page.click('.sign-in-button')]);
  await page.waitForSelector('#login', { timeout: 20000 });
  await page.type('#login', account.login);
  await page.type('#password', account.password);
  await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
  await page.waitForSelector('.user', { timeout: 20000 });
}

/** Gzipped size of the app's own scripts a run loaded, read from the built files. */
async function firstLoadJs(lhr, appUrl, distDir) {
  const scripts = lhr.audits['network-requests'].details.items
    .filter((r) => r.resourceType === 'Script' && r.url.startsWith(appUrl))
    .map((r) => new URL(r.url).pathname.replace(new URL(appUrl).pathname, ''));
  let gz = 0;
  for (const file of new Set(scripts)) gz += gzipSync(await readFile(path.join(distDir, file))).length;
  return { files: new Set(scripts).size, kb: gz / 1024 };
}

async function measure(page, port, url, preset, appUrl, dist, save) {
  const flags = { port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] };
  const result = await lighthouse(url, flags, preset === 'desktop' ? desktopConfig : undefined, page);
  const lhr = result.lhr;
  if (save) await writeFile(path.join(save, `${preset}-${url.split('#')[1].replace(/\W+/g, '_')}-${Date.now()}.json`), JSON.stringify(lhr));
  if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  const metric = (id) => lhr.audits[id].numericValue;
  return {
    score: lhr.categories.performance.score,
    lcp: metric('largest-contentful-paint'),
    tbt: metric('total-blocking-time'),
    cls: metric('cumulative-layout-shift'),
    fcp: metric('first-contentful-paint'),
    lcpElement: lhr.audits['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0]?.node?.snippet ?? '',
    js: await firstLoadJs(lhr, appUrl, dist),
  };
}

function report(page, preset, runs) {
  const pick = (k) => median(runs.map((r) => r[k]));
  const score = pick('score');
  const line = [
    `${page.padEnd(12)} ${preset.padEnd(8)}`,
    `performance ${score.toFixed(2)} [${runs.map((r) => r.score.toFixed(2)).join(', ')}]`,
    `LCP ${(pick('lcp') / 1000).toFixed(2)} s`,
    `TBT ${pick('tbt').toFixed(0)} ms`,
    `CLS ${pick('cls').toFixed(3)}`,
    `FCP ${(pick('fcp') / 1000).toFixed(2)} s`,
    `JS ${median(runs.map((r) => r.js.kb)).toFixed(1)} KB gz in ${runs[0].js.files} files`,
    `target >= ${defaults.target}: ${score >= defaults.target ? 'met' : 'MISSED'}`,
  ];
  console.log(line.join(' | '));
  console.log(`${''.padEnd(21)} LCP element: ${runs[0].lcpElement.slice(0, 110)}`);
}

const args = parseArgs(process.argv.slice(2));
if (args.save) await mkdir(args.save, { recursive: true });
const [pwaPort, apiPort, idpPort] = [await freePort(), await freePort(), await freePort()];
const pwaOrigin = `http://127.0.0.1:${pwaPort}`;
const issuer = `http://127.0.0.1:${idpPort}`;
// The API's record of access goes to a folder of this run, removed at the end.
const dataDir = await mkdtemp(path.join(tmpdir(), 'pad-lighthouse-data-'));
const api = await startApi({ port: apiPort, corsOrigins: [pwaOrigin], issuer, dataDir });
const idp = await startIdp({ port: idpPort, redirects: [`${pwaOrigin}/`] });
const pwa = await startPwa({ port: pwaPort, apiUrl: api.url, issuer, distDir: args.dist });
const chrome = await chromeLauncher.launch({ chromePath: chromiumPath(), chromeFlags: defaults.chromeFlags });
try {
  const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}`, defaultViewport: null });
  const page = await browser.newPage();
  await signIn(page, pwa.url, defaults.account);
  const id = await firstClientId(page);
  const pages = [['client list', `${pwa.url}#/clients`], [`client ${id}`, `${pwa.url}#/clients/${id}`]];
  console.log(`Lighthouse ${(await import('lighthouse/package.json', { with: { type: 'json' } })).default.version}, ${await browser.version()}, median of ${args.runs} runs, signed in as ${defaults.account.login}, cold cache each run`);
  for (const preset of args.presets) {
    for (const [name, url] of pages) {
      const runs = [];
      for (let i = 0; i < args.runs; i += 1) runs.push(await measure(page, chrome.port, url, preset, pwa.url, args.dist, args.save));
      report(name, preset, runs);
    }
  }
  await browser.disconnect();
} finally {
  chrome.kill();
  await pwa.stop();
  idp.stop();
  api.stop();
  await rm(dataDir, { recursive: true, force: true });
}

/** The first client of the list the signed-in page shows (the grid's rows are in its light DOM). */
async function firstClientId(page) {
  const link = await page.waitForFunction(() => document.querySelector('clients-page')?.shadowRoot?.querySelector('vaadin-grid a[href^="#/clients/"]')?.getAttribute('href'), { timeout: 20000 });
  return Number((await link.jsonValue()).split('/').at(-1));
}
