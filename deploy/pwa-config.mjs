#!/usr/bin/env node
/**
 * Write the dashboard's runtime config.json into a built PWA folder:
 *   node deploy/pwa-config.mjs <dist-folder> [api-url]
 * The API URL defaults to https://<app>.fly.dev from fly.toml. It must be https
 * (http only for localhost): a Pages site served over https cannot call an http API.
 * OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_SCOPE (environment) name the lender's OpenID provider,
 * the dashboard's client id there and the scopes to ask for (docs/deployment.md, section 13).
 */
import fs from 'node:fs';
import path from 'node:path';
import { flyAppUrl } from './fly-app.mjs';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Validate and normalise the API base URL; throws an Error naming the problem. */
function parseApiUrl(raw) {
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`API URL is not a URL: "${raw}"`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname))) {
    throw new Error(`API URL must use https (http only for localhost), got "${raw}"`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new Error(`API URL must have no query, fragment or credentials, got "${raw}"`);
  }
  return url.href.replace(/\/+$/, '');
}

function main(argv) {
  const [dist, rawUrl] = argv;
  if (!dist) throw new Error('usage: node deploy/pwa-config.mjs <dist-folder> [api-url]');
  if (!fs.existsSync(path.join(dist, 'index.html'))) throw new Error(`${dist}: no index.html (build the PWA first)`);
  let source = 'argument';
  let raw = rawUrl;
  if (!raw || raw.trim() === '') {
    raw = flyAppUrl();
    source = 'fly.toml (API_URL not set)';
  }
  const apiUrl = parseApiUrl(raw.trim());
  const config = { apiUrl };
  const issuer = process.env.OIDC_ISSUER?.trim();
  if (issuer) config.issuer = parseApiUrl(issuer);
  for (const [key, name] of [['clientId', 'OIDC_CLIENT_ID'], ['scope', 'OIDC_SCOPE']]) {
    const value = process.env[name]?.trim();
    if (value) config[key] = value;
  }
  fs.writeFileSync(path.join(dist, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
  console.log(`pwa-config: ${path.join(dist, 'config.json')} -> apiUrl ${apiUrl} (from ${source})${issuer ? `, issuer ${config.issuer}` : ''}`);
}

try {
  main(process.argv.slice(2));
} catch (err) {
  console.error(`pwa-config: ${err.message}`);
  process.exit(1);
}
