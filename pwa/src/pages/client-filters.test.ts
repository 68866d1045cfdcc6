import { describe, expect, it, vi } from 'vitest';
import { debounce, emptyFilters, filterErrors, toQuery } from './client-filters.js';

describe('client list filters', () => {
  it('maps filters, paging and the grid sort to the API query', () => {
    const q = toQuery({ ...emptyFilters, q: ' 1000 ', gender: 'F', dataset: 'new', age_min: '30', contract_type: 'Cash loans' }, 2, 50, [
      { path: 'probability', direction: 'desc' },
    ]);
    expect(q).toEqual({ limit: 50, offset: 100, sort: '-probability', q: '1000', contract_type: 'Cash loans', gender: 'F', dataset: 'new', age_min: 30, age_max: undefined });
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
