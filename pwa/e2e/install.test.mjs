// Installability: the manifest is valid and fetched, the service worker controls the page (also
// under a sub-path), and Chromium's own check (CDP Page.getInstallabilityErrors) finds nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { API, IDP, PWA } from './api.mjs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchBrowser, launchPersistent } from './harness.mjs';
import { viewport } from './helpers.mjs';

let browser;

function pngSize(buffer) {
  assert.equal(buffer.subarray(1, 4).toString('ascii'), 'PNG');
  return [buffer.readUInt32BE(16), buffer.readUInt32BE(20)];
}

async function checkInstallable(base) {
  // A persistent profile: Chromium refuses to install from incognito-like contexts.
  const profile = await mkdtemp(path.join(tmpdir(), 'pad-install-'));
  const context = await launchPersistent(profile, viewport);
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(base);
  await page.waitForFunction(() => !!navigator.serviceWorker?.controller, null, { timeout: 15000 });
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  assert.equal(scope, base);
  const cdp = await context.newCDPSession(page);
  const manifest = await cdp.send('Page.getAppManifest');
  assert.deepEqual(manifest.errors, []);
  assert.equal(manifest.url, `${base}manifest.webmanifest`);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  assert.deepEqual(installabilityErrors, []);
  await context.close();
  await rm(profile, { recursive: true, force: true });
}

describe('installable PWA', () => {
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => browser?.close());

  it('serves a complete manifest with any and maskable icons of 192 and 512 pixels', async () => {
    const res = await fetch(`${PWA}manifest.webmanifest`);
    assert.match(res.headers.get('content-type'), /^application\/manifest\+json/);
    const manifest = await res.json();
    assert.equal(manifest.name, 'Prêt à dépenser — Scoring');
    assert.ok(manifest.short_name.length <= 12);
    assert.equal(manifest.display, 'standalone');
    assert.equal(manifest.start_url, './');
    assert.equal(manifest.scope, './');
    assert.match(manifest.theme_color, /^#[0-9a-f]{6}$/i);
    assert.match(manifest.background_color, /^#[0-9a-f]{6}$/i);
    for (const purpose of ['any', 'maskable']) {
      for (const size of [192, 512]) {
        const icon = manifest.icons.find((i) => i.purpose === purpose && i.sizes === `${size}x${size}`);
        assert.ok(icon, `${purpose} ${size} icon`);
        const png = Buffer.from(await (await fetch(new URL(icon.src, `${PWA}manifest.webmanifest`))).arrayBuffer());
        assert.deepEqual(pngSize(png), [size, size]);
      }
    }
  });

  it('serves sw.js uncached with Service-Worker-Allowed, and config.json with the API URL and the provider', async () => {
    const sw = await fetch(`${PWA}sw.js`);
    assert.equal(sw.headers.get('cache-control'), 'no-cache');
    assert.equal(sw.headers.get('service-worker-allowed'), new URL(PWA).pathname);
    assert.match(sw.headers.get('content-type'), /^text\/javascript/);
    assert.deepEqual(await (await fetch(`${PWA}config.json`)).json(), { apiUrl: API, issuer: IDP, clientId: 'pad-dashboard' });
  });

  it('is controlled by its service worker and passes Chromium’s installability check', async () => {
    await checkInstallable(PWA);
  });

  it('works the same when hosted under a sub-path', { skip: !process.env.E2E_PWA_SUBPATH_URL && 'no sub-path build (E2E_PWA_SUBPATH_URL)' }, async () => {
    await checkInstallable(process.env.E2E_PWA_SUBPATH_URL);
  });
});
