import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApplicationScore } from '../api/application-types.js';
import { schemaFixture } from '../application/fixtures.js';
import { setLocale } from '../i18n/i18n.js';
import { Session } from '../auth/session.js';
import { defaults } from '../config.js';
import { initServices, services } from '../services.js';
import './application-page.js';
import type { ApplicationPage } from './application-page.js';

type Handler = (url: string, init: RequestInit) => Response;
let handler: Handler;
/** When set, every request fails as without a network. */
let networkDown = false;
const posted: { url: string; body: unknown }[] = [];
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const score: ApplicationScore = {
  probability: 0.31, decision: 'refused', threshold: 0.1, model_version: 't', missing_inputs: ['OWN_CAR_AGE'], inputs: {},
  explanation: { base_value: -2.4, base_probability: 0.08, contributions: [], groups: [
    { group: 'age', label: 'Age', label_fr: 'Âge', shap: -0.1, points: -0.02, phrase: 'Age lowers the risk', phrase_fr: 'L’âge réduit le risque', features: ['AGE_YEARS'] },
    { group: 'external_scores', label: 'External scores', label_fr: 'Scores externes', shap: 1, points: 0.25, phrase: 'Low external scores', phrase_fr: 'Scores externes : augmente le risque de 25,0 points', features: ['EXT_SOURCE_2'] },
  ] },
};

beforeAll(() => {
  vi.stubGlobal('fetch', vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    if (networkDown) throw new TypeError('Failed to fetch');
    if (url.endsWith('/v1/applications/schema')) return json(schemaFixture);
    // Model and population are not this page's concern: refused, as when the API lacks them.
    if (init.method !== 'POST') return json({ title: 'Not Found', status: 404 }, 404);
    posted.push({ url, body: JSON.parse(String(init.body)) });
    return handler(url, init);
  }));
  // A signed-out session: these components never read the token, the API is faked.
  initServices('http://api.test', new Session({ ...defaults, apiUrl: 'http://api.test' }, 'http://dash.test/'));
});
afterEach(() => {
  networkDown = false;
  services().connectivity.setBrowserOnline(true);
  document.body.innerHTML = '';
  posted.length = 0;
});

async function settle(el: ApplicationPage): Promise<ShadowRoot> {
  for (let i = 0; i < 10; i += 1) {
    await new Promise((r) => setTimeout(r, 0));
    await el.updateComplete;
  }
  return el.shadowRoot!;
}

async function mount(): Promise<{ el: ApplicationPage; root: ShadowRoot }> {
  setLocale('fr');
  const el = document.createElement('application-page');
  document.body.appendChild(el);
  return { el, root: await settle(el) };
}

function type(root: ShadowRoot, id: string, value: string): void {
  const input = root.querySelector<HTMLInputElement>(`#${id}`)!;
  input.value = value;
  input.dispatchEvent(new Event('input'));
}

const submit = (root: ShadowRoot) => root.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));

describe('<application-page>', () => {
  it('builds its fields from the schema, with French labels, units, ranges and required marks', async () => {
    handler = () => json({}, 404);
    const { root } = await mount();
    expect(root.querySelector('label[for="f-application-DAYS_BIRTH"]')?.textContent?.replace(/\s+/g, ' ').trim()).toBe('Âge (ans) * (obligatoire)');
    expect(root.querySelector('#f-application-DAYS_BIRTH-hint')?.textContent).toBe('De 18 à 100');
    const options = [...root.querySelectorAll('#f-application-NAME_CONTRACT_TYPE option')].map((o) => o.textContent);
    expect(options).toEqual(['Non renseigné', 'Prêt personnel', 'Crédit renouvelable']);
    expect(root.querySelector('.privacy')?.textContent).toMatch(/envoyée uniquement à l’API/);
  });

  it('shows the API 400 reasons next to their fields and lists them, without a score', async () => {
    handler = () => json({ type: 'x', title: 'Bad Request', status: 400, errors: [
      { field: 'application.AMT_INCOME_TOTAL', message: 'implausible value: must be >= 0', value: -5 },
      { field: 'application.DAYS_EMPLOYED', message: 'is required (Employment)', value: null },
    ] }, 400);
    const { el, root } = await mount();
    type(root, 'f-application-AMT_INCOME_TOTAL', '-5');
    type(root, 'f-application-DAYS_BIRTH', '35');
    submit(root);
    await settle(el);
    expect(posted[0]!.body).toEqual({ application: { AMT_INCOME_TOTAL: -5, DAYS_BIRTH: -12784 } });
    // The API's reasons, in French and in the units of the form.
    expect(root.querySelector('#f-application-AMT_INCOME_TOTAL-error')?.textContent).toContain('Valeur refusée par l’API, attendu : au moins 0.');
    expect(root.querySelector('#f-application-AMT_INCOME_TOTAL')?.getAttribute('aria-invalid')).toBe('true');
    expect(root.querySelector('#f-application-DAYS_EMPLOYED-error')?.textContent).toContain('Champ obligatoire');
    const listed = [...root.querySelectorAll('.summary li')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim());
    expect(listed).toEqual([
      'Revenu annuel : Valeur refusée par l’API, attendu : au moins 0. (valeur reçue : -5)',
      'Début de l’emploi actuel : Champ obligatoire : l’API ne calcule pas de score sans lui. (valeur reçue : null)',
    ]);
    expect(root.querySelector('application-result')).toBeNull();
  });

  it('does not send a form with an unreadable number, and says which field', async () => {
    handler = () => json(score);
    const { el, root } = await mount();
    type(root, 'f-application-AMT_CREDIT', 'beaucoup');
    submit(root);
    await settle(el);
    expect(posted).toHaveLength(0);
    expect(root.querySelector('#f-application-AMT_CREDIT-error')?.textContent).toContain('Saisissez un nombre.');
    expect(root.querySelector('#app-status')?.textContent).toContain('Corrigez les champs signalés');
  });

  it('asks to fill in or remove an empty history row instead of sending it as a credit', async () => {
    handler = () => json(score);
    const { el, root } = await mount();
    [...root.querySelectorAll('button')].find((b) => b.textContent === 'Ajouter un crédit')!.click();
    await settle(el);
    expect(root.querySelectorAll('fieldset[data-table="bureau"] fieldset.row')).toHaveLength(1);
    submit(root);
    await settle(el);
    expect(posted).toHaveLength(0);
    expect(root.querySelector('#app-status')?.textContent).toContain('La ligne 1 de « Crédits en cours ou passés (autres organismes) » est vide');
    type(root, 'f-bureau-0-DAYS_CREDIT', '12');
    submit(root);
    await settle(el);
    expect(posted[0]!.body).toEqual({ application: {}, bureau: [{ DAYS_CREDIT: -365 }] });
  });

  it('shows the score and the reasons grouped by theme, largest first, in points', async () => {
    handler = () => json(score);
    const { el, root } = await mount();
    type(root, 'f-application-AMT_CREDIT', '406597,5');
    submit(root);
    await settle(el);
    expect(posted[0]!.url).toBe('http://api.test/v1/applications?explain=true&top=10');
    const result = root.querySelector('application-result')!;
    await result.updateComplete;
    const groups = result.shadowRoot!.querySelector('reason-groups')!;
    await groups.updateComplete;
    const items = [...groups.shadowRoot!.querySelectorAll('ul.groups li')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim());
    expect(items[0]).toBe('▲ Scores externes : augmente le risque de 25,0 points +25,0 pt');
    expect(result.shadowRoot!.activeElement?.id).toBe('h-result');
    expect(items[1]).toBe('▼ Âge — L’âge réduit le risque -2,0 pt');
    expect(result.shadowRoot!.querySelector('.decision')?.textContent).toContain('31,0');
    expect(result.shadowRoot!.querySelector('loan-simulation')).not.toBeNull();
  });

  it('offline, says that a new application needs the network and sends nothing; the notice goes once back online', async () => {
    handler = () => json(score);
    const { el, root } = await mount();
    networkDown = true;
    services().connectivity.setBrowserOnline(false);
    await settle(el);
    expect(root.querySelector('.offline')?.textContent).toBe('Le calcul d’une nouvelle demande nécessite le réseau.');
    type(root, 'f-application-AMT_CREDIT', '200000');
    submit(root);
    await settle(el);
    expect(posted).toHaveLength(0);
    expect(root.querySelector('#app-status')?.textContent).toBe('Le calcul d’une nouvelle demande nécessite le réseau.');
    expect(root.querySelector('application-result')).toBeNull();
    networkDown = false;
    services().connectivity.setBrowserOnline(true);
    await settle(el);
    expect(root.querySelector('.offline')).toBeNull();
  });
});
