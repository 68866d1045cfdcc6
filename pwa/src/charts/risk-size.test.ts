import { describe, expect, it } from 'vitest';
import { pointArea } from './risk-size.js';

describe('mark size by risk', () => {
  it('grows with the probability in four bands around the threshold', () => {
    const t = 0.1;
    expect([0.01, 0.07, 0.15, 0.5].map((p) => pointArea(p, t))).toEqual([14, 30, 60, 100]);
    expect(pointArea(t, t)).toBeGreaterThan(pointArea(t - 1e-9, t));
  });
});
