import { describe, expect, it } from 'vitest';
import type { FeatureInfo } from '../api/types.js';
import { categoryNames, featureLabel, indexFeatures, valueText } from './feature-meta.js';

const info = (over: Partial<FeatureInfo>): FeatureInfo => ({
  name: 'X', label: 'X label', description: '', type: 'numeric', unit: null, source: 'application', categories: null, ...over,
});

describe('feature metadata', () => {
  it('labels features from the catalogue and falls back to the raw name', () => {
    const index = indexFeatures([info({ name: 'AGE', label: 'Age' })]);
    expect(featureLabel(index, 'AGE')).toBe('Age');
    expect(featureLabel(index, 'UNKNOWN')).toBe('UNKNOWN');
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
