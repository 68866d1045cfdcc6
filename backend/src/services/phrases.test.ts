import { expect } from 'chai';
import type { FeatureInfo } from '../store/artifact-schemas.js';
import { displayValue, float32Value, formatNumber, phrase } from './phrases.js';

const numeric = (label: string, unit: FeatureInfo['unit'], labelFr = label): FeatureInfo => ({
  name: 'X', label, label_fr: labelFr, description: '', type: 'numeric', unit, source: 'application', categories: null,
});
const category: FeatureInfo = {
  name: 'C', label: 'Contract type', label_fr: 'Type de contrat', description: '', type: 'category', unit: null, source: 'application',
  categories: ['Cash loans', 'Revolving loans'], categories_fr: ['Prêt personnel', 'Crédit renouvelable'],
};
const binary: FeatureInfo = { name: 'B', label: 'Owns a car', label_fr: 'Possède une voiture', description: '', type: 'binary', unit: null, source: 'application', categories: null };
const NNBSP = '\u202f';

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

  describe('in French', () => {
    it('says low or high against the median, and raises or lowers the risk', () => {
      expect(phrase(numeric('External score 2', null, 'Score externe 2'), Math.fround(0.21), 0.3, 0.5, 'fr')).to.equal('Score externe 2 : valeur basse (0,21), augmente le risque');
      expect(phrase(numeric('External score 2', null, 'Score externe 2'), Math.fround(0.21), -0.3, 0.5, 'fr')).to.equal('Score externe 2 : valeur basse (0,21), réduit le risque');
      expect(phrase(numeric('Age', 'years', 'Âge'), 52.66, -0.1, 40, 'fr')).to.equal('Âge : valeur élevée (52,7 ans), réduit le risque');
      expect(phrase(numeric('Age', 'years', 'Âge'), 52.66, 0.1, 40, 'fr')).to.equal('Âge : valeur élevée (52,7 ans), augmente le risque');
      expect(phrase(numeric('Age', 'years', 'Âge'), 40, 0.1, 40, 'fr')).to.equal('Âge : valeur médiane (40,0 ans), augmente le risque');
      expect(phrase(numeric('Age', 'years', 'Âge'), 40, 0.2, Number.NaN, 'fr')).to.equal('Âge : 40,0 ans, augmente le risque');
    });

    it('uses the French category text, oui/non, "valeur manquante" and "sans effet"', () => {
      expect(phrase(category, 1, 0.1, 0, 'fr')).to.equal('Type de contrat : Crédit renouvelable, augmente le risque');
      expect(phrase(binary, 0, 0.1, 0, 'fr')).to.equal('Possède une voiture (non), augmente le risque');
      expect(phrase(binary, 1, -0.1, 0, 'fr')).to.equal('Possède une voiture (oui), réduit le risque');
      expect(phrase(numeric('External score 3', null, 'Score externe 3'), Number.NaN, 0.4, 0.5, 'fr')).to.equal('Score externe 3 : valeur manquante, augmente le risque');
      expect(phrase(numeric('External score 3', null, 'Score externe 3'), 0.5, 0, 0.5, 'fr')).to.equal('Score externe 3 : valeur médiane (0,5), sans effet sur le risque');
      expect(displayValue(category, 7, 'fr')).to.equal('code 7');
      expect(displayValue(binary, Number.NaN, 'fr')).to.equal('manquant');
    });

    it('groups thousands with a narrow no-break space and keeps the English number of decimals per unit', () => {
      expect(phrase(numeric('Credit amount', 'currency', 'Montant du crédit'), 1234567.5, 0.2, 500000, 'fr'))
        .to.equal(`Montant du crédit : valeur élevée (1${NNBSP}234${NNBSP}568), augmente le risque`);
      expect(formatNumber(1234567.5, 'currency', 'fr')).to.equal(`1${NNBSP}234${NNBSP}568`);
      expect(formatNumber(0.3333, 'ratio', 'fr')).to.equal('0,33');
      expect(formatNumber(-1200, 'days', 'fr')).to.equal(`-1${NNBSP}200 jours`);
      expect(formatNumber(1, 'days', 'fr')).to.equal('1 jour');
      expect(formatNumber(1.46, 'years', 'fr')).to.equal('1,5 an');
      expect(formatNumber(1.96, 'years', 'fr')).to.equal('2,0 ans');
      expect(formatNumber(3, 'count', 'fr')).to.equal('3');
      expect(formatNumber(2.5, 'count', 'fr')).to.equal('2,5');
      expect(formatNumber(14, 'months', 'fr')).to.equal('14 mois');
      expect(formatNumber(12.34, 'percent', 'fr')).to.equal(`12,3${NNBSP}%`);
      expect(formatNumber(0.123456, null, 'fr')).to.equal('0,12');
      expect(formatNumber(123456, null, 'fr')).to.equal(`123${NNBSP}456`);
    });

    it('writes the French phrase with the French label and the English one with the English label', () => {
      const f = numeric('External scores, mean', null, 'Scores externes, moyenne');
      expect(phrase(f, Math.fround(0.16), 0.5, 0.5)).to.equal('External scores, mean is low (0.16): raises the risk');
      expect(phrase(f, Math.fround(0.16), 0.5, 0.5, 'fr')).to.equal('Scores externes, moyenne : valeur basse (0,16), augmente le risque');
    });
  });
});
