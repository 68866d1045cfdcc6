/**
 * Import of an application exported by another tool: JSON in the API body shape, or CSV with
 * the Kaggle application columns (one header line, one application). Errors name the file,
 * the column and the row; columns the model's schema does not know are reported, not sent.
 */
import type { ApplicationBody, ApplicationSchema, RawRow, RawValue, SchemaColumn } from '../api/application-types.js';
import { historyTables } from '../api/application-types.js';

export class ImportError extends Error {
  constructor(
    readonly file: string,
    readonly code: 'json' | 'shape' | 'csv-empty' | 'csv-rows' | 'csv-quote' | 'csv-width' | 'number' | 'format',
    readonly details: { column?: string; row?: number; value?: string; count?: number; key?: string } = {},
  ) {
    super(`${file}: ${code}${details.column ? ` (column ${details.column}${details.row ? `, row ${details.row}` : ''}${details.value !== undefined ? `: "${details.value}"` : ''})` : ''}`);
    this.name = 'ImportError';
  }
}

export interface Imported {
  body: ApplicationBody;
  /** Application columns the schema does not know (TARGET, a typo): left out of the body. */
  ignored: string[];
}

/** Columns of Kaggle's application files that are not application data. */
const idColumn = 'SK_ID_CURR';
const labelColumns = new Set(['TARGET']);

/** Split CSV text (RFC 4180: quoted fields, doubled quotes, CRLF) into rows of fields. */
export function parseCsv(text: string, file: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 1; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field); field = '';
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
    } else field += c;
  }
  if (quoted) throw new ImportError(file, 'csv-quote', { row: rows.length + 1 });
  row.push(field);
  if (row.some((f) => f !== '')) rows.push(row);
  return rows;
}

const numericTypes = new Set(['number', 'integer', 'days']);
const isNumericColumn = (c: SchemaColumn) => numericTypes.has(c.type) || (c.type === 'flag' && !c.allowed?.length);

/** A CSV cell as the API value: empty = missing, numbers for numeric columns, text otherwise. */
function csvValue(column: SchemaColumn | undefined, text: string, file: string, row: number): RawValue {
  if (text === '') return null;
  if (!column || !isNumericColumn(column)) return text;
  const t = text.trim();
  const n = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t) ? Number(t) : Number.NaN;
  if (!Number.isFinite(n)) throw new ImportError(file, 'number', { column: column.name, row, value: text });
  return n;
}

function fromCsv(text: string, file: string, schema: ApplicationSchema): Imported {
  const rows = parseCsv(text, file);
  if (rows.length < 2) throw new ImportError(file, 'csv-empty');
  if (rows.length > 2) throw new ImportError(file, 'csv-rows', { count: rows.length - 1 });
  const [header, values] = rows as [string[], string[]];
  // Row numbers as a spreadsheet shows them: the header is line 1.
  if (values.length !== header.length) throw new ImportError(file, 'csv-width', { row: 2, count: values.length, value: String(header.length) });
  const known = new Map(schema.tables.application.columns.map((c) => [c.name, c]));
  const application: Record<string, RawValue> = {};
  const ignored: string[] = [];
  let id: string | number | undefined;
  header.forEach((rawName, i) => {
    const name = rawName.trim();
    const cell = values[i] ?? '';
    if (name === idColumn) {
      // The applicant's key: echoed back as the id, and kept so history rows can name it.
      if (cell !== '') id = /^\d+$/.test(cell) ? Number(cell) : cell;
      if (typeof id === 'number') application[idColumn] = id;
    } else if (labelColumns.has(name) || !known.has(name)) {
      ignored.push(name);
    } else {
      application[name] = csvValue(known.get(name), cell, file, 2);
    }
  });
  const body: ApplicationBody = { application };
  if (id !== undefined) body.id = id;
  return { body, ignored };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isRawValue = (v: unknown): v is RawValue => v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));

function fromJson(text: string, file: string, schema: ApplicationSchema): Imported {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ImportError(file, 'json');
  }
  if (!isRecord(parsed) || !isRecord(parsed['application'])) throw new ImportError(file, 'shape', { key: 'application' });
  const known = new Set(schema.tables.application.columns.map((c) => c.name));
  const application: Record<string, RawValue> = {};
  const ignored: string[] = [];
  for (const [name, value] of Object.entries(parsed['application'])) {
    if (!isRawValue(value)) throw new ImportError(file, 'format', { column: `application.${name}`, value: JSON.stringify(value) });
    if (name !== idColumn && (labelColumns.has(name) || !known.has(name))) ignored.push(name);
    else application[name] = value;
  }
  const body: ApplicationBody = { application };
  const id = parsed['id'];
  if (typeof id === 'string' || typeof id === 'number') body.id = id;
  for (const table of historyTables) {
    const rows = parsed[table];
    if (rows === undefined || rows === null) continue;
    if (!Array.isArray(rows) || !rows.every(isRecord)) throw new ImportError(file, 'shape', { key: table });
    // History rows go to the API as they are: its 400 names any bad value by its path.
    body[table] = rows as RawRow[];
  }
  return { body, ignored };
}

/** Read an application file: by extension, else by its first character. */
export function importApplication(file: string, text: string, schema: ApplicationSchema): Imported {
  const lower = file.toLowerCase();
  const looksJson = lower.endsWith('.json') || (!lower.endsWith('.csv') && /^\s*[{[]/.test(text));
  return looksJson ? fromJson(text, file, schema) : fromCsv(text, file, schema);
}
