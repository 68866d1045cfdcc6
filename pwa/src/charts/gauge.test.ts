import { describe as suite, expect, it } from 'vitest';
import { describe, draw, gaugeAngle, headline, table } from './gauge.js';

function svg(): SVGSVGElement {
  return document.createElementNS('http://www.w3.org/2000/svg', 'svg');
}

suite('gauge chart', () => {
  it('maps 0, the threshold and 1 to the left end, inside and the right end of the half circle', () => {
    expect(gaugeAngle(0)).toBeCloseTo(-Math.PI / 2);
    expect(gaugeAngle(1)).toBeCloseTo(Math.PI / 2);
    expect(gaugeAngle(0.5)).toBeCloseTo(0);
    expect(gaugeAngle(2)).toBeCloseTo(Math.PI / 2);
  });

  it('labels the svg as an image with the text summary', () => {
    const el = svg();
    draw(el, { probability: 0.123, threshold: 0.096 }, { locale: 'fr' });
    expect(el.getAttribute('role')).toBe('img');
    expect(el.getAttribute('aria-label')).toBe(describe({ probability: 0.123, threshold: 0.096 }, 'fr'));
    expect(el.querySelector('text.value')?.textContent).toBe('12,3\u00a0%');
    expect(el.querySelector('.threshold-label')?.textContent).toContain('9,6');
  });

  it('points the needle to the right of the threshold tick when the client is above it', () => {
    const el = svg();
    draw(el, { probability: 0.8, threshold: 0.5 });
    const needleX = Number(el.querySelector('line.needle')?.getAttribute('x2'));
    const tickX = Number(el.querySelector('line.threshold')?.getAttribute('x2'));
    expect(needleX).toBeGreaterThan(tickX);
  });

  it('states the decision and the distance in words, in both languages', () => {
    expect(headline({ probability: 0.123, threshold: 0.096 }, 'fr')).toBe('Refusé : risque 2,7 pt au-dessus du seuil');
    expect(headline({ probability: 0.05, threshold: 0.096 }, 'en')).toBe('Granted: risk 4.6 pt below the threshold');
    expect(describe({ probability: 0.05, threshold: 0.096 }, 'en')).toContain('below the threshold of 9.6%');
  });

  it('gives the same numbers as a table', () => {
    const t = table({ probability: 0.123, threshold: 0.096 }, 'en');
    expect(t.rows).toEqual([
      ['Probability of default', '12.3%'],
      ['Threshold', '9.6%'],
      ['Distance to threshold', '+2.7 pt'],
      ['Decision', 'Refused'],
    ]);
  });

  it('announces the needle then the threshold when the arrow keys move over the marks', () => {
    const el = svg();
    const heard: string[] = [];
    draw(el, { probability: 0.2, threshold: 0.1 }, { locale: 'en', announce: (m) => heard.push(m) });
    expect(el.getAttribute('tabindex')).toBe('0');
    el.dispatchEvent(new Event('focus'));
    el.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight' }));
    expect(heard).toEqual(['This client: probability of default 20.0%', 'Decision threshold: 10.0%']);
    expect(el.querySelector('.focus-ring')?.getAttribute('visibility')).toBe('visible');
  });
});
