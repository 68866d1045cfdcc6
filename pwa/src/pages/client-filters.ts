/** Filters of the client list and their mapping to GET /v1/clients query parameters. */
import type { ClientQuery, Dataset, SortKey } from '../api/types.js';

export interface ClientFilters {
  q: string;
  contract_type: string;
  gender: string;
  dataset: '' | Dataset;
  age_min: string;
  age_max: string;
}

export const emptyFilters: ClientFilters = { q: '', contract_type: '', gender: '', dataset: '', age_min: '', age_max: '' };

export const defaults = { minAge: 18, maxAge: 100, debounceMs: 300, pageSize: 50 };

const sortable: readonly SortKey[] = ['id', 'age_years', 'income', 'credit_amount', 'annuity', 'probability'];

/** Problems with the filters as typed, by field (empty when they can be sent). */
export function filterErrors(f: ClientFilters): Partial<Record<keyof ClientFilters, 'invalidAge' | 'digits'>> {
  const errors: Partial<Record<keyof ClientFilters, 'invalidAge' | 'digits'>> = {};
  if (f.q.trim() !== '' && !/^\d+$/.test(f.q.trim())) errors.q = 'digits';
  for (const key of ['age_min', 'age_max'] as const) {
    const raw = f[key].trim();
    if (raw === '') continue;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < defaults.minAge || n > defaults.maxAge) errors[key] = 'invalidAge';
  }
  return errors;
}

/** The API query for one page of the grid. */
export function toQuery(
  f: ClientFilters,
  page: number,
  pageSize: number,
  sortOrders: { path: string; direction: 'asc' | 'desc' | null }[],
): ClientQuery {
  const order = sortOrders.find((s) => s.direction !== null && (sortable as string[]).includes(s.path));
  const sort = order ? ((order.direction === 'desc' ? `-${order.path}` : order.path) as ClientQuery['sort']) : undefined;
  const num = (raw: string) => (raw.trim() === '' ? undefined : Number(raw));
  return {
    limit: pageSize,
    offset: page * pageSize,
    sort,
    q: f.q.trim() || undefined,
    contract_type: f.contract_type || undefined,
    gender: f.gender || undefined,
    dataset: f.dataset || undefined,
    age_min: num(f.age_min),
    age_max: num(f.age_max),
  };
}

/** Wait until calls stop for `ms`, then run the last one (filter typing). */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): ((...args: A) => void) & { cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const wrapped = (...args: A) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
  wrapped.cancel = () => clearTimeout(timer);
  return wrapped;
}
