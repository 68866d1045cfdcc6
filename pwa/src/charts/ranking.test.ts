import { describe as suite, expect, it } from 'vitest';
import { describe, draw, headline, table, type RankingData } from './ranking.js';
import { newSvg, press } from './test-helpers.js';

const data: RankingData = {
  measureLabel: 'Demandes précédentes',
  format: (v) => String(v),
  rows: [
    { id: 104630, value: 50, probability: 0.05, decision: 'granted' },
    { id: 117425, value: 46, probability: 0.3, decision: 'refused' },
  ],
};

suite('ranking chart', () => {
  it('names the measure and the first client', () => {
    expect(headline(data, 'fr')).toBe('Les 2 clients avec le plus de « Demandes précédentes »');
    expect(describe(data, 'fr')).toContain('Premier : client 104630, 50.');
    expect(headline({ ...data, rows: [] }, 'fr')).toMatch(/^Aucun client/);
  });

  it('draws one bar per client, refused hatched, and opens a client on click and Enter', () => {
    const svg = newSvg();
    const opened: number[] = [];
    draw(svg, data, { locale: 'fr', width: 500, onOpen: (id) => opened.push(id) });
    const bars = svg.querySelectorAll('rect.bar');
    expect(bars).toHaveLength(2);
    expect(bars[1]!.getAttribute('fill')).toMatch(/^url\(#hatch/);
    expect(Array.from(svg.querySelectorAll('.row-label')).map((t) => t.textContent)).toEqual(['Client 104630', 'Client 117425']);
    (bars[1] as SVGRectElement).dispatchEvent(new MouseEvent('click'));
    press(svg, 'Enter');
    expect(opened).toEqual([117425, 104630]);
  });

  it('links each row of the table to the client', () => {
    const t = table(data, 'fr');
    expect(t.rows[0]).toEqual(['1', '104630', '50', '5,0\u00a0%', 'Accordé']);
    expect(t.links?.[0]).toEqual({ column: 1, href: '#/clients/104630' });
  });
});
