import { describe, expect, it } from 'vitest';
import type { FeatureInfo } from '../api/types.js';
import { categoryNames, featureLabel, indexFeatures, valueText, withCatalogueLabels } from './feature-meta.js';

const info = (over: Partial<FeatureInfo>): FeatureInfo => ({
  name: 'X', label: 'X label', description: '', type: 'numeric', unit: null, source: 'application', categories: null, ...over,
});

describe('feature metadata', () => {
  it('labels features from the catalogue in the interface language and falls back to the raw name', () => {
    const index = indexFeatures([info({ name: 'AGE', label: 'Age', label_fr: 'Âge' }), info({ name: 'OLD', label: 'Older catalogue' })]);
    expect(featureLabel(index, 'AGE', 'fr')).toBe('Âge');
    expect(featureLabel(index, 'AGE', 'en')).toBe('Age');
    expect(featureLabel(index, 'OLD', 'fr')).toBe('Older catalogue');
    expect(featureLabel(index, 'UNKNOWN', 'fr')).toBe('UNKNOWN');
  });

  it('gives importance and drift entries the catalogue’s French label by feature name', () => {
    const index = indexFeatures([info({ name: 'AGE', label: 'Age', label_fr: 'Âge' }), info({ name: 'OLD', label: 'Older catalogue' })]);
    const entries = [{ name: 'OLD', label: 'Older catalogue', psi: 0.3 }, { name: 'AGE', label: 'Age', psi: 0.1 }, { name: 'GONE', label: 'Gone', psi: 0 }];
    expect(withCatalogueLabels(entries, index)).toEqual([
      { name: 'OLD', label: 'Older catalogue', psi: 0.3 },
      { name: 'AGE', label: 'Age', label_fr: 'Âge', psi: 0.1 },
      { name: 'GONE', label: 'Gone', psi: 0 },
    ]);
  });

  it('names category codes from an array or a code map, and binary values as yes/no', () => {
    expect(categoryNames(info({ type: 'category', categories: ['Cash loans', 'Revolving loans'] }), 'en')).toEqual(['Cash loans', 'Revolving loans']);
    expect(categoryNames(info({ type: 'category', categories: { '0': 'A', '2': 'C' } }), 'en')).toEqual(['A', '1', 'C']);
    expect(categoryNames(info({ type: 'binary' }), 'fr')).toEqual(['Non', 'Oui']);
    expect(categoryNames(info({}), 'fr')).toBeNull();
  });

  it('prints values with category names, units, and missing values in words', () => {
    expect(valueText(info({ type: 'category', categories: ['Cash loans', 'Revolving loans'] }), 1, 'en')).toBe('Revolving loans');
    expect(valueText(info({ unit: 'years' }), 41.5, 'fr')).toBe('41,5 ans');
    expect(valueText(info({}), null, 'en')).toBe('Not provided');
    expect(valueText(undefined, 1234567, 'en')).toBe('1,234,567');
  });
});
