import { expect } from 'chai';
import type { FeatureInfo } from '../store/artifact-schemas.js';
import { displayValue, float32Value, formatNumber, phrase } from './phrases.js';

const numeric = (label: string, unit: FeatureInfo['unit']): FeatureInfo => ({ name: 'X', label, description: '', type: 'numeric', unit, source: 'application', categories: null });
const category: FeatureInfo = { name: 'C', label: 'Contract type', description: '', type: 'category', unit: null, source: 'application', categories: ['Cash loans', 'Revolving loans'] };
const binary: FeatureInfo = { name: 'B', label: 'Owns a car', description: '', type: 'binary', unit: null, source: 'application', categories: null };

describe('phrases', () => {
  it('writes the example phrase of the contract', () => {
    expect(phrase(numeric('External score 2', null), Math.fround(0.21), 0.3, 0.5)).to.equal('External score 2 is low (0.21): raises the risk');
  });

  it('says high, typical, or just the value when no median is known', () => {
    expect(phrase(numeric('Age', 'years'), 52.66, -0.1, 40)).to.equal('Age is high (52.7 years): lowers the risk');
    expect(phrase(numeric('Age', 'years'), 40, -0.1, 40)).to.equal('Age is typical (40.0 years): lowers the risk');
    expect(phrase(numeric('Age', 'years'), 40, 0.2, Number.NaN)).to.equal('Age is 40.0 years: raises the risk');
  });

  it('uses category text, yes/no, "is missing" and "no effect"', () => {
    expect(phrase(category, 1, 0.1, 0)).to.equal('Contract type is Revolving loans: raises the risk');
    expect(phrase(binary, 0, 0.1, 0)).to.equal('Owns a car (no): raises the risk');
    expect(phrase(binary, 1, -0.1, 0)).to.equal('Owns a car (yes): lowers the risk');
    expect(phrase(numeric('External score 3', null), Number.NaN, 0.4, 0.5)).to.equal('External score 3 is missing: raises the risk');
    expect(phrase(numeric('External score 3', null), 0.5, 0, 0.5)).to.equal('External score 3 is typical (0.5): no effect on the risk');
    expect(displayValue(category, 7)).to.equal('code 7');
  });

  it('formats by unit: years 1 decimal, currency separators, ratio 2 decimals', () => {
    expect(formatNumber(34.46, 'years')).to.equal('34.5 years');
    expect(formatNumber(1234567.5, 'currency')).to.equal('1,234,568');
    expect(formatNumber(0.3333, 'ratio')).to.equal('0.33');
    expect(formatNumber(-1200, 'days')).to.equal('-1,200 days');
    expect(formatNumber(3, 'count')).to.equal('3');
    expect(formatNumber(14, 'months')).to.equal('14 months');
    expect(formatNumber(12.34, 'percent')).to.equal('12.3%');
    expect(formatNumber(0.123456, null)).to.equal('0.12');
    expect(formatNumber(123456, null)).to.equal('123,456');
  });

  it('prints float32 values by their shortest decimal', () => {
    expect(float32Value(Math.fround(0.21))).to.equal(0.21);
    expect(float32Value(Math.fround(406597.5))).to.equal(406597.5);
    expect(float32Value(Number.NaN)).to.equal(null);
    expect(float32Value(0.1)).to.equal(0.1);
  });
});
