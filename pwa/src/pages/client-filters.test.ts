import { describe, expect, it, vi } from 'vitest';
import { debounce, emptyFilters, filterErrors, toQuery } from './client-filters.js';

describe('client list filters', () => {
  it('maps filters, paging and the grid sort to the API query', () => {
    const q = toQuery({ ...emptyFilters, q: ' 1000 ', gender: 'F', dataset: 'new', age_min: '30', contract_type: 'Cash loans' }, 2, 50, [
      { path: 'probability', direction: 'desc' },
    ]);
    expect(q).toEqual({ limit: 50, offset: 100, sort: '-probability', q: '1000', contract_type: 'Cash loans', gender: 'F', dataset: 'new', decision: undefined, age_min: 30 });
  });

  it('sends the decision, amounts typed with spaces or a decimal comma, and history minimums', () => {
    const q = toQuery({ ...emptyFilters, decision: 'refused', income_min: '150 000', credit_max: '1,5', bureau_credits_min: '5' }, 0, 50, [
      { path: 'bureau_credits', direction: 'desc' },
    ]);
    expect(q).toMatchObject({ sort: '-bureau_credits', decision: 'refused', income_min: 150000, credit_max: 1.5, bureau_credits_min: 5 });
    expect(q).not.toHaveProperty('income_max');
  });

  it('flags negative amounts, fractional counts and a minimum above its maximum', () => {
    expect(filterErrors({ ...emptyFilters, income_min: '-5', late_months_min: '1.5' })).toEqual({ income_min: 'invalidAmount', late_months_min: 'invalidCount' });
    expect(filterErrors({ ...emptyFilters, credit_min: '500000', credit_max: '1000' })).toEqual({ credit_min: 'minAboveMax' });
  });

  it('ignores sorts the API does not support and unsorted columns', () => {
    expect(toQuery(emptyFilters, 0, 25, [{ path: 'gender', direction: 'asc' }, { path: 'age_years', direction: null }]).sort).toBeUndefined();
    expect(toQuery(emptyFilters, 0, 25, [{ path: 'age_years', direction: 'asc' }]).sort).toBe('age_years');
  });

  it('flags a non-numeric id search and ages out of range', () => {
    expect(filterErrors({ ...emptyFilters, q: '12a', age_min: '12', age_max: '45' })).toEqual({ q: 'digits', age_min: 'invalidAge' });
    expect(filterErrors(emptyFilters)).toEqual({});
  });

  it('debounces typing: only the last call runs, once', () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    const d = debounce(fn, 300);
    d('a');
    vi.advanceTimersByTime(200);
    d('b');
    vi.advanceTimersByTime(299);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledExactlyOnceWith('b');
    d('c');
    d.cancel();
    vi.advanceTimersByTime(1000);
    expect(fn).toHaveBeenCalledTimes(1);
    vi.useRealTimers();
  });
});
