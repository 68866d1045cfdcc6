/**
 * The state of the "new application" form, kept as the API body itself (values exactly as the
 * Kaggle files write them) plus what the advisor typed and the reasons a field is refused.
 * Pure functions: the page owns one FormState and replaces it on every edit.
 */
import type { ApplicationBody, ApplicationSchema, HistoryTable, RawRow, RawValue, SchemaColumn } from '../api/application-types.js';
import { historyTables } from '../api/application-types.js';
import type { Locale } from '../i18n/messages.js';
import { daysDisplay, defaults as unitDefaults, formatInputNumber, fromDays, parseLocaleNumber, toDays } from './units.js';

/** Why a field is refused: the form could not read the text, or the API said why (its 400 reason). */
export type FieldIssue = { source: 'form'; code: 'number' | 'integer' } | { source: 'api'; message: string; value?: unknown };

export interface FormState {
  id?: string | number;
  application: Record<string, RawValue>;
  history: Partial<Record<HistoryTable, RawRow[]>>;
  /** What the advisor typed, by field key ("application.AMT_CREDIT", "bureau[0].DAYS_CREDIT"). */
  texts: Record<string, string>;
  issues: Record<string, FieldIssue>;
}

export function emptyForm(): FormState {
  return { application: {}, history: {}, texts: {}, issues: {} };
}

export interface FieldRef {
  table: 'application' | HistoryTable;
  row?: number;
  column: string;
}

/** "application.AMT_CREDIT" / "bureau[2].AMT_CREDIT_SUM"; a nested path (bureau_balance) is not a form field. */
export function parseFieldKey(key: string): FieldRef | null {
  const app = /^application\.([A-Za-z0-9_]+)$/.exec(key);
  if (app) return { table: 'application', column: app[1]! };
  const row = /^([A-Za-z_]+)\[(\d+)\]\.([A-Za-z0-9_]+)$/.exec(key);
  if (row && (historyTables as readonly string[]).includes(row[1]!)) {
    return { table: row[1] as HistoryTable, row: Number(row[2]), column: row[3]! };
  }
  return null;
}

export function fieldKey(ref: FieldRef): string {
  return ref.table === 'application' ? `application.${ref.column}` : `${ref.table}[${ref.row ?? 0}].${ref.column}`;
}

export function columnOf(schema: ApplicationSchema, table: string, name: string): SchemaColumn | undefined {
  return schema.tables[table as keyof ApplicationSchema['tables']]?.columns.find((c) => c.name === name);
}

export function getValue(state: FormState, ref: FieldRef): RawValue {
  if (ref.table === 'application') return state.application[ref.column] ?? null;
  const value = state.history[ref.table]?.[ref.row ?? 0]?.[ref.column];
  return value === undefined || Array.isArray(value) ? null : value;
}

/** Flags without text values in the schema are the 0/1 integers of the Kaggle files. */
const isNumericFlag = (column: SchemaColumn) => column.type === 'flag' && !column.allowed?.length;

export type Parsed = { ok: true; value: RawValue } | { ok: false; code: 'number' | 'integer' };

/** The API value of what the advisor typed or chose in one field. */
export function parseInput(column: SchemaColumn, table: string, text: string): Parsed {
  const t = text.trim();
  if (t === '') return { ok: true, value: null };
  if (column.type === 'category' || (column.type === 'flag' && !isNumericFlag(column))) return { ok: true, value: t };
  const n = parseLocaleNumber(t);
  if (n === null) return { ok: false, code: 'number' };
  if (column.type === 'days') return { ok: true, value: toDays(n, daysDisplay(table, column.name)) };
  if ((column.type === 'integer' || isNumericFlag(column)) && !Number.isInteger(n)) return { ok: false, code: 'integer' };
  return { ok: true, value: n };
}

/** The text an input shows for an API value (years or months for DAYS_* columns). */
export function displayText(column: SchemaColumn, table: string, value: RawValue, locale: Locale): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (column.type === 'days') {
    if (column.name === 'DAYS_EMPLOYED' && value === unitDefaults.notEmployedDays) return '';
    return formatInputNumber(fromDays(value, daysDisplay(table, column.name)), locale, 1);
  }
  return formatInputNumber(value, locale);
}

/** The text shown in a field: what the advisor typed, else the value in their units. */
export function fieldText(state: FormState, column: SchemaColumn, ref: FieldRef, locale: Locale): string {
  return state.texts[fieldKey(ref)] ?? displayText(column, ref.table, getValue(state, ref), locale);
}

function withValue(state: FormState, ref: FieldRef, value: RawValue): FormState {
  if (ref.table === 'application') return { ...state, application: { ...state.application, [ref.column]: value } };
  const rows = [...(state.history[ref.table] ?? [])];
  rows[ref.row ?? 0] = { ...(rows[ref.row ?? 0] ?? {}), [ref.column]: value };
  return { ...state, history: { ...state.history, [ref.table]: rows } };
}

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  const { [key]: _drop, ...rest } = record;
  return rest;
}

/** Apply what the advisor typed: the value when readable, else a form issue (and the value is left out). */
export function setField(state: FormState, column: SchemaColumn, ref: FieldRef, text: string): FormState {
  const key = fieldKey(ref);
  const parsed = parseInput(column, ref.table, text);
  const next = withValue({ ...state, texts: { ...state.texts, [key]: text }, issues: without(state.issues, key) }, ref, parsed.ok ? parsed.value : null);
  return parsed.ok ? next : { ...next, issues: { ...next.issues, [key]: { source: 'form', code: parsed.code } } };
}

/** "Not employed / pensioner": Kaggle's placeholder 365243 in DAYS_EMPLOYED. */
export function setNotEmployed(state: FormState, notEmployed: boolean): FormState {
  const ref: FieldRef = { table: 'application', column: 'DAYS_EMPLOYED' };
  const key = fieldKey(ref);
  const cleared = { ...state, texts: without(state.texts, key), issues: without(state.issues, key) };
  return withValue(cleared, ref, notEmployed ? unitDefaults.notEmployedDays : null);
}

export function isNotEmployed(state: FormState): boolean {
  return state.application['DAYS_EMPLOYED'] === unitDefaults.notEmployedDays;
}

/**
 * Add or remove a history row. Keys of the rows after a removed one shift, so their typed texts
 * and issues are dropped (the values stay, and show in the advisor's units).
 */
export function addRow(state: FormState, table: HistoryTable): FormState {
  return { ...state, history: { ...state.history, [table]: [...(state.history[table] ?? []), {}] } };
}

export function removeRow(state: FormState, table: HistoryTable, index: number): FormState {
  const rows = (state.history[table] ?? []).filter((_, i) => i !== index);
  const prefix = `${table}[`;
  const keep = (key: string) => !key.startsWith(prefix);
  const filter = <T>(r: Record<string, T>) => Object.fromEntries(Object.entries(r).filter(([k]) => keep(k)));
  return { ...state, history: { ...state.history, [table]: rows }, texts: filter(state.texts), issues: filter(state.issues) };
}

/** Field keys the form cannot read: nothing is sent while there is one. */
export function formIssues(state: FormState): string[] {
  return Object.entries(state.issues).filter(([, i]) => i.source === 'form').map(([k]) => k);
}

/**
 * History rows the advisor added but left empty. Sent, an empty row would still count as a
 * credit (BUREAU_COUNT, …): the form asks to fill it in or remove it instead.
 */
export function emptyRows(state: FormState): { table: HistoryTable; row: number }[] {
  const out: { table: HistoryTable; row: number }[] = [];
  for (const table of historyTables) {
    (state.history[table] ?? []).forEach((r, row) => {
      if (Object.values(r).every((v) => v === null || v === undefined || v === '')) out.push({ table, row });
    });
  }
  return out;
}

const present = (row: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(row).filter(([, v]) => v !== null && v !== undefined && v !== ''));

/** The body of POST /v1/applications: missing values left out, every history row kept (the API's paths index them). */
export function toBody(state: FormState): ApplicationBody {
  const body: ApplicationBody = { application: present(state.application) as Record<string, RawValue> };
  if (state.id !== undefined) body.id = state.id;
  for (const table of historyTables) {
    const rows = state.history[table];
    if (rows?.length) body[table] = rows.map((r) => present(r) as RawRow);
  }
  return body;
}

/** A form filled from an application body (an imported file), keeping the values exactly. */
export function fromBody(body: ApplicationBody): FormState {
  const state: FormState = { ...emptyForm(), application: { ...body.application } };
  if (body.id !== undefined) state.id = body.id;
  for (const table of historyTables) {
    const rows = body[table];
    if (rows?.length) state.history[table] = rows.map((r) => ({ ...r }));
  }
  return state;
}

/** The API's 400 reasons, set on their fields (replacing earlier API reasons; the form's own stay). */
export function applyApiErrors(state: FormState, errors: { field: string; message: string; value?: unknown }[]): FormState {
  const issues = Object.fromEntries(Object.entries(state.issues).filter(([, i]) => i.source === 'form'));
  for (const e of errors) issues[e.field] ??= { source: 'api', message: e.message, value: e.value };
  return { ...state, issues };
}

export function clearApiErrors(state: FormState): FormState {
  return applyApiErrors(state, []);
}
