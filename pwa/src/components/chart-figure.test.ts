import { describe, expect, it } from 'vitest';
import { gaugeChart } from '../charts/gauge.js';
import { setLocale } from '../i18n/i18n.js';
import './chart-figure.js';
import type { ChartFigure } from './chart-figure.js';

async function mount(): Promise<ChartFigure> {
  const el = document.createElement('chart-figure');
  el.dataset['kind'] = 'gauge';
  el.chart = gaugeChart;
  el.data = { probability: 0.3, threshold: 0.1 };
  document.body.appendChild(el);
  await el.updateComplete;
  return el;
}

describe('<chart-figure>', () => {
  it('renders a figure with the takeaway heading, the labelled svg and the text summary', async () => {
    setLocale('fr');
    const drawn: string[] = [];
    document.addEventListener('chart-drawn', (e) => drawn.push((e as CustomEvent<{ kind: string }>).detail.kind));
    const el = await mount();
    const root = el.shadowRoot!;
    expect(root.querySelector('h3')?.textContent).toBe('Refusé : risque 20,0 pt au-dessus du seuil');
    const svg = root.querySelector('svg')!;
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toBe(root.querySelector('figcaption')?.textContent);
    expect(root.querySelector('figure')?.getAttribute('aria-labelledby')).toBe(root.querySelector('h3')?.id);
    expect(drawn).toContain('gauge');
  });

  it('shows the same numbers as a table when the toggle is pressed, and hides it again', async () => {
    setLocale('en');
    const el = await mount();
    const button = el.shadowRoot!.querySelector('button')!;
    expect(button.getAttribute('aria-expanded')).toBe('false');
    button.click();
    await el.updateComplete;
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(button.textContent?.trim()).toBe('Hide table');
    const cells = [...el.shadowRoot!.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent));
    expect(cells[0]).toEqual(['Probability of default', '30.0%']);
    button.click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.table-wrap')?.hasAttribute('hidden')).toBe(true);
    setLocale('fr');
  });

  it('re-renders in the new language when the locale changes', async () => {
    setLocale('fr');
    const el = await mount();
    setLocale('en');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('h3')?.textContent).toBe('Refused: risk 20.0 pt above the threshold');
    setLocale('fr');
  });
});

describe('chart table sorting', () => {
  it('sorts rows by raw values, missing last either way, and keeps the chart order without them', async () => {
    const { sortedRows } = await import('./chart-figure.js');
    const table = { columns: ['id', 'n'], rows: [['a', '2'], ['b', '—'], ['c', '9']], sortValues: [[1, 2], [2, null], [3, 9]] };
    expect(sortedRows(table, 1, true)).toEqual([2, 0, 1]);
    expect(sortedRows(table, 1, false)).toEqual([0, 2, 1]);
    expect(sortedRows({ columns: table.columns, rows: table.rows }, 1, true)).toEqual([0, 1, 2]);
  });
});
