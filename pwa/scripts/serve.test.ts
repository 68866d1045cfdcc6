// @vitest-environment node
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without type declarations
import { createStaticServer, normaliseBase, parseApiUrl, parsePort } from './serve.mjs';

function rawStatus(urlPath: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port: (server.address() as AddressInfo).port, path: urlPath }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on('error', reject);
  });
}

let dir: string;
let server: import('node:http').Server;
let base: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'pad-serve-'));
  await mkdir(path.join(dir, 'assets'));
  await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>x</title>');
  await writeFile(path.join(dir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  await writeFile(path.join(dir, 'assets/app-AbCd1234.js'), 'export {};');
  await writeFile(path.join(dir, 'manifest.webmanifest'), '{}');
  await writeFile(path.join(tmpdir(), 'pad-secret.txt'), 'secret');
  server = await createStaticServer({ distDir: dir, apiUrl: 'http://127.0.0.1:8123/', basePath: '/pad', issuer: 'http://127.0.0.1:9555', clientId: 'dash' });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  await rm(dir, { recursive: true, force: true });
});

describe('static server', () => {
  it('writes config.json from API_URL, OIDC_ISSUER and OIDC_CLIENT_ID at start', async () => {
    expect(JSON.parse(await readFile(path.join(dir, 'config.json'), 'utf8'))).toEqual({ apiUrl: 'http://127.0.0.1:8123', issuer: 'http://127.0.0.1:9555', clientId: 'dash' });
    const res = await fetch(`${base}/pad/config.json`);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache');
  });

  it('serves index.html at the base path with a CSP that allows the API and the provider origins only', async () => {
    const res = await fetch(`${base}/pad/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toContain("connect-src 'self' http://127.0.0.1:8123 http://127.0.0.1:9555;");
    expect((await fetch(`${base}/pad`, { redirect: 'manual' })).headers.get('location')).toBe('/pad/');
  });

  it('serves sw.js with no-cache and Service-Worker-Allowed, hashed assets as immutable, the manifest with its MIME type', async () => {
    const sw = await fetch(`${base}/pad/sw.js`);
    expect(sw.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(sw.headers.get('cache-control')).toBe('no-cache');
    expect(sw.headers.get('service-worker-allowed')).toBe('/pad/');
    expect((await fetch(`${base}/pad/assets/app-AbCd1234.js`)).headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${base}/pad/manifest.webmanifest`)).headers.get('content-type')).toBe('application/manifest+json; charset=utf-8');
  });

  it('answers 404 outside the base path or for missing files, 403 for escapes, 405 for writes', async () => {
    expect((await fetch(`${base}/index.html`)).status).toBe(404);
    expect((await fetch(`${base}/pad/nope.js`)).status).toBe(404);
    // An encoded slash survives URL normalisation: /pad/..%2fpad-secret.txt decodes to /pad/../pad-secret.txt.
    expect(await rawStatus('/pad/..%2fpad-secret.txt')).toBe(403);
    expect((await fetch(`${base}/pad/index.html`, { method: 'POST' })).status).toBe(405);
  });

  it('validates its settings with messages naming the variable', () => {
    expect(normaliseBase('pad/')).toBe('/pad/');
    expect(normaliseBase('')).toBe('/');
    expect(parseApiUrl(undefined)).toBe('http://127.0.0.1:8000');
    expect(() => parseApiUrl('localhost:8000')).toThrow(/API_URL must/);
    expect(() => parsePort('80a')).toThrow(/PWA_PORT must be an integer/);
    expect(parsePort('')).toBe(5173);
  });
});
