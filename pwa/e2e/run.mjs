// Starts the real API and the built dashboard once, then runs the browser tests with node's
// test runner (its summary is printed), then stops both. Exit code = the test runner's.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, pwaDir, startApi, startIdp, startPwa } from './harness.mjs';

const pwaPort = await freePort();
const subPort = await freePort();
const apiPort = await freePort();
const idpPort = await freePort();
const pwaOrigin = `http://127.0.0.1:${pwaPort}`;
const subOrigin = `http://127.0.0.1:${subPort}`;
const issuer = `http://127.0.0.1:${idpPort}`;
// The record of access of this run, in a folder of its own (the tests read it back through /v1/audit).
const dataDir = mkdtempSync(path.join(tmpdir(), 'pad-e2e-data-'));
console.log(`# starting the API on 127.0.0.1:${apiPort}, the demo provider on ${issuer} and the dashboard on ${pwaOrigin}`);
const api = await startApi({ port: apiPort, corsOrigins: [pwaOrigin, subOrigin], issuer, dataDir });
const idp = await startIdp({ port: idpPort, redirects: [`${pwaOrigin}/`, `${subOrigin}/pad/`] });
const pwa = await startPwa({ port: pwaPort, apiUrl: api.url, issuer });
// The same app built with BASE_PATH=/pad/ (dist-subpath/), served under /pad/, when it was built.
const subDist = path.join(pwaDir, 'dist-subpath');
const sub = existsSync(path.join(subDist, 'index.html'))
  ? await startPwa({ port: subPort, apiUrl: api.url, issuer, basePath: '/pad/', distDir: subDist })
  : null;

const only = process.argv.slice(2);
const files = readdirSync(path.join(pwaDir, 'e2e'))
  .filter((f) => f.endsWith('.test.mjs') && (only.length === 0 || only.some((o) => f.includes(o))))
  .sort()
  .map((f) => path.join('e2e', f));
const child = spawn(process.execPath, ['--test', '--test-concurrency=1', '--test-timeout=300000', '--test-reporter=spec', ...files], {
  cwd: pwaDir,
  stdio: 'inherit',
  env: { ...process.env, E2E_PWA_URL: pwa.url, E2E_API_URL: api.url, E2E_IDP_URL: issuer, ...(sub ? { E2E_PWA_SUBPATH_URL: sub.url } : {}) },
});
const code = await new Promise((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
await pwa.stop();
await sub?.stop();
api.stop();
idp.stop();
rmSync(dataDir, { recursive: true, force: true });
process.exit(code);
