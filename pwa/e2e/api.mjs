// Direct calls to the real API from the test process, to know what the page should show.
import { demoToken } from '../../backend/dist/src/demo-idp/demo-token.js';

export const PWA = process.env.E2E_PWA_URL;
export const API = process.env.E2E_API_URL;
export const IDP = process.env.E2E_IDP_URL;
if (!PWA || !API || !IDP) throw new Error('Browser tests need E2E_PWA_URL, E2E_API_URL and E2E_IDP_URL: run them through e2e/run.mjs (make test-pwa)');

const tokens = new Map();
/** A demo access token from the provider under test (client credentials or the sign-in form). */
export async function tokenFor(role) {
  if (!tokens.has(role)) tokens.set(role, await demoToken(IDP, role));
  return tokens.get(role);
}

/** The API as a supervisor sees it (the test's own reads, recorded as the supervisor's). */
export async function api(path, init = {}) {
  const headers = { ...(init.headers ?? {}), Authorization: `Bearer ${await tokenFor('supervisor')}` };
  const res = await fetch(`${API}${path}`, { ...init, headers });
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
  return res.json();
}

/** French formatting exactly as the browser does it. */
export function percentIn(page, value, locale = 'fr-FR', digits = 1) {
  return page.evaluate(([v, l, d]) => new Intl.NumberFormat(l, { style: 'percent', minimumFractionDigits: d, maximumFractionDigits: d }).format(v), [value, locale, digits]);
}

export function countPdfPages(buffer) {
  return (buffer.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
}
