/**
 * The application schema artifact (features-sql/application-schema.json, written by model/):
 * every raw Kaggle column the feature SQL reads, per table, with its type, unit, labels,
 * allowed texts, plausible range, whether it is required, and an example. Parsed field by
 * field so a bad artifact stops the server at start-up with the field named.
 */
import { ArtifactError } from '../store/artifact-schemas.js';

/** Source tables in the Kaggle vocabulary; bureau_balance travels nested inside each bureau credit. */
export const TABLE_NAMES = [
  'application', 'bureau', 'bureau_balance', 'previous_application', 'POS_CASH_balance', 'credit_card_balance', 'installments_payments',
] as const;
export type TableName = (typeof TABLE_NAMES)[number];
/** Tables a request carries as top-level arrays (bureau_balance is nested in bureau). */
export const HISTORY_TABLES = ['bureau', 'previous_application', 'POS_CASH_balance', 'credit_card_balance', 'installments_payments'] as const;
export type HistoryTable = (typeof HISTORY_TABLES)[number];

export const COLUMN_TYPES = ['number', 'integer', 'category', 'flag', 'days'] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

export interface ColumnSpec {
  name: string;
  type: ColumnType;
  unit: string | null;
  label: string;
  label_fr: string;
  description: string;
  /** Accepted texts of a category or flag column (exactly as the Kaggle CSVs write them). */
  allowed?: string[];
  allowed_fr?: string[];
  min?: number;
  max?: number;
  required: boolean;
  example: unknown;
}

export interface TableSpec {
  columns: ColumnSpec[];
  byName: Map<string, ColumnSpec>;
}

export interface ApplicationSchema {
  tables: Record<TableName, TableSpec>;
  /** Application columns without which no score is given. */
  required: string[];
  /** Application columns a what-if may change. */
  editable: string[];
  /** The document as written by model/, served unchanged by GET /v1/applications/schema. */
  document: Record<string, unknown>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalNumber(raw: Record<string, unknown>, key: string, where: string, fail: (m: string) => never): number | undefined {
  const value = raw[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(`${where}.${key} must be a finite number, got ${JSON.stringify(value)}`);
  return value as number;
}

function optionalTexts(raw: Record<string, unknown>, key: string, where: string, fail: (m: string) => never): string[] | undefined {
  const value = raw[key];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) fail(`${where}.${key} must be a list of texts`);
  return value as string[];
}

function parseColumn(raw: unknown, where: string, fail: (m: string) => never): ColumnSpec {
  if (!isRecord(raw)) return fail(`${where} must be an object`);
  const name = raw['name'];
  if (typeof name !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return fail(`${where}.name must be a column name, got ${JSON.stringify(name)}`);
  const type = raw['type'];
  if (typeof type !== 'string' || !(COLUMN_TYPES as readonly string[]).includes(type)) {
    fail(`${where} (${name}).type must be one of ${COLUMN_TYPES.join(', ')}, got ${JSON.stringify(type)}`);
  }
  const text = (key: string, fallback: string): string => (typeof raw[key] === 'string' && raw[key] !== '' ? raw[key] as string : fallback);
  const label = text('label', name);
  const spec: ColumnSpec = {
    name,
    type: type as ColumnType,
    unit: typeof raw['unit'] === 'string' ? raw['unit'] : null,
    label,
    label_fr: text('label_fr', label),
    description: text('description', ''),
    required: raw['required'] === true,
    example: raw['example'] ?? null,
  };
  const allowed = optionalTexts(raw, 'allowed', `${where} (${name})`, fail);
  if (allowed) spec.allowed = allowed;
  const allowedFr = optionalTexts(raw, 'allowed_fr', `${where} (${name})`, fail);
  if (allowedFr) spec.allowed_fr = allowedFr;
  if (spec.type === 'category' && !allowed) fail(`${where} (${name}) is a category without allowed values`);
  const min = optionalNumber(raw, 'min', `${where} (${name})`, fail);
  const max = optionalNumber(raw, 'max', `${where} (${name})`, fail);
  if (min !== undefined) spec.min = min;
  if (max !== undefined) spec.max = max;
  if (min !== undefined && max !== undefined && min > max) fail(`${where} (${name}) has min ${min} > max ${max}`);
  return spec;
}

function columnList(raw: unknown, key: string, application: TableSpec, fail: (m: string) => never): string[] {
  if (!Array.isArray(raw) || raw.some((v) => typeof v !== 'string')) return fail(`${key} must be a list of application column names`);
  for (const name of raw as string[]) if (!application.byName.has(name)) fail(`${key} names ${name}, which is not an application column`);
  return raw as string[];
}

/** Parse and check application-schema.json; throws ArtifactError naming the file and field. */
export function parseApplicationSchema(raw: unknown, file: string): ApplicationSchema {
  const fail = (reason: string): never => {
    throw new ArtifactError(file, reason);
  };
  if (!isRecord(raw) || !isRecord(raw['tables'])) return fail('must be {"tables": {...}, "required": [...], "editable": [...]}');
  const rawTables = raw['tables'];
  const tables = {} as Record<TableName, TableSpec>;
  for (const table of TABLE_NAMES) {
    const entry = rawTables[table];
    // An optional table the SQL does not read may be absent: it then accepts no rows.
    const rawColumns = isRecord(entry) ? entry['columns'] : table === 'application' ? undefined : [];
    if (!Array.isArray(rawColumns)) return fail(`tables.${table}.columns must be a list`);
    const columns = rawColumns.map((c, i) => parseColumn(c, `tables.${table}.columns[${i}]`, fail));
    const byName = new Map<string, ColumnSpec>();
    for (const c of columns) {
      if (byName.has(c.name)) fail(`tables.${table} lists ${c.name} twice`);
      byName.set(c.name, c);
    }
    tables[table] = { columns, byName };
  }
  for (const name of Object.keys(rawTables)) {
    if (!(TABLE_NAMES as readonly string[]).includes(name)) fail(`tables.${name} is not a Kaggle table the API knows`);
  }
  const required = columnList(raw['required'], 'required', tables.application, fail);
  const editable = columnList(raw['editable'] ?? [], 'editable', tables.application, fail);
  return { tables, required, editable, document: raw };
}
