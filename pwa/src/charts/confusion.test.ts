import { describe as suite, expect, it } from 'vitest';
import * as confusion from './confusion.js';
import { newSvg } from './test-helpers.js';

suite('confusion matrix', () => {
  const data = { tn: 2744, fp: 947, fn: 107, tp: 202 };
  it('computes recall and false-positive rate from the counts', () => {
    const r = confusion.rates(data);
    expect(r.recall).toBeCloseTo(202 / 309);
    expect(r.fpr).toBeCloseTo(947 / 3691);
  });
  it('marks errors with a cross and correct cells with a tick', () => {
    const svg = newSvg();
    confusion.draw(svg, data, { locale: 'en' });
    expect(svg.querySelectorAll('g.cell.error')).toHaveLength(2);
    expect(svg.querySelector('g.cell.fn')?.textContent).toContain('✗ False negatives');
    expect(svg.querySelector('g.cell.tp .count')?.textContent).toBe('202');
    expect(confusion.headline(data, 'fr')).toBe('Le modèle repère 65\u00a0% des défauts');
  });
});
