// Test harness: the real API (spawned from the repo), the built dashboard on our static server,
// and Debian's Chromium through playwright-core. Everything on 127.0.0.1, on free ports.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { createStaticServer } from '../scripts/serve.mjs';

export const pwaDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = path.resolve(pwaDir, '..');
export const defaults = { apiStartTimeoutMs: 240_000, host: '127.0.0.1' };

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, defaults.host, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForReady(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`API process exited with code ${child.exitCode} before it was ready`);
    try {
      const res = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`API not ready at ${url} after ${timeoutMs} ms`);
}

/**
 * Start the real API: `make -C <repo> api` (the backend's own target, which installs and builds
 * what it needs), or `node dist/src/server.js` in backend/ when E2E_API_CMD=node.
 */
export async function startApi({ port, corsOrigins, issuer, dataDir, log = false }) {
  const env = {
    ...process.env, PORT: String(port), HOST: defaults.host, CORS_ORIGINS: corsOrigins.join(','),
    RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'silent', API_KEY: '', OIDC_ISSUER: issuer, DATA_DIR: dataDir, API_DATA_DIR: dataDir,
  };
  const useNode = process.env.E2E_API_CMD === 'node' || !existsSync(path.join(repoRoot, 'backend/backend.mk'));
  const [cmd, args, cwd] = useNode
    ? ['node', ['dist/src/server.js'], path.join(repoRoot, 'backend')]
    : ['make', ['--no-print-directory', '-C', repoRoot, 'api', `PORT=${port}`, `API_DATA_DIR=${dataDir}`], repoRoot];
  const child = spawn(cmd, args, { cwd, env, detached: true, stdio: ['ignore', log ? 'inherit' : 'ignore', 'inherit'] });
  const url = `http://${defaults.host}:${port}`;
  const stop = () => stopGroup(child);
  process.once('exit', stop);
  try {
    await waitForReady(url, child, defaults.apiStartTimeoutMs);
  } catch (error) {
    stop();
    throw error;
  }
  return { url, stop };
}

/**
 * The API as a process the test controls (`node dist/src/server.js`, built by the run's `make api`):
 * `kill()` ends it at once with SIGKILL, as a crash or a pulled plug would, and `restart()` starts it
 * again on the same port with the same DATA_DIR (its SQLite reviews and record of access).
 */
export async function startRestartableApi({ port, corsOrigins, issuer, dataDir }) {
  const env = {
    ...process.env, PORT: String(port), HOST: defaults.host, CORS_ORIGINS: corsOrigins.join(','),
    RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'silent', API_KEY: '', OIDC_ISSUER: issuer, DATA_DIR: dataDir, API_DATA_DIR: dataDir,
  };
  const url = `http://${defaults.host}:${port}`;
  let child = null;
  const stop = () => child && stopGroup(child);
  process.once('exit', stop);
  const start = async () => {
    const started = Date.now();
    child = spawn('node', ['dist/src/server.js'], { cwd: path.join(repoRoot, 'backend'), env, detached: true, stdio: ['ignore', 'ignore', 'inherit'] });
    try {
      await waitForReady(url, child, defaults.apiStartTimeoutMs);
    } catch (error) {
      stop();
      throw error;
    }
    return Date.now() - started;
  };
  const kill = async () => {
    const dying = child;
    if (dying.exitCode !== null || dying.signalCode !== null) return;
    const exited = new Promise((resolve) => dying.once('exit', resolve));
    process.kill(-dying.pid, 'SIGKILL');
    await exited;
  };
  const firstStartMs = await start();
  return { url, firstStartMs, kill, restart: start, stop };
}

/**
 * Start the demo OpenID provider (backend/dist, built by startApi's `make api`) on a free port,
 * allowed to send the browser back to the dashboards under test.
 */
export async function startIdp({ port, redirects }) {
  const issuer = `http://${defaults.host}:${port}`;
  const env = { ...process.env, DEMO_IDP_ISSUER: issuer, DEMO_IDP_REDIRECTS: redirects.join(','), NODE_ENV: 'test' };
  const child = spawn('node', ['dist/src/demo-idp/server.js'], { cwd: path.join(repoRoot, 'backend'), env, detached: true, stdio: ['ignore', 'ignore', 'ignore'] });
  const stop = () => stopGroup(child);
  process.once('exit', stop);
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`demo provider exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${issuer}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(2000) })).ok) return { issuer, stop };
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  stop();
  throw new Error(`demo provider not ready at ${issuer}`);
}

/** Stop a detached child and everything it started (make -> npm -> node). */
export function stopGroup(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    /* already gone */
  }
}

export async function startPwa({ port, apiUrl, issuer, basePath = '/', distDir = path.join(pwaDir, 'dist') }) {
  const server = await createStaticServer({ distDir, apiUrl, basePath, issuer });
  await new Promise((resolve) => server.listen(port, defaults.host, resolve));
  return { url: `http://${defaults.host}:${port}${basePath}`, stop: () => new Promise((r) => server.close(r)) };
}

export function chromiumPath() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    return execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('Chromium not found: install it with "apt-get install -y chromium" (make test-pwa does)');
  }
}

const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export function launchBrowser() {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: chromiumArgs });
}

/** A browser with an on-disk profile (not incognito), as an installed app needs. */
export function launchPersistent(userDataDir, viewport) {
  return chromium.launchPersistentContext(userDataDir, { executablePath: chromiumPath(), headless: true, args: chromiumArgs, viewport });
}
