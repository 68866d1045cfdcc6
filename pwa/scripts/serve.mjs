// Tiny static server for the built dashboard (dist/): writes config.json from API_URL and OIDC_ISSUER, sets
// MIME types, and serves sw.js with no-cache and Service-Worker-Allowed. No framework.
//   PWA_PORT (5173)  HOST (127.0.0.1)  API_URL (http://127.0.0.1:8000)  BASE_PATH (/)  DIST_DIR (dist)
//   OIDC_ISSUER (http://127.0.0.1:9400, the demo provider)  OIDC_CLIENT_ID (pad-dashboard)
import { createReadStream } from 'node:fs';
import { stat, writeFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const defaults = {
  port: 5173, host: '127.0.0.1', apiUrl: 'http://127.0.0.1:8000', basePath: '/',
  // The demo OpenID provider of `make start` and the dashboard's client id there.
  issuer: 'http://127.0.0.1:9400', clientId: 'pad-dashboard',
};

export const mimeTypes = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** "/pad" or "pad/" -> "/pad/"; empty -> "/". */
export function normaliseBase(raw) {
  const trimmed = String(raw ?? '').trim().replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}

/** Validate API_URL: the dashboard is useless with a wrong one, so refuse to start. */
export function parseApiUrl(raw) {
  const value = raw === undefined || raw === '' ? defaults.apiUrl : raw;
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`API_URL must be an absolute http(s) URL, got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`API_URL must use http or https, got "${value}"`);
  return value.replace(/\/+$/, '');
}

export function parsePort(raw, name = 'PWA_PORT') {
  if (raw === undefined || raw === '') return defaults.port;
  if (!/^\d+$/.test(String(raw)) || Number(raw) > 65535) throw new Error(`${name} must be an integer 0-65535, got "${raw}"`);
  return Number(raw);
}

function headersFor(relPath, connectOrigins, basePath) {
  const ext = path.extname(relPath).toLowerCase();
  const headers = {
    'Content-Type': mimeTypes[ext] ?? 'application/octet-stream',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
  if (relPath === 'sw.js') {
    headers['Cache-Control'] = 'no-cache';
    headers['Service-Worker-Allowed'] = basePath;
  } else if (relPath.startsWith('assets/')) {
    headers['Cache-Control'] = 'public, max-age=31536000, immutable';
  } else {
    headers['Cache-Control'] = 'no-cache';
  }
  if (ext === '.html') {
    // Inline styles: Lit and vaadin-grid set style attributes. Scripts only from this origin.
    headers['Content-Security-Policy'] = [
      "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:",
      `connect-src 'self' ${connectOrigins}`, "worker-src 'self'", "manifest-src 'self'", "base-uri 'self'", "frame-ancestors 'none'", "object-src 'none'",
    ].join('; ');
  }
  return headers;
}

/**
 * Create (not start) the server. Writes `${distDir}/config.json` first, so the file exists for the
 * service worker too.
 */
export async function createStaticServer({ distDir, apiUrl = defaults.apiUrl, basePath = '/', issuer = defaults.issuer, clientId = defaults.clientId }) {
  const root = path.resolve(distDir);
  const base = normaliseBase(basePath);
  const api = parseApiUrl(apiUrl);
  const idp = parseApiUrl(issuer);
  await writeFile(path.join(root, 'config.json'), `${JSON.stringify({ apiUrl: api, issuer: idp, clientId }, null, 2)}\n`);
  // The page calls the API and the provider's discovery and token endpoints.
  const connectOrigins = [...new Set([new URL(api).origin, new URL(idp).origin])].join(' ');

  return http.createServer(async (req, res) => {
    const send = (status, text) => {
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
      res.end(req.method === 'HEAD' ? undefined : text);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'Method not allowed');
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      return send(400, 'Bad request path');
    }
    if (pathname === base.slice(0, -1)) {
      res.writeHead(301, { Location: base });
      return res.end();
    }
    if (!pathname.startsWith(base)) return send(404, 'Not found');
    let rel = pathname.slice(base.length) || 'index.html';
    if (rel.endsWith('/')) rel += 'index.html';
    const file = path.resolve(root, rel);
    // Refuse anything that resolves outside dist/ (../ tricks, absolute paths).
    if (file !== root && !file.startsWith(root + path.sep)) return send(403, 'Forbidden');
    let info;
    try {
      info = await stat(file);
    } catch {
      return send(404, 'Not found');
    }
    if (!info.isFile()) return send(404, 'Not found');
    const relPosix = path.relative(root, file).split(path.sep).join('/');
    res.writeHead(200, { ...headersFor(relPosix, connectOrigins, base), 'Content-Length': info.size });
    if (req.method === 'HEAD') return res.end();
    createReadStream(file).on('error', () => res.destroy()).pipe(res);
  });
}

async function main() {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const distDir = process.env.DIST_DIR ? path.resolve(process.env.DIST_DIR) : path.resolve(here, '../dist');
  try {
    await stat(path.join(distDir, 'index.html'));
  } catch {
    console.error(`No build found in ${distDir}: run "npm run build" first.`);
    process.exit(1);
  }
  let port;
  let server;
  try {
    port = parsePort(process.env.PWA_PORT);
    server = await createStaticServer({
      distDir, apiUrl: process.env.API_URL, basePath: process.env.BASE_PATH ?? '/',
      issuer: process.env.OIDC_ISSUER || undefined, clientId: process.env.OIDC_CLIENT_ID || undefined,
    });
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
  const host = process.env.HOST || defaults.host;
  server.listen(port, host, () => {
    const { port: actual } = server.address();
    console.log(`Dashboard on http://${host}:${actual}${normaliseBase(process.env.BASE_PATH)} (API ${parseApiUrl(process.env.API_URL)})`);
  });
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
