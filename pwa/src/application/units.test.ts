import { describe, expect, it } from 'vitest';
import { daysDisplay, formatInputNumber, fromDays, parseLocaleNumber, toDays } from './units.js';

describe('units of the application form', () => {
  it('converts an age in years into Kaggle DAYS_BIRTH and back', () => {
    const age = daysDisplay('application', 'DAYS_BIRTH');
    expect(age).toEqual({ unit: 'years', direction: 'ago' });
    expect(toDays(35, age)).toBe(-12784);
    expect(toDays(25.9, age)).toBe(-9460);
    expect(fromDays(-9461, age)).toBeCloseTo(25.903, 3);
    expect(Object.is(toDays(0, age), 0)).toBe(true);
  });

  it('reads history dates in months, and a credit end date as ahead', () => {
    expect(toDays(12, daysDisplay('bureau', 'DAYS_CREDIT'))).toBe(-365);
    expect(toDays(6, daysDisplay('bureau', 'DAYS_CREDIT_ENDDATE'))).toBe(183);
    expect(toDays(-6, daysDisplay('bureau', 'DAYS_CREDIT_ENDDATE'))).toBe(-183);
    expect(fromDays(-730, daysDisplay('previous_application', 'DAYS_DECISION'))).toBeCloseTo(23.98, 2);
  });

  it('reads numbers the way advisors type them and refuses anything else', () => {
    expect(parseLocaleNumber('406 598,5')).toBe(406598.5);
    expect(parseLocaleNumber('406\u202f598')).toBe(406598);
    expect(parseLocaleNumber('0.62')).toBe(0.62);
    expect(parseLocaleNumber('1,234.5')).toBe(1234.5);
    expect(parseLocaleNumber('1.234,5')).toBe(1234.5);
    expect(parseLocaleNumber('-3')).toBe(-3);
    for (const bad of ['', '  ', 'abc', '0x10', '12abc', '1e', '1,2,3', 'Infinity']) expect(parseLocaleNumber(bad), bad).toBeNull();
  });

  it('formats an input value so that it reads back unchanged', () => {
    expect(formatInputNumber(406597.5, 'fr')).toBe('406597,5');
    expect(formatInputNumber(406597.5, 'en')).toBe('406597.5');
    expect(parseLocaleNumber(formatInputNumber(0.262949, 'fr'))).toBe(0.262949);
    expect(formatInputNumber(25.903, 'fr', 1)).toBe('25,9');
  });
});
