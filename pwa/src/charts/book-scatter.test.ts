import { describe, expect, it } from 'vitest';
import { draw, jitter, table, type BookScatterData } from './book-scatter.js';
import { newSvg, press } from './test-helpers.js';

const axis = (label: string, categories: string[] | null = null) => ({
  label, categories, integer: categories === null, format: (v: number) => (categories ? categories[v]! : String(v)),
});

const data: BookScatterData = {
  x: axis('Contrat', ['Prêt personnel', 'Crédit renouvelable']),
  y: axis('Demandes'),
  threshold: 0.1,
  total: 5,
  points: [
    { id: 11, x: 0, y: 3, probability: 0.02 },
    { id: 12, x: 1, y: 7, probability: 0.4 },
    { id: 13, x: 0, y: null, probability: 0.05 },
    { id: 14, x: 1, y: 1, probability: 0.12 },
  ],
};

describe('book scatter', () => {
  it('draws categories as named bands, counts with whole-number ticks, missing values unplaced', () => {
    const svg = newSvg();
    draw(svg, data, { width: 600, locale: 'fr' });
    expect(svg.querySelectorAll('path.point')).toHaveLength(3);
    const ticks = Array.from(svg.querySelectorAll('.axis .tick text')).map((t) => t.textContent);
    expect(ticks).toContain('Prêt personnel');
    expect(ticks).toContain('Crédit renouvelable');
    expect(ticks.filter((t) => /^\d+(,\d+)?$/.test(t!)).every((t) => !t!.includes(','))).toBe(true);
    // Shape by decision: the refused clients are triangles, larger for a higher probability.
    expect(svg.querySelectorAll('path.point.refused')).toHaveLength(2);
  });

  it('opens the client on click and on Enter, and shows id and values on focus', () => {
    const svg = newSvg();
    const opened: number[] = [];
    const heard: string[] = [];
    draw(svg, data, { width: 600, locale: 'fr', onOpen: (id) => opened.push(id), announce: (m) => heard.push(m) });
    (svg.querySelector('path.point[data-id="12"]') as SVGPathElement).dispatchEvent(new MouseEvent('click', { bubbles: true }));
    press(svg, 'Enter');
    expect(opened).toHaveLength(2);
    expect(opened[0]).toBe(12);
    expect(heard[0]).toMatch(/^Client \d+ : Contrat .+, Demandes \d+, probabilité de défaut/);
    expect(svg.querySelector('g.tooltip')?.getAttribute('visibility')).toBe('visible');
  });

  it('puts every client in the table with a link, sortable on raw values', () => {
    const t = table(data, 'fr');
    expect(t.rows).toHaveLength(4);
    expect(t.links?.[1]).toEqual({ column: 0, href: '#/clients/12' });
    expect(t.sortValues?.[1]).toEqual([12, 'Crédit renouvelable', 7, 0.4, 1]);
    expect(t.rows[2]![2]).toBe('Non renseigné');
  });

  it('spreads points inside a band the same way every time', () => {
    expect(jitter(12, 1)).toBe(jitter(12, 1));
    expect(Math.abs(jitter(12, 1))).toBeLessThanOrEqual(0.5);
  });
});
