import { describe, expect, it } from 'vitest';
import { setLocale } from '../i18n/i18n.js';
import { localReason } from './api-reasons.js';

// The phrasings of backend/src/features/application-body.ts, as the API sends them.
describe('the API reasons in the advisor language', () => {
  it('re-reads an implausible value with the range the form shows, in the units typed', () => {
    setLocale('fr');
    expect(localReason('implausible value: must be between -36525 and -6575 (days)', 'fr', 'De 18 à 100')).toEqual({ text: 'Valeur refusée par l’API, attendu : de 18 à 100.', lang: 'fr' });
    expect(localReason('implausible value: must be >= 0 (currency)', 'fr', null).text).toBe('Valeur refusée par l’API : elle n’est pas plausible.');
    setLocale('en');
    expect(localReason('implausible value: must be >= 0 (currency)', 'en', 'At least 0')).toEqual({ text: 'Value refused by the API, expected: at least 0.', lang: 'en' });
  });

  it('says required, number, whole number, yes/no and unknown category in French', () => {
    setLocale('fr');
    expect(localReason('is required (Employment)', 'fr', null).text).toBe('Champ obligatoire : l’API ne calcule pas de score sans lui.');
    expect(localReason('must be a number', 'fr', null).text).toBe('Saisissez un nombre.');
    expect(localReason('must be a whole number of days', 'fr', null).text).toBe('Saisissez un nombre entier.');
    expect(localReason('must be an integer', 'fr', null).text).toBe('Saisissez un nombre entier.');
    expect(localReason('must be 0 or 1', 'fr', null).text).toBe('Choisissez Oui ou Non.');
    expect(localReason('unknown category; allowed: Cash loans, Revolving loans', 'fr', null).text).toBe('Valeur inconnue du modèle : choisissez-en une dans la liste.');
  });

  it('keeps a reason it does not know as the API wrote it, marked as English', () => {
    setLocale('fr');
    expect(localReason('references no credit of the application (this credit is SK_ID_BUREAU 7)', 'fr', null))
      .toEqual({ text: 'references no credit of the application (this credit is SK_ID_BUREAU 7)', lang: 'en' });
  });
});
