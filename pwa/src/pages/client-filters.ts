/** Filters of the client list and their mapping to GET /v1/clients query parameters. */
import type { ClientQuery, Dataset, Decision, SortKey } from '../api/types.js';

export interface ClientFilters {
  q: string;
  contract_type: string;
  gender: string;
  dataset: '' | Dataset;
  decision: '' | Decision;
  age_min: string;
  age_max: string;
  income_min: string;
  income_max: string;
  credit_min: string;
  credit_max: string;
  previous_applications_min: string;
  bureau_credits_min: string;
  late_months_min: string;
}

export const emptyFilters: ClientFilters = {
  q: '', contract_type: '', gender: '', dataset: '', decision: '', age_min: '', age_max: '',
  income_min: '', income_max: '', credit_min: '', credit_max: '',
  previous_applications_min: '', bureau_credits_min: '', late_months_min: '',
};

export const defaults = { minAge: 18, maxAge: 100, debounceMs: 300, pageSize: 50 };

export const sortable: readonly SortKey[] = [
  'id', 'age_years', 'income', 'credit_amount', 'annuity', 'probability', 'previous_applications', 'bureau_credits', 'late_months',
];

/** Typed number fields: amounts (€, >= 0), counts (whole numbers >= 0) and ages. */
export const amountKeys = ['income_min', 'income_max', 'credit_min', 'credit_max'] as const;
export const countKeys = ['previous_applications_min', 'bureau_credits_min', 'late_months_min'] as const;
const numberKeys = ['age_min', 'age_max', ...amountKeys, ...countKeys] as const;

export type FilterError = 'invalidAge' | 'digits' | 'invalidAmount' | 'invalidCount' | 'minAboveMax';

/** Problems with the filters as typed, by field (empty when they can be sent). */
export function filterErrors(f: ClientFilters): Partial<Record<keyof ClientFilters, FilterError>> {
  const errors: Partial<Record<keyof ClientFilters, FilterError>> = {};
  if (f.q.trim() !== '' && !/^\d+$/.test(f.q.trim())) errors.q = 'digits';
  for (const key of ['age_min', 'age_max'] as const) {
    const n = parsed(f[key]);
    if (n !== undefined && (!Number.isFinite(n) || n < defaults.minAge || n > defaults.maxAge)) errors[key] = 'invalidAge';
  }
  for (const key of amountKeys) {
    const n = parsed(f[key]);
    if (n !== undefined && (!Number.isFinite(n) || n < 0)) errors[key] = 'invalidAmount';
  }
  for (const key of countKeys) {
    const n = parsed(f[key]);
    if (n !== undefined && (!Number.isInteger(n) || n < 0)) errors[key] = 'invalidCount';
  }
  for (const [min, max] of [['age_min', 'age_max'], ['income_min', 'income_max'], ['credit_min', 'credit_max']] as const) {
    const lo = parsed(f[min]);
    const hi = parsed(f[max]);
    if (!errors[min] && !errors[max] && lo !== undefined && hi !== undefined && lo > hi) errors[min] = 'minAboveMax';
  }
  return errors;
}

/** A typed number ("12 000", "1,5") or undefined when empty; NaN when not a number. */
function parsed(raw: string): number | undefined {
  const text = raw.trim().replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  return text === '' ? undefined : Number(text);
}

/** The filters alone (no paging or sort): shared by the grid, the ranking and the scatter. */
export function filterQuery(f: ClientFilters): Omit<ClientQuery, 'limit' | 'offset' | 'sort'> {
  const query: Omit<ClientQuery, 'limit' | 'offset' | 'sort'> = {
    q: f.q.trim() || undefined,
    contract_type: f.contract_type || undefined,
    gender: f.gender || undefined,
    dataset: f.dataset || undefined,
    decision: f.decision || undefined,
  };
  for (const key of numberKeys) {
    const n = parsed(f[key]);
    if (n !== undefined && Number.isFinite(n)) query[key] = n;
  }
  return query;
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
  return { limit: pageSize, offset: page * pageSize, sort, ...filterQuery(f) };
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
