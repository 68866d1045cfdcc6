import { describe, expect, it } from 'vitest';
import { defaults, layoutLegend, textWidth } from './legend.js';

describe('legend layout', () => {
  it('keeps items on one line when they fit', () => {
    const pos = layoutLegend(['Repaid', 'Defaulted'], 400);
    expect(pos.map((p) => p.y)).toEqual([0, 0]);
    expect(pos[1]!.x).toBeCloseTo(defaults.swatchWidth + textWidth('Repaid') + defaults.gap);
  });

  it('wraps an item that would overflow onto the next line', () => {
    const pos = layoutLegend(['Approval rate', 'Missed defaults (FNR)', 'Good payers refused (FPR)'], 300);
    expect(pos[0]!.y).toBe(0);
    expect(pos[2]!.y).toBeGreaterThan(0);
    expect(pos[2]!.x).toBe(0);
  });
});
