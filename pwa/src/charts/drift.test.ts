import { describe as suite, expect, it } from 'vitest';
import * as drift from './drift.js';
import { newSvg } from './test-helpers.js';

suite('drift chart', () => {
  const data = {
    top: 10, psi_threshold: 0.2, ks_threshold: 0.1, n_reference: 4000, n_current: 5000,
    features: [
      { name: 'A', label: 'Stable one', psi: 0.01, ks: 0.02, ks_pvalue: 0.5, flagged: false },
      { name: 'B', label: 'Moving one', psi: 0.9, ks: 0.15, ks_pvalue: 0.001, flagged: true },
    ],
  };
  it('hatches and labels flagged features, with the threshold line', () => {
    const svg = newSvg();
    drift.draw(svg, data, { locale: 'en' });
    const flagged = svg.querySelector('rect.flagged');
    expect(flagged?.getAttribute('fill')).toMatch(/^url\(#hatch/);
    expect(Array.from(svg.querySelectorAll('.value-label')).map((t) => t.textContent)).toEqual(['0.9 ⚠ drift', '0.01']);
    expect(svg.querySelector('.reference-label')?.textContent).toBe('Threshold 0.2');
  });
  it('hatches only bars past the drawn PSI line; a KS-only flag is said in words', () => {
    const ksOnly = { ...data, features: [...data.features, { name: 'C', label: 'KS only', psi: 0.11, ks: 0.14, ks_pvalue: 0.01, flagged: true }] };
    const svg = newSvg();
    drift.draw(svg, ksOnly, { locale: 'en' });
    expect(svg.querySelectorAll('rect.flagged')).toHaveLength(1);
    expect(svg.querySelector('rect.flagged-ks')?.getAttribute('fill')).not.toMatch(/^url/);
    expect(Array.from(svg.querySelectorAll('.value-label')).map((t) => t.textContent)).toContain('0.11 · KS 0.14 ⚠');
  });
  it('shows the catalogue’s French labels in French', () => {
    const bilingual = { ...data, features: data.features.map((f) => (f.name === 'B' ? { ...f, label_fr: 'Variable qui bouge' } : f)) };
    const svg = newSvg();
    drift.draw(svg, bilingual, { locale: 'fr' });
    expect(Array.from(svg.querySelectorAll('.row-label')).map((t) => t.textContent)).toEqual(['Variable qui bouge', 'Stable one']);
    expect(drift.describe(bilingual, 'fr')).toContain('« Variable qui bouge »');
    expect(drift.table(bilingual, 'fr').rows.map((r) => r[0])).toEqual(['Variable qui bouge', 'Stable one']);
    expect(drift.describe(bilingual, 'en')).toContain('“Moving one”');
  });
  it('counts flagged features in the reading', () => {
    expect(drift.headline(data, 'en')).toBe('1 feature drifts among new clients');
    expect(drift.headline({ ...data, features: [data.features[0]!] }, 'en')).toBe('New clients resemble the training clients');
    expect(drift.describe(data, 'en')).toBe('1 of 2 features exceed a drift threshold (PSI > 0.2 or KS > 0.1). The strongest drift is in “Moving one” (PSI 0.9).');
  });
});
