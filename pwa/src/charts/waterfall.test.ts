import { describe as suite, expect, it } from 'vitest';
import { describe, draw, headline, logit, probabilityTicks, sigmoid, steps, table, type WaterfallData } from './waterfall.js';
import { newSvg, press } from './test-helpers.js';

const data: WaterfallData = {
  base_value: -1.0,
  log_odds: -0.2,
  top: [
    { label: 'External score 2', display_value: '0.21', shap: 0.6 },
    { label: 'Age', display_value: '52 years', shap: -0.3 },
    { label: 'Credit amount', display_value: '450,000', shap: 0.4 },
  ],
  rest: { count: 80, shap_sum: 0.1 },
};

suite('SHAP waterfall', () => {
  it('chains each bar from where the previous ended and lands on the log-odds', () => {
    const s = steps(data, 'en');
    expect(s.map((x) => x.kind)).toEqual(['base', 'item', 'item', 'item', 'rest', 'final']);
    expect(s[1]).toMatchObject({ start: -1.0, end: -0.4 });
    expect(s[2]!.start).toBeCloseTo(-0.4);
    expect(s[4]!.end).toBeCloseTo(data.log_odds);
    expect(s[4]!.label).toBe('80 other features');
  });

  it('draws raising bars to the right and lowering bars to the left, with the sign in the label', () => {
    const svg = newSvg();
    draw(svg, data, { locale: 'en', width: 700 });
    const bars = Array.from(svg.querySelectorAll('rect.bar'));
    expect(bars).toHaveLength(4);
    expect(bars[0]!.classList.contains('raises')).toBe(true);
    expect(bars[1]!.classList.contains('lowers')).toBe(true);
    // Lowering bar starts where the previous (raising) bar ended, minus its width.
    const end0 = Number(bars[0]!.getAttribute('x')) + Number(bars[0]!.getAttribute('width'));
    const start1 = Number(bars[1]!.getAttribute('x')) + Number(bars[1]!.getAttribute('width'));
    expect(start1).toBeCloseTo(end0, 5);
    const labels = Array.from(svg.querySelectorAll('.row-item .value-label')).map((t) => t.textContent);
    // In probability points (what an advisor reads), not log-odds.
    expect(labels).toEqual(['▲ +13.2 pt', '▼ -7.0 pt', '▲ +9.4 pt']);
    expect(bars[0]!.getAttribute('fill')).not.toBe(bars[1]!.getAttribute('fill'));
  });

  it('puts probability ticks on the logit axis', () => {
    expect(probabilityTicks([logit(0.04), logit(0.6)])).toEqual([0.05, 0.1, 0.2, 0.3, 0.5]);
    expect(sigmoid(logit(0.3))).toBeCloseTo(0.3);
  });

  it('summarises the start, the end and the two strongest factors', () => {
    expect(headline(data, 'en')).toBe('“External score 2” raises the risk the most');
    expect(describe(data, 'fr')).toBe(
      'Partant du risque moyen de 26,9\u00a0%, les facteurs de ce client l’amènent à 45,0\u00a0%. Le plus influent est « External score 2 », qui augmente le risque (+13,2 pt), suivi de « Age ».',
    );
  });

  it('shows the French labels in French and the English ones in English, English when a French one is absent', () => {
    const bilingual: WaterfallData = { ...data, top: [{ ...data.top[0]!, label_fr: 'Score externe 2' }, { ...data.top[1]!, label_fr: 'Âge' }, data.top[2]!] };
    expect(steps(bilingual, 'fr').filter((s) => s.kind === 'item').map((s) => s.label)).toEqual(['Score externe 2', 'Âge', 'Credit amount']);
    expect(steps(bilingual, 'en').filter((s) => s.kind === 'item').map((s) => s.label)).toEqual(['External score 2', 'Age', 'Credit amount']);
    expect(headline(bilingual, 'fr')).toBe('« Score externe 2 » est ce qui augmente le plus le risque');
    expect(describe(bilingual, 'fr')).toContain('Le plus influent est « Score externe 2 », qui augmente le risque (+13,2 pt), suivi de « Âge ».');
    expect(table(bilingual, 'fr').rows[2]![0]).toBe('Âge');
    const svg = newSvg();
    draw(svg, bilingual, { locale: 'fr', width: 700 });
    expect(svg.querySelector('.row-item .row-label')?.textContent).toMatch(/^Score externe 2 = /);
  });

  it('lists every row in the table with the same numbers as the bars', () => {
    const t = table(data, 'en');
    expect(t.rows[1]).toEqual(['External score 2', '0.21', '+13.2 pt', 'raises']);
    expect(t.rows[4]).toEqual(['80 other features', '', '+2.5 pt', 'raises']);
    expect(t.rows[0]).toEqual(['Average risk', '26.9%', '26.9%', '']);
    expect(t.rows).toHaveLength(6);
  });

  it('announces each factor with its effect when stepping through with the keyboard', () => {
    const svg = newSvg();
    const heard: string[] = [];
    draw(svg, data, { locale: 'en', announce: (m) => heard.push(m) });
    press(svg, 'ArrowDown', 'ArrowDown', 'End');
    expect(heard).toEqual([
      'Average risk: 26.9%',
      'External score 2 = 0.21: raises the risk by +13.2 pt',
      'Age = 52 years: lowers the risk by -7.0 pt',
      'This client: 45.0%',
    ]);
  });
});
