/**
 * `make idp` (part of `make start`): the DEMO OpenID provider on 127.0.0.1.
 * DEMO_IDP_ISSUER (default http://127.0.0.1:9400) sets issuer and port;
 * DEMO_IDP_REDIRECTS (comma-separated) the dashboard URLs it may return to.
 * Refuses NODE_ENV=production: its accounts and secrets are public.
 */
import type { AddressInfo } from 'node:net';
import { idpDefaults } from './idp-defaults.js';
import { createDemoProvider } from './provider.js';

function fail(message: string): never {
  process.stderr.write(`pad-demo-idp: cannot start: ${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  if (process.env['NODE_ENV'] === 'production') fail('the demo provider never runs with NODE_ENV=production (its credentials are public)');
  const issuer = process.env['DEMO_IDP_ISSUER']?.trim() || `http://127.0.0.1:${idpDefaults.port}`;
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    fail(`DEMO_IDP_ISSUER must be a URL, got "${issuer}"`);
  }
  if (!['127.0.0.1', 'localhost'].includes(url.hostname)) fail(`DEMO_IDP_ISSUER must be on 127.0.0.1 or localhost, got "${issuer}"`);
  const redirects = (process.env['DEMO_IDP_REDIRECTS'] ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
  const provider = await createDemoProvider({ issuer, dashboardRedirects: redirects.length > 0 ? redirects : [...idpDefaults.dashboardRedirects] });
  const server = provider.listen(Number(url.port || 80), '127.0.0.1');
  server.once('error', (err: NodeJS.ErrnoException) => fail(err.code === 'EADDRINUSE' ? `port ${url.port} is already in use (set DEMO_IDP_ISSUER)` : err.message));
  server.once('listening', () => {
    const port = (server.address() as AddressInfo).port;
    process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), level: 'info', msg: 'demo OpenID provider listening', issuer, port })}\n`);
  });
  const stop = (): void => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

void main();
