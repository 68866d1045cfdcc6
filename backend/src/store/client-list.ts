/**
 * The client list held in memory: display columns from the clients table plus history counts read
 * from the model inputs (previous applications, credits at other lenders, late months), filtered,
 * sorted and paged in one pass. 9,000 clients fit easily; a sort order is computed once per column
 * and direction, so a page costs one scan over the rows.
 */

export const SORT_COLUMNS = [
  'id', 'age_years', 'income', 'credit_amount', 'annuity', 'probability',
  'previous_applications', 'bureau_credits', 'late_months',
] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];
export type Dataset = 'train' | 'new';

/** Numeric columns a range filter applies to: query key prefix -> column. */
export const RANGE_COLUMNS = {
  age: 'age_years',
  income: 'income',
  credit: 'credit_amount',
  previous_applications: 'previous_applications',
  bureau_credits: 'bureau_credits',
  late_months: 'late_months',
} as const satisfies Record<string, SortColumn>;
export type RangeKey = keyof typeof RANGE_COLUMNS;

export interface ClientQuery {
  limit: number;
  offset: number;
  sort: SortColumn;
  descending: boolean;
  q?: string;
  dataset?: Dataset;
  contractType?: string;
  gender?: string;
  /** Probability bounds: the route turns ?decision= into them with the model's threshold. */
  probabilityMin?: number;
  probabilityBelow?: number;
  ranges?: Partial<Record<RangeKey, { min?: number; max?: number }>>;
  /** Review filter (routes/review-filter.ts): only these ids, or all but these. */
  ids?: { only: boolean; ids: string[] };
}

export interface ClientSummary {
  id: number;
  dataset: Dataset;
  gender: string | null;
  age_years: number | null;
  income: number | null;
  credit_amount: number | null;
  annuity: number | null;
  contract_type: string | null;
  /** LightGBM probability recorded at export (the list shows it without running the model). */
  probability: number;
  /** Rows in previous_application (null: none on record). */
  previous_applications: number | null;
  /** Credits reported by other lenders (bureau rows; null: none on record). */
  bureau_credits: number | null;
  /** Months with a late payment on previous POS/cash loans and cards here (null: no such history). */
  late_months: number | null;
}

/** Model inputs the history counts are read from (features.json names). */
export const HISTORY_FEATURES = {
  previousApplications: 'PREV_APPLICATION_COUNT',
  bureauCredits: 'BUREAU_CREDIT_COUNT',
  posMonths: 'POS_MONTH_COUNT',
  posLateShare: 'POS_LATE_MONTH_SHARE',
  cardMonths: 'CC_MONTH_COUNT',
  cardLateShare: 'CC_LATE_MONTH_SHARE',
} as const;

type HistoryCounts = Pick<ClientSummary, 'previous_applications' | 'bureau_credits' | 'late_months'>;

/**
 * History counts of one client from its model inputs (NaN = missing). A late-month share times its
 * month count is a whole number up to float32 rounding, hence the rounding.
 */
export function historyCounts(vector: ArrayLike<number>, index: ReadonlyMap<string, number>): HistoryCounts {
  const at = (name: string): number | null => {
    const i = index.get(name);
    const v = i === undefined ? NaN : vector[i]!;
    return Number.isFinite(v) ? v : null;
  };
  const late = (months: string, share: string): number | null => {
    const m = at(months);
    const s = at(share);
    return m === null || s === null ? null : Math.round(m * s);
  };
  const pos = late(HISTORY_FEATURES.posMonths, HISTORY_FEATURES.posLateShare);
  const card = late(HISTORY_FEATURES.cardMonths, HISTORY_FEATURES.cardLateShare);
  const count = (name: string) => {
    const v = at(name);
    return v === null ? null : Math.round(v);
  };
  return {
    previous_applications: count(HISTORY_FEATURES.previousApplications),
    bureau_credits: count(HISTORY_FEATURES.bureauCredits),
    late_months: pos === null && card === null ? null : (pos ?? 0) + (card ?? 0),
  };
}

function compareBy(column: SortColumn, descending: boolean): (a: ClientSummary, b: ClientSummary) => number {
  const sign = descending ? -1 : 1;
  return (a, b) => {
    const x = a[column] as number | null;
    const y = b[column] as number | null;
    // Missing values go last in both directions: "the most previous applications" starts with a number.
    if (x === null || y === null) {
      if (x !== y) return x === null ? 1 : -1;
    } else if (x !== y) {
      return sign * (x - y);
    }
    return sign * (a.id - b.id);
  };
}

function matches(row: ClientSummary, q: ClientQuery, ids: Set<number> | null): boolean {
  if (ids !== null && q.ids !== undefined && ids.has(row.id) !== q.ids.only) return false;
  if (q.q !== undefined && !String(row.id).startsWith(q.q)) return false;
  if (q.dataset !== undefined && row.dataset !== q.dataset) return false;
  if (q.contractType !== undefined && row.contract_type !== q.contractType) return false;
  if (q.gender !== undefined && row.gender !== q.gender) return false;
  if (q.probabilityMin !== undefined && !(row.probability >= q.probabilityMin)) return false;
  if (q.probabilityBelow !== undefined && !(row.probability < q.probabilityBelow)) return false;
  for (const [key, range] of Object.entries(q.ranges ?? {}) as Array<[RangeKey, { min?: number; max?: number }]>) {
    const value = row[RANGE_COLUMNS[key]];
    // A bound excludes clients without the value: "at least 5 bureau credits" cannot include unknowns.
    if (value === null) return false;
    if (range.min !== undefined && value < range.min) return false;
    if (range.max !== undefined && value > range.max) return false;
  }
  return true;
}

export class ClientList {
  private readonly orders = new Map<string, ClientSummary[]>();

  constructor(private readonly rows: readonly ClientSummary[]) {}

  get size(): number {
    return this.rows.length;
  }

  list(query: ClientQuery): { total: number; items: ClientSummary[] } {
    const ordered = this.ordered(query.sort, query.descending);
    const ids = query.ids === undefined ? null : new Set(query.ids.ids.map(Number));
    const items: ClientSummary[] = [];
    let total = 0;
    const end = query.offset + query.limit;
    for (const row of ordered) {
      if (!matches(row, query, ids)) continue;
      if (total >= query.offset && total < end) items.push(row);
      total++;
    }
    return { total, items };
  }

  private ordered(column: SortColumn, descending: boolean): ClientSummary[] {
    const key = `${column}:${descending}`;
    let order = this.orders.get(key);
    if (!order) {
      order = [...this.rows].sort(compareBy(column, descending));
      this.orders.set(key, order);
    }
    return order;
  }
}
