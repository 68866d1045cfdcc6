import { describe as suite, expect, it } from 'vitest';
import * as rel from './reliability.js';
import { attrs, newSvg, press } from './test-helpers.js';

suite('reliability curve', () => {
  const data = {
    brier: 0.0654, brier_prior: 0.07128, ece: 0.01, mean_predicted: 0.074, default_rate: 0.0772,
    bins: [
      { n: 400, p_min: 0.1, p_max: 0.3, predicted: 0.2, observed: 0.25, n_defaulted: 100 },
      { n: 100, p_min: 0.0, p_max: 0.1, predicted: 0.05, observed: 0.04, n_defaulted: 4 },
      { n: 0, p_min: 0.3, p_max: 0.4, predicted: 0, observed: 0, n_defaulted: 0 },
    ],
  };
  it('draws one point per non-empty bin at (predicted, observed), larger for more clients', () => {
    const svg = newSvg();
    rel.draw(svg, data, { locale: 'en' });
    expect(svg.querySelectorAll('circle.bin')).toHaveLength(2);
    expect(attrs(svg, 'circle.bin', 'data-n')).toEqual(['100', '400']);
    const [small = 0, big = 0] = attrs(svg, 'circle.bin', 'r').map(Number);
    expect(big).toBeGreaterThan(small);
    // Same scale on both axes: the bin above the diagonal (observed > predicted) is drawn higher than x would put it.
    const [cx = 0, cy = 0] = ['cx', 'cy'].map((a) => Number(attrs(svg, 'circle.bin', a)[1]));
    const diag = svg.querySelector('line.diagonal')!;
    const slope = (Number(diag.getAttribute('y2')) - Number(diag.getAttribute('y1'))) / (Number(diag.getAttribute('x2')) - Number(diag.getAttribute('x1')));
    const yOnDiagonal = Number(diag.getAttribute('y1')) + slope * (cx - Number(diag.getAttribute('x1')));
    expect(cy).toBeLessThan(yOnDiagonal);
    expect(svg.querySelector('.diagonal-label')?.textContent).toBe('Perfectly calibrated');
    expect(svg.querySelector('g.axis text')?.textContent).toMatch(/%$/);
  });
  it('announces each bin with its size from the keyboard', () => {
    const svg = newSvg();
    const heard: string[] = [];
    rel.draw(svg, data, { locale: 'en', announce: (m) => heard.push(m) });
    press(svg, 'ArrowRight');
    expect(heard.at(-1)).toBe('Clients given 10.0% to 30.0%: 400 clients, predicted 20.0%, observed 25.0% (100 defaulted)');
  });
  it('reads ECE and Brier against the always-the-average baseline from the data', () => {
    expect(rel.describe(data, 'en')).toBe(
      'Across 2 groups of clients, the predicted default rate differs from the observed one by 1.0% on average (ECE); overall the model predicts 7.4% and 7.7% defaulted. Its Brier score is 0.065, against 0.071 for always predicting the average rate, 8% better.',
    );
    expect(rel.describe({ ...data, ece: 0.03 }, 'fr')).toContain('3,0\u00a0%');
    expect(rel.describe({ ...data, bins: [] }, 'en')).toBe('No calibration figures: no group of clients to compare.');
    expect(rel.table(data, 'en').rows[0]).toEqual(['0.0% – 10.0%', '100', '5.0%', '4.0%', '4']);
  });
});
