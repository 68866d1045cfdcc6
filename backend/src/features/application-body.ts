/**
 * Parses one application as a lender holds it (the Kaggle vocabulary) against the
 * application schema: unknown column, wrong type, implausible value, unknown category,
 * history rows that belong to no credit or another applicant, and missing required
 * fields are each named in errors[] with the value received. The result is the raw rows
 * per table, ready for the feature engine; nothing here computes a model input.
 */
import type { FieldError } from '../errors.js';
import { safeFieldName } from '../schemas/fields.js';
import { HISTORY_TABLES, type ApplicationSchema, type ColumnSpec, type TableName } from './application-schema.js';

export type Cell = number | string | null;
export type Row = Record<string, Cell>;

/** One application's raw rows per table (bureau_balance flattened, keyed by SK_ID_BUREAU). */
export interface RawApplication {
  id?: string | number;
  tables: Record<TableName, Row[]>;
}

export const bodyLimits = {
  /** History rows of one application, all tables together (a long real history is a few thousand). */
  maxHistoryRows: 20_000,
  maxIdLength: 100,
  maxErrors: 100,
  /** Longest text echoed back in errors[].value. */
  maxEchoLength: 80,
} as const;

/** Join keys: accepted in every table that holds them, positive integers, never model inputs. */
export const KEY_COLUMNS = ['SK_ID_CURR', 'SK_ID_BUREAU', 'SK_ID_PREV'] as const;
const KEYS: ReadonlySet<string> = new Set(KEY_COLUMNS);
const APPLICATION_KEYS = ['id', 'application', ...HISTORY_TABLES] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What errors[].value shows: the value itself, shortened when long, or its kind for objects. */
export function echo(value: unknown): unknown {
  if (typeof value === 'string') return value.length > bodyLimits.maxEchoLength ? `${value.slice(0, bodyLimits.maxEchoLength)}…` : value;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return value;
  if (Array.isArray(value)) return `array(${value.length})`;
  return typeof value === 'object' ? 'object' : String(value);
}

export class ErrorList {
  readonly items: FieldError[];
  constructor(items: FieldError[]) {
    this.items = items;
  }
  add(field: string, message: string, value?: unknown): void {
    if (this.items.length >= bodyLimits.maxErrors) return;
    const error: FieldError = { field: safeFieldName(field), message };
    if (arguments.length > 2) error.value = echo(value);
    this.items.push(error);
  }
}

function rangeText(spec: ColumnSpec): string {
  if (spec.min !== undefined && spec.max !== undefined) return `between ${spec.min} and ${spec.max}`;
  return spec.min !== undefined ? `at least ${spec.min}` : `at most ${spec.max}`;
}

/** One cell checked against its column; undefined when invalid (the error is recorded). */
export function parseCell(spec: ColumnSpec, value: unknown, field: string, errors: ErrorList): Cell | undefined {
  if (value === null) return null;
  if (spec.type === 'category' || (spec.type === 'flag' && spec.allowed)) {
    if (typeof value !== 'string') {
      errors.add(field, `must be a text, one of ${spec.allowed!.slice(0, 8).map((a) => JSON.stringify(a)).join(', ')}${spec.allowed!.length > 8 ? ', …' : ''}`, value);
      return undefined;
    }
    if (!spec.allowed!.includes(value)) {
      errors.add(field, `unknown ${spec.type === 'flag' ? 'flag value' : 'category'}; allowed: ${spec.allowed!.join(', ')}`.slice(0, 400), value);
      return undefined;
    }
    return value;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    errors.add(field, spec.type === 'flag' ? 'must be 0 or 1' : 'must be a number', value);
    return undefined;
  }
  if (spec.type === 'flag' && value !== 0 && value !== 1) {
    errors.add(field, 'must be 0 or 1', value);
    return undefined;
  }
  if ((spec.type === 'integer' || spec.type === 'days') && !Number.isInteger(value)) {
    errors.add(field, spec.type === 'days' ? 'must be a whole number of days' : 'must be an integer', value);
    return undefined;
  }
  if ((spec.min !== undefined && value < spec.min) || (spec.max !== undefined && value > spec.max)) {
    errors.add(field, `implausible value: must be ${rangeText(spec)}${spec.unit ? ` (${spec.unit})` : ''}`, value);
    return undefined;
  }
  return value;
}

function parseKey(value: unknown, field: string, errors: ErrorList): number | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return value;
  errors.add(field, 'must be a positive integer', value);
  return undefined;
}

/** One row of `table`: known columns only, each cell checked; keys kept as given. */
function parseRow(schema: ApplicationSchema, table: TableName, raw: unknown, where: string, errors: ErrorList, nested: string[] = []): Row | undefined {
  if (!isRecord(raw)) {
    errors.add(where, 'must be an object {"<column>": value}', raw);
    return undefined;
  }
  const spec = schema.tables[table];
  const row: Row = {};
  for (const [name, value] of Object.entries(raw)) {
    if (nested.includes(name)) continue;
    if (KEYS.has(name)) {
      if (value === null) continue;
      const key = parseKey(value, `${where}.${name}`, errors);
      if (key !== undefined) row[name] = key;
      continue;
    }
    const column = spec.byName.get(name);
    if (!column) {
      errors.add(`${where}.${name}`, `unknown column of ${table}`, value);
      continue;
    }
    const cell = parseCell(column, value, `${where}.${name}`, errors);
    if (cell !== undefined) row[name] = cell;
  }
  return row;
}

function parseId(raw: unknown, errors: ErrorList): string | number | undefined {
  if (raw === undefined) return undefined;
  if ((typeof raw === 'string' && raw.length <= bodyLimits.maxIdLength) || (typeof raw === 'number' && Number.isFinite(raw))) return raw;
  errors.add('id', `must be a string (at most ${bodyLimits.maxIdLength} characters) or a number`, raw);
  return undefined;
}

function emptyTables(): Record<TableName, Row[]> {
  return {
    application: [], bureau: [], bureau_balance: [], previous_application: [], POS_CASH_balance: [], credit_card_balance: [], installments_payments: [],
  };
}

/** Every given SK_ID_CURR must be the applicant's: a row of another applicant is refused. */
function checkApplicant(tables: Record<TableName, Row[]>, prefix: string, errors: ErrorList): void {
  const own = tables.application[0]?.['SK_ID_CURR'];
  for (const table of HISTORY_TABLES) {
    tables[table].forEach((row, i) => {
      const given = row['SK_ID_CURR'];
      if (given !== undefined && own !== undefined && given !== own) {
        errors.add(`${prefix}${table}[${i}].SK_ID_CURR`, `belongs to another applicant (application.SK_ID_CURR is ${own})`, given);
      }
    });
  }
}

/** Ids of the credits an application lists must be unique, or their months would mix. */
function checkUnique(rows: Row[], key: string, where: string, errors: ErrorList): void {
  const seen = new Set<Cell>();
  rows.forEach((row, i) => {
    const id = row[key];
    if (id === undefined) return;
    if (seen.has(id)) errors.add(`${where}[${i}].${key}`, `repeats a ${key} listed earlier`, id);
    seen.add(id);
  });
}

function parseArray(value: unknown, where: string, errors: ErrorList): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    errors.add(where, 'must be an array of rows', value);
    return [];
  }
  return value;
}

function parseBureau(schema: ApplicationSchema, raw: unknown, prefix: string, tables: Record<TableName, Row[]>, errors: ErrorList): void {
  const months: Array<{ month: Row; parent: Row }> = [];
  parseArray(raw, `${prefix}bureau`, errors).forEach((item, i) => {
    const where = `${prefix}bureau[${i}]`;
    const row = parseRow(schema, 'bureau', item, where, errors, ['bureau_balance']);
    if (!row) return;
    tables.bureau.push(row);
    parseArray((item as Record<string, unknown>)['bureau_balance'], `${where}.bureau_balance`, errors).forEach((m, j) => {
      const month = parseRow(schema, 'bureau_balance', m, `${where}.bureau_balance[${j}]`, errors);
      if (!month) return;
      const own = row['SK_ID_BUREAU'];
      if (month['SK_ID_BUREAU'] !== undefined && own !== undefined && month['SK_ID_BUREAU'] !== own) {
        errors.add(`${where}.bureau_balance[${j}].SK_ID_BUREAU`, `references no credit of the application (this credit is SK_ID_BUREAU ${own})`, month['SK_ID_BUREAU']);
      }
      months.push({ month, parent: row });
    });
  });
  checkUnique(tables.bureau, 'SK_ID_BUREAU', `${prefix}bureau`, errors);
  assignMissingKeys(tables.bureau, 'SK_ID_BUREAU', tables.bureau);
  // A month belongs to the credit it is nested in.
  for (const { month, parent } of months) {
    month['SK_ID_BUREAU'] = parent['SK_ID_BUREAU']!;
    tables.bureau_balance.push(month);
  }
}

/** Credits sent without their id get one above every id of the application, so nothing links to them by accident. */
function assignMissingKeys(rows: Row[], key: string, ...scope: Row[][]): void {
  let next = 0;
  for (const list of scope) for (const row of list) if (typeof row[key] === 'number') next = Math.max(next, row[key] as number);
  for (const row of rows) if (row[key] === undefined) row[key] = ++next;
}

/** Monthly rows of previous credits name their credit (SK_ID_PREV): without it, they belong to none. */
function requirePrev(tables: Record<TableName, Row[]>, prefix: string, errors: ErrorList): void {
  for (const table of ['POS_CASH_balance', 'credit_card_balance', 'installments_payments'] as const) {
    tables[table].forEach((row, i) => {
      if (row['SK_ID_PREV'] === undefined) errors.add(`${prefix}${table}[${i}].SK_ID_PREV`, 'is required: the previous credit this row belongs to', null);
    });
  }
}

/**
 * Parse one application body `{id?, application: {...}, bureau?: [...], ...}`.
 * `prefix` locates it in a batch ("applications[3]."); `extraKeys` are accepted top-level
 * keys handled by the caller (e.g. "changes" of a what-if).
 */
export function parseApplication(schema: ApplicationSchema, body: unknown, errors: ErrorList, prefix = '', extraKeys: readonly string[] = []): RawApplication | undefined {
  if (!isRecord(body)) {
    errors.add(prefix === '' ? 'body' : prefix.slice(0, -1), 'must be an object {"application": {...}, "bureau"?: [...], ...}', body);
    return undefined;
  }
  const before = errors.items.length;
  for (const key of Object.keys(body)) {
    if (!(APPLICATION_KEYS as readonly string[]).includes(key) && !extraKeys.includes(key)) errors.add(`${prefix}${key}`, 'unknown property', body[key]);
  }
  const id = parseId(body['id'], errors);
  const tables = emptyTables();
  const application = parseRow(schema, 'application', body['application'] ?? {}, `${prefix}application`, errors);
  if (application) {
    tables.application.push(application);
    missingRequired(schema, (body['application'] ?? {}) as Record<string, unknown>, `${prefix}application`, errors);
  }
  parseBureau(schema, body['bureau'], prefix, tables, errors);
  for (const table of ['previous_application', 'POS_CASH_balance', 'credit_card_balance', 'installments_payments'] as const) {
    parseArray(body[table], `${prefix}${table}`, errors).forEach((item, i) => {
      const row = parseRow(schema, table, item, `${prefix}${table}[${i}]`, errors);
      if (row) tables[table].push(row);
    });
  }
  checkUnique(tables.previous_application, 'SK_ID_PREV', `${prefix}previous_application`, errors);
  requirePrev(tables, prefix, errors);
  assignMissingKeys(tables.previous_application, 'SK_ID_PREV', tables.previous_application, tables.POS_CASH_balance,
    tables.credit_card_balance, tables.installments_payments);
  checkApplicant(tables, prefix, errors);
  const historyRows = HISTORY_TABLES.reduce((n, t) => n + tables[t].length, tables.bureau_balance.length);
  if (historyRows > bodyLimits.maxHistoryRows) errors.add(`${prefix}application`, `history too long: at most ${bodyLimits.maxHistoryRows} rows in all`, historyRows);
  if (errors.items.length > before) return undefined;
  const out: RawApplication = { tables };
  if (id !== undefined) out.id = id;
  return out;
}

/** Every missing required field is named at once: an under-specified application is never scored. */
function missingRequired(schema: ApplicationSchema, application: Record<string, unknown>, where: string, errors: ErrorList): void {
  for (const name of schema.required) {
    // A required field given with a bad value already has its error.
    if (application[name] === undefined || application[name] === null) {
      errors.add(`${where}.${name}`, `is required (${schema.tables.application.byName.get(name)?.label ?? name})`, null);
    }
  }
}
