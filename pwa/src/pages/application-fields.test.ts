import { describe, expect, it } from 'vitest';
import { columnOf } from '../application/form-model.js';
import { schemaFixture as schema } from '../application/fixtures.js';
import { setLocale } from '../i18n/i18n.js';
import { fieldId, fieldLabel, rangeText, unitText } from './application-fields.js';

const col = (table: string, name: string) => columnOf(schema, table, name)!;

describe('application form fields', () => {
  it('asks the birth date as an age and drops the schema note about days from DAYS_* labels', () => {
    setLocale('fr');
    expect(fieldLabel(col('application', 'DAYS_BIRTH'), 'fr')).toBe('Âge');
    expect(fieldLabel(col('application', 'DAYS_EMPLOYED'), 'fr')).toBe('Début de l’emploi actuel');
    expect(fieldLabel(col('bureau', 'DAYS_CREDIT'), 'fr')).toBe('Crédit accordé');
    expect(fieldLabel(col('application', 'AMT_CREDIT'), 'fr')).toBe('Montant du crédit');
    setLocale('en');
    expect(fieldLabel(col('bureau', 'DAYS_CREDIT_ENDDATE'), 'en')).toBe('Credit end');
    expect(fieldLabel(col('application', 'DAYS_BIRTH'), 'en')).toBe('Age');
  });

  it('names the unit the advisor types in', () => {
    setLocale('fr');
    expect(unitText(col('application', 'DAYS_BIRTH'), 'application')).toBe('ans');
    expect(unitText(col('application', 'DAYS_EMPLOYED'), 'application')).toBe('il y a … ans');
    expect(unitText(col('bureau', 'DAYS_CREDIT'), 'bureau')).toBe('il y a … mois');
    expect(unitText(col('bureau', 'DAYS_CREDIT_ENDDATE'), 'bureau')).toBe('dans … mois');
    expect(unitText(col('application', 'AMT_CREDIT'), 'application')).toBe('€');
    expect(unitText(col('application', 'CNT_CHILDREN'), 'application')).toBeNull();
  });

  it('shows the schema range in the advisor units, none for choices and none for the not-employed placeholder', () => {
    setLocale('fr');
    expect(rangeText(col('application', 'DAYS_BIRTH'), 'application', 'fr')).toBe('De 18 à 100');
    expect(rangeText(col('application', 'DAYS_EMPLOYED'), 'application', 'fr')).toBe('De 0 à 100');
    expect(rangeText(col('bureau', 'DAYS_CREDIT'), 'bureau', 'fr')).toBe('De 0 à 1\u202f200');
    expect(rangeText(col('application', 'EXT_SOURCE_2'), 'application', 'fr')).toBe('De 0 à 1');
    expect(rangeText(col('application', 'AMT_CREDIT'), 'application', 'fr')).toBe('Au moins 0');
    expect(rangeText(col('application', 'FLAG_MOBIL'), 'application', 'fr')).toBeNull();
    expect(rangeText(col('application', 'NAME_CONTRACT_TYPE'), 'application', 'fr')).toBeNull();
  });

  it('gives every field key a usable DOM id', () => {
    expect(fieldId('application.AMT_CREDIT')).toBe('f-application-AMT_CREDIT');
    expect(fieldId('bureau[2].DAYS_CREDIT')).toBe('f-bureau-2-DAYS_CREDIT');
  });
});
