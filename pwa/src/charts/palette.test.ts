import { describe, expect, it } from 'vitest';
import { contrastRatio, divergingColor, okabeIto, parseColor, roles } from './palette.js';

describe('palette', () => {
  it('computes WCAG contrast ratios', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21);
    expect(contrastRatio('#767676', '#fff')).toBeCloseTo(4.54, 1);
    expect(parseColor('rgb(1, 2, 3)')).toEqual([1, 2, 3]);
    expect(() => parseColor('blue')).toThrow(/Not a colour/);
  });

  it('keeps every SHAP colour at 3:1 or more on white, blue for negative and orange for positive', () => {
    for (let v = -1; v <= 1; v += 0.05) {
      expect(contrastRatio(divergingColor(v, 1), '#ffffff')).toBeGreaterThanOrEqual(3);
    }
    const [r1, , b1] = parseColor(divergingColor(-1, 1));
    const [r2, , b2] = parseColor(divergingColor(1, 1));
    expect(b1).toBeGreaterThan(r1);
    expect(r2).toBeGreaterThan(b2);
  });

  it('uses only Okabe–Ito hues with enough contrast for thin marks', () => {
    for (const color of [roles.lowers, roles.raises, roles.repaid, roles.defaulted, okabeIto.green]) {
      expect(contrastRatio(color, '#ffffff')).toBeGreaterThanOrEqual(3);
    }
    // The yellow fails for thin marks: it may only ever be a fill with an outline.
    expect(contrastRatio(okabeIto.yellow, '#ffffff')).toBeLessThan(3);
    expect(contrastRatio(roles.ink, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(roles.muted, '#ffffff')).toBeGreaterThanOrEqual(4.5);
  });
});
