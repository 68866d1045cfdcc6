import { describe, expect, it } from 'vitest';
import { localLabel, localPhrase } from './feature-text.js';

describe('bilingual labels and phrases', () => {
  const top = { label: 'External score 2', label_fr: 'Score externe 2', phrase: 'External score 2 is low (0.21): raises the risk', phrase_fr: 'Score externe 2 : valeur basse (0,21), augmente le risque' };

  it('shows the French fields in French and the English ones in English', () => {
    expect(localLabel(top, 'fr')).toBe('Score externe 2');
    expect(localLabel(top, 'en')).toBe('External score 2');
    expect(localPhrase(top, 'fr')).toEqual({ text: 'Score externe 2 : valeur basse (0,21), augmente le risque', lang: 'fr' });
    expect(localPhrase(top, 'en')).toEqual({ text: 'External score 2 is low (0.21): raises the risk', lang: 'en' });
  });

  it('falls back to the English field, marked as English, when the French one is absent or empty', () => {
    const kept = { label: 'External score 2', phrase: 'External score 2 is low (0.21): raises the risk' };
    expect(localLabel(kept, 'fr')).toBe('External score 2');
    expect(localPhrase(kept, 'fr')).toEqual({ text: 'External score 2 is low (0.21): raises the risk', lang: 'en' });
    expect(localLabel({ label: 'Age', label_fr: '' }, 'fr')).toBe('Age');
    expect(localLabel({ label: 'Age', label_fr: null }, 'fr')).toBe('Age');
    expect(localPhrase({ phrase: 'Age is high', phrase_fr: null }, 'fr').lang).toBe('en');
  });
});
