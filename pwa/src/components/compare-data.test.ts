import { describe, expect, it } from 'vitest';
import type { FeatureInfo, Population } from '../api/types.js';
import { clientFixture, explanationFixture } from '../offline/fixtures.js';
import { distributionChoices, distributionData, scatterChoices, scatterData } from './compare-data.js';
import { indexFeatures } from './feature-meta.js';

const population: Population = {
  n_clients: 3, n_defaulted: 1, quantile_levels: [0.5],
  features: {
    NAME_CONTRACT_TYPE: { missing_rate: 0, quantiles: { all: [0], repaid: [0], defaulted: [0] }, histogram: { edges: [-0.5, 0.5, 1.5], repaid: [0.9, 0.1], defaulted: [0.95, 0.05] } },
    EXT_SOURCE_2: { missing_rate: 0, quantiles: { all: [0.5], repaid: [0.6], defaulted: [0.3] }, histogram: { edges: [0, 0.5, 1], repaid: [0.3, 0.7], defaulted: [0.7, 0.3] } },
    AGE_YEARS: { missing_rate: 0, quantiles: { all: [40], repaid: [42], defaulted: [35] }, histogram: { edges: [20, 45, 70], repaid: [0.5, 0.5], defaulted: [0.6, 0.4] } },
  },
  sample: { features: ['AGE_YEARS', 'EXT_SOURCE_2'], probability: [0.1, 0.5, 0.05], values: [[30, 0.7], [25, null], [50, 0.8]] },
};
const features: FeatureInfo[] = [
  { name: 'NAME_CONTRACT_TYPE', label: 'Contract type', label_fr: 'Type de contrat', description: '', type: 'category', unit: null, source: 'application', categories: ['Cash loans', 'Revolving loans'] },
  { name: 'AGE_YEARS', label: 'Age', label_fr: 'Âge', description: '', type: 'numeric', unit: 'years', source: 'application', categories: null },
];

describe('comparison data', () => {
  it('offers the client’s most influential features first', () => {
    const explanation = explanationFixture(1);
    expect(distributionChoices(population, explanation)).toEqual(['EXT_SOURCE_2', 'AGE_YEARS', 'NAME_CONTRACT_TYPE']);
    expect(scatterChoices(population, explanation)).toEqual(['EXT_SOURCE_2', 'AGE_YEARS']);
  });

  it('builds a distribution with the client value in words and category names', () => {
    const client = { ...clientFixture(1), features: { NAME_CONTRACT_TYPE: 1, AGE_YEARS: 41.2 } };
    const index = indexFeatures(features);
    expect(distributionData('NAME_CONTRACT_TYPE', population, client, index, 'en')).toMatchObject({ label: 'Contract type', clientValue: 1, clientDisplay: 'Revolving loans', categories: ['Cash loans', 'Revolving loans'] });
    expect(distributionData('AGE_YEARS', population, client, index, 'fr')).toMatchObject({ label: 'Âge', clientDisplay: '41,2 ans' });
    expect(distributionData('NAME_CONTRACT_TYPE', population, client, index, 'fr')?.label).toBe('Type de contrat');
    expect(distributionData('UNKNOWN', population, client, index, 'fr')).toBeNull();
  });

  it('builds the scatter from the sample rows, keeping missing values as null, and places the client', () => {
    const data = scatterData('AGE_YEARS', 'EXT_SOURCE_2', population, clientFixture(1), 0.12, 0.09, indexFeatures(features), 'en');
    expect(data.points).toEqual([
      { id: 1, x: 30, y: 0.7, probability: 0.1 },
      { id: 2, x: 25, y: null, probability: 0.5 },
      { id: 3, x: 50, y: 0.8, probability: 0.05 },
    ]);
    expect(data.client).toEqual({ x: 41.2, y: 0.21, probability: 0.12 });
    expect(data.xLabel).toBe('Age');
    expect(data.yLabel).toBe('EXT_SOURCE_2');
    const french = scatterData('AGE_YEARS', 'EXT_SOURCE_2', population, clientFixture(1), 0.12, 0.09, indexFeatures(features), 'fr');
    expect([french.xLabel, french.yLabel]).toEqual(['Âge', 'EXT_SOURCE_2']);
  });
});
