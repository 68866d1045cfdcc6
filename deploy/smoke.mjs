#!/usr/bin/env node
/**
 * Smoke test of a deployed API (run by deploy-api.yml after `flyctl deploy`):
 *   node deploy/smoke.mjs [base-url] [--origin <dashboard origin>] [--timeout <s>] [--expect-version <v>]
 * SMOKE_TOKEN (an access token with clients:read, e.g. from a monitoring client) adds the checks
 * of a client's list and score; without it the smoke test checks that they refuse an anonymous caller.
 * base-url defaults to https://<app>.fly.dev from fly.toml; the expected model version
 * to artifacts/manifest.json's. The first probe retries until --timeout (default 60 s)
 * because a stopped Fly machine takes a few seconds to start. Exit 0 when all checks pass.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { flyAppUrl, repoRoot } from './fly-app.mjs';

const defaults = { timeoutSeconds: 60, requestTimeoutMs: 10_000, retryDelayMs: 2_000 };

async function get(url, headers = {}) {
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(defaults.requestTimeoutMs) });
  const text = await response.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

async function waitForHealth(base, timeoutSeconds) {
  const deadline = Date.now() + timeoutSeconds * 1000;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const r = await get(`${base}/health`);
      if (r.status === 200 && r.json?.status === 'ok') return;
      last = `HTTP ${r.status}`;
    } catch (err) {
      last = err.cause?.code ?? err.message;
    }
    await new Promise((resolve) => setTimeout(resolve, defaults.retryDelayMs));
  }
  throw new Error(`GET /health did not answer 200 {"status":"ok"} within ${timeoutSeconds} s (last: ${last})`);
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

async function run({ base, origin, timeoutSeconds, expectVersion, token }) {
  await waitForHealth(base, timeoutSeconds);
  console.log('ok   GET /health');
  const ready = await get(`${base}/ready`);
  expect(ready.status === 200, `GET /ready answered ${ready.status}`);
  expect(!expectVersion || ready.json?.model_version === expectVersion,
    `GET /ready model_version is ${ready.json?.model_version}, expected ${expectVersion}`);
  console.log(`ok   GET /ready (model ${ready.json.model_version})`);
  // Personal data never answers an anonymous caller.
  const anonymous = await get(`${base}/v1/clients?limit=1`);
  expect(anonymous.status === 401 && /^Bearer /i.test(anonymous.headers.get('www-authenticate') ?? '') && !('items' in (anonymous.json ?? {})),
    `GET /v1/clients without a token answered ${anonymous.status}: it must be 401 with WWW-Authenticate`);
  console.log('ok   GET /v1/clients without a token: 401');
  if (token) {
    const auth = { Authorization: `Bearer ${token}` };
    const list = await get(`${base}/v1/clients?limit=1`, auth);
    const id = list.json?.items?.[0]?.id;
    expect(list.status === 200 && Number.isInteger(id), `GET /v1/clients?limit=1 answered ${list.status} without a client id`);
    const score = await get(`${base}/v1/clients/${id}/score`, auth);
    const p = score.json?.probability;
    expect(score.status === 200 && typeof p === 'number' && p >= 0 && p <= 1 && ['granted', 'refused'].includes(score.json.decision),
      `GET /v1/clients/${id}/score answered ${score.status}: ${score.text.slice(0, 200)}`);
    console.log(`ok   GET /v1/clients/${id}/score (${score.json.decision}, p=${p.toFixed(3)})`);
  } else {
    console.log('skip GET /v1/clients/{id}/score (no SMOKE_TOKEN)');
  }
  const docs = await get(`${base}/docs`);
  expect(docs.status === 200 && (docs.headers.get('content-type') ?? '').startsWith('text/html'), `GET /docs answered ${docs.status}`);
  console.log('ok   GET /docs');
  if (origin) {
    // A refused answer carries the CORS headers too: the check needs no token.
    const cors = await get(`${base}/v1/model`, { Origin: origin });
    expect(cors.headers.get('access-control-allow-origin') === origin,
      `GET /v1/model from ${origin}: Access-Control-Allow-Origin is ${cors.headers.get('access-control-allow-origin')} (check CORS_ORIGINS)`);
    console.log(`ok   CORS allows ${origin}`);
  }
}

function manifestVersion() {
  const file = path.join(repoRoot, 'artifacts', 'manifest.json');
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')).model_version : undefined;
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { origin: { type: 'string' }, timeout: { type: 'string' }, 'expect-version': { type: 'string' } },
  });
  const timeoutSeconds = Number(values.timeout ?? defaults.timeoutSeconds);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) throw new Error(`--timeout must be a positive number, got "${values.timeout}"`);
  const base = (positionals[0] ?? flyAppUrl()).replace(/\/+$/, '');
  console.log(`smoke test of ${base}`);
  await run({ base, origin: values.origin, timeoutSeconds, expectVersion: values['expect-version'] ?? manifestVersion(), token: process.env.SMOKE_TOKEN || undefined });
  console.log('smoke test passed');
}

main().catch((err) => {
  console.error(`FAIL ${err.message}`);
  process.exit(1);
});
