import { describe as suite, expect, it } from 'vitest';
import * as importance from './importance.js';
import { attrs, newSvg } from './test-helpers.js';

suite('importance chart', () => {
  const data = {
    top: 3,
    features: [
      { name: 'B', label: 'Age', mean_abs_shap: 0.1 },
      { name: 'A', label: 'External score', mean_abs_shap: 0.3 },
      { name: 'C', label: 'Credit', mean_abs_shap: 0.05 },
      { name: 'D', label: 'Other', mean_abs_shap: 0.05 },
    ],
  };
  it('draws the top features longest first with their values', () => {
    const svg = newSvg();
    importance.draw(svg, data, { locale: 'en' });
    const widths = attrs(svg, 'rect.bar', 'width').map(Number);
    expect(widths).toHaveLength(3);
    expect(widths[0]).toBeGreaterThan(widths[1]!);
    expect(Array.from(svg.querySelectorAll('.row-label')).map((t) => t.textContent)).toEqual(['External score', 'Age', 'Credit']);
  });
  it('shows the catalogue’s French labels in French, the English label where there is none', () => {
    const bilingual = { ...data, features: data.features.map((f) => (f.name === 'A' ? { ...f, label_fr: 'Score externe' } : f.name === 'B' ? { ...f, label_fr: 'Âge' } : f)) };
    const svg = newSvg();
    importance.draw(svg, bilingual, { locale: 'fr' });
    expect(Array.from(svg.querySelectorAll('.row-label')).map((t) => t.textContent)).toEqual(['Score externe', 'Âge', 'Credit']);
    expect(importance.headline(bilingual, 'fr')).toContain('Score externe');
    expect(importance.describe(bilingual, 'fr')).toMatch(/^« Score externe ».*« Âge » et « Credit »/);
    expect(importance.table(bilingual, 'en').rows.map((r) => r[0])).toEqual(['External score', 'Age', 'Credit']);
  });
  it('reads the leader and the share of the top features', () => {
    expect(importance.topShare(data)).toBeCloseTo(0.45 / 0.5);
    expect(importance.describe(data, 'en')).toBe(
      '“External score” is the most influential feature (mean impact 0.3), ahead of “Age” and “Credit”. The top 3 features account for 90% of the total influence.',
    );
  });
});
