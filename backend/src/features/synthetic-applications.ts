/**
 * Seeded synthetic applications built from the application schema, for the start-up check of
 * the evaluator (evaluator-startup.ts): every allowed category of every column, missing
 * optional columns, zero and extreme values within each column's range, values that round
 * differently to float32, DAYS_EMPLOYED's 365243 placeholder, empty, short and long
 * histories with repeated months. Not realistic applicants: inputs that reach every branch.
 */
import type { RawApplication, Row } from './application-body.js';
import { TABLE_NAMES, type ApplicationSchema, type ColumnSpec, type TableName } from './application-schema.js';
import { seededRandom } from '../runtime/seeded-random.js';

export const syntheticDefaults = {
  /** Share of optional cells left missing. */
  missing: 0.15,
  /** History lengths, cycled over the applications (rows per history table). */
  historySizes: [0, 1, 0, 3, 12, 40, 2, 100],
  /** Without a range, numbers are drawn within ±this. */
  defaultSpan: 1e6,
} as const;


/** One cell: the k-th allowed text of a category (so every text appears), or a number of the column's kind. */
function cell(spec: ColumnSpec, k: number, rnd: () => number): Row[string] {
  if (!spec.required && rnd() < syntheticDefaults.missing) return null;
  if (spec.allowed) return spec.allowed[k % spec.allowed.length]!;
  if (spec.type === 'flag') return rnd() < 0.5 ? 0 : 1;
  const min = spec.min ?? -syntheticDefaults.defaultSpan;
  const max = spec.max ?? syntheticDefaults.defaultSpan;
  const whole = spec.type === 'integer' || spec.type === 'days';
  const pick = rnd();
  let x: number;
  if (pick < 0.1) x = min;
  else if (pick < 0.2) x = max;
  else if (pick < 0.3) x = Math.min(max, Math.max(min, 0));
  // Small values near the bottom of the range (ratios, shares).
  else if (pick < 0.5) x = min + (max - min) * rnd() ** 6;
  else x = min + (max - min) * rnd();
  return whole ? Math.round(x) : x;
}

function row(spec: ApplicationSchema['tables'][TableName], k: number, rnd: () => number): Row {
  const out: Row = {};
  for (const column of spec.columns) {
    const value = cell(column, k, rnd);
    if (value !== null || rnd() < 0.5) out[column.name] = value;
  }
  return out;
}

function history(schema: ApplicationSchema, table: TableName, size: number, k: number, rnd: () => number, prevIds: number[]): Row[] {
  return Array.from({ length: size }, (_, i) => {
    const r = row(schema.tables[table], k + i, rnd);
    if (table !== 'previous_application' && prevIds.length > 0) r['SK_ID_PREV'] = prevIds[Math.floor(rnd() * prevIds.length)]!;
    // Repeated months of one loan: the definitions' tie rules (latest month, fewer instalments).
    if ('MONTHS_BALANCE' in r && rnd() < 0.3) r['MONTHS_BALANCE'] = -1;
    return r;
  });
}

/** `count` applications from the schema, the same for the same seed. */
export function syntheticApplications(schema: ApplicationSchema, count: number, seed: number): Array<{ label: string; app: RawApplication }> {
  const rnd = seededRandom(seed);
  const sizes = syntheticDefaults.historySizes;
  return Array.from({ length: count }, (_, k) => {
    const tables = Object.fromEntries(TABLE_NAMES.map((t) => [t, [] as Row[]])) as Record<TableName, Row[]>;
    const application = row(schema.tables.application, k, rnd);
    if (k % 7 === 3 && schema.tables.application.byName.has('DAYS_EMPLOYED')) application['DAYS_EMPLOYED'] = 365243;
    tables.application.push(application);
    // Every tenth applicant has no history at all; the others mix lengths across tables.
    const sizeOf = (offset: number): number => (k % 10 === 0 ? 0 : sizes[(k + offset) % sizes.length]!);
    tables.bureau = history(schema, 'bureau', sizeOf(0), k, rnd, []);
    tables.bureau.forEach((credit, i) => {
      credit['SK_ID_BUREAU'] = i + 1;
      const months = history(schema, 'bureau_balance', sizes[(k + i) % sizes.length]! % 24, k, rnd, []);
      for (const m of months) tables.bureau_balance.push({ ...m, SK_ID_BUREAU: i + 1 });
    });
    tables.previous_application = history(schema, 'previous_application', sizeOf(1), k, rnd, []);
    tables.previous_application.forEach((p, i) => {
      p['SK_ID_PREV'] = i + 1;
    });
    const prevIds = tables.previous_application.length > 0 ? tables.previous_application.map((p) => p['SK_ID_PREV'] as number) : [1, 2];
    for (const table of ['POS_CASH_balance', 'credit_card_balance', 'installments_payments'] as const) {
      tables[table] = history(schema, table, sizeOf(2), k, rnd, prevIds);
    }
    return { label: `synthetic application ${k} (seed ${seed})`, app: { id: `synthetic-${k}`, tables } };
  });
}
