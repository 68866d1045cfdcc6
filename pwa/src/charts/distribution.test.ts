import { describe as suite, expect, it } from 'vitest';
import { binIndex, binPosition, describe, draw, headline, sideOf, table, type DistributionData } from './distribution.js';
import { newSvg, press } from './test-helpers.js';

const data: DistributionData = {
  label: 'External score 2',
  edges: [0, 0.25, 0.5, 0.75, 1],
  repaid: [0.1, 0.2, 0.3, 0.4],
  defaulted: [0.4, 0.3, 0.2, 0.1],
  clientValue: 0.1,
};

suite('feature distribution', () => {
  it('finds the bin of a value, clamping outside values to the end bins', () => {
    expect(binIndex(data.edges, 0.1)).toBe(0);
    expect(binIndex(data.edges, 0.5)).toBe(2);
    expect(binIndex(data.edges, 1)).toBe(3);
    expect(binIndex(data.edges, -3)).toBe(0);
    expect(binIndex(data.edges, 9)).toBe(3);
    expect(binPosition(data.edges, 0.625)).toBeCloseTo(2.5);
  });

  it('calls a range more common in one group only past the ratio', () => {
    expect(sideOf(0.1, 0.4)).toBe('defaulted');
    expect(sideOf(0.4, 0.1)).toBe('repaid');
    expect(sideOf(0.2, 0.21)).toBe('equal');
  });

  it('draws two bars per bin, defaulted hatched with an outline, and the client line at its value', () => {
    const svg = newSvg();
    draw(svg, data, { locale: 'en', width: 640 });
    expect(svg.querySelectorAll('rect.repaid')).toHaveLength(4);
    const defaulted = svg.querySelectorAll('rect.defaulted');
    expect(defaulted).toHaveLength(4);
    expect(defaulted[0]!.getAttribute('fill')).toMatch(/^url\(#hatch-\d+\)$/);
    expect(defaulted[0]!.getAttribute('stroke')).toBe('#D55E00');
    const tallest = Number(svg.querySelectorAll('rect.repaid')[3]!.getAttribute('height'));
    const shortest = Number(svg.querySelectorAll('rect.repaid')[0]!.getAttribute('height'));
    expect(tallest).toBeCloseTo(shortest * 4, 5);
    expect(svg.querySelector('.client-label')?.textContent).toBe('This client: 0.1');
  });

  it('reads the client bin shares in words', () => {
    expect(headline(data, 'en')).toBe('This client is in a range more common among clients who defaulted');
    expect(describe(data, 'en')).toBe(
      'For “External score 2”, this client (0.1) lies between 0 and 0.25, where we find 10.0% of the clients who repaid and 40.0% of the clients who defaulted. This range is therefore more common among clients who defaulted.',
    );
    expect(headline({ ...data, clientValue: null }, 'fr')).toBe('Valeur manquante pour ce client');
  });

  it('names category bins instead of numeric edges', () => {
    const cat: DistributionData = { label: 'Contract type', edges: [-0.5, 0.5, 1.5], repaid: [0.9, 0.1], defaulted: [0.94, 0.06], clientValue: 1, categories: ['Cash loans', 'Revolving loans'] };
    expect(table(cat, 'en').rows.map((r) => r[0])).toEqual(['Cash loans', 'Revolving loans']);
    expect(describe(cat, 'en')).toContain('this client’s category (Revolving loans)');
  });

  it('announces the client first, then each bin', () => {
    const svg = newSvg();
    const heard: string[] = [];
    draw(svg, data, { locale: 'en', announce: (m) => heard.push(m) });
    press(svg, 'ArrowRight');
    expect(heard).toEqual(['This client: 0.1', '0 – 0.25: 10.0% of clients who repaid, 40.0% of clients who defaulted']);
  });
});
