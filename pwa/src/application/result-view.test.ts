import { describe, expect, it } from 'vitest';
import type { ApplicationScore, ReasonGroup } from '../api/application-types.js';
import type { FeatureInfo } from '../api/types.js';
import { comparable, inputNumber, orderedGroups } from './result-view.js';

const group = (g: string, points: number): ReasonGroup => ({ group: g, label: g, shap: points * 4, points, phrase: g, features: [] });
const contractType: FeatureInfo = { name: 'CONTRACT_TYPE', label: 'Contract', description: '', type: 'category', unit: null, source: 'application', categories: ['Cash loans', 'Revolving loans'] };

describe('new-application result', () => {
  it('orders reason groups by how many points they move, either way', () => {
    expect(orderedGroups([group('a', 0.01), group('b', -0.2), group('c', 0.05), group('d', -0.05)]).map((g) => g.group)).toEqual(['b', 'c', 'd', 'a']);
  });

  it('turns served inputs into the numbers the population statistics hold', () => {
    expect(inputNumber(0.5, undefined)).toBe(0.5);
    expect(inputNumber('Revolving loans', contractType)).toBe(1);
    expect(inputNumber('Mortgage', contractType)).toBeNull();
    expect(inputNumber(null, contractType)).toBeNull();
  });

  it('gives the comparison panel the inputs and the contributions by influence', () => {
    const score: ApplicationScore = {
      probability: 0.3, decision: 'refused', threshold: 0.1, model_version: '1', missing_inputs: [],
      inputs: { EXT_SOURCE_MEAN: 0.2, CONTRACT_TYPE: 'Cash loans' },
      explanation: { base_value: -2, base_probability: 0.08, groups: [], contributions: [
        { feature: 'CONTRACT_TYPE', label: 'Contract', value: 'Cash loans', shap: 0.1 },
        { feature: 'EXT_SOURCE_MEAN', label: 'External mean', value: 0.2, shap: -0.9 },
      ] },
    };
    const { client, explanation } = comparable(score, new Map([['CONTRACT_TYPE', contractType]]));
    expect(client.features).toEqual({ EXT_SOURCE_MEAN: 0.2, CONTRACT_TYPE: 0 });
    expect(explanation.contributions.map((c) => [c.feature, c.value])).toEqual([['EXT_SOURCE_MEAN', 0.2], ['CONTRACT_TYPE', null]]);
  });
});
