import { describe as suite, expect, it } from 'vitest';
import * as fairness from './fairness.js';
import { attrs, newSvg } from './test-helpers.js';

suite('fairness dot plot', () => {
  const data = {
    groups: [
      { attribute: 'gender', group: 'F', n: 2629, n_defaulted: 177, auc: 0.65, approval_rate: 0.73, fnr: 0.37, fpr: 0.24 },
      { attribute: 'gender', group: 'M', n: 1371, n_defaulted: 132, auc: 0.65, approval_rate: 0.67, fnr: 0.32, fpr: 0.29 },
    ],
  };
  it('draws one shape per metric and group', () => {
    const svg = newSvg();
    fairness.draw(svg, data, { locale: 'en' });
    expect(svg.querySelectorAll('path.dot.approval_rate')).toHaveLength(2);
    expect(svg.querySelectorAll('path.dot.fnr')).toHaveLength(2);
    expect(attrs(svg, 'path.dot.fpr', 'd')[0]).not.toBe(attrs(svg, 'path.dot.fnr', 'd')[0]);
  });
  it('reads the approval gap and the spread of missed defaults', () => {
    expect(fairness.headline(data, 'en')).toBe('Approval gap of 6.0 points between groups');
    expect(fairness.describe(data, 'en')).toBe(
      'The approval rate ranges from 67.0% (Men) to 73.0% (Women). The rate of missed defaults ranges from 32.0% (Men) to 37.0% (Women).',
    );
  });
});
