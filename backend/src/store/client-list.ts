/**
 * The client list in SQL over the clients table (store format 2: the history counts are columns the
 * writer computed with historyCounts below, each sort column has an index). Nothing is held per
 * client, so memory does not grow with the book; a page walks an index, a count with filters scans.
 *
 * Measured (2 cores shared with other jobs, load average ~8; 50-row pages sorted by probability):
 * once its chunks are verified a first page costs ~1 ms at 9k, 100k, 356k and 3.5M clients; a page at
 * offset size/2 ~1 ms at 100k, ~90 ms at 356k, ~750 ms at 3.5M (OFFSET walks the index); a filter's
 * count (dataset + income range, a scan) ~15 ms at 9k, ~150-340 ms at 100k-356k, ~2.3 s at 3.5M, then
 * remembered (countCacheEntries) for the next pages of that filter. The first read of a row verifies
 * its chunk (store-checksum.ts): a cold first page spans up to 50 chunks, 0.4-2.5 s after start-up.
 */
import type Database from 'better-sqlite3';

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


/** Columns of a list row, in the order the API sends them. */
export const SUMMARY_COLUMNS = [
  'id', 'dataset', 'gender', 'age_years', 'income', 'credit_amount', 'annuity', 'contract_type', 'probability',
  'previous_applications', 'bureau_credits', 'late_months',
] as const;

export const clientListDefaults = {
  /** Totals remembered per filter: a grid pages the same filter many times, and a count with filters scans. */
  countCacheEntries: 64,
} as const;

interface Where {
  sql: string;
  params: unknown[];
}

/** The filters of a query as one WHERE clause (bound parameters only; column names come from fixed lists). */
export function whereOf(q: ClientQuery): Where {
  const terms: string[] = [];
  const params: unknown[] = [];
  if (q.ids !== undefined) {
    // json_each instead of a giant IN list: the review filter can hold every reviewed client.
    terms.push(`id ${q.ids.only ? 'IN' : 'NOT IN'} (SELECT value FROM json_each(?))`);
    params.push(JSON.stringify(q.ids.ids.map(Number).filter(Number.isFinite)));
  }
  if (q.q !== undefined) {
    terms.push("CAST(id AS TEXT) LIKE ? ESCAPE '\\'");
    params.push(`${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  }
  const equal = (column: string, value: string | undefined): void => {
    if (value === undefined) return;
    terms.push(`${column} = ?`);
    params.push(value);
  };
  equal('dataset', q.dataset);
  equal('contract_type', q.contractType);
  equal('gender', q.gender);
  if (q.probabilityMin !== undefined) {
    terms.push('probability >= ?');
    params.push(q.probabilityMin);
  }
  if (q.probabilityBelow !== undefined) {
    terms.push('probability < ?');
    params.push(q.probabilityBelow);
  }
  for (const [key, range] of Object.entries(q.ranges ?? {}) as Array<[RangeKey, { min?: number; max?: number }]>) {
    const column = RANGE_COLUMNS[key];
    // A bound excludes clients without the value: "at least 5 bureau credits" cannot include unknowns.
    terms.push(`${column} IS NOT NULL`);
    if (range.min !== undefined) {
      terms.push(`${column} >= ?`);
      params.push(range.min);
    }
    if (range.max !== undefined) {
      terms.push(`${column} <= ?`);
      params.push(range.max);
    }
  }
  return { sql: terms.join(' AND '), params };
}

function both(...terms: string[]): string {
  return terms.filter((t) => t !== '').join(' AND ');
}

function whereClause(terms: string): string {
  return terms === '' ? '' : `WHERE ${terms}`;
}

/**
 * The list over an open store. `visit` sees every row before it is returned (the store verifies its
 * chunk there, and may throw).
 */
export class SqlClientList {
  private readonly statements = new Map<string, Database.Statement>();
  private readonly counts = new Map<string, { total: number; known: number }>();

  constructor(private readonly db: Database.Database, private readonly size: number, private readonly visit: (id: number) => void = () => {}) {}

  list(query: ClientQuery): { total: number; items: ClientSummary[] } {
    if (!(SORT_COLUMNS as readonly string[]).includes(query.sort)) throw new Error(`unknown sort column ${String(query.sort)}`);
    const where = whereOf(query);
    const { total, known } = this.count(query.sort, where);
    const direction = query.descending ? 'DESC' : 'ASC';
    const items: ClientSummary[] = [];
    // Two segments so each walks the column's index (which orders ties by rowid = id): clients with the
    // value in the sort direction, then those without it, by id in the same direction.
    const segments = query.sort === 'id'
      ? [{ where: where.sql, order: `id ${direction}`, rows: total }]
      : [
          { where: both(where.sql, `${query.sort} IS NOT NULL`), order: `${query.sort} ${direction}, id ${direction}`, rows: known },
          { where: both(where.sql, `${query.sort} IS NULL`), order: `id ${direction}`, rows: total - known },
        ];
    let offset = query.offset;
    for (const segment of segments) {
      const wanted = query.limit - items.length;
      if (wanted <= 0) break;
      if (offset >= segment.rows) {
        offset -= segment.rows;
        continue;
      }
      // Ids first, then rows by primary key: without filters the id query walks the column's index
      // alone (covering), so a deep OFFSET skips index entries, not table rows.
      const sql = `SELECT id FROM clients ${whereClause(segment.where)} ORDER BY ${segment.order} LIMIT ? OFFSET ?`;
      for (const id of this.prepare(sql).pluck().all(...where.params, wanted, offset) as number[]) {
        items.push(this.prepare(`SELECT ${SUMMARY_COLUMNS.join(', ')} FROM clients WHERE id = ?`).get(id) as ClientSummary);
      }
      offset = 0;
    }
    for (const item of items) this.visit(item.id);
    return { total, items };
  }

  /** Matching clients, and how many of them have a value in the sort column. */
  private count(sort: SortColumn, where: Where): { total: number; known: number } {
    const key = `${sort}\u0000${where.sql}\u0000${JSON.stringify(where.params)}`;
    const cached = this.counts.get(key);
    if (cached) return cached;
    let result: { total: number; known: number };
    if (where.sql === '' && sort === 'id') {
      result = { total: this.size, known: this.size };
    } else if (where.sql === '') {
      // COUNT(column) walks the column's index, not the table.
      const known = (this.prepare(`SELECT COUNT(*) AS n FROM clients WHERE ${sort} IS NOT NULL`).get() as { n: number }).n;
      result = { total: this.size, known };
    } else {
      const known = sort === 'id' ? 'COUNT(*)' : `COUNT(${sort})`;
      const row = this.prepare(`SELECT COUNT(*) AS total, ${known} AS known FROM clients ${whereClause(where.sql)}`).get(...where.params) as { total: number; known: number };
      result = { total: row.total, known: row.known };
    }
    if (this.counts.size >= clientListDefaults.countCacheEntries) this.counts.delete(this.counts.keys().next().value!);
    this.counts.set(key, result);
    return result;
  }

  private prepare(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}
