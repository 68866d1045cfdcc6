// Direct calls to the real API from the test process, to know what the page should show.
export const PWA = process.env.E2E_PWA_URL;
export const API = process.env.E2E_API_URL;
if (!PWA || !API) throw new Error('Browser tests need E2E_PWA_URL and E2E_API_URL: run them through e2e/run.mjs (make test-pwa)');

export async function api(path, init) {
  const res = await fetch(`${API}${path}`, init);
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
