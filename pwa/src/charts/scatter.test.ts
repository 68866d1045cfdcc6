import { describe as suite, expect, it } from 'vitest';
import { contrastRatio } from './palette.js';
import { describe, draw, headline, placedPoints, scoreColor, table, type ScatterData } from './scatter.js';
import { newSvg, press } from './test-helpers.js';

const data: ScatterData = {
  xLabel: 'External score 2',
  yLabel: 'Age',
  threshold: 0.5,
  points: [
    { id: 1, x: 0.8, y: 40, probability: 0.2 },
    { id: 2, x: 0.6, y: 30, probability: 0.3 },
    { id: 3, x: 0.2, y: 25, probability: 0.7 },
    { id: 4, x: null, y: 50, probability: 0.9 },
  ],
  client: { x: 0.3, y: 35, probability: 0.6 },
};

suite('bivariate scatter', () => {
  it('leaves out points with a missing coordinate', () => {
    expect(placedPoints(data).map((p) => p.id)).toEqual([1, 2, 3]);
  });

  it('shapes points by decision and highlights the client with a star', () => {
    const svg = newSvg();
    draw(svg, data, { locale: 'en' });
    expect(svg.querySelectorAll('path.point.granted')).toHaveLength(2);
    expect(svg.querySelectorAll('path.point.refused')).toHaveLength(1);
    const star = svg.querySelector('path.client');
    expect(star?.getAttribute('fill')).toBe('#000000');
    expect(svg.querySelector('.client-label')?.textContent).toBe('This client');
  });

  it('colours by score on the blue–orange scale with enough contrast on white', () => {
    for (const p of [0.01, 0.3, 0.49, 0.5, 0.7, 0.99]) {
      expect(contrastRatio(scoreColor(p, 0.5), '#ffffff')).toBeGreaterThanOrEqual(3);
    }
    expect(scoreColor(0.05, 0.5)).not.toBe(scoreColor(0.95, 0.5));
  });

  it('compares the refused and granted groups on the horizontal feature', () => {
    expect(headline(data, 'en')).toBe('Refused clients have a lower “External score 2” on average');
    expect(describe(data, 'en')).toBe(
      'Of 3 sample clients, those above the threshold (triangles) have an average “External score 2” of 0.2 versus 0.7 for the others (circles). This client (star) is at 0.3 for “External score 2” and 35 for “Age”, with a probability of default of 60.0%.',
    );
  });

  it('says when the client cannot be placed', () => {
    expect(describe({ ...data, client: { x: null, y: 3, probability: 0.1 } }, 'en')).toContain('the client is not placed');
  });

  it('tables every point with the client first, missing values spelt out', () => {
    const t = table(data, 'en');
    expect(t.columns).toEqual(['Client', 'External score 2', 'Age', 'Probability']);
    expect(t.rows[0]).toEqual(['This client', '0.3', '35', '60.0%']);
    expect(t.rows[4]).toEqual(['4', 'missing', '50', '90.0%']);
  });

  it('walks the points from left to right after the client', () => {
    const svg = newSvg();
    const heard: string[] = [];
    draw(svg, data, { locale: 'en', announce: (m) => heard.push(m) });
    press(svg, 'ArrowRight', 'ArrowRight');
    expect(heard[0]).toBe('This client: External score 2 = 0.3, Age = 35, probability 60.0%');
    expect(heard[1]).toBe('Point 3: External score 2 = 0.2, Age = 25, probability 70.0%');
    expect(heard[2]).toContain('Point 2');
  });
});
