/**
 * Request schemas of the applications endpoints (single, batch, what-if), built on the
 * application body parser. A batch reports each invalid application in its own result;
 * a what-if change must name an editable application field with a valid value.
 */
import type { FieldError } from '../errors.js';
import { ErrorList, parseApplication, parseCell, type RawApplication } from '../features/application-body.js';
import type { ApplicationSchema } from '../features/application-schema.js';
import type { FieldChange } from '../services/applications.js';
import { parseEnumParam, parseIntParam, rejectUnknown, type RawParam } from './fields.js';
import { queryDefaults } from './queries.js';

export const applicationRequestDefaults = {
  maxApplications: 1000,
  maxChanges: 20,
} as const;

export interface ExplainQuery {
  explain: boolean;
  top: number;
}

/** ?explain=true|false&top=1..50 */
export function parseExplainQuery(raw: Record<string, RawParam>, errors: FieldError[]): ExplainQuery {
  rejectUnknown(raw, ['explain', 'top'], errors);
  const explain = parseEnumParam(raw['explain'], 'explain', ['true', 'false'] as const, errors) === 'true';
  const top = parseIntParam(raw['top'], 'top', 1, queryDefaults.maxTop, queryDefaults.top, errors);
  return { explain, top };
}

/** ?top=1..50 (what-if answers carry groups, not contributions: top is not used). */
export function parseWhatIfQuery(raw: Record<string, RawParam>, errors: FieldError[]): undefined {
  rejectUnknown(raw, [], errors);
  return undefined;
}

export function parseApplicationRequest(schema: ApplicationSchema, body: unknown, errors: FieldError[]): RawApplication {
  return parseApplication(schema, body, new ErrorList(errors)) ?? { tables: emptyTables() };
}

export type BatchItem = { ok: true; application: RawApplication } | { ok: false; id?: string | number; errors: FieldError[] };

/** {applications: [...]} (1 to 1,000); each item parsed on its own so one bad item fails alone. */
export function parseBatchRequest(schema: ApplicationSchema, body: unknown, errors: FieldError[]): BatchItem[] {
  const list = new ErrorList(errors);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    list.add('body', 'must be a JSON object {"applications": [...]}', body);
    return [];
  }
  for (const key of Object.keys(body)) if (key !== 'applications') list.add(key, 'unknown property', (body as Record<string, unknown>)[key]);
  const items = (body as Record<string, unknown>)['applications'];
  if (!Array.isArray(items) || items.length < 1 || items.length > applicationRequestDefaults.maxApplications) {
    list.add('applications', `must be an array of 1 to ${applicationRequestDefaults.maxApplications} applications`, Array.isArray(items) ? `array(${items.length})` : items);
    return [];
  }
  return items.map((item, i): BatchItem => {
    const own: FieldError[] = [];
    const application = parseApplication(schema, item, new ErrorList(own), `applications[${i}].`);
    if (application) return { ok: true, application };
    const id = (item as Record<string, unknown> | null)?.['id'];
    return { ok: false, ...(typeof id === 'string' || typeof id === 'number' ? { id } : {}), errors: own };
  });
}

/** changes: {FIELD: value}; each field editable, each value valid for its column. */
export function parseChanges(schema: ApplicationSchema, raw: unknown, list: ErrorList): FieldChange[] {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    list.add('changes', 'is required: an object {"<application field>": value}', raw ?? null);
    return [];
  }
  const entries = Object.entries(raw);
  if (entries.length < 1 || entries.length > applicationRequestDefaults.maxChanges) {
    list.add('changes', `must change 1 to ${applicationRequestDefaults.maxChanges} fields`, `object(${entries.length})`);
    return [];
  }
  const out: FieldChange[] = [];
  for (const [field, value] of entries) {
    const where = `changes.${field}`;
    const column = schema.tables.application.byName.get(field);
    if (!column) {
      list.add(where, 'unknown application field', value);
      continue;
    }
    if (!schema.editable.includes(field)) {
      list.add(where, `is not editable in a what-if; editable: ${schema.editable.join(', ')}`, value);
      continue;
    }
    const cell = parseCell(column, value, where, list);
    if (cell === undefined) continue;
    if (cell === null && schema.required.includes(field)) {
      list.add(where, 'is required: it cannot be removed', null);
      continue;
    }
    out.push({ field, value: cell });
  }
  return out;
}

export interface ApplicationWhatIf {
  application: RawApplication;
  changes: FieldChange[];
}

/** POST /v1/applications/what-if: the application body plus `changes`. */
export function parseApplicationWhatIf(schema: ApplicationSchema, body: unknown, errors: FieldError[]): ApplicationWhatIf {
  const list = new ErrorList(errors);
  const application = parseApplication(schema, body, list, '', ['changes']) ?? { tables: emptyTables() };
  const changes = parseChanges(schema, (body as Record<string, unknown> | null)?.['changes'], list);
  return { application, changes };
}

/** POST /v1/clients/{id}/what-if: {changes}. */
export function parseClientWhatIf(schema: ApplicationSchema, body: unknown, errors: FieldError[]): FieldChange[] {
  const list = new ErrorList(errors);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    list.add('body', 'must be a JSON object {"changes": {...}}', body);
    return [];
  }
  for (const key of Object.keys(body)) if (key !== 'changes') list.add(key, 'unknown property', (body as Record<string, unknown>)[key]);
  return parseChanges(schema, (body as Record<string, unknown>)['changes'], list);
}

function emptyTables(): RawApplication['tables'] {
  return { application: [], bureau: [], bureau_balance: [], previous_application: [], POS_CASH_balance: [], credit_card_balance: [], installments_payments: [] };
}
