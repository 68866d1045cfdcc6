import { describe, expect, it } from 'vitest';
import { annuityFor, draftFrom, termsOfClient, durationMonths, loanChanges, loanFieldOf, movedLine } from './loan-terms.js';

// Client 100002 of the sample: the loan the example changes.
const terms = { credit: 406597.5, annuity: 24700.5, goodsPrice: 351000 };

describe('loan-terms simulation', () => {
  it('reads the duration the model sees: credit / annuity years', () => {
    expect(durationMonths(406597.5, 24700.5)! / 12).toBeCloseTo(16.46, 2);
    expect(durationMonths(1000, 0)).toBeNull();
    expect(durationMonths(null, 10)).toBeNull();
    expect(annuityFor(200000, 120)).toBe(20000);
  });

  it('reads the current terms from a stored client file', () => {
    expect(termsOfClient({ credit_amount: 406597.5, annuity: 24700.5, goods_price: null })).toEqual({ credit: 406597.5, annuity: 24700.5, goodsPrice: null });
  });

  it('starts from the current terms in the advisor format', () => {
    expect(draftFrom(terms, 'fr')).toEqual({ mode: 'annuity', credit: '406597,5', annuity: '24700,5', months: '198', goodsPrice: '351000', downPayment: '' });
  });

  it('takes a down payment off the credit, and in duration mode the annuity follows the smaller credit', () => {
    const initial = draftFrom(terms, 'fr');
    expect(loanChanges(terms, { ...initial, downPayment: '100 000' }, initial)).toEqual({ changes: { AMT_CREDIT: 306597.5 }, invalid: [] });
    // Off the amount typed, when the advisor changed it too.
    expect(loanChanges(terms, { ...initial, credit: '300000', downPayment: '50000' }, initial).changes).toEqual({ AMT_CREDIT: 250000 });
    expect(loanChanges(terms, { ...initial, downPayment: '0' }, initial).changes).toEqual({});
    const duration = draftFrom(terms, 'fr', 'duration');
    expect(loanChanges(terms, { ...duration, downPayment: '206597,5' }, duration).changes).toEqual({ AMT_CREDIT: 200000, AMT_ANNUITY: annuityFor(200000, 198) });
  });

  it('refuses a negative down payment, and one with no credit to take it from', () => {
    const initial = draftFrom(terms, 'fr');
    expect(loanChanges(terms, { ...initial, downPayment: '-5' }, initial).invalid).toEqual(['downPayment']);
    const none = { credit: null, annuity: null, goodsPrice: null };
    expect(loanChanges(none, { ...draftFrom(none, 'fr'), downPayment: '5' }, draftFrom(none, 'fr')).invalid).toEqual(['downPayment']);
  });

  it('sends only the terms that changed', () => {
    const initial = draftFrom(terms, 'fr');
    expect(loanChanges(terms, initial, initial)).toEqual({ changes: {}, invalid: [] });
    expect(loanChanges(terms, { ...initial, credit: '200 000' }, initial)).toEqual({ changes: { AMT_CREDIT: 200000 }, invalid: [] });
    expect(loanChanges(terms, { ...initial, goodsPrice: '300000', annuity: '20000' }, initial).changes).toEqual({ AMT_GOODS_PRICE: 300000, AMT_ANNUITY: 20000 });
  });

  it('in duration mode, derives the annuity from the credit and the duration', () => {
    const initial = draftFrom(terms, 'fr', 'duration');
    // Switching mode alone changes nothing: the rounded duration must not move the annuity.
    expect(loanChanges(terms, initial, initial).changes).toEqual({});
    expect(loanChanges(terms, { ...initial, months: '120' }, initial).changes).toEqual({ AMT_ANNUITY: 40659.75 });
    // A new amount at the same duration: the annuity follows.
    expect(loanChanges(terms, { ...initial, credit: '200000' }, initial).changes).toEqual({ AMT_CREDIT: 200000, AMT_ANNUITY: annuityFor(200000, 198) });
  });

  it('names fields that are not numbers and a duration that is not positive', () => {
    const initial = draftFrom(terms, 'en', 'duration');
    expect(loanChanges(terms, { ...initial, credit: 'lots', months: '0' }, initial).invalid).toEqual(['credit', 'months']);
  });

  it('places a what-if 400 on the field it names', () => {
    expect(loanFieldOf('changes.AMT_CREDIT', 'annuity')).toBe('credit');
    expect(loanFieldOf('changes.AMT_ANNUITY', 'duration')).toBe('months');
    expect(loanFieldOf('AMT_GOODS_PRICE', 'annuity')).toBe('goodsPrice');
    expect(loanFieldOf('changes.EXT_SOURCE_3', 'annuity')).toBeNull();
    // The credit sent came from the down payment: its refusal belongs there.
    expect(loanFieldOf('changes.AMT_CREDIT', 'annuity', true)).toBe('downPayment');
  });

  it('reads a moved input as "label : before → after"', () => {
    const moved = { feature: 'CREDIT_INCOME_RATIO', label: 'Credit / income', label_fr: 'Crédit / revenu', before: 2.007889, after: 0.987654 };
    expect(movedLine(moved, 'fr')).toBe('Crédit / revenu\u00a0: 2,01 → 0,99');
    expect(movedLine(moved, 'en')).toBe('Credit / income: 2.01 → 0.99');
    expect(movedLine({ ...moved, before: null, after: 406597.5 }, 'en')).toBe('Credit / income: Not provided → 406,598');
    expect(movedLine({ ...moved, before: 2.0079, after: 1.0039 }, 'fr')).toBe('Crédit / revenu\u00a0: 2,01 → 1,00');
    expect(movedLine({ ...moved, before: 2, after: 3 }, 'en')).toBe('Credit / income: 2 → 3');
  });
});
