import { describe as suite, expect, it } from 'vitest';
import * as cost from './cost-curve.js';
import { newSvg, press } from './test-helpers.js';

suite('cost curve', () => {
  const data = {
    chosen: 0.31,
    curve: [
      { threshold: 0.1, cost_per_1000: 900, fn: 1, fp: 800 },
      { threshold: 0.3, cost_per_1000: 500, fn: 20, fp: 300 },
      { threshold: 0.5, cost_per_1000: 620, fn: 50, fp: 120 },
      { threshold: 0.7, cost_per_1000: 800, fn: 70, fp: 20 },
    ],
  };
  it('finds the minimum and the point nearest the chosen threshold', () => {
    expect(cost.minimum(data.curve)?.threshold).toBe(0.3);
    expect(cost.nearest(data.curve, 0.31)?.cost_per_1000).toBe(500);
  });
  it('marks the chosen threshold and starts keyboard focus on it', () => {
    const svg = newSvg();
    const heard: string[] = [];
    cost.draw(svg, data, { locale: 'en', announce: (m) => heard.push(m) });
    expect(svg.querySelector('.chosen-label')?.textContent).toBe('Chosen threshold 31.0%: 500 per 1,000');
    press(svg, 'ArrowRight');
    expect(heard).toEqual(['Threshold 30.0%: cost 500, 20 false negatives, 300 false positives', 'Threshold 50.0%: cost 620, 50 false negatives, 120 false positives']);
  });
  it('compares with the conventional 0.5 threshold when the curve has it', () => {
    expect(cost.describe(data, 'en')).toBe(
      'The cost of errors per 1,000 clients is lowest (500) at a threshold of 30.0%. The chosen threshold of 31.0% costs 500, versus 620 at the usual threshold of 50%.',
    );
    expect(cost.describe({ ...data, curve: data.curve.slice(0, 2) }, 'en')).not.toContain('50%');
  });
});
