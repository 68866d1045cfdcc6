import { beforeAll, describe, expect, it } from 'vitest';
import type { LoanWhatIf } from '../api/application-types.js';
import { ApiError } from '../api/client.js';
import { setLocale } from '../i18n/i18n.js';
import { Session } from '../auth/session.js';
import { defaults } from '../config.js';
import { initServices } from '../services.js';
import './loan-simulation.js';
import type { LoanSimulation } from './loan-simulation.js';

const groups = [{ group: 'credit_income', label: 'Credit vs income', label_fr: 'Crédit comparé au revenu', shap: 0.3, points: 0.05, phrase: 'p', phrase_fr: 'p', features: [] }];
const answer: LoanWhatIf = {
  before: { probability: 0.483, decision: 'refused', groups },
  after: { probability: 0.31, decision: 'refused', groups: [{ ...groups[0]!, points: -0.01 }] },
  changes: [{ field: 'AMT_CREDIT', before: 406597.5, after: 200000 }],
  moved: [
    { feature: 'CREDIT_INCOME_RATIO', label: 'Credit / income', label_fr: 'Crédit / revenu', before: 2.007889, after: 0.987654 },
    { feature: 'CREDIT_TERM_YEARS', label: 'Credit term', label_fr: 'Durée du crédit', before: 16.46, after: 8.1 },
  ],
};

beforeAll(() => {
  // A signed-out session: these components never read the token, the API is faked.
  initServices('http://api.test', new Session({ ...defaults, apiUrl: 'http://api.test' }, 'http://dash.test/'));
});

async function mount(run: LoanSimulation['run']): Promise<LoanSimulation> {
  setLocale('fr');
  const el = document.createElement('loan-simulation');
  el.terms = { credit: 406597.5, annuity: 24700.5, goodsPrice: 351000 };
  el.threshold = 0.1;
  el.run = run;
  document.body.appendChild(el);
  await el.updateComplete;
  return el;
}

async function simulate(el: LoanSimulation, field: string, value: string): Promise<void> {
  const input = el.shadowRoot!.querySelector<HTMLInputElement>(`#sim-${field}`)!;
  input.value = value;
  input.dispatchEvent(new Event('input'));
  await el.updateComplete;
  el.shadowRoot!.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
  for (let i = 0; i < 5; i += 1) {
    await new Promise((r) => setTimeout(r, 0));
    await el.updateComplete;
  }
}

describe('<loan-simulation>', () => {
  it('sends only the changed term and shows the dependent values recomputed', async () => {
    const sent: Record<string, number>[] = [];
    const el = await mount(async (changes) => (sent.push(changes), answer));
    await simulate(el, 'credit', '200 000');
    expect(sent).toEqual([{ AMT_CREDIT: 200000 }]);
    const root = el.shadowRoot!;
    expect(root.querySelector('.outcome')?.textContent).toContain('31,0');
    expect([...root.querySelectorAll('ul.moved li')].map((li) => li.textContent)).toEqual(['Crédit / revenu\u00a0: 2,01 → 0,99', 'Durée du crédit\u00a0: 16,46 → 8,10']);
    expect(root.querySelector('chart-figure[data-kind="simulation"]')).not.toBeNull();
  });

  it('in duration mode, sends the annuity that repays the credit over the months typed', async () => {
    const sent: Record<string, number>[] = [];
    const el = await mount(async (changes) => (sent.push(changes), answer));
    el.shadowRoot!.querySelector<HTMLInputElement>('input[value="duration"]')!.dispatchEvent(new Event('change'));
    await el.updateComplete;
    await simulate(el, 'months', '120');
    expect(sent).toEqual([{ AMT_ANNUITY: 40659.75 }]);
  });

  it('shows the API reason of a refused value next to its field', async () => {
    const problem = { type: 'x', title: 'Bad Request', status: 400, errors: [{ field: 'changes.AMT_CREDIT', message: 'implausible value: must be >= 0', value: -1 }] };
    const el = await mount(async () => {
      throw new ApiError('http', 400, 'Bad Request', problem);
    });
    await simulate(el, 'credit', '-1');
    const root = el.shadowRoot!;
    // No schema given: the reason cannot say the range, but it is in French.
    expect(root.querySelector('#sim-credit-error')?.textContent).toContain('Valeur refusée par l’API : elle n’est pas plausible.');
    expect(root.querySelector('#sim-credit')?.getAttribute('aria-invalid')).toBe('true');
    expect(root.querySelector('.result')).toBeNull();
  });

  it('refuses to simulate without a change', async () => {
    let calls = 0;
    const el = await mount(async () => (calls += 1, answer));
    await simulate(el, 'credit', '406597,5');
    expect(calls).toBe(0);
    expect(el.shadowRoot!.querySelector('[role="alert"]')?.textContent).toContain('Modifiez au moins une condition');
  });

  it('takes a down payment off the credit, and shows a refused result beside the down payment', async () => {
    const sent: Record<string, number>[] = [];
    const el = await mount(async (changes) => (sent.push(changes), answer));
    expect(el.shadowRoot!.querySelector('label[for="sim-downPayment"]')?.textContent).toBe('Apport personnel (€)');
    await simulate(el, 'downPayment', '6 597,5');
    expect(sent).toEqual([{ AMT_CREDIT: 400000 }]);
    const problem = { type: 'x', title: 'Bad Request', status: 400, errors: [{ field: 'changes.AMT_CREDIT', message: 'implausible value: must be >= 0', value: -93402.5 }] };
    el.run = async () => {
      throw new ApiError('http', 400, 'Bad Request', problem);
    };
    await simulate(el, 'downPayment', '500000');
    expect(el.shadowRoot!.querySelector('#sim-downPayment-error')?.textContent).toContain('Valeur refusée par l’API');
    expect(el.shadowRoot!.querySelector('#sim-credit-error')).toBeNull();
  });
});
